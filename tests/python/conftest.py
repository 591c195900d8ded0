"""Shared set-up of the Python binding's tests: run from the repository root, with the CLI
at $PRECIS_CLI (make python sets it; default build/precis) to compare against."""
import os
import subprocess

import pytest

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
CLI = os.environ.get("PRECIS_CLI", os.path.join(ROOT, "build", "precis"))
CLUSTER = "tests/data/kim-shoigu"
# hypothesis keeps its files (a Unicode table) here, not in .hypothesis/ of the checkout
os.environ.setdefault("HYPOTHESIS_STORAGE_DIRECTORY", os.path.join(ROOT, "build", "hypothesis"))


@pytest.fixture(autouse=True)
def _at_root(monkeypatch):
    monkeypatch.chdir(ROOT)


def cli(*args, stdin=None):
    """Runs the precis command; returns (exit status, stdout, stderr) as text."""
    p = subprocess.run([CLI, "-q", *args] if args and args[0] not in ("rouge", "split", "batch")
                       else [CLI, *args], input=stdin, capture_output=True, cwd=ROOT)
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


def cluster_files():
    d = os.path.join(ROOT, CLUSTER)
    return sorted(os.path.join(CLUSTER, n) for n in os.listdir(d))


def cluster_texts():
    out = []
    for p in cluster_files():
        with open(os.path.join(ROOT, p), encoding="utf-8") as f:
            out.append(f.read())
    return out


def round6(x):
    """'x' with every float as the CLI's JSON carries it (6 significant digits): a Python
    value rounded so parses to exactly the JSON's double."""
    if isinstance(x, float):
        return float("%.6g" % x)
    if isinstance(x, dict):
        return {k: round6(v) for k, v in x.items()}
    if isinstance(x, list):
        return [round6(v) for v in x]
    return x
