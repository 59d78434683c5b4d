#!/usr/bin/env python3
"""Writes the JSON fixtures with Python's json module and pandas, plus an expected-rows sidecar
for each (`NAME.expected.json`), computed here in Python independently of mentorbase.

Run from this folder: python3 make_fixtures.py   (needs pandas; see scripts/test-requirements.txt)

Sidecar cells are tagged strings so their kinds survive any JSON parser:
"s:<text>", "n:<repr of the float>", "b:true" / "b:false", or null for an empty cell.
"""
import json
import pandas as pd

RECORDS = [
    {"ФИО": "Иванов Иван Иванович", "Роль": "наставник", "Класс": None, "Телефон": "+7 (916) 123-45-67",
     "СНИЛС": "112-233-445 95", "Согласие": True, "Балл": 4.5, "Стаж": 12,
     "Комментарий": "Сказал: \"готов\"\nвторая строка", "Интересы": ["шахматы", "робототехника"]},
    {"ФИО": "Ёлкина Алёна Петровна", "Роль": "наставляемый", "Класс": "7Б", "Телефон": "+79161234567",
     "СНИЛС": None, "Согласие": False, "Балл": -0.25, "Стаж": 0,
     "Комментарий": "путь C:\\школа\\7Б, ссылка https://школа.рф/анкета", "Интересы": {"кружок": "ИЗО", "часы": 2}},
    # A key seen only from the third record on, and one record without "Интересы".
    {"ФИО": "O'Brien «Джон» 😀", "Роль": "наставник", "Класс": None, "Телефон": "=1+2",
     "СНИЛС": "", "Согласие": True, "Балл": 1e-7, "Стаж": 1234567890123,
     "Комментарий": "\tтаб в начале", "Примечание": "появилось позже"},
]

CONSENTS = [
    {"Участник": "Ёлкина Алёна Петровна", "Подписал": "мать", "Дата": "2024-09-01", "Отозвано": False},
    {"Участник": "Иванов Иван Иванович", "Подписал": "сам", "Дата": "2024-09-02", "Отозвано": None},
]


def cell(v):
    if v is None:
        return None
    if isinstance(v, bool):
        return "b:true" if v else "b:false"
    if isinstance(v, (int, float)):
        return "n:" + repr(float(v))
    if isinstance(v, str):
        return "s:" + v
    return "s:" + json.dumps(v, ensure_ascii=False, separators=(",", ":"))


def table(records, numbers):
    keys = []
    for r in records:
        for k in r:
            if k not in keys:
                keys.append(k)
    rows = [["s:" + k for k in keys]] + [[cell(r.get(k)) for k in keys] for r in records]
    return {"rows": rows, "numbers": [1] + numbers}


def expect(name, layout, sheets, encoding="utf-8"):
    with open(name + ".expected.json", "w", encoding="utf-8") as f:
        json.dump({"layout": layout, "encoding": encoding, "sheets": sheets}, f, ensure_ascii=False, indent=1)


def array_numbers(records):
    return [i + 2 for i in range(len(records))]


# Python json: an array, pretty-printed, UTF-8 as is.
with open("python_array.json", "w", encoding="utf-8") as f:
    json.dump(RECORDS, f, ensure_ascii=False, indent=2)
expect("python_array.json", "array", [dict(name="python_array", **table(RECORDS, array_numbers(RECORDS)))])

# Python json defaults: every non-ASCII character as \\u escapes (emoji as a surrogate pair), one line.
with open("python_array_ascii.json", "w", encoding="ascii") as f:
    json.dump(RECORDS, f)
expect("python_array_ascii.json", "array", [dict(name="python_array_ascii", **table(RECORDS, array_numbers(RECORDS)))])

# Python json with a UTF-8 BOM (encoding utf-8-sig), as Windows tools write it.
with open("python_array_bom.json", "w", encoding="utf-8-sig") as f:
    json.dump(RECORDS, f, ensure_ascii=False)
