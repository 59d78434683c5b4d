"""Derives from `mentorbase schema mentees` the equivalent schema frictionless can apply to the benchmark CSV:
the same columns by their Russian titles, the same types, required fields, date formats, ranges, and the
coded fields' enums spelled with the labels the file uses (frictionless does not normalise).
Usage: python3 frictionless_schema.py SCHEMA.json BIG.csv OUT.json"""
import csv
import json
import sys

src, data, out = sys.argv[1], sys.argv[2], sys.argv[3]
schema = json.load(open(src, encoding="utf-8"))
with open(data, encoding="utf-8") as fh:
    header = next(csv.reader(fh))
by_title = {f["title"]: f for f in schema["fields"]}
fields = []
for title in header:
    f = by_title[title]
    g = {"name": title, "type": "string"}
    c = {}
    if f.get("constraints", {}).get("required"):
        c["required"] = True
    if f["type"] in ("date",):
        g.update(type="date", format="%d.%m.%Y")
    elif f["type"] == "integer":
        g["type"] = "integer"
        for k in ("minimum", "maximum"):
            if k in f.get("constraints", {}):
                c[k] = f["constraints"][k]
    x = f.get("x-mentorbase", {})
    if x.get("normalizer") == "className":
        c["pattern"] = "^(?:[1-9]|1[01]) ?[А-Яа-я]?$"
    if x.get("normalizer") == "phones":
        c["pattern"] = "^[0-9+() -]{10,20}$"
    if x.get("normalizer") == "personName":
        c["pattern"] = "^[А-ЯЁа-яё-]+ [А-ЯЁа-яё-]+( [А-ЯЁа-яё-]+)?$"
    if x.get("normalizer") in ("code", "formAndKind") and x.get("codes"):
        labels = [k["label"] for k in x["codes"]]
        if x.get("normalizer") == "formAndKind":
            labels += [f"{a}, традиционное" for a in labels]
        c["enum"] = labels
    if c:
        g["constraints"] = c
    fields.append(g)
json.dump({"fields": fields, "missingValues": [""]}, open(out, "w", encoding="utf-8"), ensure_ascii=False, indent=1)
