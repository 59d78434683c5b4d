"""Writes the CSV and JSON Samples, their expected diagnostics (*.expected.json) and README's table of planted mistakes.

Run from the repository root or from Samples/: python3 Samples/make_text_samples.py
"""
import csv, io, json, os, sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from sample_data import TABLES, expected  # noqa: E402

def csv_rows(t):
    width = len(t["header"])
    rows = []
    for title in t["titles"]:
        rows.append([title] + [""] * (width - 1))
    if t["titles"]:
        rows.append([""] * width)
    rows.append(t["header"])
    if t["numbering"]:
        rows.append([str(i + 1) for i in range(width)])
    rows += [r for r, _ in t["rows"]]
    return rows

def write_csv(t):
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=t["delimiter"], lineterminator="\r\n" if t["encoding"] == "cp1251" else "\n")
    for r in csv_rows(t):
        w.writerow(r)
    path = os.path.join(HERE, t["name"] + ".csv")
    with open(path, "w", encoding=t["encoding"], newline="") as fh:
        fh.write(buf.getvalue())

def write_json(t):
    objs = []
    for r, _ in t["rows"]:
        objs.append({h: (v if v != "" else None) for h, v in zip(t["header"], r)})
    path = os.path.join(HERE, t["name"] + ".json")
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(objs, fh, ensure_ascii=False, indent=1)
        fh.write("\n")

def write_expected(t):
    doc = {
        "kind": t["kind"],
        "about": t["about"],
        "csv": expected(t, with_titles=True),
        "xlsx": expected(t, with_titles=True),
        # JSON has no title rows: the keys are row 1, the first object row 2.
        "json": expected(t, with_titles=False),
    }
    with open(os.path.join(HERE, t["name"] + ".expected.json"), "w", encoding="utf-8") as fh:
        json.dump(doc, fh, ensure_ascii=False, indent=1)
        fh.write("\n")

def col_index(letters):
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1

def exp_first_row(t):
    return (len(t["titles"]) + 1 if t["titles"] else 0) + 2 + (1 if t["numbering"] else 0)

def readme_table():
    lines = []
    for t in TABLES:
        exp = expected(t, with_titles=True)
        enc = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8 с BOM", "cp1251": "Windows-1251"}[t["encoding"]]
        lines.append(f"### `{t['name']}` — вид `{t['kind']}`")
        lines.append("")
        lines.append(f"{t['about']}. CSV: {enc}, разделитель «{t['delimiter']}»; строк данных: {len(t['rows'])}.")
        lines.append("")
        if not exp:
            lines.append("Ошибок и предупреждений нет: проверка не должна найти ничего.")
        else:
            lines.append("| строка (CSV/XLSX) | столбец | значение | код | что заложено |")
            lines.append("|---|---|---|---|---|")
            first = exp_first_row(t)
            for e in exp:
                if e["column"] is None:
                    lines.append(f"| {e['row']} | — | (пустая строка) | `{e['code']}` | {WHAT.get(e['code'], '')} |")
                    continue
                col = col_index(e["column"])
                header = t["header"][col]
                if e["row"] < first:
                    lines.append(f"| {e['row']} (заголовок) | {e['column']} | «{header}» | `{e['code']}` | {WHAT.get(e['code'], '')} |")
                    continue
                value = t["rows"][e["row"] - first][0][col]
                shown = f"«{value}»" if value else "(пусто)"
                lines.append(f"| {e['row']} | {e['column']} «{header}» | {shown} | `{e['code']}` | {WHAT.get(e['code'], '')} |")
        lines.append("")
    return "\n".join(lines)

WHAT = {
    "snils-checksum": "СНИЛС с неверным контрольным числом",
    "age-out-of-range": "возраст не подходит роли (обучающийся-наставник 15–18, наставляемый 10–18)",
    "form-role-mismatch": "форма наставничества не подходит роли участника",
    "phone-invalid": "неполный номер телефона",
    "constraint-error": "значение вне списка или диапазона, либо пустое обязательное поле",
    "type-error": "несуществующая дата или значение не того типа",
    "unique-error": "повтор: тот же человек или тот же № пары",
    "guardian-missing": "несовершеннолетний без родителя (законного представителя)",
    "young-specialist-experience": "«молодой специалист» со стажем больше 3 лет",
    "date-order": "даты идут не по порядку",
    "name-latin-letters": "латинские буквы в ФИО, похожие на русские",
    "name-initials": "ФИО с инициалами",
    "guardian-consent-missing": "согласие за несовершеннолетнего подписал он сам",
    "minor-cosignature-missing": "нет подписи несовершеннолетнего старше 14 лет",
    "signer-role": "за совершеннолетнего подписал представитель",
    "consent-empty": "строка не дает ни одного согласия",
    "publication-fields-without-consent": "перечислены данные для публикации без согласия на размещение",
    "group-too-small": "«в группе» с одним наставляемым",
    "speed-same-day": "скоростное наставничество дольше одного дня",
    "program-duration": "программа дольше 12 месяцев",
    "school-year-mismatch": "дата начала вне указанного учебного года",
    "end-date-missing": "причина завершения без даты завершения",
    "duplicate-submission": "повторная анкета: действует более поздняя",
    "email-invalid": "неверный адрес почты",
    "name-order": "ФИО в порядке «Имя Отчество Фамилия» (прочитано верно, но стоит исправить)",
    "consent-embedded": "согласие после 01.09.2025 дано галочкой в анкете, а не отдельным документом",
    "extra-label": "столбец, которого нет в схеме (не проверяется)",
    "blank-row": "пустая строка внутри таблицы",
}

if __name__ == "__main__":
    for t in TABLES:
        write_csv(t)
        write_json(t)
        write_expected(t)
    readme = os.path.join(HERE, "README.md")
    text = open(readme, encoding="utf-8").read() if os.path.exists(readme) else ""
    start, end = "<!-- planted:start -->", "<!-- planted:end -->"
    if start in text and end in text:
        text = text[: text.index(start) + len(start)] + "\n" + readme_table() + "\n" + text[text.index(end):]
        with open(readme, "w", encoding="utf-8") as fh:
            fh.write(text)
    print(f"wrote {len(TABLES)} tables")