expect("python_array_bom.json", "array", [dict(name="python_array_bom", **table(RECORDS, array_numbers(RECORDS)))],
       encoding="utf-8-bom")

# Python json: an object of arrays, one sheet per key, plus an empty sheet.
with open("python_object.json", "w", encoding="utf-8") as f:
    json.dump({"Анкеты": RECORDS, "Согласия": CONSENTS, "Пусто": []}, f, ensure_ascii=False, indent=1)
expect("python_object.json", "object", [
    dict(name="Анкеты", **table(RECORDS, array_numbers(RECORDS))),
    dict(name="Согласия", **table(CONSENTS, array_numbers(CONSENTS))),
    dict(name="Пусто", rows=[], numbers=[]),
])

# Python json: NDJSON, one json.dumps per line, with a blank line in the middle (row numbers are lines).
with open("python_lines.ndjson", "w", encoding="utf-8") as f:
    f.write(json.dumps(RECORDS[0], ensure_ascii=False) + "\n")
    f.write(json.dumps(RECORDS[1], ensure_ascii=False) + "\n\n")
    f.write(json.dumps(RECORDS[2], ensure_ascii=False) + "\n")
expect("python_lines.ndjson", "ndjson", [dict(name="python_lines", **table(RECORDS, [1, 2, 4]))])

# pandas: records and JSON Lines; pandas fills missing keys with null, escapes "/" as "\\/".
frame = pd.DataFrame(RECORDS)
pandas_records = json.loads(frame.to_json(orient="records", force_ascii=False))
frame.to_json("pandas_records.json", orient="records", force_ascii=False)
expect("pandas_records.json", "array",
       [dict(name="pandas_records", **table(pandas_records, array_numbers(pandas_records)))])
frame.to_json("pandas_lines.jsonl", orient="records", lines=True, force_ascii=False)
expect("pandas_lines.jsonl", "ndjson",
       [dict(name="pandas_lines", **table(pandas_records, [1, 2, 3]))])


# Faulty files, each with the error a reader must stop with (NAME.expected-error.json).
def expect_error(name, code, row, field=None, sheet=None):
    with open(name + ".expected-error.json", "w", encoding="utf-8") as f:
        json.dump({"code": code, "row": row, "field": field, "sheet": sheet}, f, ensure_ascii=False)


# Windows-1251 instead of UTF-8 (what a Russian Windows tool may do): the first key's bytes are invalid.
with open("bad_cp1251.json", "w", encoding="cp1251") as f:
    json.dump(CONSENTS, f, ensure_ascii=False)
expect_error("bad_cp1251.json", "encoding-error", 2)

# UTF-16 with its BOM: JSON must be UTF-8.
with open("bad_utf16.json", "w", encoding="utf-16") as f:
    json.dump(CONSENTS, f, ensure_ascii=False)
expect_error("bad_utf16.json", "encoding-error", 1)

# pandas JSON Lines cut in the middle of the second line (an interrupted copy).
lines = frame.to_json(orient="records", lines=True, force_ascii=False).encode("utf-8")
second = lines.index(b"\n") + 1
with open("bad_truncated.jsonl", "wb") as f:
    f.write(lines[: second + 60])
expect_error("bad_truncated.jsonl", "source-error", 2)

# Python json of a lone string, and of an array of numbers: not tables.
with open("bad_scalar.json", "w", encoding="utf-8") as f:
    json.dump("просто строка", f, ensure_ascii=False)
expect_error("bad_scalar.json", "source-error", 1)
with open("bad_numbers.json", "w", encoding="utf-8") as f:
    json.dump([[1, 2], [3, 4]], f)
expect_error("bad_numbers.json", "source-error", 2)

# An object of sheets whose second sheet holds a string instead of an array.
with open("bad_object_sheet.json", "w", encoding="utf-8") as f:
    json.dump({"Анкеты": RECORDS[:1], "Согласия": "нет"}, f, ensure_ascii=False)
expect_error("bad_object_sheet.json", "source-error", None, sheet="Согласия")
