"""Peer checks for mentorbase's XLSX writer and reader.

What mentorbase writes must be read back, cell for cell, by openpyxl, python-calamine and
LibreOffice headless (converting to CSV); no cell written as text may be a formula.
Hostile workbooks must end in a clear error (exit 1) quickly, in bounded memory, with
nothing from libxml2 on stderr. Run by scripts/test.sh with MENTORBASE_BIN set.
"""
import csv
import datetime as dt
import io
import json
import os
import resource
import shutil
import subprocess
import tempfile
import time
import zipfile

import openpyxl
import pytest
from python_calamine import CalamineWorkbook

BIN = os.environ.get("MENTORBASE_BIN", "mentorbase")

LONG = "Длинный текст. " * 400
SOURCE = [
    ["ФИО", "Дата рождения", "Класс", "Согласие", "Примечание", "Телефон", "Отметка времени", "Балл"],
    ["Иванов Иван Иванович", dt.date(2010, 9, 5), 7, True, "=1+1", 79161234567, dt.datetime(2024, 9, 1, 8, 30), 4.5],
    ["Пётр \"Петя\" Сидоров", dt.date(2009, 12, 31), 11, False, "+7 (916) 000-00-00", "007", dt.datetime(2024, 9, 2, 17, 5), -0.25],
    [None, None, None, None, None, None, None, None],
    ["многострочный\nтекст; с ,запятыми", dt.date(2011, 2, 28), 5, True, "@SUM(A1)", "-1", dt.datetime(2024, 12, 31, 23, 59), 0],
    ["'апостроф", None, None, None, LONG, "=HYPERLINK(\"http://x\")", None, 1e-7],
]
SECOND = [["Лист два"], ["Юникод: 😀 ё Ё ß"]]


def run(*args, check=True, timeout=60):
    p = subprocess.run([BIN, *args], capture_output=True, text=True, timeout=timeout)
    if check and p.returncode != 0:
        raise AssertionError(f"{args}: exit {p.returncode}\n{p.stderr}")
    return p


@pytest.fixture(scope="module")
def work():
    d = tempfile.mkdtemp(prefix="xlsx-peers-")
    yield d
    shutil.rmtree(d, ignore_errors=True)


