"""Peer for `mentorbase convert big.csv big.ndjson`: Python's csv + json doing the same work."""
import csv
import json
import sys

src, dst = sys.argv[1], sys.argv[2]
with open(src, newline="", encoding="utf-8") as f, open(dst, "w", encoding="utf-8") as out:
    reader = csv.reader(f, delimiter=";")
    header = next(reader)
    for row in reader:
        out.write(json.dumps(dict(zip(header, row)), ensure_ascii=False))
        out.write("\n")
