"""Issue 5: importing the clean Samples in any order gives the same store, and re-importing any
Sample afterwards (in any of its formats) is a no-op. Runs the real command on real files; the
store is read back with Python's sqlite3, people identified by their name and birth date rather
than by ids (which depend on the order)."""
import json
import os
import random
import sqlite3

from conftest import SAMPLES, run

CLEAN = ["mentors-clean", "mentees-clean", "pairs-clean", "consents-clean",
         "mentor-questionnaire-google", "mentee-questionnaire-yandex", "monitoring-questionnaire"]
BOOKKEEPING = {"id", "created_batch", "src_sheet", "src_row"}


def _import(path, store, *extra):
    p = run("import", path, "--store", store, "--format", "json", "--as-of", "01.12.2022", *extra)
    assert p.returncode == 0, f"{path}: exit {p.returncode}\n{p.stdout}\n{p.stderr}"
    return json.loads(p.stdout)


def dump(store):
    """Every table's rows without ids or batch numbers, people named by their natural key."""
    db = sqlite3.connect(store)
    who = {i: f"{last}|{first}|{patr}|{born}" for i, last, first, patr, born in
           db.execute("SELECT id, last_name, first_name, patronymic, birth_date FROM people")}
    pairing = {}
    for row in db.execute("SELECT id, person_id, code, start_date, form FROM pairings"):
        pairing[row[0]] = f"{who.get(row[1])}|{row[2]}|{row[3]}|{row[4]}"
    out = {}
    for table in ["people", "mentor_profiles", "mentee_profiles", "pairings", "pairing_members", "consents",
                  "questionnaire_responses"]:
        cur = db.execute(f"SELECT * FROM {table}")
        cols = [c[0] for c in cur.description]
        rows = []
        for r in cur:
            rec = {}
            for c, v in zip(cols, r):
                if c in BOOKKEEPING:
                    continue
                if c == "person_id":
                    v = who.get(v)
                elif c == "pairing_id":
                    v = pairing.get(v)
                rec[c] = v
            rows.append(json.dumps(rec, ensure_ascii=False, sort_keys=True))
        out[table] = sorted(rows)
    db.close()
    return out


def test_any_order_gives_the_same_store_and_reimport_is_a_no_op(tmp_path):
    files = [os.path.join(SAMPLES, name + ".csv") for name in CLEAN]
    ref_store = str(tmp_path / "ref.sqlite")
    for f in files:
        _import(f, ref_store)
    reference = dump(ref_store)
    assert reference["people"] and reference["pairings"] and reference["consents"]

    rng = random.Random(20251123)
    for trial in range(5):
        order = files[:]
        rng.shuffle(order)
        store = str(tmp_path / f"t{trial}.sqlite")
        for f in order:
            _import(f, store)
        got = dump(store)
        for table in reference:
            assert got[table] == reference[table], f"trial {trial}, order {[os.path.basename(f) for f in order]}: {table} differs"

    # Every clean Sample, in every format it ships in, changes nothing once the store holds them all.
    for name in CLEAN:
        for ext in ("csv", "xlsx", "json"):
            path = os.path.join(SAMPLES, f"{name}.{ext}")
            if not os.path.exists(path):
                continue
            again = _import(path, ref_store, "--recheck")
            assert again["new"] == 0 and again["updated"] == 0, f"re-import of {name}.{ext}: {again}"
    assert dump(ref_store) == reference


def test_each_batch_records_the_files_sha256(tmp_path):
    """The store recognises a file imported before by its SHA-256: Python's hashlib, an
    independent implementation, must give the digest the import recorded, for text and binary
    files alike (a file bigger than the 1 MiB pieces it is read in, too)."""
    import hashlib
    big = tmp_path / "mentees-big.csv"
    with open(os.path.join(SAMPLES, "mentees-clean.csv"), "rb") as src:
        clean = src.read()
    header, _, rows = clean.partition(b"\n")
    body = rows * (2_000_000 // max(len(rows), 1) + 1)
    big.write_bytes(header + b"\n" + body)
    files = [os.path.join(SAMPLES, "mentees-clean.csv"), os.path.join(SAMPLES, "consents-clean.xlsx"), str(big)]
    recorded = []
    for i, f in enumerate(files):
        store = str(tmp_path / f"sums-{i}.sqlite")  # a store each: every file is then a first, applied import
        # --accept-valid: the big file repeats its people (rejected as duplicates); the rest is applied.
        p = run("import", f, "--store", store, "--format", "json", "--as-of", "01.12.2022", "--accept-valid",
                "--report", str(tmp_path / f"errors-{i}.xlsx"))
        assert p.returncode in (0, 1) and json.loads(p.stdout)["batch"] == 1, f"{f}: exit {p.returncode}"
        db = sqlite3.connect(store)
        recorded += [c for (c,) in db.execute("SELECT checksum FROM import_batches ORDER BY id")]
        db.close()
    expected = [hashlib.sha256(open(f, "rb").read()).hexdigest() for f in files]
    assert recorded == expected
