"""Times `mentorbase serve` from posting an XLSX to receiving its diagnostics page, against
`mentorbase validate` on the same file in the same run (see run.sh).
Usage: python3 post_and_time.py BIN FILE.xlsx WORKDIR REPEAT"""
import os
import re
import subprocess
import sys
import time
import urllib.request
import uuid


def start(binary, work):
    store = os.path.join(work, "store.sqlite")
    proc = subprocess.Popen([binary, "serve", "--port", "0", "--store", store, "--lang", "en"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 60
    while time.time() < deadline:
        line = proc.stderr.readline()
        m = re.search(r"(http://127\.0\.0\.1:\d+/)", line or "")
        if m:
            return proc, m.group(1)
        if proc.poll() is not None:
            break
    proc.kill()
    raise SystemExit("the server did not start")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def post_file(base, token, path):
    """Posts the file as a browser does (multipart), then loads the page the 303 points to."""
    boundary = uuid.uuid4().hex
    with open(path, "rb") as fh:
        data = fh.read()
    name = os.path.basename(path)
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{token}\r\n"
            f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\n"
            "Content-Type: application/octet-stream\r\n\r\n").encode() + data + f"\r\n--{boundary}--\r\n".encode()
    req = urllib.request.Request(base + "upload", data=body, method="POST",
                                 headers={"Content-Type": f"multipart/form-data; boundary={boundary}"})
    opener = urllib.request.build_opener(NoRedirect)
    try:
        opener.open(req)
        raise SystemExit("expected a redirect")
    except urllib.error.HTTPError as e:
        if e.code != 303:
            raise SystemExit(f"upload answered {e.code}")
        location = e.headers["Location"]
    with urllib.request.urlopen(base + location.lstrip("/")) as resp:
        return resp.read().decode()


def main():
    binary, xlsx, work, repeat = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    proc, base = start(binary, work)
    try:
        home = urllib.request.urlopen(base).read().decode()
        token = re.search(r'name="csrf" value="([0-9a-f]+)"', home).group(1)
        for i in range(repeat):
            load = os.getloadavg()
            t0 = time.perf_counter()
            page = post_file(base, token, xlsx)
            served = time.perf_counter() - t0
            assert 'id="diagnostics"' in page or "Nothing to report" in page, "no diagnostics table in the page"
            rows = re.search(r"(\d+) data rows", page)
            found = re.search(r"(\d+) errors, (\d+) warnings", page)
            t0 = time.perf_counter()
            subprocess.run([binary, "validate", xlsx, "--format", "json", "--quiet"], stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
            peer = time.perf_counter() - t0
            print(f"run {i + 1}: page {served:.3f} s (target < 2 s), peer validate {peer:.3f} s, "
                  f"page/peer {served / peer:.2f}, rows {rows.group(1) if rows else '?'}, "
                  f"errors/warnings {found.group(1) + '/' + found.group(2) if found else '0/0'}, page {len(page) // 1024} KiB, "
                  f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    finally:
        proc.terminate()
        proc.wait(timeout=20)


if __name__ == "__main__":
    main()
