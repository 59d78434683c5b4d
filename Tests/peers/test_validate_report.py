"""`validate --report` writes the secretary's table back: «Ошибки» first, bad cells filled and commented.
Checked with openpyxl and with LibreOffice headless."""
import json
import os
import shutil
import subprocess

import openpyxl
import pytest

from conftest import SAMPLES, can_read, can_write_xlsx, run



def make_report(tmp_path, name, fmt):
    if not can_read(fmt) or not can_write_xlsx(tmp_path):
        pytest.skip(f"needs the {fmt.upper()} and XLSX plugins")
    out = tmp_path / "report.xlsx"
    p = run("validate", os.path.join(SAMPLES, f"{name}.{fmt}"), "--report", str(out), "--format", "json")
    assert out.exists(), p.stderr
    return out, json.loads(p.stdout)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_report_in_openpyxl(tmp_path, fmt):
    out, doc = make_report(tmp_path, "mentees-faulty-cp1251", fmt)
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames[0] == "Ошибки"
    errors = wb["Ошибки"]
    listed = list(errors.iter_rows(min_row=2, values_only=True))
    assert len(listed) == len(doc["diagnostics"])
    data = wb[wb.sheetnames[1]]
    for d in doc["diagnostics"]:
        ref = f"{d['column']}{d['row']}"
        cell = data[ref]
        assert cell.comment is not None and d["code"] in cell.comment.text, ref
        assert any(r[1].endswith("!" + ref) for r in listed), ref
    # The secretary's values are all there.
    assert data["B2"].value == "Котов Илья Андреевич"


def test_report_opens_in_libreoffice(tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        pytest.skip("LibreOffice is not installed")
    out, doc = make_report(tmp_path, "consents-faulty", "csv")
    # A flat ODS keeps every sheet and the comments as XML text.
    subprocess.run([soffice, "--headless", "--convert-to", "fods", "--outdir", str(tmp_path), str(out)],
                   check=True, capture_output=True, timeout=180, env={**os.environ, "HOME": str(tmp_path)})
    fods = (tmp_path / "report.fods").read_text(encoding="utf-8")
    assert 'table:name="Ошибки"' in fods
    assert fods.index('table:name="Ошибки"') < fods.index('table:name="Данные"')
    assert fods.count("<office:annotation") >= len({(d["row"], d["column"]) for d in doc["diagnostics"]})
    for d in doc["diagnostics"]:
        assert d["code"] in fods


def test_template_in_openpyxl(tmp_path):
    if not can_write_xlsx(tmp_path):
        pytest.skip("needs the XLSX plugin")
    out = tmp_path / "mentees.xlsx"
    run("template", "mentees", "--format", "xlsx", "-o", str(out), check=0)
    schema = json.loads(run("schema", "mentees", check=0).stdout)
    wb = openpyxl.load_workbook(out)
    ws = wb.active
    titles = [c.value for c in ws[1]]
    assert titles == [f["title"] for f in schema["fields"]]
    assert ws.freeze_panes == "A2"
    assert all(c.comment is not None for c in ws[1])
    kinds = [dv.type for dv in ws.data_validations.dataValidation]
    assert "list" in kinds and "date" in kinds and "whole" in kinds
    csv_out = tmp_path / "mentees.csv"
    run("template", "mentees", "--format", "csv", "-o", str(csv_out), check=0)
    head = csv_out.read_bytes().decode("utf-8-sig").splitlines()[0]
    assert "ФИО наставляемого" in head
