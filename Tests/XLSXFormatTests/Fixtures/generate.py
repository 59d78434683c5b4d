#!/usr/bin/env python3
"""Regenerates the XLSX reader fixtures with real spreadsheet producers.

Each fixture NAME.xlsx gets NAME.expected.json: the cells the producer was asked to
write, in `mentorbase dump --format json` form, computed here from the source data
(never from mentorbase's own reading). README.md says what produced each file.

Producers: openpyxl, XlsxWriter, pandas (openpyxl engine), LibreOffice Calc headless
(soffice --convert-to xlsx) and gnumeric (ssconvert). Run from anywhere:
    python3 Tests/XLSXFormatTests/Fixtures/generate.py
"""
import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


class Formula:
    """A formula and the value a calculating program caches for it."""
    def __init__(self, text, value):
        self.text, self.value = text, value


class Error:
    def __init__(self, code):
        self.code = code


def cell_json(v, calculated):
    if isinstance(v, Formula):
        return cell_json(v.value, calculated) if calculated else None
    if v is None or v == "":
        return None
    if isinstance(v, Error):
        return {"error": v.code}
    if isinstance(v, bool):
        return v
    if isinstance(v, dt.datetime):
        return {"datetime": v.strftime("%Y-%m-%dT%H:%M:%S")}
    if isinstance(v, dt.date):
        return {"date": v.isoformat()}
    return v


def expected(sheets, calculated):
    out = []
    for name, hidden, rows in sheets:
        grid = []
        for r in rows:
            cells = [cell_json(v, calculated) for v in r]
            while cells and cells[-1] is None:
                cells.pop()
            grid.append(cells)
        while grid and not grid[-1]:
            grid.pop()
        out.append({"name": name, "hidden": hidden, "rows": grid})
    return out


# The shared source: a questionnaire with a two-row merged header, an empty row in the
# middle, a phone stored as a number, a number stored as text, dates, a time stamp,
# booleans, a formula and an error.
HEADER1 = ["ФИО", "Контакты", None, "Дата рождения", "Класс", "Балл ×2", "Проверка", "Отметка времени", "Согласие"]
HEADER2 = [None, "Телефон", "E-mail", None, None, None, None, None, None]
DATA = [
    ["Иванов Иван Иванович", 79161234567, "ivanov@example.ru", dt.date(2010, 9, 5), "007",
     Formula("=2*21", 42), Error("#N/A"), dt.datetime(2024, 9, 1, 8, 30, 15), True],
    [],
    ["Петрова Анна Сергеевна", 89031234567, "Анна <a&b>@школа.рф", dt.date(2011, 2, 28), 5,
     Formula("=10/4", 2.5), "текст", dt.datetime(2024, 9, 2, 17, 5, 0), False],
    ["Сидоров «Сид» Пётр", "+7 (916) 000-00-00", None, dt.date(2009, 12, 31), "12345",
     Formula("=LEN(\"абв\")", 3), Error("#DIV/0!"), dt.datetime(2024, 9, 3, 0, 0, 1), True],
]
MERGES = ["A1:A2", "B1:C1"]
HIDDEN = [["секрет", 1], [None, None, "C2"]]


def workbook_sheets():
    return [("Анкеты", False, [HEADER1, HEADER2] + DATA), ("Скрытый", True, HIDDEN)]


def write_openpyxl(path, epoch1904=False):
    import openpyxl
    from openpyxl.styles import PatternFill
    wb = openpyxl.Workbook()
    if epoch1904:
        from openpyxl.utils.datetime import CALENDAR_MAC_1904
        wb.epoch = CALENDAR_MAC_1904
    ws = wb.active
    ws.title = "Анкеты"
    for r, row in enumerate([HEADER1, HEADER2] + DATA, start=1):
        for c, v in enumerate(row, start=1):
            if v is None:
                continue
            cell = ws.cell(row=r, column=c)
            if isinstance(v, Formula):
                cell.value = v.text            # openpyxl stores no cached value
            elif isinstance(v, Error):
                cell.value = v.code
                cell.data_type = "e"
            else:
                cell.value = v
                if isinstance(v, dt.datetime):
                    cell.number_format = "dd.mm.yyyy hh:mm:ss"
                elif isinstance(v, dt.date):
                    cell.number_format = "dd.mm.yyyy"
    for m in MERGES:
        ws.merge_cells(m)
    # A styled cell in the last row: the dimension claims 1,048,576 rows of nothing.
    ws.cell(row=1048576, column=1).fill = PatternFill("solid", fgColor="FFFF00")
    hidden = wb.create_sheet("Скрытый")
    hidden.sheet_state = "hidden"
    for r, row in enumerate(HIDDEN, start=1):
        for c, v in enumerate(row, start=1):
            if v is not None:
                hidden.cell(row=r, column=c, value=v)
    wb.save(path)


