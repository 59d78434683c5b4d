"""Peer: Python XlsxWriter in constant_memory mode writing the benchmark rows."""
import os
import sys

import xlsxwriter

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from rows import HEADER, make_row  # noqa: E402

wb = xlsxwriter.Workbook(sys.argv[1], {"constant_memory": True})
ws = wb.add_worksheet("Анкеты")
bold = wb.add_format({"bold": True})
for c, t in enumerate(HEADER):
    ws.write_string(0, c, t, bold)
for i in range(int(sys.argv[2])):
    for c, v in enumerate(make_row(i)):
        ws.write_string(i + 1, c, v)
wb.close()
