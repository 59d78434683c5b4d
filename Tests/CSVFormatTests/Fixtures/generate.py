"""Regenerates the CSV fixtures with the programs that really write such files.

Run from this folder: python3 generate.py   (needs LibreOffice, pandas; see README.md)
The expected cells live in expected.json, written by this script from the same table.
"""
import csv
import json
import os
import shutil
import subprocess
import tempfile

import openpyxl
import pandas as pd

HEADER = ["№ п/п", "ФИО наставляемого", "Класс", "Дата рождения", "Основной запрос наставляемого",
          "Контактные данные для связи", "Форма наставничества"]
ROWS = [
    ["1", "Иванов Иван Иванович", "7 «Б»", "05.09.2010", "Подготовка к олимпиаде, по математике",
     "+7 (912) 345-67-89", "ученик – ученик"],
    ["2", "Петрова Анна Сергеевна", "8А", "2009-11-23", 'Хочет "подтянуть" физику;\nи химию',
     "8 912 000 11 22; 89120001123", "педагог – ученик"],
    ["3", "Ёлкин Пётр", "10-В", "", "=СУММ(A1:A2)", "", "виртуальное"],
    ["4", "Сидорова   Мария", "6Б", "1.2.12", "", "mail@school.ru", ""],
]


def write_source_xlsx(path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Наставляемые"
    ws.append(HEADER)
    for r in ROWS:
        ws.append(r)
    # Keep every cell text, so the CSV writers cannot re-type anything.
    for row in ws.iter_rows():
        for c in row:
            c.data_type = "s"
            c.number_format = "@"
    wb.save(path)


def libreoffice_csv(src, out_name, options):
    tmp = tempfile.mkdtemp()
    subprocess.run(["soffice", "--headless", "--norestore", f"-env:UserInstallation=file://{tmp}/profile",
                    "--convert-to", f"csv:Text - txt - csv (StarCalc):{options}", "--outdir", tmp, src],
                   check=True, capture_output=True)
    # With the sheet token -1, LibreOffice names the file after the workbook and the sheet.
    written = [f for f in os.listdir(tmp) if f.endswith(".csv")]
    assert len(written) == 1, written
    shutil.move(os.path.join(tmp, written[0]), out_name)
    shutil.rmtree(tmp, ignore_errors=True)


def main():
    src = os.path.abspath("source-table.xlsx")
    write_source_xlsx(src)
    # LibreOffice Calc filter options: separator, text delimiter, charset (76 UTF-8, 34 Windows-1251,
    # 65535 "Unicode" = UTF-16LE with BOM), first line, cell format, language, quoted as text, …, sheet (-1 all).
    # LibreOffice 7.4 (Debian 12) has no option to write a UTF-8 BOM; the BOM fixtures come from Python below.
    libreoffice_csv(src, "libreoffice-utf8-comma.csv", "44,34,76,1,,0,false,true,false,false,false,-1")
    libreoffice_csv(src, "libreoffice-utf8-semicolon.csv", "59,34,76,1,,0,false,true,false,false,false,-1")
    libreoffice_csv(src, "libreoffice-cp1251-semicolon.csv", "59,34,34,1,,0,false,true,false,false,false,-1")
    libreoffice_csv(src, "libreoffice-unicode-tab.csv", "9,34,65535,1,,0,false,true,false,false,false,-1")
    # pandas (to_csv defaults: ',', LF, UTF-8, minimal quoting).
    df = pd.DataFrame(ROWS, columns=HEADER)
    df.to_csv("pandas-default.csv", index=False)
    df.to_csv("pandas-utf8-sig-tab.tsv", index=False, sep="\t", encoding="utf-8-sig")
    # Python's csv module: excel dialect (CRLF), and cp1251 with ';' as Russian Excel would.
    with open("python-csv-excel.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(HEADER)
        w.writerows(ROWS)
    with open("python-csv-cp1251-semicolon.csv", "w", newline="", encoding="cp1251") as f:
        w = csv.writer(f, delimiter=";", quoting=csv.QUOTE_ALL)
        w.writerow(HEADER)
        w.writerows(ROWS)
    with open("python-csv-utf8-sig-semicolon.csv", "w", newline="", encoding="utf-8-sig") as f:
        w = csv.writer(f, delimiter=";")
        w.writerow(HEADER)
        w.writerows(ROWS)
    with open("python-csv-utf16.csv", "w", newline="", encoding="utf-16") as f:
        w = csv.writer(f, delimiter="\t")
        w.writerow(HEADER)
        w.writerows(ROWS)
    with open("expected.json", "w", encoding="utf-8") as f:
        json.dump([HEADER] + ROWS, f, ensure_ascii=False, indent=1)
    os.remove(src)


if __name__ == "__main__":
    main()
