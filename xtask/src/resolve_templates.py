"""Write the long-form JSON of CloudFormation templates, as CloudFormation
resolves them: `cargo xtask guard` runs the Control Tower rules on both
forms, so a failure that only the short-form YAML shows (`!Ref`, `!GetAtt`
misread by a rule) is told apart from a real one.

usage: python3 -c SCRIPT OUT_DIR TEMPLATE...  (writes OUT_DIR/<stem>.json)
"""
import json
import os
import sys

from cfnlint.decode import decode

out_dir = sys.argv[1]
for path in sys.argv[2:]:
    template, matches = decode(path)
    if matches:
        sys.exit(f"{path}: {matches[0]}")
    stem = os.path.splitext(os.path.basename(path))[0]
    with open(os.path.join(out_dir, stem + ".json"), "w") as out:
        json.dump(template, out, indent=1, default=str)
