"""Copy out of the installed cfn-lint what the AWS service spec lacks.

Run by `cargo xtask vendor`; writes into the directory given as argv[1]:
- StatefulResources.json: cfnlint/data/AdditionalSpecs/StatefulResources.json,
  whole. The spec marks only 29 types stateful; this list is the one
  `synth diff` grades data loss by.
- enums.json: the string enumerations of the registry schemas, per type,
  keyed "<property type name or empty>/<property name>". The spec keeps
  `allowedValues` for only a few hundred properties; these make the rest
  Rust enums too.
- names.json: the length and pattern constraints of the top-level string
  properties that may name a resource (names ending in Name, Id or
  Identifier), per type; codegen keeps those of each type's naming
  property for `synth check`.
- SOURCE.json: the cfn-lint version.
"""

import json
import os
import sys

import cfnlint
from cfnlint.schema import PROVIDER_SCHEMA_MANAGER
from cfnlint.version import __version__

out_dir = sys.argv[1]


def dump(name, value):
    with open(os.path.join(out_dir, name), "w") as f:
        json.dump(value, f, indent=1, sort_keys=True)
        f.write("\n")


def string_enum(schema, definitions):
    """The enum of a property (or of its list items), if all strings."""
    seen = set()
    while "$ref" in schema and schema["$ref"] not in seen:
        seen.add(schema["$ref"])
        name = schema["$ref"].split("/")[-1]
        schema = definitions.get(name, {})
    if schema.get("type") == "array" and isinstance(schema.get("items"), dict):
        return string_enum(schema["items"], definitions)
    values = schema.get("enum")
    if values and all(isinstance(v, str) for v in values):
        return values
    return None


path = os.path.join(
    os.path.dirname(cfnlint.__file__), "data", "AdditionalSpecs", "StatefulResources.json"
)
with open(path) as f:
    dump("StatefulResources.json", json.load(f))

enums = {}
for type_name in sorted(PROVIDER_SCHEMA_MANAGER.get_resource_types("us-east-1")):
    schema = PROVIDER_SCHEMA_MANAGER.get_resource_schema("us-east-1", type_name).schema
    definitions = schema.get("definitions", {})
    found = {}
    owners = [("", schema)] + sorted(definitions.items())
    for owner, shape in owners:
        for prop, prop_schema in sorted(shape.get("properties", {}).items()):
            values = string_enum(prop_schema, definitions)
            if values:
                found[owner + "/" + prop] = values
    if found:
        enums[type_name] = found
dump("enums.json", enums)


def resolved(schema, definitions):
    """A property schema with its $ref chain followed."""
    seen = set()
    while "$ref" in schema and schema["$ref"] not in seen:
        seen.add(schema["$ref"])
        schema = definitions.get(schema["$ref"].split("/")[-1], {})
    return schema


names = {}
for type_name in sorted(PROVIDER_SCHEMA_MANAGER.get_resource_types("us-east-1")):
    schema = PROVIDER_SCHEMA_MANAGER.get_resource_schema("us-east-1", type_name).schema
    definitions = schema.get("definitions", {})
    found = {}
    for prop, prop_schema in sorted(schema.get("properties", {}).items()):
        if not prop.endswith(("Name", "Id", "Identifier")):
            continue
        shape = resolved(prop_schema, definitions)
        if shape.get("type") not in ("string", None):
            continue
        rule = {k: shape[k] for k in ("minLength", "maxLength", "pattern") if k in shape}
        if rule:
            found[prop] = rule
    if found:
        names[type_name] = found
dump("names.json", names)

dump(
    "SOURCE.json",
    {
        "package": "cfn-lint",
        "version": __version__,
        "license": "MIT-0",
        "region": "us-east-1",
        "files": {
            "StatefulResources.json": "cfnlint/data/AdditionalSpecs/StatefulResources.json, copied whole",
            "enums.json": "string enums of the registry schemas cfn-lint ships, per type",
            "names.json": "length and pattern of the top-level properties that may name a resource, per type",
        },
        "note": "What the AWS service spec lacks. Regenerate with `cargo xtask vendor`.",
    },
)
