"""Independent peers check what `mentorbase export` and `report` write: jsonschema (the site JSON
against docs/site-export.schema.json), tidy and html5lib (valid HTML5), headless Chromium (the page
on a phone and a desktop), openpyxl and LibreOffice (XLSX and CSV values, no formulas)."""
import csv
import datetime
import io
import json
import os
import shutil
import struct
import subprocess

import pytest

from conftest import ROOT, run

FIXTURES = os.path.join(ROOT, "Tests", "ExportTests", "Fixtures")
DATE = "2023-05-20"
PUBLISHED = ["Орлова Нина Викторовна", "Лебедева Дарья Олеговна", "Миронова Полина Сергеевна"]
NOT_PUBLISHED = ["Котов", "Зайцева", "Сидоров", "Волков"]
NEVER = ["+7918", "7918", "orlova@", "112-233-445", "1978", "Котова Анна", "подтянуть математику",
         "ограниченными возможностями", "disability"]

HOSTILE = ["=1+1", "@SUM(1;2)", "+cmd|' /C calc'!A0", "-2+3", "=HYPERLINK(\"http://evil.example\")"]


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    d = tmp_path_factory.mktemp("export-store")
    path = str(d / "store.sqlite")
    for kind in ["mentors", "mentees", "consents", "pairs"]:
        run("import", "--canonical", os.path.join(FIXTURES, f"{kind}.csv"), "--kind", kind, "--store", path, "--format", "json", check=0)
    # A mentor whose free-text fields are hostile: every one must reach spreadsheets as text.
    hostile = d / "hostile.csv"
    hostile.write_text(
        "fullName,birthDate,organization,position,competencies,achievements,interests,mentorCategory,planTerm\n"
        + "Хакеров Иван Петрович,1980-01-01," + ",".join('"' + h.replace('"', '""') + '"' for h in HOSTILE) + ",teacher,-5\n",
        encoding="utf-8")
    run("import", "--canonical", str(hostile), "--kind", "mentors", "--store", path, "--format", "json", check=0)
    return path


def export(store, tmp_path, kind, view, fmt, *extra, name=None):
    out = tmp_path / (name or f"{kind}-{view}.{fmt}")
    run("export", kind, "--view", view, "--format", fmt, "-o", str(out), "--store", store, "--date", DATE, *extra, check=0)
    return out


# MARK: Site JSON

def test_site_json_matches_the_schema(store, tmp_path):
    jsonschema = pytest.importorskip("jsonschema")
    with open(os.path.join(ROOT, "docs", "site-export.schema.json"), encoding="utf-8") as f:
        schema = json.load(f)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    for kind in ["mentors", "mentees", "pairs", "bases"]:
        for extra in [(), ("--site", "https://school4.ru/nastavnichestvo")]:
            doc = json.loads(export(store, tmp_path, kind, "public", "json", *extra).read_text(encoding="utf-8"))
            errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.path))
            assert not errors, f"{kind}: " + "; ".join(f"{list(e.path)}: {e.message}" for e in errors[:5])
            assert doc["schemaVersion"] == 1
            text = json.dumps(doc, ensure_ascii=False)
            for n in NOT_PUBLISHED + NEVER:
                assert n not in text, f"{kind} names {n}"
    doc = json.loads(export(store, tmp_path, "bases", "public", "json").read_text(encoding="utf-8"))
    assert [m["fullName"] for m in doc["mentors"]] == PUBLISHED[1::-1]
    assert doc["summary"]["excluded"]["noConsent"] >= 1 and doc["summary"]["excluded"]["revoked"] == 1


def test_the_schema_refuses_personal_fields():
    jsonschema = pytest.importorskip("jsonschema")
    with open(os.path.join(ROOT, "docs", "site-export.schema.json"), encoding="utf-8") as f:
        schema = json.load(f)
    leak = {"schemaVersion": 1, "generator": "mentorbase", "title": "t", "exportDate": DATE, "site": None,
            "kind": "mentors", "mentors": [{"fullName": "А Б В", "phones": "+79161234567"}], "forms": [],
            "summary": {"rows": {}, "excluded": {k: 0 for k in ["noConsent", "revoked", "expired",
                                                                "notSignedByRepresentative", "siteNotNamed",
                                                                "fieldNotAllowed"]},
                        "excludedTotal": 0, "withheldFields": {}, "resultsWithheldUntilEnd": 0,
                        "pairsWithoutPublishedMentor": 0, "neutralisedCells": 0}}
    assert not jsonschema.Draft202012Validator(schema).is_valid(leak)


# MARK: HTML

def html_pages(store, tmp_path):
    pages = [export(store, tmp_path, kind, "public", "html") for kind in ["mentors", "mentees", "pairs", "bases"]]
    pages.append(export(store, tmp_path, "bases", "public", "html", "--template",
                        os.path.join(ROOT, "docs", "site-template.mustache"), name="templated.html"))
    return pages


