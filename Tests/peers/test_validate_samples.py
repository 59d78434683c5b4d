"""`mentorbase validate` on every Sample in every format: the JSON contract, exactly the planted
diagnostics (code, row, column), exit 1 when there are errors and 0 otherwise."""
import glob
import json
import os

import pytest

from conftest import SAMPLES, can_read, run

NAMES = sorted(os.path.basename(p)[: -len(".expected.json")] for p in glob.glob(os.path.join(SAMPLES, "*.expected.json")))
CONTRACT = {"valid", "kind", "rows", "errors", "warnings", "diagnostics"}
DIAG_KEYS = {"code", "severity", "file", "sheet", "row", "column", "field", "value", "message"}


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
@pytest.mark.parametrize("name", NAMES)
def test_validate_finds_exactly_the_planted_mistakes(name, fmt):
    if not can_read(fmt):
        pytest.skip(f"needs the {fmt.upper()} plugin")
    expected = json.load(open(os.path.join(SAMPLES, name + ".expected.json"), encoding="utf-8"))
    p = run("validate", os.path.join(SAMPLES, f"{name}.{fmt}"), "--kind", expected["kind"], "--format", "json", "--as-of", "15.01.2026")
    doc = json.loads(p.stdout)
    assert set(doc) == CONTRACT
    assert doc["kind"] == expected["kind"]
    assert doc["rows"] > 0
    for d in doc["diagnostics"]:
        assert DIAG_KEYS <= set(d)
        assert d["file"].endswith(f"{name}.{fmt}")
    got = sorted((d["code"], d["row"], d["column"]) for d in doc["diagnostics"])
    want = sorted((e["code"], e["row"], e["column"]) for e in expected[fmt])
    assert got == want, p.stdout
    errors = sum(1 for d in doc["diagnostics"] if d["severity"] == "error")
    assert doc["errors"] == errors and doc["valid"] == (errors == 0)
    assert p.returncode == (1 if errors else 0), p.stderr


@pytest.mark.parametrize("name", NAMES)
def test_kind_is_guessed_and_explained(name):
    if not can_read("csv"):
        pytest.skip("needs the CSV plugin")
    expected = json.load(open(os.path.join(SAMPLES, name + ".expected.json"), encoding="utf-8"))
    p = run("validate", os.path.join(SAMPLES, f"{name}.csv"))
    assert expected["kind"] in p.stderr and "guessed" in p.stderr, p.stderr


def test_max_errors_caps_the_report_not_the_counts():
    if not can_read("csv"):
        pytest.skip("needs the CSV plugin")
    path = os.path.join(SAMPLES, "mentees-faulty-cp1251.csv")
    full = json.loads(run("validate", path, "--format", "json").stdout)
    capped = json.loads(run("validate", path, "--format", "json", "--max-errors", "2").stdout)
    assert len(capped["diagnostics"]) == 2
    assert (capped["errors"], capped["warnings"]) == (full["errors"], full["warnings"])


def test_save_map_then_map_gives_the_same_result(tmp_path):
    if not can_read("csv"):
        pytest.skip("needs the CSV plugin")
    path = os.path.join(SAMPLES, "mentor-questionnaire-google-faulty.csv")
    m = tmp_path / "map.json"
    first = run("validate", path, "--format", "json", "--save-map", str(m))
    saved = json.loads(m.read_text(encoding="utf-8"))
    assert saved["kind"] == "mentor-questionnaire"
    assert {"header": "Отметка времени", "target": "submittedAt"} in saved["columns"]
    again = run("validate", path, "--format", "json", "--map", str(m))
    assert json.loads(again.stdout) == json.loads(first.stdout)


def test_text_report_groups_by_row():
    if not can_read("csv"):
        pytest.skip("needs the CSV plugin")
    p = run("validate", os.path.join(SAMPLES, "pairs-faulty.csv"), "--kind", "pairs")
    assert p.returncode == 1
    lines = p.stdout.splitlines()
    blocks = [l for l in lines if not l.startswith(" ")][:-1]
    assert blocks == sorted(set(blocks), key=blocks.index), "one block per row"
    assert "\x1b[" not in p.stdout, "no colour when not a terminal"
