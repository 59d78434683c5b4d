"""Exit 0 when every requirement in the file is installed (so setup.sh can stay silent)."""
import sys
from importlib import metadata

for line in open(sys.argv[1], encoding="utf-8"):
    name = line.split("#")[0].strip()
    if not name:
        continue
    for sep in ("==", ">=", "<=", "~=", "["):
        name = name.split(sep)[0]
    try:
        metadata.version(name.strip())
    except metadata.PackageNotFoundError:
        sys.exit(1)
