"""`mentorbase serve` (issue 8): the whole flow in real headless Chromium (selenium + Debian's chromium-driver),
the page and the command line leaving identical stores, and the refusals (password, CSRF, size).

Screenshots go to $MENTORBASE_ARTIFACTS (or a temporary folder) under serve/."""
import base64
import json
import os
import re
import sqlite3
import subprocess
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid

import pytest

from conftest import SAMPLES, binary

# The Samples date from 2022–2023: validate and export as of a day inside their consents' terms.
AS_OF = "2023-03-01"


class Server:
    """One `mentorbase serve` on a free loopback port; its log is collected for the personal-data check."""

    def __init__(self, tmp_path, *args, env=None, store=None):
        self.store = store or str(tmp_path / "store.sqlite")
        self.log = []
        cmd = [binary(), "serve", "--port", "0", "--store", self.store, "--as-of", AS_OF, *args]
        self.proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                                     env={**os.environ, "MENTORBASE_LANG": "ru", **(env or {})})
        self.base = None
        deadline = time.time() + 120
        while time.time() < deadline:
            line = self.proc.stderr.readline()
            if not line:
                break
            self.log.append(line)
            m = re.search(r"(http://127\.0\.0\.1:\d+/)", line)
            if m:
                self.base = m.group(1)
                break
        if not self.base:
            self.stop()
            raise AssertionError("the server did not start:\n" + "".join(self.log))
        self.reader = threading.Thread(target=self._drain, daemon=True)
        self.reader.start()

    def _drain(self):
        for line in self.proc.stderr:
            self.log.append(line)

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def text_log(self):
        return "".join(self.log)


@pytest.fixture
def server(tmp_path):
    servers = []

    def make(*args, **kwargs):
        s = Server(tmp_path, *args, **kwargs)
        servers.append(s)
        return s

    yield make
    for s in servers:
        s.stop()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def request(url, data=None, headers=None, method=None, password=None):
    """(status, headers, body) without following redirects and without raising on 4xx/5xx."""
    h = dict(headers or {})
    if password is not None:
        h["Authorization"] = "Basic " + base64.b64encode(f"secretary:{password}".encode()).decode()
    req = urllib.request.Request(url, data=data, headers=h, method=method)
    try:
        with urllib.request.build_opener(NoRedirect).open(req, timeout=120) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


def token_of(base, password=None):
    status, _, body = request(base, password=password)
    assert status == 200
    return re.search(r'name="csrf" value="([0-9a-f]+)"', body.decode()).group(1)


def multipart(fields, files):
    boundary = uuid.uuid4().hex
    out = b""
    for k, v in fields.items():
        out += f"--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n".encode()
    for k, (name, data) in files.items():
        out += (f"--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"; filename=\"{name}\"\r\n"
                "Content-Type: application/octet-stream\r\n\r\n").encode() + data + b"\r\n"
    out += f"--{boundary}--\r\n".encode()
    return out, f"multipart/form-data; boundary={boundary}"


def upload(base, token, path, origin=True):
    with open(path, "rb") as fh:
        body, ctype = multipart({"csrf": token}, {"file": (os.path.basename(path), fh.read())})
    headers = {"Content-Type": ctype}
    if origin:
        headers["Origin"] = base.rstrip("/")
    return request(base + "upload", data=body, headers=headers, method="POST")


def import_through_page(base, token, path):
    status, headers, _ = upload(base, token, path)
    assert status == 303, status
    upload_url = base + headers["Location"].lstrip("/")
    status, _, page = request(upload_url)
    assert status == 200 and "Ошибок нет" in page.decode(), page.decode()[:2000]
    status, _, plan = request(upload_url + "/plan")
    assert status == 200 and "Импортировать" in plan.decode()
    form = f"csrf={token}".encode()
    status, headers, body = request(upload_url + "/import", data=form, method="POST",
                                    headers={"Content-Type": "application/x-www-form-urlencoded",
                                             "Origin": base.rstrip("/")})
    assert status == 303, (status, body.decode()[:2000])
    m = re.match(r"/batches/(\d+)\?done=1", headers["Location"])
    assert m, headers["Location"]
    return int(m.group(1))


# Columns that differ between two otherwise identical imports: the moments batches ran.
VOLATILE = {"started_at", "finished_at", "undone_at"}


def dump(store):
    con = sqlite3.connect(store)
    out = {}
    tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
    for t in tables:
        cols = [r[1] for r in con.execute(f"PRAGMA table_info({t})") if r[1] not in VOLATILE]
        rows = con.execute(f"SELECT {', '.join(cols)} FROM {t}").fetchall()
        out[t] = (cols, sorted(rows, key=repr))
    con.close()
    return out


# MARK: Browser

def chromium_parts():
    try:
        from selenium import webdriver  # noqa: F401
    except ImportError:
        pytest.skip("selenium is not installed (scripts/test-requirements.txt)")
    for exe in ("/usr/bin/chromium", "/usr/bin/chromedriver"):
        if not os.path.exists(exe):
            pytest.skip(f"{exe} is missing (scripts/test-debs.txt: chromium, chromium-driver)")