def write_xlsxwriter(path, constant_memory, date_1904=False):
    import xlsxwriter
    wb = xlsxwriter.Workbook(path, {"constant_memory": constant_memory, "date_1904": date_1904})
    ws = wb.add_worksheet("Анкеты")
    bold = wb.add_format({"bold": True})
    date_fmt = wb.add_format({"num_format": "dd.mm.yyyy"})
    stamp_fmt = wb.add_format({"num_format": "dd.mm.yyyy hh:mm:ss"})
    grey = wb.add_format({"bg_color": "#DDDDDD"})
    rows = [HEADER1, HEADER2] + DATA
    if not constant_memory:
        ws.merge_range("A1:A2", "ФИО", bold)
        ws.merge_range("B1:C1", "Контакты", bold)
    for r, row in enumerate(rows):
        for c, v in enumerate(row):
            if v is None or (not constant_memory and r < 2 and (c, r) in [(0, 0), (1, 0), (2, 0), (0, 1)]):
                continue
            if isinstance(v, Formula):
                ws.write_formula(r, c, v.text, None, v.value)
            elif isinstance(v, Error):
                ws.write_formula(r, c, "=NA()" if v.code == "#N/A" else "=1/0", None, v.code)
            elif isinstance(v, bool):
                ws.write_boolean(r, c, v)
            elif isinstance(v, dt.datetime):
                ws.write_datetime(r, c, v, stamp_fmt)
            elif isinstance(v, dt.date):
                ws.write_datetime(r, c, dt.datetime.combine(v, dt.time()), date_fmt)
            elif isinstance(v, str):
                ws.write_string(r, c, v, bold if r < 2 else None)
            else:
                ws.write_number(r, c, v)
        # Trailing styled blanks: empty columns the reader must drop.
        for c in range(len(HEADER1), len(HEADER1) + 3):
            ws.write_blank(r, c, None, grey)
    ws.write_blank(1048575, 0, None, grey)
    hidden = wb.add_worksheet("Скрытый")
    hidden.hide()
    for r, row in enumerate(HIDDEN):
        for c, v in enumerate(row):
            if v is not None:
                hidden.write(r, c, v)
    wb.close()


def write_pandas(path):
    import pandas as pd
    df = pd.DataFrame({
        "ФИО": ["Иванов Иван", "Петрова Анна", None],
        "Дата рождения": pd.to_datetime(["2010-09-05", "2011-02-28", None]),
        "Класс": [7, 5, 11],
        "Средний балл": [4.5, None, 3.25],
        "Телефон": [79161234567, 89031234567, 70000000000],
    })
    df.to_excel(path, sheet_name="Ученики", index=False, engine="openpyxl")
    rows = [list(df.columns)]
    for rec in df.itertuples(index=False):
        row = []
        for v in rec:
            if v is None or (isinstance(v, float) and v != v) or v is pd.NaT:
                row.append(None)
            elif isinstance(v, pd.Timestamp):
                # Written with a date-and-time format; a value at midnight reads as a date.
                t = v.to_pydatetime()
                row.append(t.date() if t.time() == dt.time() else t)
            elif hasattr(v, "item"):
                row.append(v.item())
            else:
                row.append(v)
        rows.append(row)
    return [("Ученики", False, rows)]


