"""Independent programs check the ODS plugin: LibreOffice and pandas (odfpy) read what mentorbase
writes; mentorbase reads LibreOffice's files cell for cell like their XLSX twins; the command line
lists, inspects, dumps and converts .ods; hostile files fail cleanly.

Run by scripts/test.sh with MENTORBASE_BIN set to the built tool."""
import datetime as dt
import glob
import json
import math
import os
import shutil
import subprocess
import tempfile
import zipfile

import openpyxl
import numpy as np
import pandas as pd
import pytest

BIN = os.environ.get("MENTORBASE_BIN", "mentorbase")
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FIXTURES = os.path.join(ROOT, "Tests", "ODSFormatTests", "Fixtures")
ODS_MIME = "application/vnd.oasis.opendocument.spreadsheet"
needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")


def run(*args, stdin=None, check=True):
    p = subprocess.run([BIN, *args], input=stdin, capture_output=True, timeout=300)
    if check and p.returncode != 0:
        raise AssertionError(f"mentorbase {' '.join(args)} → {p.returncode}\n{p.stderr.decode()}")
    return p


def dump(path, *extra):
    return json.loads(run("dump", path, "--format", "json", "--quiet", *extra).stdout)


def soffice(args, cwd):
    """Headless LibreOffice with a private profile."""
    profile = tempfile.mkdtemp(prefix="lo-profile-")
    try:
        subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", *args], cwd=cwd,
                       check=True, capture_output=True, timeout=300)
    finally:
        shutil.rmtree(profile, ignore_errors=True)


# The workbook mentorbase writes as ODS in these tests: Python values, so every peer's reading can
# be compared with the source, not with mentorbase's own reading.
SHEETS = {
    "Анкеты": [
        ["ФИО", "Телефон", "Дата рождения", "Заполнено", "Балл", "Согласие", "Комментарий"],
        ["Иванов Иван Иванович", "+7 916 123-45-67", dt.date(2010, 5, 17), dt.datetime(2024, 9, 1, 8, 30, 5), 4.75, True,
         "Сказал: \"привет\", ушёл"],
        ["Ёлкина  Алёна", "007", dt.date(1999, 12, 31), dt.datetime(2000, 2, 29, 23, 59, 59), -17, False,
         "строка 1\nстрока 2"],
        ["=СУММ(A1:A3)", "@ссылка", None, None, 1234567890123, None, "  пробелы по краям  "],
        ["O'Brien & <Джон>", "-5", dt.date(2024, 2, 29), None, 0.1, True, "ç 日本 😀"],
    ],
    "Согласия": [
        ["Участник", "Подписал", "Дата подписи"],
        ["Иванов Иван", "мать", dt.date(2024, 9, 1)],
        [],
        ["после пустой строки", None, dt.date(2024, 10, 15)],
    ],
    "Sheet 3": [["a"], [None, None, "c"]],
}


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    """SHEETS as an XLSX (openpyxl) converted by mentorbase to ODS."""
    d = tmp_path_factory.mktemp("ods-written")
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in SHEETS.items():
        ws = wb.create_sheet(name)
        for r, row in enumerate(rows, start=1):
            for c, v in enumerate(row, start=1):
                if v is None:
                    continue
                cell = ws.cell(row=r, column=c, value=v)
                if isinstance(v, str) and v.startswith("="):
                    cell.data_type = "s"
                if isinstance(v, dt.datetime):
                    cell.number_format = "DD.MM.YYYY HH:MM:SS"
                elif isinstance(v, dt.date):
                    cell.number_format = "DD.MM.YYYY"
    src = d / "source.xlsx"
    wb.save(src)
    out = d / "written.ods"
    run("convert", str(src), str(out), "--quiet")
    return out


def test_written_file_is_a_valid_ods_container(written):
    with zipfile.ZipFile(written) as z:
        infos = z.infolist()
        assert infos[0].filename == "mimetype" and infos[0].compress_type == zipfile.ZIP_STORED
        assert z.read("mimetype").decode() == ODS_MIME
        assert z.testzip() is None
        names = z.namelist()
        for part in ["content.xml", "styles.xml", "meta.xml", "settings.xml", "META-INF/manifest.xml"]:
            assert part in names
        manifest = z.read("META-INF/manifest.xml").decode()
        assert 'manifest:full-path="/"' in manifest and ODS_MIME in manifest


def expected_pandas(v):
    if v is None:
        return None
    if isinstance(v, dt.datetime):
        return pd.Timestamp(v)
    if isinstance(v, dt.date):
        return pd.Timestamp(v)
    return v


