"""Peer: python-calamine reading every row of the first sheet."""
import sys
from python_calamine import CalamineWorkbook

sheet = CalamineWorkbook.from_path(sys.argv[1]).get_sheet_by_index(0)
rows = cells = 0
for row in sheet.iter_rows():
    rows += 1
    cells += len(row)
print(f"{rows} rows, {cells} cells")