def make_source(path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Анкеты"
    for row in SOURCE:
        ws.append(row)
        for cell in ws[ws.max_row]:
            if isinstance(cell.value, str):
                cell.data_type = "s"          # text stays text, even "=1+1"
            elif isinstance(cell.value, dt.datetime):
                cell.number_format = "dd.mm.yyyy hh:mm"
            elif isinstance(cell.value, dt.date):
                cell.number_format = "dd.mm.yyyy"
    ws2 = wb.create_sheet("Второй")
    for row in SECOND:
        ws2.append(row)
    wb.save(path)


@pytest.fixture(scope="module", params=["default", "constant-memory"])
def written(request, work):
    src = os.path.join(work, "source.xlsx")
    if not os.path.exists(src):
        make_source(src)
    out = os.path.join(work, f"written-{request.param}.xlsx")
    args = ["convert", src, out, "--quiet"]
    if request.param == "constant-memory":
        args += ["--out-option", "constant-memory=true"]
    run(*args)
    return out


def trimmed(rows):
    rows = [list(r) for r in rows]
    for r in rows:
        while r and r[-1] in (None, ""):
            r.pop()
    while rows and not rows[-1]:
        rows.pop()
    return rows


def expected_python(rows):
    """The source as Python values a reader returns (dates as datetimes, whole floats as ints)."""
    out = []
    for r in rows:
        row = []
        for v in r:
            if isinstance(v, dt.datetime):
                row.append(v)
            elif isinstance(v, dt.date):
                row.append(dt.datetime.combine(v, dt.time()))
            else:
                row.append(v)
        out.append(row)
    return trimmed(out)


def normalise(v):
    if isinstance(v, float) and v.is_integer() and abs(v) < 1e15:
        return int(v)
    if isinstance(v, dt.date) and not isinstance(v, dt.datetime):
        return dt.datetime.combine(v, dt.time())
    if v == "":
        return None
    return v


def test_openpyxl_reads_what_we_wrote(written):
    wb = openpyxl.load_workbook(written)
    assert wb.sheetnames == ["Анкеты", "Второй"]
    ws = wb["Анкеты"]
    got = trimmed([[normalise(c.value) for c in row] for row in ws.iter_rows()])
    assert got == expected_python(SOURCE)
    # No cell we wrote as text is a formula; dates are date cells shown dd.mm.yyyy.
    for row in ws.iter_rows():
        for c in row:
            assert c.data_type != "f", f"{c.coordinate} became a formula: {c.value!r}"
            if isinstance(c.value, dt.datetime):
                assert c.number_format in ("dd.mm.yyyy", "dd.mm.yyyy hh:mm"), c.number_format
    assert ws["A1"].font.b and not ws["A2"].font.b
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == "A1:H6"
    assert trimmed([[c.value for c in r] for r in wb["Второй"].iter_rows()]) == SECOND


def test_calamine_reads_what_we_wrote(written):
    wb = CalamineWorkbook.from_path(written)
    assert wb.sheet_names == ["Анкеты", "Второй"]
    rows = wb.get_sheet_by_name("Анкеты").to_python(skip_empty_area=False)
    got = trimmed([[normalise(v) for v in r] for r in rows])
    assert got == expected_python(SOURCE)


def test_libreoffice_converts_what_we_wrote_to_the_same_csv(written, work):
    outdir = tempfile.mkdtemp(dir=work)
    profile = tempfile.mkdtemp(prefix="lo-profile-")
    try:
        # 44 = ',', 34 = '"', 76 = UTF-8; token 9 "true" would quote all; cells saved as shown.
        subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
                        "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true", "--outdir", outdir, written],
                       check=True, capture_output=True, timeout=180)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    name = os.path.splitext(os.path.basename(written))[0] + ".csv"
    with open(os.path.join(outdir, name), encoding="utf-8", newline="") as f:
        got = trimmed(list(csv.reader(f)))

    def shown(v):
        if v is None:
            return ""
        if isinstance(v, bool):
            return "TRUE" if v else "FALSE"
        if isinstance(v, dt.datetime):
            return v.strftime("%d.%m.%Y %H:%M")
        if isinstance(v, dt.date):
            return v.strftime("%d.%m.%Y")
        if isinstance(v, float):
            return {4.5: "4.5", -0.25: "-0.25", 1e-7: "0.0000001"}[v]   # LibreOffice's General format
        return str(v)

    want = trimmed([[shown(v) for v in r] for r in SOURCE])
    assert got == want


def test_dump_and_inspect_json_contract(written):
    dump = json.loads(run("dump", written, "--format", "json").stdout)
    assert dump["format"] == "xlsx" and dump["encoding"] is None
    assert [s["name"] for s in dump["sheets"]] == ["Анкеты", "Второй"]
    rows = dump["sheets"][0]["rows"]
    assert rows[1][:5] == ["Иванов Иван Иванович", {"date": "2010-09-05"}, 7, True, "=1+1"]
    assert rows[1][6] == {"datetime": "2024-09-01T08:30:00"}
    assert rows[3] == []
    info = json.loads(run("inspect", written, "--format", "json").stdout)
    assert info["format"] == "xlsx"
    assert [(s["name"], s["rows"], s["columns"]) for s in info["sheets"]] == [("Анкеты", 6, 8), ("Второй", 2, 1)]


def test_hidden_sheets_and_errors_in_dump(work):
    path = os.path.join(work, "hidden.xlsx")
    wb = openpyxl.Workbook()
    wb.active.title = "Видимый"
    wb.active["A1"] = "#N/A"
    wb.active["A1"].data_type = "e"
    h = wb.create_sheet("Скрытый")
    h.sheet_state = "veryHidden"
    h["A1"] = 1
    wb.save(path)
    dump = json.loads(run("dump", path, "--format", "json").stdout)
    assert dump["sheets"] == [{"name": "Видимый", "hidden": False, "rows": [[{"error": "#N/A"}]]},
                              {"name": "Скрытый", "hidden": True, "rows": [[1]]}]


