"""The Python peer of the export benchmark: the same TSV rows written with XlsxWriter in its
constant-memory mode into the same workbook as the C peer (same cell types, the empty «Архив»
sheet, the same fitted column widths).  usage: write_rows.py IN.tsv OUT.xlsx"""
import datetime
import re
import sys

import xlsxwriter

DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
INT = re.compile(r"^\d{1,9}$")

wb = xlsxwriter.Workbook(sys.argv[2], {"constant_memory": True, "strings_to_numbers": False,
                                       "strings_to_formulas": False, "strings_to_urls": False})
ws = wb.add_worksheet("Текущие участники")
bold = wb.add_format({"bold": True})
date = wb.add_format({"num_format": "dd.mm.yyyy"})
cols = 0
header = []
width = []


def fit(sheet, widths):
    for c, w in enumerate(widths):
        sheet.set_column(c, c, min(max(w * 1.1 + 1, 8.43), 60))


with open(sys.argv[1], encoding="utf-8-sig") as f:
    for r, line in enumerate(f):
        cells = line.rstrip("\r\n").split("\t")
        if r == 0:
            cols = len(cells)
            header = cells
            width = [len(v) + 2 for v in cells]
            for c, v in enumerate(cells):
                ws.write_string(0, c, v, bold)
            continue
        for c, v in enumerate(cells):
            if not v:
                continue
            if DATE.match(v):
                ws.write_datetime(r, c, datetime.datetime.strptime(v, "%Y-%m-%d"), date)
                n = 10
            elif INT.match(v):
                ws.write_number(r, c, int(v))
                n = len(v)
            else:
                ws.write_string(r, c, v)
                n = len(v)
            if n > width[c]:
                width[c] = n
ws.freeze_panes(1, 0)
ws.autofilter(0, 0, r, cols - 1)
fit(ws, width)
archive = wb.add_worksheet("Архив")
for c, v in enumerate(header):
    archive.write_string(0, c, v, bold)
archive.freeze_panes(1, 0)
archive.autofilter(0, 0, 0, cols - 1)
fit(archive, [len(v) + 2 for v in header])
wb.close()
