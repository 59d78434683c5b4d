"""Checks that the export and the C peer hold the same values in the first rows of the first sheet.
usage: compare.py OURS.xlsx PEER.xlsx ROWS"""
import sys

import openpyxl

limit = int(sys.argv[3])


def rows(path):
    wb = openpyxl.load_workbook(path, read_only=True)
    ws = wb.worksheets[0]
    out = []
    for i, r in enumerate(ws.iter_rows(values_only=True)):
        if i > limit:
            break
        vals = list(r)
        while vals and vals[-1] is None:
            vals.pop()
        out.append(vals)
    return out


a, b = rows(sys.argv[1]), rows(sys.argv[2])
if a != b:
    for i, (x, y) in enumerate(zip(a, b)):
        if x != y:
            sys.exit(f"row {i + 1} differs:\n  ours {x}\n  peer {y}")
    sys.exit(f"{len(a)} rows against {len(b)}")
print(f"  same values in the first {len(a)} rows (openpyxl)")