def test_pandas_with_odfpy_reads_what_we_write(written):
    frames = pd.read_excel(written, engine="odf", sheet_name=None, header=None)
    assert list(frames) == list(SHEETS)
    for name, rows in SHEETS.items():
        frame = frames[name]
        for r, row in enumerate(rows):
            for c in range(frame.shape[1]):
                want = expected_pandas(row[c] if c < len(row) else None)
                got = frame.iat[r, c]
                if want is None:
                    assert got is None or (isinstance(got, float) and math.isnan(got)), (name, r, c, got)
                elif isinstance(want, bool):
                    assert isinstance(got, (bool, np.bool_)) and bool(got) is want, (name, r, c, got)
                elif isinstance(want, (int, float)):
                    assert float(got) == float(want), (name, r, c, got)
                else:
                    assert got == want, (name, r, c, got, want)


@needs_soffice
def test_libreoffice_reads_typed_values_we_write(written, tmp_path):
    """LibreOffice opens our ODS and saves it as XLSX; openpyxl reads that XLSX: same typed values."""
    shutil.copy(written, tmp_path / "w.ods")
    soffice(["--convert-to", "xlsx", "w.ods"], cwd=tmp_path)
    wb = openpyxl.load_workbook(tmp_path / "w.xlsx")
    assert wb.sheetnames == list(SHEETS)
    for name, rows in SHEETS.items():
        ws = wb[name]
        for r, row in enumerate(rows, start=1):
            for c, want in enumerate(row, start=1):
                got = ws.cell(row=r, column=c).value
                if isinstance(want, dt.datetime):
                    assert got == want, (name, r, c, got)
                elif isinstance(want, dt.date):
                    assert got == dt.datetime(want.year, want.month, want.day), (name, r, c, got)
                elif isinstance(want, bool):
                    assert got is want, (name, r, c, got)
                elif want == "":
                    assert got in (None, ""), (name, r, c, got)
                else:
                    assert got == want, (name, r, c, got, want)


@needs_soffice
def test_libreoffice_shows_dates_and_booleans_as_intended(written, tmp_path):
    """As shown (CSV export of every sheet): dates DD.MM.YYYY, date-times with seconds, TRUE/FALSE."""
    shutil.copy(written, tmp_path / "w.ods")
    soffice(["--convert-to", "csv:Text - txt - csv (StarCalc):59,34,76,1,,1033,false,true,true,false,false,-1", "w.ods"],
            cwd=tmp_path)
    text = (tmp_path / "w-Анкеты.csv").read_text(encoding="utf-8")
    assert "17.05.2010" in text and "01.09.2024 08:30:05" in text and "29.02.2000 23:59:59" in text
    assert ";TRUE;" in text and ";FALSE;" in text
    assert '"=СУММ(A1:A3)"' in text or "=СУММ(A1:A3);" in text, "text starting with = stays text"
    consents = (tmp_path / "w-Согласия.csv").read_text(encoding="utf-8").splitlines()
    assert consents[0] == "Участник;Подписал;Дата подписи"
    assert consents[3] == "после пустой строки;;15.10.2024"
    assert sorted(os.path.basename(p) for p in glob.glob(str(tmp_path / "w-*.csv"))) == \
        ["w-Sheet 3.csv", "w-Анкеты.csv", "w-Согласия.csv"]


@pytest.mark.parametrize("ods,xlsx", [("libreoffice-from-xlsx.ods", "openpyxl-source.xlsx"),
                                      ("libreoffice-from-csv.ods", "libreoffice-from-csv.xlsx"),
                                      ("libreoffice-formulas.ods", "libreoffice-formulas.xlsx")])
def test_libreoffice_files_read_like_their_xlsx_twins(ods, xlsx):
    a = dump(os.path.join(FIXTURES, ods))
    b = dump(os.path.join(FIXTURES, xlsx))
    assert a["format"] == "ods" and b["format"] == "xlsx"
    assert a["sheets"] == b["sheets"]


def test_formats_lists_ods():
    listed = json.loads(run("formats", "--format", "json").stdout)
    ods = next(f for f in listed if f["id"] == "ods")
    assert ods["extensions"] == ["ods"] and ods["read"] and ods["write"]
    assert "multiple-sheets" in ods["capabilities"] and "dates" in ods["capabilities"]
    assert "ods" in run("formats").stdout.decode()


