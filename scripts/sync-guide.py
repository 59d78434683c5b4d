#!/usr/bin/env python3
"""Copies each source file named by a `<!-- example: PATH -->` marker in docs/plugins.md into the
```swift block that follows the marker (GuideTests fails when they differ)."""
import os
import re

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
guide_path = os.path.join(root, "docs", "plugins.md")
guide = open(guide_path, encoding="utf-8").read()
pattern = re.compile(r"(<!-- example: (\S+) -->\n```swift\n)(.*?)(\n```\n)", re.S)


def replace(m):
    code = open(os.path.join(root, m.group(2)), encoding="utf-8").read().strip("\n")
    return m.group(1) + code + m.group(4)


open(guide_path, "w", encoding="utf-8").write(pattern.sub(replace, guide))