def make_driver(profile, downloads):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    opts = webdriver.ChromeOptions()
    opts.binary_location = "/usr/bin/chromium"
    for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--lang=ru-RU",
              f"--user-data-dir={profile}", "--window-size=1280,900"):
        opts.add_argument(a)
    opts.add_experimental_option("prefs", {"download.default_directory": str(downloads),
                                           "download.prompt_for_download": False,
                                           "safebrowsing.enabled": False})
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=opts)
    driver.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    driver.set_page_load_timeout(120)
    return driver


def artifacts_dir(tmp_path):
    root = os.environ.get("MENTORBASE_ARTIFACTS") or str(tmp_path / "artifacts")
    d = os.path.join(root, "serve")
    os.makedirs(d, exist_ok=True)
    return d


def shoot(driver, folder, name):
    """Desktop (1280) and phone (390) screenshots of the current page; the page must not scroll sideways at 390
    except inside its own table boxes."""
    for width, height, label in ((1280, 900, "desktop"), (390, 844, "phone")):
        # Device metrics, not the window: Chromium keeps windows wider than a phone.
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                               {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 500})
        time.sleep(0.3)
        assert driver.execute_script("return window.innerWidth") == width
        path = os.path.join(folder, f"{name}-{label}.png")
        assert driver.save_screenshot(path), path
        assert os.path.getsize(path) > 5000
        if width == 390:
            overflow = driver.execute_script(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth")
            assert overflow <= 2, f"{name}: the page is {overflow}px wider than a phone screen"
    driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def body_text(driver):
    """The page's text; empty while a navigation replaces the page under us (the next poll reads the new one)."""
    from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException
    from selenium.webdriver.common.by import By
    try:
        return driver.find_element(By.TAG_NAME, "body").text
    except (StaleElementReferenceException, NoSuchElementException):
        return ""


def wait_for(predicate, timeout=60, what="condition"):
    deadline = time.time() + timeout
    while time.time() < deadline:
        v = predicate()
        if v:
            return v
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def submit_file(driver, base, path, kind=None):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select
    driver.get(base)
    assert "Загрузить файл" in body_text(driver)
    driver.find_element(By.ID, "file").send_keys(path)
    if kind:
        Select(driver.find_element(By.ID, "kind")).select_by_value(kind)
    driver.find_element(By.CSS_SELECTOR, "form[action='/upload'] button[type=submit]").click()
    wait_for(lambda: "/u/" in driver.current_url and "Проверка файла" in body_text(driver), what="the check page")


def test_whole_flow_in_chromium(server, tmp_path):
    import openpyxl
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select
    chromium_parts()
    srv = server()
    shots = artifacts_dir(tmp_path)
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    driver = make_driver(tmp_path / "profile", downloads)
    person = None
    try:
        driver.get(srv.base)
        shoot(driver, shots, "01-home")

        # A faulty Sample: every planted mistake is listed, its cells marked in the preview.
        faulty = os.path.join(SAMPLES, "mentors-faulty.xlsx")
        submit_file(driver, srv.base, faulty)
        text = body_text(driver)
        assert "Есть ошибки" in text
        assert "XLSX" in text or "xlsx" in text
        assert "mentors" in text and "Строка заголовков" in text
        with open(os.path.join(SAMPLES, "mentors-faulty.expected.json"), encoding="utf-8") as fh:
            expected = json.load(fh)["csv"]
        diag = driver.find_element(By.ID, "diagnostics").text
        for e in expected:
            assert e["code"] in diag, e
            assert f"строка {e['row']}" in diag, e
        marked = driver.find_elements(By.CSS_SELECTOR, "table.sheet td.mark-error")
        assert len(marked) >= 3
        # The SNILS cell of row 5 (column E) is highlighted with its message.
        snils = [td for td in marked if "контрольн" in (td.get_attribute("title") or "")]
        assert snils, "the bad SNILS cell is not highlighted"
        shoot(driver, shots, "02-faulty-check")

        # The error workbook, downloaded by the browser, read by openpyxl.
        driver.find_element(By.CSS_SELECTOR, "a[href$='/errors.xlsx']").click()
        book = wait_for(lambda: [f for f in os.listdir(downloads) if f.endswith(".xlsx")], what="the error workbook")
        wb = openpyxl.load_workbook(downloads / book[0])
        assert wb.sheetnames[0] == "Ошибки"
        listed = [str(c.value) for row in wb["Ошибки"].iter_rows(min_row=2) for c in row if c.value is not None]
        for e in expected:
            assert e["code"] in listed, e
        comments = [c.comment.text for ws in wb.worksheets[1:] for row in ws.iter_rows() for c in row if c.comment]
        assert any("snils-checksum" in t for t in comments), comments

        # The mapping dropdowns are there and the mapping can be saved.
        selects = driver.find_elements(By.CSS_SELECTOR, "select[name^=t]")
        assert len(selects) >= 10
        assert Select(selects[0]).first_selected_option.get_attribute("value") != ""

        # The corrected file: no errors; the plan; import; the receipt.
        clean = os.path.join(SAMPLES, "mentors-clean.xlsx")
        submit_file(driver, srv.base, clean)
        assert "Ошибок нет" in body_text(driver)
        driver.find_element(By.LINK_TEXT, "Показать план загрузки").click()
        wait_for(lambda: "План загрузки" in body_text(driver), what="the plan")
        plan = driver.find_element(By.ID, "plan-counts").text
        assert "новых: 5" in plan, plan
        shoot(driver, shots, "03-plan")
        driver.find_element(By.ID, "import").click()
        wait_for(lambda: "/batches/" in driver.current_url, what="the receipt")
        receipt = body_text(driver)
        assert "записано как пакет № 1" in receipt, receipt
        shoot(driver, shots, "04-receipt")

        # Consents, so that the public page has someone on it.
        submit_file(driver, srv.base, os.path.join(SAMPLES, "consents-clean.xlsx"))
        driver.find_element(By.LINK_TEXT, "Показать план загрузки").click()
        wait_for(lambda: "План загрузки" in body_text(driver), what="the plan")
        driver.find_element(By.ID, "import").click()
        wait_for(lambda: "записано как пакет № 2" in body_text(driver), what="the second receipt")

        # The public page, previewed exactly as exported, then downloaded.
        driver.get(srv.base + "export")
        Select(driver.find_element(By.ID, "ek")).select_by_value("mentors")
        Select(driver.find_element(By.ID, "ev")).select_by_value("public")
        Select(driver.find_element(By.ID, "ef")).select_by_value("html")
        date = driver.find_element(By.ID, "ed")
        driver.execute_script("arguments[0].value = arguments[1]", date, AS_OF)
        driver.find_element(By.CSS_SELECTOR, "form[action='/export/preview'] button[type=submit]").click()
        wait_for(lambda: "предпросмотр" in body_text(driver), what="the export preview")
        left_out = driver.find_element(By.ID, "left-out").text
        assert "нет согласия на публикацию" in left_out, left_out
        shoot(driver, shots, "05-export-preview")
        cli_page = tmp_path / "cli-mentors.html"
        subprocess.run([binary(), "export", "mentors", "--view", "public", "--format", "html", "--date", AS_OF,
                        "--store", srv.store, "-o", str(cli_page), "--quiet"], check=True)
        frame = driver.find_element(By.ID, "export-frame")
        driver.switch_to.frame(frame)
        framed = body_text(driver)
        driver.switch_to.default_content()
        cli_html = cli_page.read_text(encoding="utf-8")
        assert "Наставники" in framed or "наставник" in framed.lower()
        # Every published name of the command line's page is in the framed page, and no phone is.
        published = re.findall(r'<td data-label="ФИО">([^<]+)</td>', cli_html)
        assert published, "the command line's page names nobody: the consents did not reach the store"
        for name in published:
            assert name.strip() in framed, name
        assert not re.search(r"\+7\d{10}", framed)
        driver.find_element(By.ID, "download").click()
        page = wait_for(lambda: [f for f in os.listdir(downloads) if f.endswith(".html")], what="the exported page")
        assert (downloads / page[0]).read_bytes() == cli_page.read_bytes(), "the page differs from `export`"

        # History: the batches and one person's values with their sources.
        driver.get(srv.base + "batches")
        batches = driver.find_element(By.ID, "batches").text
        assert "mentors-clean.xlsx" in batches and "consents-clean.xlsx" in batches
        shoot(driver, shots, "06-history")
        person = published[0].strip()
        driver.find_element(By.ID, "person").send_keys(person)
        driver.find_element(By.CSS_SELECTOR, "form[action='/history'] button[type=submit]").click()
        wait_for(lambda: "История человека" in body_text(driver), what="the person's history")
        assert "mentors-clean.xlsx" in body_text(driver)

        # Undo the consents batch from its receipt.
        driver.get(srv.base + "batches/2")
        driver.find_element(By.ID, "undo").click()
        wait_for(lambda: "отменён" in body_text(driver), what="the undo result")
        assert "Пакет № 2 отменён" in body_text(driver)
        shoot(driver, shots, "07-undone")
    finally:
        driver.quit()
    # The log holds methods, paths, statuses and times: no names, no file names, no SNILS.
    log = srv.text_log()
    for secret in ("Орлова", "Нина", "mentors-faulty", "123-456-789", person.split()[0]):
        assert secret not in log, secret
    assert re.search(r"POST /upload 303 [\d.]+ ms", log)
    print(f"screenshots: {shots}")


def test_page_and_command_line_leave_identical_stores(server, tmp_path):
    srv = server()
    token = token_of(srv.base)
    files = ["mentors-clean.xlsx", "mentees-clean.csv", "consents-clean.xlsx", "pairs-clean.json"]
    for f in files:
        import_through_page(srv.base, token, os.path.join(SAMPLES, f))
    srv.stop()
    cli_store = str(tmp_path / "cli.sqlite")
    for f in files:
        p = subprocess.run([binary(), "import", f, "--store", cli_store, "--as-of", AS_OF, "--format", "json"],
                           cwd=SAMPLES, capture_output=True, text=True)
        assert p.returncode == 0, p.stderr
    page, cli = dump(srv.store), dump(cli_store)
    assert page.keys() == cli.keys()
    for table in page:
        assert page[table] == cli[table], table
    assert len(page["people"][1]) > 10


def test_page_on_a_postgresql_store(server, tmp_path):
    """The page works on PostgreSQL too: the same imports through the page and the command line give the same
    bases (compared through the full export, the store's own view of them), and undo works there."""
    url = os.environ.get("MENTORBASE_TEST_PG_URL")
    if not url:
        if os.environ.get("CI") == "true":
            pytest.fail("MENTORBASE_TEST_PG_URL is not set: scripts/test.sh starts PostgreSQL")
        pytest.skip("MENTORBASE_TEST_PG_URL is not set (scripts/test.sh starts PostgreSQL)")
    sep = "&" if "?" in url else "?"
    suffix = uuid.uuid4().hex[:12]
    page_store, cli_store = f"{url}{sep}schema=page_{suffix}", f"{url}{sep}schema=cli_{suffix}"
    srv = server(store=page_store)
    token = token_of(srv.base)
    files = ["mentors-clean.xlsx", "mentees-clean.csv", "consents-clean.xlsx", "pairs-clean.json"]
    batches = [import_through_page(srv.base, token, os.path.join(SAMPLES, f)) for f in files]
    assert batches == [1, 2, 3, 4]
    for f in files:
        p = subprocess.run([binary(), "import", f, "--store", cli_store, "--as-of", AS_OF, "--format", "json"],
                           cwd=SAMPLES, capture_output=True, text=True)
        assert p.returncode == 0, p.stderr

    def export(store, kind):
        p = subprocess.run([binary(), "export", kind, "--view", "full", "--format", "json", "--date", AS_OF,
                            "--store", store, "--quiet"], capture_output=True, text=True)
        assert p.returncode == 0, p.stderr
        return json.loads(p.stdout)

    for kind in ("mentors", "mentees", "pairs", "consents"):
        page, cli = export(page_store, kind), export(cli_store, kind)
        assert page == cli, kind
        assert page, kind
    # Undo the last batch from the page: the pairs are gone from that store only.
    status, _, body = request(srv.base + "batches/4/undo", data=f"csrf={token}".encode(), method="POST",
                              headers={"Content-Type": "application/x-www-form-urlencoded",
                                       "Origin": srv.base.rstrip("/")})
    assert status in (200, 303), body.decode()[:2000]
    assert export(page_store, "pairs") != export(cli_store, "pairs")


def test_hints_name_the_page_fields_not_command_line_options(server, tmp_path):
    srv = server()
    token = token_of(srv.base)
    extra = tmp_path / "лишний-столбец.csv"
    extra.write_text("Фамилия;Имя;Отчество;Дата рождения;Класс;Любимый цвет\n"
                     "Иванов;Иван;Иванович;01.02.2010;7Б;синий\n", encoding="utf-8")
    status, headers, _ = upload(srv.base, token, str(extra))
    assert status == 303
    status, _, body = request(srv.base + headers["Location"].lstrip("/"))
    text = body.decode()
    assert status == 200
    assert "Любимый цвет" in text and "не сопоставлен" in text
    assert "в таблице «Соответствие столбцов»" in text
    assert "в файле --map" not in text  # (the help text may still say the saved file works with --map)


def test_password_required_when_set(server, tmp_path):
    srv = server(env={"MENTORBASE_PASSWORD": "s3cret-пароль"})
    status, headers, _ = request(srv.base)
    assert status == 401
    assert headers.get("WWW-Authenticate", "").startswith("Basic")
    assert "default-src 'none'" in headers.get("Content-Security-Policy", "")
    assert request(srv.base, password="wrong")[0] == 401
    assert request(srv.base, password="s3cret-пароль")[0] == 200
    # A post without the password is refused before anything else.
    assert request(srv.base + "upload", data=b"x", method="POST")[0] == 401
    assert "по паролю" in srv.text_log()


def test_password_guessing_is_throttled(server, tmp_path):
    srv = server(env={"MENTORBASE_PASSWORD": "верный"})
    # The browser's first request carries no password and does not count.
    for _ in range(8):
        assert request(srv.base)[0] == 401
    # Five wrong passwords are answered 401; the sixth locks this address out.
    for i in range(5):
        assert request(srv.base, password=f"guess-{i}")[0] == 401
    status, headers, body = request(srv.base, password="guess-5")
    assert status == 429
    wait = int(headers["Retry-After"])
    assert 0 < wait <= 60
    assert "Слишком много неверных паролей" in body.decode()
    # During the lockout even the right password is refused, so a guesser cannot tell a hit.
    status, headers, _ = request(srv.base, password="верный")
    assert status == 429 and "Retry-After" in headers
    assert request(srv.base + "upload", data=b"x", method="POST", password="верный")[0] == 429


def test_password_file_and_non_loopback_host(server, tmp_path):
    # Another address without a password: refused at start, with the reason.
    env = {k: v for k, v in os.environ.items() if k != "MENTORBASE_PASSWORD"}
    p = subprocess.run([binary(), "serve", "--host", "0.0.0.0", "--port", "0", "--store", str(tmp_path / "s.sqlite")],
                       capture_output=True, text=True, timeout=60, env={**env, "MENTORBASE_LANG": "en"})
    assert p.returncode == 2, p.stderr
    assert "password" in p.stderr
    # The password from a file (first line).
    secret = tmp_path / "password.txt"
    secret.write_text("из-файла\nignored\n", encoding="utf-8")
    srv = server("--password-file", str(secret))
    assert request(srv.base)[0] == 401
    assert request(srv.base, password="ignored")[0] == 401
    assert request(srv.base, password="из-файла")[0] == 200


def test_cross_site_posts_are_refused(server, tmp_path):
    srv = server()
    token = token_of(srv.base)
    sample = os.path.join(SAMPLES, "mentors-clean.csv")
    with open(sample, "rb") as fh:
        data = fh.read()
    origin = srv.base.rstrip("/")

    def post(fields, headers):
        body, ctype = multipart(fields, {"file": ("mentors-clean.csv", data)})
        return request(srv.base + "upload", data=body, method="POST", headers={"Content-Type": ctype, **headers})

    assert post({}, {"Origin": origin})[0] == 403                                    # no token
    assert post({"csrf": "0" * 64}, {"Origin": origin})[0] == 403                    # a wrong token
    assert post({"csrf": token}, {"Origin": "https://evil.example"})[0] == 403       # a foreign origin
    assert post({"csrf": token}, {"Origin": origin, "Sec-Fetch-Site": "cross-site"})[0] == 403
    status, _, body = post({"csrf": token}, {"Origin": origin})
    assert status == 303
    # A cross-site undo (a form on another site posting here) is refused too.
    status, _, body = request(srv.base + "batches/1/undo", data=b"", method="POST",
                              headers={"Content-Type": "application/x-www-form-urlencoded", "Origin": "https://evil.example"})
    assert status == 403 and "Запрос отклонён" in body.decode()
    # A page asked for under another host name (DNS rebinding) is refused.
    assert request(srv.base, headers={"Host": "evil.example"})[0] == 421


def test_oversized_upload_is_refused(server, tmp_path):
    srv = server("--max-upload", "1")
    token = token_of(srv.base)
    big = b"\xd0\xa4\xd0\x98\xd0\x9e;x\n" * (300 * 1024)  # about 3 MB
    body, ctype = multipart({"csrf": token}, {"file": ("big.csv", big)})
    status, headers, page = request(srv.base + "upload", data=body, method="POST",
                                    headers={"Content-Type": ctype, "Origin": srv.base.rstrip("/")})
    assert status == 413
    assert "слишком большой" in page.decode()
    # Nothing of it stays on disk: the upload folder holds no file.
    folder = re.search(r"временной папке (\S+)", srv.text_log()).group(1)
    assert not [f for _, _, fs in os.walk(folder) for f in fs]
    assert oct(os.stat(folder).st_mode & 0o777) == "0o700"
    # The server still answers.
    assert request(srv.base)[0] == 200


def test_security_headers_and_cleanup(server, tmp_path):
    srv = server()
    token = token_of(srv.base)
    status, headers, _ = upload(srv.base, token, os.path.join(SAMPLES, "mentees-faulty-cp1251.csv"))
    assert status == 303
    page_url = srv.base + headers["Location"].lstrip("/")
    for url in (srv.base, page_url, page_url + "/errors.xlsx", srv.base + "export", srv.base + "nowhere"):
        status, h, body = request(url)
        csp = h.get("Content-Security-Policy", "")
        assert csp.startswith("default-src 'none'"), (url, csp)
        assert "frame-ancestors 'none'" in csp
        assert h.get("X-Content-Type-Options") == "nosniff"
        assert h.get("Referrer-Policy") == "same-origin"
        if h.get("Content-Type", "").startswith("text/html"):
            # Inline style and script carry the response's nonce; nothing is loaded from elsewhere.
            nonce = re.search(r"'nonce-([0-9a-f]+)'", csp).group(1)
            text = body.decode()
            assert f'<style nonce="{nonce}">' in text
            assert not re.search(r'(src|href)="(https?:)?//', text)
    # The uploaded file sits in a private folder and is gone after the server stops.
    folder = re.search(r"временной папке (\S+)", srv.text_log()).group(1)
    stored = [os.path.join(d, f) for d, _, fs in os.walk(folder) for f in fs]
    assert stored and all(oct(os.stat(p).st_mode & 0o777) == "0o600" for p in stored)
    srv.stop()
    assert not os.path.exists(folder)


def test_idle_uploads_are_deleted(server, tmp_path):
    # --keep-uploads in minutes: 0.03 min = 1.8 s.
    srv = server("--keep-uploads", "0.03")
    token = token_of(srv.base)
    status, headers, _ = upload(srv.base, token, os.path.join(SAMPLES, "mentees-clean.csv"))
    assert status == 303
    page_url = srv.base + headers["Location"].lstrip("/")
    folder = re.search(r"временной папке (\S+)", srv.text_log()).group(1)
    assert [f for _, _, fs in os.walk(folder) for f in fs]
    # Used within the idle time: kept.
    time.sleep(1.0)
    assert request(page_url)[0] == 200
    time.sleep(1.0)
    assert request(page_url)[0] == 200
    # Unused for longer: the next request deletes it.
    time.sleep(2.5)
    assert request(srv.base)[0] == 200
    assert request(page_url)[0] == 404
    assert not [f for _, _, fs in os.walk(folder) for f in fs]
    assert "мин без дела" in srv.text_log()


def test_all_or_nothing_then_only_valid_rows(server, tmp_path):
    import openpyxl
    srv = server()
    token = token_of(srv.base)
    faulty = os.path.join(SAMPLES, "mentees-faulty-cp1251.xlsx")
    status, headers, _ = upload(srv.base, token, faulty)
    assert status == 303
    page = srv.base + headers["Location"].lstrip("/")
    status, _, plan = request(page + "/plan")
    plan = plan.decode()
    assert status == 200 and "Отклонены" in plan
    rejected = int(re.search(r"отклонено: <strong>(\d+)</strong>", plan).group(1))
    new = int(re.search(r"новых: <strong>(\d+)</strong>", plan).group(1))
    assert rejected > 0 and new > 0
    # The plan as a workbook, the one `import --plan` writes.
    status, h, book = request(page + "/plan.xlsx")
    assert status == 200 and "attachment" in h["Content-Disposition"]
    (tmp_path / "plan.xlsx").write_bytes(book)
    assert len(openpyxl.load_workbook(tmp_path / "plan.xlsx").sheetnames) >= 2
    form = {"Content-Type": "application/x-www-form-urlencoded", "Origin": srv.base.rstrip("/")}
    # All or nothing (the default): nothing is written.
    status, _, body = request(page + "/import", data=f"csrf={token}".encode(), method="POST", headers=form)
    assert status == 200 and "Ничего не записано" in body.decode()
    assert sqlite3.connect(srv.store).execute("SELECT COUNT(*) FROM import_batches").fetchone()[0] == 0
    # Only the valid rows, when she ticks the box.
    status, headers, _ = request(page + "/import", data=f"csrf={token}&acceptValid=1".encode(), method="POST", headers=form)
    assert status == 303, status
    status, _, receipt = request(srv.base + headers["Location"].lstrip("/"))
    receipt = receipt.decode()
    assert f"новых: <strong>{new}</strong>" in receipt and f"отклонено: <strong>{rejected}</strong>" in receipt
    # The uploaded file is gone once imported.
    folder = re.search(r"временной папке (\S+)", srv.text_log()).group(1)
    assert not [f for _, _, fs in os.walk(folder) for f in fs]


@pytest.mark.parametrize("path, fmt, kind", [
    ("mentees-clean.csv", "csv", "mentees"),
    ("pairs-clean.json", "json", "pairs"),
    ("formats/consents-base.ods", "ods", "consents"),
    ("mentors-clean.xlsx", "xlsx", "mentors"),
])
def test_detection_per_format(server, path, fmt, kind):
    srv = server()
    token = token_of(srv.base)
    status, headers, _ = upload(srv.base, token, os.path.join(SAMPLES, path))
    assert status == 303
    page = request(srv.base + headers["Location"].lstrip("/"))[2].decode()
    facts = re.search(r'<dl class="facts">(.*?)</dl>', page, re.S).group(1)
    assert f"({fmt})" in facts, facts
    assert f"({kind})" in facts, facts
    # The same verdict as `validate` on the same file.
    p = subprocess.run([binary(), "validate", os.path.join(SAMPLES, path), "--format", "json", "--quiet"],
                       capture_output=True, text=True)
    verdict = json.loads(p.stdout)
    assert verdict["kind"] == kind
    shown = "Ошибок нет" in page
    assert shown == verdict["valid"], (shown, verdict["errors"])


def test_mapping_is_the_save_map_file_and_can_be_corrected(server, tmp_path):
    srv = server()
    token = token_of(srv.base)
    sample = os.path.join(SAMPLES, "mentees-clean.csv")
    # A raw body (as a script would post it) with the token in a header.
    with open(sample, "rb") as fh:
        data = fh.read()
    status, headers, _ = request(srv.base + "upload?name=mentees-clean.csv", data=data, method="POST",
                                 headers={"Content-Type": "text/csv", "X-CSRF-Token": token})
    assert status == 303
    assert request(srv.base + "upload?name=x.csv", data=data, method="POST", headers={"Content-Type": "text/csv"})[0] == 403
    page_url = srv.base + headers["Location"].lstrip("/")
    status, h, saved = request(page_url + "/map.json")
    assert status == 200 and ".map.json" in h["Content-Disposition"]
    cli_map = tmp_path / "cli.map.json"
    subprocess.run([binary(), "validate", sample, "--save-map", str(cli_map), "--quiet", "--format", "json"],
                   capture_output=True, check=False)
    assert json.loads(saved) == json.loads(cli_map.read_text(encoding="utf-8"))
    # She says the birth-date column is to be ignored: the page validates again with that mapping and the
    # birth date goes missing; the mapping she saves now says so.
    mapping = json.loads(saved)
    fields = {f"t{i}": (c["target"] or "") for i, c in enumerate(mapping["columns"])}
    birth = next(i for i, c in enumerate(mapping["columns"]) if c["target"] == "birthDate")
    fields[f"t{birth}"] = ""
    form = "&".join(f"{k}={urllib.parse.quote(v)}" for k, v in {**fields, "csrf": token, "kind": "mentees",
                                                                  "headerRow": str(mapping["headerRow"])}.items())
    status, headers, _ = request(page_url + "/map", data=form.encode(), method="POST",
                                 headers={"Content-Type": "application/x-www-form-urlencoded", "Origin": srv.base.rstrip("/")})
    assert status == 303
    page = request(page_url)[2].decode()
    after = json.loads(request(page_url + "/map.json")[2])
    assert after["columns"][birth]["target"] is None
    # The same mapping file on the command line gives the same verdict.
    edited = tmp_path / "edited.map.json"
    edited.write_text(json.dumps(after, ensure_ascii=False), encoding="utf-8")
    p = subprocess.run([binary(), "validate", sample, "--map", str(edited), "--format", "json", "--quiet"],
                       capture_output=True, text=True)
    verdict = json.loads(p.stdout)
    assert f"ошибок — {verdict['errors']}," in page or ("Ошибок нет" in page and verdict["valid"])


@pytest.mark.parametrize("name", ["mentees-faulty-cp1251.csv", "mentors-faulty.xlsx"])
def test_error_workbook_is_validate_report(server, tmp_path, name):
    import openpyxl
    srv = server()
    token = token_of(srv.base)
    sample = os.path.join(SAMPLES, name)
    status, headers, _ = upload(srv.base, token, sample)
    assert status == 303
    status, h, book = request(srv.base + headers["Location"].lstrip("/") + "/errors.xlsx")
    assert status == 200 and h["Content-Type"].startswith("application/vnd.openxmlformats")
    (tmp_path / "page.xlsx").write_bytes(book)
    cli = tmp_path / "cli.xlsx"
    subprocess.run([binary(), "validate", sample, "--report", str(cli), "--lang", "ru", "--as-of", AS_OF, "--quiet"],
                   capture_output=True)

    def cells(path):
        wb = openpyxl.load_workbook(path)
        return {ws.title: [[(c.value, c.comment.text if c.comment else None) for c in row] for row in ws.iter_rows()]
                for ws in wb.worksheets}

    page, expected = cells(tmp_path / "page.xlsx"), cells(cli)
    assert list(page) == list(expected)
    for sheet in expected:
        assert page[sheet] == expected[sheet], sheet
    assert len(expected["Ошибки"]) > 3


def test_reading_choices_match_the_command_line(server):
    srv = server()
    token = token_of(srv.base)
    sample = os.path.join(SAMPLES, "mentees-faulty-cp1251.csv")
    status, headers, _ = upload(srv.base, token, sample)
    assert status == 303
    page_url = srv.base + headers["Location"].lstrip("/")
    detected = request(page_url)[2].decode()
    assert "windows-1251" in detected
    post = {"Content-Type": "application/x-www-form-urlencoded", "Origin": srv.base.rstrip("/")}
    for encoding, delimiter in (("windows-1251", ";"), ("utf-8", ";"), ("windows-1251", ",")):
        form = urllib.parse.urlencode({"csrf": token, "kind": "mentees", "format": "csv", "encoding": encoding,
                                       "delimiter": delimiter, "reset": "1"})
        assert request(page_url + "/map", data=form.encode(), method="POST", headers=post)[0] == 303
        page = request(page_url)[2].decode()
        p = subprocess.run([binary(), "validate", sample, "--kind", "mentees", "--from", "csv", "--encoding", encoding,
                            "--delimiter", delimiter, "--format", "json", "--quiet", "--as-of", AS_OF],
                           capture_output=True, text=True)
        if p.stdout.strip():
            verdict = json.loads(p.stdout)
            assert (f"ошибок — {verdict['errors']}," in page) or ("Ошибок нет" in page and verdict["valid"]), \
                (encoding, delimiter, verdict["errors"])
        else:
            # The command line stops on the file (a stopping error, no report): the page says it could not be read.
            assert 'class="status bad" role="alert"' in page and "Укажите, что в файле" in page, (encoding, delimiter)
        assert f'<option value="{encoding}" selected>' in page


def test_english_interface(server):
    srv = server("--lang", "en")
    status, _, body = request(srv.base)
    page = body.decode()
    assert status == 200 and '<html lang="en">' in page and "Upload a file" in page
    token = token_of(srv.base)
    status, headers, _ = upload(srv.base, token, os.path.join(SAMPLES, "mentors-faulty.csv"))
    page = request(srv.base + headers["Location"].lstrip("/"))[2].decode()
    assert "Errors found" in page and "the SNILS check number does not match" in page


@pytest.mark.parametrize("kind, view, fmt", [
    ("mentors", "public", "html"), ("mentors", "public", "json"), ("mentees", "public", "csv"),
    ("bases", "full", "xlsx"), ("pairs", "full", "ndjson"), ("consents", "full", "csv"),
    ("mentees", "monitoring", "json"),
])
def test_export_download_equals_the_command(server, tmp_path, kind, view, fmt):
    import openpyxl
    store = str(tmp_path / "store.sqlite")
    for f in ("mentors-clean.xlsx", "mentees-clean.csv", "consents-clean.xlsx", "pairs-clean.json"):
        subprocess.run([binary(), "import", f, "--store", store, "--as-of", AS_OF, "--quiet"], cwd=SAMPLES, check=True,
                       capture_output=True)
    srv = server(store=store)
    query = urllib.parse.urlencode({"kind": kind, "view": view, "format": fmt, "date": AS_OF})
    status, headers, body = request(srv.base + "export/file?" + query)
    assert status == 200, body[:500]
    assert "attachment" in headers["Content-Disposition"]
    out = tmp_path / f"cli.{fmt}"
    subprocess.run([binary(), "export", kind, "--view", view, "--format", fmt, "--date", AS_OF, "--store", store,
                    "-o", str(out), "--quiet"], check=True, capture_output=True)
    if fmt == "xlsx":
        (tmp_path / "page.xlsx").write_bytes(body)
        a, b = openpyxl.load_workbook(tmp_path / "page.xlsx"), openpyxl.load_workbook(out)
        assert a.sheetnames == b.sheetnames
        for name in a.sheetnames:
            assert [[c.value for c in r] for r in a[name].iter_rows()] == [[c.value for c in r] for r in b[name].iter_rows()]
    else:
        assert body == out.read_bytes()
    # The preview page counts who was left out, never naming them.
    page = request(srv.base + "export/preview?" + query)[2].decode()
    assert "Кто не вошёл и почему" in page


def test_plan_shows_updates_old_to_new(server, tmp_path):
    import csv
    srv = server()
    token = token_of(srv.base)
    import_through_page(srv.base, token, os.path.join(SAMPLES, "mentors-clean.csv"))
    # The same base a month later: one mentor changed position.
    with open(os.path.join(SAMPLES, "mentors-clean.csv"), encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    header = next(i for i, r in enumerate(rows) if "Должность" in r)
    col = rows[header].index("Должность")
    target = next(r for r in rows[header + 1:] if r and r[1].startswith("Орлова"))
    old = target[col]
    target[col] = "заместитель директора по УВР"
    changed = tmp_path / "mentors-december.csv"
    with open(changed, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    status, headers, _ = upload(srv.base, token, str(changed))
    assert status == 303
    plan = request(srv.base + headers["Location"].lstrip("/") + "/plan")[2].decode()
    assert "обновлено: <strong>1</strong>" in plan
    assert f'<span class="old">{old}</span> → <span class="new">заместитель директора по УВР</span>' in plan
    assert "без изменений: <strong>4</strong>" in plan


def test_after_the_import_the_file_is_gone_and_the_page_says_so(server):
    srv = server()
    token = token_of(srv.base)
    batch = import_through_page(srv.base, token, os.path.join(SAMPLES, "pairs-clean.xlsx"))
    uploaded = re.search(r'href="/u/([0-9a-f]+)"', request(srv.base)[2].decode()).group(1)
    page_url = f"{srv.base}u/{uploaded}"
    page = request(page_url)[2].decode()
    assert f"пакет № {batch}" in page and "/plan" not in page and "errors.xlsx" not in page
    for tail in ("/errors.xlsx", "/plan", "/plan.xlsx"):
        status, _, body = request(page_url + tail)
        assert status == 410 and "удалён с сервера" in body.decode(), tail
    post = {"Content-Type": "application/x-www-form-urlencoded", "Origin": srv.base.rstrip("/")}
    status, headers, _ = request(page_url + "/import", data=f"csrf={token}".encode(), method="POST", headers=post)
    assert status == 303 and headers["Location"] == f"/batches/{batch}"
    assert json.loads(request(page_url + "/map.json")[2])["kind"] == "pairs"