def test_inspect_dump_and_stdin():
    path = os.path.join(FIXTURES, "libreoffice-from-xlsx.ods")
    text = run("inspect", path, "--lang", "en").stdout.decode()
    assert "ODS" in text and "LibreOffice" in text and "Служебный" in text and "A1:K1" in text
    from_stdin = json.loads(run("dump", "-", "--format", "json", stdin=open(path, "rb").read()).stdout)
    assert from_stdin == dump(path)
    one = dump(path, "--sheet", "Пары")
    assert [s["name"] for s in one["sheets"]] == ["Пары"]


def test_convert_to_and_from_ods(tmp_path):
    src = os.path.join(FIXTURES, "libreoffice-from-xlsx.ods")
    for ext in ["xlsx", "ods"]:                      # JSON makes the first row keys: not a cell-for-cell twin
        out = tmp_path / f"out.{ext}"
        run("convert", src, str(out), "--quiet")
        # Writers get no hidden flag (SheetSpec has none): every sheet comes back visible.
        assert dump(str(out))["sheets"] == [dict(s, hidden=False) for s in dump(src)["sheets"]], ext
    run("convert", src, str(tmp_path / "first.csv"), "--quiet", "--sheet", "Анкеты")
    back = tmp_path / "back.ods"
    run("convert", str(tmp_path / "first.csv"), str(back), "--quiet")
    rows = dump(str(back))["sheets"][0]["rows"]
    assert rows[2][0] == "ФИО" and rows[3][0] == "Смирнова Ольга Викторовна"


def write_zip(path, parts, first_stored=True):
    with zipfile.ZipFile(path, "w") as z:
        for i, (name, data) in enumerate(parts):
            z.writestr(name, data, compress_type=zipfile.ZIP_STORED if (i == 0 and first_stored) else zipfile.ZIP_DEFLATED)


CONTENT_HEAD = ('<?xml version="1.0" encoding="UTF-8"?>'
                '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
                'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
                'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet>')
CONTENT_TAIL = "</office:spreadsheet></office:body></office:document-content>"


def test_hostile_files_fail_cleanly(tmp_path):
    bomb = tmp_path / "bomb.ods"
    filler = "<table:table-row><table:table-cell/></table:table-row>" * 3_000_000
    write_zip(bomb, [("mimetype", ODS_MIME), ("content.xml", CONTENT_HEAD + '<table:table table:name="S">'
                                                + filler + "</table:table>" + CONTENT_TAIL)])
    p = run("dump", str(bomb), "--format", "json", "--lang", "en", check=False)
    assert p.returncode == 1 and b"zip bomb" in p.stderr and b"content.xml" in p.stderr, p.stderr
    dtd = tmp_path / "dtd.ods"
    write_zip(dtd, [("mimetype", ODS_MIME),
                    ("content.xml", '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
                     + CONTENT_HEAD[len('<?xml version="1.0" encoding="UTF-8"?>'):]
                     + '<table:table table:name="S"><table:table-row><table:table-cell><text:p>&e;</text:p>'
                     + "</table:table-cell></table:table-row></table:table>" + CONTENT_TAIL)])
    p = run("dump", str(dtd), "--lang", "en", check=False)
    assert p.returncode == 1 and b"DOCTYPE" in p.stderr and b"root:" not in p.stdout
    garbage = tmp_path / "garbage.ods"
    garbage.write_bytes(bytes(range(256)) * 40)
    p = run("dump", str(garbage), check=False)
    assert p.returncode == 1 and p.stderr


def test_million_repeated_rows_and_columns_cost_nothing(tmp_path):
    """Ten sheets each claiming 1,048,576 × 16,384 empty cells: read in a blink, in flat memory."""
    sheet = ('<table:table table:name="S{i}"><table:table-row>'
             '<table:table-cell office:value-type="string"><text:p>x{i}</text:p></table:table-cell>'
             '<table:table-cell table:number-columns-repeated="16383"/></table:table-row>'
             '<table:table-row table:number-rows-repeated="1048575">'
             '<table:table-cell table:number-columns-repeated="16384"/></table:table-row></table:table>')
    body = "".join(sheet.format(i=i) for i in range(10))
    path = tmp_path / "huge.ods"
    write_zip(path, [("mimetype", ODS_MIME), ("content.xml", CONTENT_HEAD + body + CONTENT_TAIL)])
    p = subprocess.run(["/usr/bin/time", "-f", "%M", BIN, "dump", str(path), "--format", "json"], capture_output=True,
                       timeout=60)
    assert p.returncode == 0
    sheets = json.loads(p.stdout)["sheets"]
    assert [s["rows"] for s in sheets] == [[[f"x{i}"]] for i in range(10)]
    peak_kib = int(p.stderr.decode().strip().splitlines()[-1])
    assert peak_kib < 200_000, f"peak memory {peak_kib} KiB"