def test_html_is_valid_html5(store, tmp_path):
    html5lib = pytest.importorskip("html5lib")
    tidy = shutil.which("tidy")
    for page in html_pages(store, tmp_path):
        raw = page.read_bytes()
        html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(raw)  # raises on any parse error
        if tidy:
            p = subprocess.run([tidy, "-q", "-e", "--show-warnings", "yes", str(page)], capture_output=True, text=True)
            assert p.returncode == 0, f"{page.name}: tidy says\n{p.stderr}"
        text = raw.decode("utf-8")
        assert "<script" not in text and "<link" not in text and "@import" not in text and "url(" not in text
        for n in NOT_PUBLISHED + NEVER:
            assert n not in text, f"{page.name} names {n}"


def png_size(path):
    with open(path, "rb") as f:
        head = f.read(24)
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", head[16:24])


def test_html_in_headless_chromium(store, tmp_path):
    if not (shutil.which("chromium") or shutil.which("chromium-browser")):
        pytest.skip("chromium is not installed (scripts/test-debs.txt lists it)")
    html5lib = pytest.importorskip("html5lib")
    page = export(store, tmp_path, "bases", "public", "html")
    shots = tmp_path / "shots"
    subprocess.run(["bash", os.path.join(ROOT, "scripts", "export-browser-check.sh"), str(page), str(shots)],
                   check=True, capture_output=True)
    phone, desktop = png_size(shots / "phone.png"), png_size(shots / "desktop.png")
    assert phone[0] == 390 and desktop[0] == 1280, (phone, desktop)
    assert (shots / "print.pdf").read_bytes()[:5] == b"%PDF-"
    dom = html5lib.parse((shots / "dom.html").read_bytes(), namespaceHTMLElements=False)
    text = " ".join(t for t in dom.itertext())
    for n in PUBLISHED + ["Наставники", "Формы наставничества", "ученик – ученик", "Данные на 20.05.2023"]:
        assert n in text, f"the rendered page lacks {n}"
    for n in NOT_PUBLISHED + NEVER:
        assert n not in text
    keep = os.environ.get("MENTORBASE_SCREENSHOTS")
    if keep:
        os.makedirs(keep, exist_ok=True)
        for f in ["phone.png", "desktop.png", "print.pdf"]:
            shutil.copy(shots / f, os.path.join(keep, f))


# MARK: XLSX and CSV

def openpyxl_values(path):
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.load_workbook(path)
    out = {}
    for ws in wb.worksheets:
        rows = []
        for row in ws.iter_rows():
            for c in row:
                assert c.data_type != "f", f"{ws.title}!{c.coordinate} is a formula: {c.value}"
            rows.append([c.value for c in row])
        out[ws.title] = rows
    return out, wb


def norm(v):
    if v is None:
        return ""
    if isinstance(v, datetime.datetime):
        return v.date().isoformat()
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def libreoffice(src, outdir, target, infilter=None):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        pytest.skip("LibreOffice is not installed (scripts/test-debs.txt lists libreoffice-calc-nogui)")
    args = [soffice, "--headless", f"-env:UserInstallation=file://{outdir}/profile"]
    if infilter:
        args.append(f"--infilter={infilter}")
    subprocess.run(args + ["--convert-to", target, "--outdir", str(outdir), str(src)], check=True,
                   capture_output=True, timeout=180)


def test_xlsx_bases_styled_and_same_values_in_openpyxl_and_libreoffice(store, tmp_path):
    path = export(store, tmp_path, "bases", "full", "xlsx")
    values, wb = openpyxl_values(path)
    assert list(values) == ["Наставники. Текущие участники", "Наставники. Архив",
                            "Наставляемые. Текущие участники", "Наставляемые. Архив"]
    ws = wb["Наставники. Текущие участники"]
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref.startswith("A1:")
    assert ws["A1"].font.b and ws["B1"].value == "ФИО наставника"
    assert ws.column_dimensions["B"].width > 15
    mentees = wb["Наставляемые. Архив"]
    births = [r[3] for r in mentees.iter_rows(min_row=2) if r[3].value is not None]
    assert births and all(c.is_date and c.number_format == "dd.mm.yyyy" for c in births)
    # Every hostile value arrives as guarded text.
    texts = [v for rows in values.values() for r in rows for v in r if isinstance(v, str)]
    for h in HOSTILE:
        assert "'" + h in texts and h not in texts
    # LibreOffice opens the same workbook to the same values (one sheet at a time through CSV).
    lo = tmp_path / "lo"
    lo.mkdir()
    libreoffice(path, lo, "xlsx")
    lo_values, _ = openpyxl_values(lo / path.name)
    for sheet, rows in values.items():
        a = [[norm(v) for v in r] for r in rows]
        b = [[norm(v) for v in r] for r in lo_values[sheet]]
        assert a == b, f"{sheet} differs after LibreOffice"


