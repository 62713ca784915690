"""What the installed cfn-lint's registry schemas say of some resource types.

Run by `cargo xtask spec-check`; argv: type names. Prints one JSON object:
type name -> {"properties": writable top-level property names,
"attributes": what `!GetAtt` accepts, "create_only": createOnlyProperties
below /properties/}, or null for a type cfn-lint does not know.
"""

import json
import sys

from cfnlint.schema import PROVIDER_SCHEMA_MANAGER

out = {}
for type_name in sys.argv[1:]:
    try:
        schema = PROVIDER_SCHEMA_MANAGER.get_resource_schema("us-east-1", type_name)
    except Exception:
        out[type_name] = None
        continue
    raw = schema.schema

    def pointers(key):
        return sorted(
            p[len("/properties/"):]
            for p in raw.get(key, [])
            if p.startswith("/properties/")
        )

    read_only = set(pointers("readOnlyProperties"))
    out[type_name] = {
        "properties": sorted(p for p in raw.get("properties", {}) if p not in read_only),
        "attributes": sorted(
            name.replace("\\", "") for name in schema.get_atts.keys() if ".*" not in name
        ),
        "create_only": pointers("createOnlyProperties"),
    }
json.dump(out, sys.stdout, indent=1, sort_keys=True)
