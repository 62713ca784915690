"""Copy CloudFormation resource provider schemas out of the installed cfn-lint.

Run by `cargo xtask vendor-schemas`; reads type names from argv, writes
schemas/aws/<Service>/<Resource>.json, schemas/aws/getatts.json,
schemas/aws/StatefulResources.json (cfn-lint's list of the types that hold
data, which `synth diff` grades replacements by) and schemas/aws/SOURCE.json. Codegen reads only those files, so building the
project never needs Python.
"""

import json
import os
import sys

import cfnlint
from cfnlint.schema import PROVIDER_SCHEMA_MANAGER
from cfnlint.version import __version__

out_dir = sys.argv[1]
types = sys.argv[2:]
getatts = {}
for type_name in types:
    schema = PROVIDER_SCHEMA_MANAGER.get_resource_schema("us-east-1", type_name)
    _, service, resource = type_name.split("::")
    path = os.path.join(out_dir, service, resource + ".json")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        json.dump(schema.schema, f, indent=2, sort_keys=True)
        f.write("\n")
    # cfn-lint's list is the most reliable account of what !GetAtt accepts:
    # readOnlyProperties plus per-type exceptions and all-properties types.
    getatts[type_name] = sorted(
        name.replace("\\", "") for name in schema.get_atts.keys() if ".*" not in name
    )
with open(os.path.join(out_dir, "getatts.json"), "w") as f:
    json.dump(getatts, f, indent=2, sort_keys=True)
    f.write("\n")
stateful_path = os.path.join(
    os.path.dirname(cfnlint.__file__), "data", "AdditionalSpecs", "StatefulResources.json"
)
with open(stateful_path) as f:
    stateful = json.load(f)
with open(os.path.join(out_dir, "StatefulResources.json"), "w") as f:
    json.dump(stateful, f, indent=2, sort_keys=True)
    f.write("\n")
with open(os.path.join(out_dir, "SOURCE.json"), "w") as f:
    json.dump(
        {
            "package": "cfn-lint",
            "version": __version__,
            "license": "MIT-0",
            "region": "us-east-1",
            "files": {
                "<Service>/<Resource>.json": "cfnlint.schema.PROVIDER_SCHEMA_MANAGER resource schemas",
                "getatts.json": "the GetAtt attributes cfn-lint accepts per type",
                "StatefulResources.json": "cfnlint/data/AdditionalSpecs/StatefulResources.json, copied whole",
            },
            "note": "Resource provider schemas as cfn-lint ships them (patched). Regenerate with `cargo xtask vendor-schemas`.",
        },
        f,
        indent=2,
    )
    f.write("\n")
