"""The workbooks `import` writes, read back by openpyxl (an independent reader):
the error workbook of `--accept-valid` and the merge plan of `--plan`."""
import json
import os
import shutil

import openpyxl

from conftest import SAMPLES, run


def _import(*args, check=None):
    p = run("import", *args, "--format", "json", "--as-of", "01.09.2024", check=check)
    return p, json.loads(p.stdout)


def test_accept_valid_applies_valid_rows_and_writes_error_workbook(tmp_path):
    src = tmp_path / "mentees-faulty-cp1251.csv"
    shutil.copy(os.path.join(SAMPLES, "mentees-faulty-cp1251.csv"), src)
    store = str(tmp_path / "s.sqlite")
    _, refused = _import(str(src), "--store", store, check=1)
    assert refused["batch"] is None and refused["rejected"] > 0
    assert not (tmp_path / "mentees-faulty-cp1251-errors.xlsx").exists(), "no workbook unless asked or --accept-valid"

    p, out = _import(str(src), "--store", store, "--accept-valid", check=0)
    assert isinstance(out["batch"], int)
    assert out["rejected"] == refused["rejected"]
    assert out["new"] == refused["new"] and out["new"] > 0
    report = tmp_path / "mentees-faulty-cp1251-errors.xlsx"
    assert out["errorReport"] == str(report)
    wb = openpyxl.load_workbook(report)
    assert wb.sheetnames[0] == "Ошибки"
    errors = wb["Ошибки"]
    listed = list(errors.iter_rows(min_row=2, values_only=True))
    assert len(listed) == len(out["diagnostics"])
    codes = {r[8] for r in listed}
    assert {d["code"] for d in out["diagnostics"]} == codes
    # Every rejected row is named in the workbook with at least one error.
    error_rows = {r[3] for r in listed if r[7] == "error"}
    assert len(error_rows) == out["rejected"]
    # The secretary's own table follows, with the bad cells commented.
    data = wb[wb.sheetnames[1]]
    commented = [c for row in data.iter_rows() for c in row if c.comment is not None]
    assert commented, "bad cells carry the messages as comments"


def test_plan_workbook_lists_outcomes_and_highlights_changes(tmp_path):
    store = str(tmp_path / "s.sqlite")
    clean = os.path.join(SAMPLES, "mentees-clean.csv")
    plan = tmp_path / "plan.xlsx"
    _, dry = _import(clean, "--store", store, "--dry-run", "--plan", str(plan), check=0)
    assert dry["batch"] is None and dry["planWorkbook"] == str(plan)
    wb = openpyxl.load_workbook(plan)
    assert wb.sheetnames == ["Summary", "New", "Updated", "Unchanged", "Conflicts", "Rejected"]
    summary = {r[0]: r[1] for r in wb["Summary"].iter_rows(min_row=2, max_row=6, values_only=True)}
    assert summary == {"New": dry["new"], "Updated": dry["updated"], "Unchanged": dry["unchanged"],
                       "Conflicts": dry["conflicts"], "Rejected": dry["rejected"]}
    assert wb["New"].max_row - 1 == dry["new"]

    _import(clean, "--store", store, check=0)
    # The same base a term later: one mentee's phone changed.
    with open(clean, encoding="utf-8-sig") as f:
        text = f.read()
    assert "8 918 245-17-99" in text
    changed = tmp_path / "mentees-later.csv"
    changed.write_text(text.replace("8 918 245-17-99", "8 918 245-17-00"), encoding="utf-8-sig")
    plan2 = tmp_path / "plan2.xlsx"
    _, later = _import(str(changed), "--store", store, "--plan", str(plan2), check=0)
    assert later["updated"] == 1
    wb = openpyxl.load_workbook(plan2)
    rows = list(wb["Updated"].iter_rows(min_row=2))
    assert rows, "the updated row is listed"
    old, new = rows[0][5], rows[0][6]
    assert old.value == "+79182451799" and new.value == "+79182451700", (old.value, new.value)
    assert new.fill is not None and new.fill.fgColor.rgb not in (None, "00000000"), "the new value is highlighted"
    assert old.fill.fgColor.rgb in (None, "00000000")
    assert wb["Unchanged"].max_row - 1 == later["unchanged"]
