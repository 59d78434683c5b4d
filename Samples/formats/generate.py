"""Writes one small sample per built-in format (see README.md): a mentor base as CSV (Python's csv
module, the way Russian Excel saves it), a mentee base as JSON (Python's json module), a pairs
list as XLSX (openpyxl) and a consent register as ODS (openpyxl, then LibreOffice headless).
Run: python3 Samples/formats/generate.py"""
import csv
import datetime as dt
import json
import os
import shutil
import subprocess
import tempfile

import openpyxl

HERE = os.path.dirname(os.path.abspath(__file__))

mentors = [
    ["ФИО наставника", "Место работы/учебы наставника", "Должность", "Основные компетенции", "Телефон"],
    ["Смирнова Ольга Викторовна", "МБОУ СОШ № 12", "учитель математики", "олимпиадная математика", "+7 (912) 345-67-89"],
    ["Кузнецов Андрей Павлович", "ООО «Техносфера»", "инженер-программист", "программирование; робототехника", "8 900 123-45-67"],
    ["Ёлкина Дарья Сергеевна", "МБОУ СОШ № 12, 10 «А»", "обучающаяся", "английский язык", ""],
]
with open(os.path.join(HERE, "mentors-base.csv"), "w", encoding="utf-8-sig", newline="") as f:
    csv.writer(f, delimiter=";").writerows(mentors)

mentees = [
    {"ФИО наставляемого": "Петров Иван Алексеевич", "Класс": "7Б", "Дата рождения": "2012-03-14",
     "Основной запрос наставляемого": "подготовка к олимпиаде по математике"},
    {"ФИО наставляемого": "Иванова Мария Игоревна", "Класс": "8А", "Дата рождения": "2011-11-02",
     "Основной запрос наставляемого": "адаптация в новом классе"},
]
with open(os.path.join(HERE, "mentees-base.json"), "w", encoding="utf-8") as f:
    json.dump(mentees, f, ensure_ascii=False, indent=2)

wb = openpyxl.Workbook()
ws = wb.active
ws.title = "Пары"
ws.append(["Наставник", "Наставляемый", "Форма наставничества", "Дата начала", "Приказ"])
ws.append(["Смирнова Ольга Викторовна", "Петров Иван Алексеевич", "учитель – ученик", dt.date(2024, 9, 16), "№ 214 от 13.09.2024"])
ws.append(["Ёлкина Дарья Сергеевна", "Иванова Мария Игоревна", "ученик – ученик", dt.date(2024, 10, 1), "№ 231 от 30.09.2024"])
for row in ws.iter_rows(min_row=2, min_col=4, max_col=4):
    for cell in row:
        cell.number_format = "DD.MM.YYYY"
wb.save(os.path.join(HERE, "pairs-base.xlsx"))

# The consent register as LibreOffice saves it: built with openpyxl in a temporary folder, then
# converted by headless LibreOffice (private profile) to ODS.
tmp = tempfile.mkdtemp(prefix="mentorbase-sample-")
try:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Согласия"
    ws.append(["ФИО участника", "Роль", "Кем подписано", "Дата подписания", "Публикация на сайте", "Отозвано"])
    ws.append(["Петров Иван Алексеевич", "наставляемый", "мать — Петрова Анна Сергеевна", dt.date(2024, 9, 10), True, None])
    ws.append(["Смирнова Ольга Викторовна", "наставник", "лично", dt.date(2024, 9, 9), True, None])
    ws.append(["Иванова Мария Игоревна", "наставляемый", "отец — Иванов Игорь Петрович", dt.date(2024, 9, 12), False,
               dt.date(2024, 11, 5)])
    for row in ws.iter_rows(min_row=2):
        for cell in (row[3], row[5]):
            cell.number_format = "DD.MM.YYYY"
    lists = wb.create_sheet("Списки")
    lists.sheet_state = "hidden"
    for value in ["лично", "мать", "отец", "законный представитель"]:
        lists.append([value])
    wb.save(os.path.join(tmp, "consents-base.xlsx"))
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp}/profile", "--headless", "--convert-to", "ods",
                    "--outdir", HERE, os.path.join(tmp, "consents-base.xlsx")],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=180)
finally:
    shutil.rmtree(tmp, ignore_errors=True)