def soffice(src, outdir):
    profile = tempfile.mkdtemp(prefix="lo-profile-")
    try:
        subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
                        "xlsx:Calc MS Excel 2007 XML", "--outdir", outdir, src],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=180)
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def save_expected(name, sheets, calculated, merged=None, date1904=False, producer=""):
    doc = {"producer": producer, "date1904": date1904, "sheets": expected(sheets, calculated)}
    if merged is not None:
        doc["merged"] = merged
    with open(os.path.join(HERE, name + ".expected.json"), "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False, indent=1)
        f.write("\n")


def main():
    work = tempfile.mkdtemp(prefix="xlsx-fixtures-")
    try:
        import openpyxl
        import xlsxwriter
        import pandas
        versions = {
            "openpyxl": openpyxl.__version__, "xlsxwriter": xlsxwriter.__version__, "pandas": pandas.__version__,
            "libreoffice": subprocess.run(["soffice", "--version"], capture_output=True, text=True).stdout.strip(),
            "gnumeric": subprocess.run(["ssconvert", "--version"], capture_output=True, text=True).stdout.strip().splitlines()[0],
        }
        sheets = workbook_sheets()

        write_openpyxl(os.path.join(HERE, "openpyxl.xlsx"))
        save_expected("openpyxl", sheets, calculated=False, merged=MERGES, producer=f"openpyxl {versions['openpyxl']}")
        write_openpyxl(os.path.join(HERE, "openpyxl-1904.xlsx"), epoch1904=True)
        save_expected("openpyxl-1904", sheets, calculated=False, merged=MERGES, date1904=True,
                      producer=f"openpyxl {versions['openpyxl']} (1904 date system)")

        write_xlsxwriter(os.path.join(HERE, "xlsxwriter-shared.xlsx"), constant_memory=False)
        save_expected("xlsxwriter-shared", sheets, calculated=True, merged=MERGES,
                      producer=f"XlsxWriter {versions['xlsxwriter']} (shared strings)")
        write_xlsxwriter(os.path.join(HERE, "xlsxwriter-inline.xlsx"), constant_memory=True, date_1904=True)
        save_expected("xlsxwriter-inline", sheets, calculated=True, merged=[], date1904=True,
                      producer=f"XlsxWriter {versions['xlsxwriter']} (constant_memory: inline strings; 1904 dates)")

        pandas_sheets = write_pandas(os.path.join(HERE, "pandas.xlsx"))
        save_expected("pandas", pandas_sheets, calculated=True, producer=f"pandas {versions['pandas']} (openpyxl engine)")

        # LibreOffice and gnumeric re-save the openpyxl workbook: they calculate the formulas.
        src = os.path.join(work, "source.xlsx")
        write_openpyxl(src)
        lo_out = os.path.join(work, "lo")
        os.makedirs(lo_out)
        soffice(src, lo_out)
        shutil.copy(os.path.join(lo_out, "source.xlsx"), os.path.join(HERE, "libreoffice.xlsx"))
        save_expected("libreoffice", sheets, calculated=True, merged=MERGES, producer=versions["libreoffice"])

        src1904 = os.path.join(work, "source1904.xlsx")
        write_openpyxl(src1904, epoch1904=True)
        lo1904 = os.path.join(work, "lo1904")
        os.makedirs(lo1904)
        soffice(src1904, lo1904)
        shutil.copy(os.path.join(lo1904, "source1904.xlsx"), os.path.join(HERE, "libreoffice-1904.xlsx"))
        save_expected("libreoffice-1904", sheets, calculated=True, merged=MERGES, date1904=True,
                      producer=versions["libreoffice"] + " (1904 date system)")

        subprocess.run(["ssconvert", "--export-type=Gnumeric_Excel:xlsx2", src, os.path.join(HERE, "gnumeric.xlsx")],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=180)
        # gnumeric's xlsx2 exporter does not write sheet state: the hidden sheet comes out visible
        # (openpyxl and python-calamine read it so too).
        gnumeric_sheets = [(name, False, rows) for name, _, rows in sheets]
        save_expected("gnumeric", gnumeric_sheets, calculated=True, merged=MERGES, producer=versions["gnumeric"])
        print("fixtures written to", HERE)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