def test_csv_same_values_in_python_and_libreoffice_and_no_formula(store, tmp_path):
    path = export(store, tmp_path, "mentors", "full", "csv")
    with open(path, newline="", encoding="utf-8") as f:
        ours = list(csv.reader(f))
    flat = [v for r in ours for v in r]
    for h in HOSTILE:
        assert "'" + h in flat
    assert "'+79181234567" in flat
    lo = tmp_path / "lo"
    lo.mkdir()
    # Formula evaluation on (the 13th token): the worst case for a CSV opened in a spreadsheet.
    libreoffice(path, lo, "xlsx", infilter="CSV:44,34,76,1,,0,false,true,false,false,false,-1,true")
    values, _ = openpyxl_values(lo / (path.stem + ".xlsx"))
    rows = next(iter(values.values()))
    lo_text = [[norm(v) for v in r] for r in rows]
    ours_padded = [r + [""] * (len(lo_text[0]) - len(r)) for r in ours]
    assert lo_text == ours_padded
    # Unguarded, the same file would have given LibreOffice formulas: --raw shows the guard matters.
    raw = export(store, tmp_path, "mentors", "full", "csv", "--raw", name="raw.csv")
    libreoffice(raw, lo, "xlsx", infilter="CSV:44,34,76,1,,0,false,true,false,false,false,-1,true")
    openpyxl = pytest.importorskip("openpyxl")
    ws = openpyxl.load_workbook(lo / "raw.xlsx").active
    assert any(c.data_type == "f" for r in ws.iter_rows() for c in r)


def test_raw_warns(store, tmp_path):
    out = tmp_path / "raw.csv"
    p = run("export", "mentors", "--view", "full", "-o", str(out), "--store", store, "--raw", check=0)
    assert "--raw" in p.stderr and "not neutralised" in p.stderr


def test_summary_counts_reasons_without_names(store, tmp_path):
    p = run("export", "bases", "--view", "public", "--format", "html", "-o", str(tmp_path / "p.html"),
            "--store", store, "--date", DATE, check=0)
    assert "Left out" in p.stderr and "consent revoked — 1" in p.stderr
    for n in NOT_PUBLISHED:
        assert n not in p.stderr


# MARK: Monitoring

def test_report_json_and_xlsx_chart(store, tmp_path):
    p = run("report", "--store", store, "--date", "2022-12-01", "--students-in-categories", "30", "--students-15-18", "50",
            "--young-specialists", "4", "--organisations", "20", "--targets", os.path.join(ROOT, "docs", "targets-example.json"),
            "--format", "json", check=0)
    doc = json.loads(p.stdout)
    by = {i["id"]: i for i in doc["indicators"]}
    assert by["mentee-students"]["count"] == 3 and by["mentee-students"]["percent"] == 10
    assert by["mentee-students"]["target"] == 40 and by["mentee-students"]["met"] is False
    for n in NOT_PUBLISHED + PUBLISHED:
        assert n.split()[0] not in p.stdout
    out = tmp_path / "report.xlsx"
    run("report", "--store", store, "--date", "2022-12-01", "--students-in-categories", "30",
        "--targets", os.path.join(ROOT, "docs", "targets-example.json"), "--format", "xlsx", "-o", str(out), check=0)
    openpyxl = pytest.importorskip("openpyxl")
    ws = openpyxl.load_workbook(out)["Показатели"]
    assert ws["C2"].value == 3 and ws["E2"].value == 10 and ws["F2"].value == 40
    import zipfile
    with zipfile.ZipFile(out) as z:
        chart = z.read("xl/charts/chart1.xml").decode("utf-8")
    assert "<c:barChart>" in chart and "'Показатели'!$E$2:$E$5" in chart and "'Показатели'!$F$2:$F$5" in chart


# MARK: Usage errors

@pytest.mark.parametrize("args, words", [
    (["export", "bases", "--view", "full", "--format", "csv"], "several sheets"),
    (["export", "consents", "--view", "public", "--format", "json"], "no public view"),
    (["export", "questionnaires", "--view", "public", "--format", "html"], "no public view"),
    (["export", "mentors", "--view", "full", "--format", "pdf"], "export format"),
    (["export", "mentors", "--view", "full", "--format", "csv", "--date", "31.02.2024"], "31.02.2024"),
    (["export", "mentors", "--view", "full", "--format", "csv", "--site", "https://x.ru"], "--site"),
    (["report", "--format", "xlsx"], "-o FILE.xlsx"),
    (["report", "--students-15-18=-3"], "negative"),
])
def test_usage_errors_exit_2(store, args, words):
    p = run(*args, "--store", store)
    assert p.returncode == 2, p.stderr
    assert words in p.stderr


def test_template_refuses_unescaped_output(store, tmp_path):
    tpl = tmp_path / "bad.mustache"
    tpl.write_text("<p>\n{{{fullName}}}</p>\n", encoding="utf-8")
    p = run("export", "mentors", "--view", "public", "--format", "html", "--template", str(tpl), "-o",
            str(tmp_path / "x.html"), "--store", store)
    assert p.returncode == 2 and "row 2" in p.stderr and "unescaped" in p.stderr
    assert not (tmp_path / "x.html").exists()