def hostile_zip(path, sheet_bytes=None, extra=None, cut=None):
    wb = openpyxl.Workbook()
    wb.active["A1"] = "x"
    base = path + ".base.xlsx"
    wb.save(base)
    with zipfile.ZipFile(base) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if sheet_bytes is not None and item.filename == "xl/worksheets/sheet1.xml":
                if callable(sheet_bytes):
                    # Streamed in chunks, so this process never holds the bomb (a forked
                    # child's peak memory would count it).
                    with zout.open(item.filename, "w") as f:
                        sheet_bytes(f)
                    continue
                data = sheet_bytes
            zout.writestr(item.filename, data)
        for name, data in (extra or []):
            zout.writestr(name, data)
    if cut is not None:
        with open(path, "rb") as f:
            data = f.read()
        with open(path, "wb") as f:
            f.write(data[:cut])


LAUGHS = (b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa">'
          + b"".join(b'<!ENTITY %s "%s">' % (bytes([98 + i]), bytes([97 + i]).join([b"&", b";"]) * 10) for i in range(9))
          + b']><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">'
          + b'<c r="A1" t="inlineStr"><is><t>&j;</t></is></c></row></sheetData></worksheet>')
XXE = (b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
       b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">'
       b'<c r="A1" t="inlineStr"><is><t>&x;</t></is></c></row></sheetData></worksheet>')


@pytest.mark.parametrize("kind", ["bomb", "laughs", "xxe", "truncated", "dotdot", "random"])
def test_hostile_files_fail_fast_and_clearly(work, kind):
    path = os.path.join(work, f"hostile-{kind}.xlsx")
    if kind == "bomb":
        def spaces(f):                      # 1 GiB of spaces, ~1 MB zipped
            f.write(b"<worksheet>")
            chunk = b" " * (1 << 20)
            for _ in range(1024):
                f.write(chunk)
        hostile_zip(path, sheet_bytes=spaces)
    elif kind == "laughs":
        hostile_zip(path, sheet_bytes=LAUGHS)
    elif kind == "xxe":
        hostile_zip(path, sheet_bytes=XXE)
    elif kind == "truncated":
        hostile_zip(path, cut=3000)
    elif kind == "dotdot":
        hostile_zip(path, extra=[("../../../tmp/evil.sh", b"echo pwned")])
    else:
        with open(path, "wb") as f:
            f.write(os.urandom(100_000))
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t0 = time.monotonic()
    p = run("dump", path, "--lang", "en", check=False)
    elapsed = time.monotonic() - t0
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    assert p.returncode == 1, p.stderr
    assert "root:" not in p.stdout and "=" not in p.stdout, p.stdout
    assert "error" in p.stderr.lower() or "damaged" in p.stderr.lower() or "not" in p.stderr.lower(), p.stderr
    assert "parser error" not in p.stderr and "Entity" not in p.stderr, "libxml2 printed to stderr"
    assert "root:" not in p.stderr
    assert elapsed < 1.5, f"{kind} took {elapsed:.2f}s"
    assert peak_kib < 200 * 1024 or peak_kib == before, f"{kind}: peak {peak_kib} KiB"
    assert not os.path.exists("/tmp/evil.sh")


FIXTURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "XLSXFormatTests", "Fixtures")


@pytest.mark.parametrize("name", sorted(f for f in os.listdir(FIXTURES) if f.endswith(".xlsx")))
def test_reader_agrees_with_calamine_on_real_files(name):
    """An independent reader's view of the producers' files, cell for cell (calamine shows errors as '')."""
    path = os.path.join(FIXTURES, name)
    ours = json.loads(run("dump", path, "--format", "json", "--quiet").stdout)
    wb = CalamineWorkbook.from_path(path)
    assert [s["name"] for s in ours["sheets"]] == wb.sheet_names
    hidden = [not str(m.visible).endswith("Visible") for m in wb.sheets_metadata]
    assert [s["hidden"] for s in ours["sheets"]] == hidden

    def as_python(c):
        if isinstance(c, dict):
            if "date" in c:
                return dt.date.fromisoformat(c["date"])
            if "datetime" in c:
                return dt.datetime.fromisoformat(c["datetime"])
            return None                      # errors
        return c

    for sheet in ours["sheets"]:
        theirs = trimmed([[None if v == "" else v for v in r]
                          for r in wb.get_sheet_by_name(sheet["name"]).to_python(skip_empty_area=False)])
        mine = trimmed([[as_python(c) for c in r] for r in sheet["rows"]])
        assert mine == theirs, f"{name} «{sheet['name']}»"
