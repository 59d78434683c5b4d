"""Regenerates the ODS fixtures (see README.md): sources written with openpyxl and Python's csv
module, converted to ODS (and XLSX twins) by headless LibreOffice, plus the expected cells of the
openpyxl source computed here from the source data (never by reading a file with mentorbase).

Run: python3 Tests/ODSFormatTests/Fixtures/generate.py   (needs openpyxl and soffice)"""
import csv
import datetime as dt
import json
import os
import shutil
import subprocess
import tempfile

import openpyxl
from openpyxl.utils import get_column_letter

HERE = os.path.dirname(os.path.abspath(__file__))


def soffice(args, cwd):
    """Runs LibreOffice headless with a private profile, so a running instance or the user's
    settings cannot interfere."""
    profile = tempfile.mkdtemp(prefix="lo-profile-")
    try:
        subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", *args],
                       cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=180)
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def convert(src, to, infilter=None):
    """Converts HERE/src to format `to` next to it with LibreOffice."""
    args = ([f"--infilter={infilter}"] if infilter else []) + ["--convert-to", to, "--outdir", HERE, src]
    soffice(args, HERE)


def expected_cell(v):
    """The cell as `mentorbase dump --format json` spells it, computed from the Python value."""
    if v is None or v == "":
        return None
    if isinstance(v, bool):
        return v
    if isinstance(v, dt.datetime):
        if v.time() == dt.time(0, 0):
            return {"date": v.date().isoformat()}
        return {"datetime": v.replace(microsecond=0).isoformat()}
    if isinstance(v, dt.date):
        return {"date": v.isoformat()}
    if isinstance(v, dt.time):
        return (v.hour * 3600 + v.minute * 60 + v.second) / 86400
    if isinstance(v, (int, float)):
        return v
    return str(v)


def expected_sheet(name, hidden, cells, merged):
    """Rows as the reader hands them out: gaps as [], trailing empty cells and rows dropped."""
    last_row = max((r for (r, c), v in cells.items() if expected_cell(v) is not None), default=0)
    rows = []
    for r in range(1, last_row + 1):
        cols = [c for (rr, c), v in cells.items() if rr == r and expected_cell(v) is not None]
        width = max(cols, default=0)
        rows.append([expected_cell(cells.get((r, c))) for c in range(1, width + 1)])
    return {"name": name, "hidden": hidden, "rows": rows, "merged": merged}


# 1. A mentor questionnaire workbook written by openpyxl; LibreOffice converts it to ODS.
mentors = [
    ["ФИО", "Роль", "Дата рождения", "Класс", "Телефон", "Согласие", "Заполнено", "Посещаемость",
     "Взнос", "Время встречи", "Комментарий"],
    ["Смирнова Ольга Викторовна", "наставник", dt.date(1985, 4, 12), None, "+7 (912) 345-67-89", True,
     dt.datetime(2024, 9, 2, 8, 15, 30), 0.875, 1500.5, dt.time(15, 30), "олимпиадная математика"],
    ["Петров Иван Алексеевич", "наставляемый", dt.date(2012, 3, 14), "7Б", "8 900 123-45-67", False,
     dt.datetime(2024, 9, 2, 0, 0), 1.0, 0, dt.time(8, 0, 45), "строка 1\nстрока 2\nстрока 3"],
    ["Ёлкина  Дарья", "наставник", dt.date(2007, 11, 30), "10 «А»", "007", True,
     dt.datetime(2000, 2, 29, 23, 59, 59), 0.333, -250.25, dt.time(23, 59, 59), "  пробелы по краям  "],
    ["O'Brien & <Джон>", "наставляемый", dt.date(1999, 12, 31), "", "=не формула", None,
     None, None, 1234567890123, None, "\tтаб в начале"],
]
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "Анкеты"
ws["A1"] = "Анкеты наставников МБОУ СОШ № 12 на 2024/2025 учебный год"
ws.merge_cells("A1:K1")
cells1 = {(1, 1): ws["A1"].value}
for i, row in enumerate(mentors):
    r = 3 + i                                          # row 2 stays empty: a gap
    for c, v in enumerate(row, start=1):
        if v is None:
            continue
        cell = ws.cell(row=r, column=c, value=v)
        if isinstance(v, str) and v.startswith("="):
            cell.data_type = "s"                       # text, not a formula
        if c == 3:
            cell.number_format = "DD.MM.YYYY"
        elif c == 7:
            cell.number_format = "DD.MM.YYYY HH:MM:SS"
        elif c == 8:
            cell.number_format = "0.0%"
        elif c == 9:
            cell.number_format = '#,##0.00 "₽"'
        elif c == 10:
            cell.number_format = "HH:MM:SS"
        cells1[(r, c)] = v
