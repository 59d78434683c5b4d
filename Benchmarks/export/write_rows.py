"""The Python peer of the export benchmark: the same TSV rows written with XlsxWriter in its
constant-memory mode, with the same cell types as the C peer.  usage: write_rows.py IN.tsv OUT.xlsx"""
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
with open(sys.argv[1], encoding="utf-8-sig") as f:
    for r, line in enumerate(f):
        cells = line.rstrip("\r\n").split("\t")
        if r == 0:
            cols = len(cells)
            for c, v in enumerate(cells):
                ws.write_string(0, c, v, bold)
            continue
        for c, v in enumerate(cells):
            if not v:
                continue
            if DATE.match(v):
                ws.write_datetime(r, c, datetime.datetime.strptime(v, "%Y-%m-%d"), date)
            elif INT.match(v):
                ws.write_number(r, c, int(v))
            else:
                ws.write_string(r, c, v)
ws.freeze_panes(1, 0)
ws.autofilter(0, 0, r, cols - 1)
wb.close()
