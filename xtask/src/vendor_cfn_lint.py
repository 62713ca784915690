"""Copy out of the installed cfn-lint what the AWS service spec lacks.

Run by `cargo xtask vendor`; writes into the directory given as argv[1]:
- StatefulResources.json: cfnlint/data/AdditionalSpecs/StatefulResources.json,
  whole. The spec marks only 29 types stateful; this list is the one
  `synth diff` grades data loss by.
- enums.json: the string enumerations of the registry schemas, per type,
  keyed "<property type name or empty>/<property name>". The spec keeps
  `allowedValues` for only a few hundred properties; these make the rest
  Rust enums too.
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
        },
        "note": "What the AWS service spec lacks. Regenerate with `cargo xtask vendor`.",
    },
)