ws["A9"] = "Итого наставников"                         # rows 8 stays empty
ws["B9"] = 2
ws.merge_cells("A10:A11")
ws["A10"] = "объединено по вертикали"
cells1.update({(9, 1): "Итого наставников", (9, 2): 2, (10, 1): "объединено по вертикали"})

hidden = wb.create_sheet("Служебный")
hidden.sheet_state = "hidden"
roles = ["наставник", "наставляемый", "куратор"]
for i, v in enumerate(roles, start=1):
    hidden.cell(row=i, column=1, value=v)
cells2 = {(i, 1): v for i, v in enumerate(roles, start=1)}

pairs = wb.create_sheet("Пары")
cells3 = {}
for c in range(3, 7):                                  # identical neighbours: LibreOffice writes columns-repeated
    pairs.cell(row=3, column=c, value="ученик – ученик")
    cells3[(3, c)] = "ученик – ученик"
for c in range(3, 6):
    pairs.cell(row=4, column=c, value=7)
    cells3[(4, c)] = 7
pairs.cell(row=6, column=1, value="после пропуска")
cells3[(6, 1)] = "после пропуска"
wb.save(os.path.join(HERE, "openpyxl-source.xlsx"))
convert("openpyxl-source.xlsx", "ods")
os.replace(os.path.join(HERE, "openpyxl-source.ods"), os.path.join(HERE, "libreoffice-from-xlsx.ods"))
with open(os.path.join(HERE, "libreoffice-from-xlsx.expected.json"), "w", encoding="utf-8") as f:
    json.dump({"sheets": [expected_sheet("Анкеты", False, cells1, ["A1:K1", "A10:A11"]),
                          expected_sheet("Служебный", True, cells2, []),
                          expected_sheet("Пары", False, cells3, [])]}, f, ensure_ascii=False, indent=1)

# 2. A semicolon CSV in UTF-8 as a Russian school exports it; LibreOffice imports it with the
#    Russian locale (1049: "3,25" is a number, "01.09.2024" a date) into ODS and into an XLSX twin.
with open(os.path.join(HERE, "school-export.csv"), "w", encoding="utf-8", newline="") as f:
    w = csv.writer(f, delimiter=";")
    w.writerow(["ФИО наставляемого", "Класс", "Дата начала", "Балл", "Часы", "Примечание"])
    w.writerow(["Иванова Мария Игоревна", "8А", "01.09.2024", "4,75", "12", "адаптация; новый класс"])
    w.writerow(["Сидоров Пётр", "7Б", "16.09.2024", "3,5", "8", "подготовка к олимпиаде, \"Кенгуру\""])
    w.writerow(["", "", "", "", "", ""])
    w.writerow(["Кузнецов Андрей", "11", "31.12.2024", "5", "", "многострочный\nкомментарий"])
infilter = "CSV:59,34,76,1,,1049"
convert("school-export.csv", "ods", infilter)
convert("school-export.csv", "xlsx", infilter)
os.replace(os.path.join(HERE, "school-export.ods"), os.path.join(HERE, "libreoffice-from-csv.ods"))
os.replace(os.path.join(HERE, "school-export.xlsx"), os.path.join(HERE, "libreoffice-from-csv.xlsx"))

# 3. Formulas and error results: openpyxl writes formulas without values, LibreOffice computes
#    them when converting to ODS; its XLSX export of that ODS is the twin (with cached values).
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "Формулы"
ws.append(["Число", "Деление", "Нет данных", "Сумма", "Текст", "Логика"])
ws.append([10, "=A2/0", "=NA()", "=A2+A3", '=CONCATENATE("итого: ",A2)', "=A2>5"])
ws.append([5, "=A3/2", '=VLOOKUP("нет",A1:A3,1,0)', "=SUM(A2:A3)", '=UPPER("наставник")', "=A3>5"])
wb.save(os.path.join(HERE, "formulas-source.xlsx"))
convert("formulas-source.xlsx", "ods")
os.replace(os.path.join(HERE, "formulas-source.ods"), os.path.join(HERE, "libreoffice-formulas.ods"))
convert("libreoffice-formulas.ods", "xlsx")
os.remove(os.path.join(HERE, "formulas-source.xlsx"))
print("fixtures written to", HERE)
