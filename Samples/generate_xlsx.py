"""Writes the XLSX Samples from the same tables as the CSV ones, the way Excel users leave them:
real date cells shown as DD.MM.YYYY, timestamps as date-time cells, phone numbers and counts
stored as numbers, a merged title row above the header, a bold frozen header.
Text that is not a valid date (a planted «31.02.2011») stays text.

Needs openpyxl (scripts/test-requirements.txt). Run: python3 Samples/generate_xlsx.py
"""
import datetime as dt
import os
import re
import sys

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from sample_data import TABLES  # noqa: E402

DATE = re.compile(r"^(\d{2})\.(\d{2})\.(\d{4})$")
STAMP_RU = re.compile(r"^(\d{2})\.(\d{2})\.(\d{4}) (\d{2}):(\d{2}):(\d{2})$")
STAMP_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$")

def typed(v):
    """The value as Excel would hold it after a person typed it."""
    if v == "":
        return None, None
    m = DATE.match(v)
    if m:
        try:
            return dt.date(int(m[3]), int(m[2]), int(m[1])), "DD.MM.YYYY"
        except ValueError:
            return v, None
    for rx, order in ((STAMP_RU, (3, 2, 1)), (STAMP_ISO, (1, 2, 3))):
        m = rx.match(v)
        if m:
            y, mo, d = (int(m[i]) for i in order)
            try:
                return dt.datetime(y, mo, d, int(m[4]), int(m[5]), int(m[6])), "DD.MM.YYYY HH:MM:SS"
            except ValueError:
                return v, None
    if v.isdigit() and not v.startswith("0") and len(v) <= 11:
        return int(v), None
    return v, None

def write(t):
    wb = Workbook()
    ws = wb.active
    ws.title = "Лист1"
    width = len(t["header"])
    row = 1
    for title in t["titles"]:
        ws.cell(row=row, column=1, value=title).font = Font(bold=True, size=13)
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
        row += 1
    if t["titles"]:
        row += 1
    header_row = row
    for c, h in enumerate(t["header"], start=1):
        cell = ws.cell(row=row, column=c, value=h)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    row += 1
    if t["numbering"]:
        for c in range(1, width + 1):
            ws.cell(row=row, column=c, value=c)
        row += 1
    for values, _ in t["rows"]:
        for c, v in enumerate(values, start=1):
            value, fmt = typed(v)
            if value is None:
                continue
            cell = ws.cell(row=row, column=c, value=value)
            if fmt:
                cell.number_format = fmt
        row += 1
    ws.freeze_panes = ws.cell(row=header_row + 1, column=1)
    for c in range(1, width + 1):
        ws.column_dimensions[ws.cell(row=header_row, column=c).column_letter].width = 22
    wb.save(os.path.join(HERE, t["name"] + ".xlsx"))

if __name__ == "__main__":
    for t in TABLES:
        write(t)
    print(f"wrote {len(TABLES)} workbooks")
