import os
import subprocess

import pytest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SAMPLES = os.path.join(ROOT, "Samples")


def binary():
    b = os.environ.get("MENTORBASE_BIN")
    if not b:
        pytest.skip("MENTORBASE_BIN is not set (scripts/test.sh sets it)")
    return b


def run(*args, check=None):
    p = subprocess.run([binary(), *args], capture_output=True, text=True, env={**os.environ, "MENTORBASE_LANG": "en"})
    if check is not None:
        assert p.returncode == check, f"exit {p.returncode}\nstdout: {p.stdout}\nstderr: {p.stderr}"
    return p


def can_read(fmt):
    """True once the format's plugin reads (the plugins land separately from the schema work)."""
    probe = os.path.join(SAMPLES, f"pairs-clean.{fmt}")
    p = run("dump", probe, "--format", "json", "--quiet")
    return not ("cannot read" in p.stderr or "cannot write" in p.stderr)


def can_write_xlsx(tmp_path):
    p = run("template", "pairs", "--format", "xlsx", "-o", str(tmp_path / "probe.xlsx"))
    return "cannot write" not in p.stderr
