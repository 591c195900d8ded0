"""precis.rouge() against 'precis rouge' on the fixtures of tests/rouge_oracle.sh."""
import pytest

import precis
from conftest import cli

DATA = "tests/data/rouge"
CASES = [
    ("default", [], {}),
    ("stem", ["-m"], {"stem": True}),
    ("stop-stem", ["-s", "-m"], {"stem": True, "remove_stopwords": True}),
    ("words", ["-m", "-l", "12"], {"stem": True, "words": 12}),
    ("bytes", ["-b", "75"], {"bytes": 75}),
    ("n4", ["-n", "4", "-m"], {"max_n": 4, "stem": True}),
    ("jackknife", ["--jackknife", "-m"], {"jackknife": True, "stem": True}),
    ("alpha", ["-p", "0.8", "-m"], {"alpha": 0.8, "stem": True}),
]


@pytest.mark.parametrize("name,args,kw", CASES, ids=[c[0] for c in CASES])
def test_dataset_as_the_cli(name, args, kw):
    rc, out, err = cli("rouge", "--refs", f"{DATA}/set", *args, "--per-cluster", f"{DATA}/sys")
    assert rc == 0, err
    r = precis.rouge(f"{DATA}/sys", f"{DATA}/set", **kw)
    assert str(r) + "\n" == out
    assert r.instances == (8 if kw.get("jackknife") else 3)  # c1 has 3 references, c2 and c3 ...
    assert r["ROUGE-1"] is r.scores["ROUGE-1"]


def test_missing_skip_and_single():
    rc, out, _ = cli("rouge", "--refs", f"{DATA}/set", "-m", "--missing", "skip",
                     f"{DATA}/sys-partial")
    r = precis.rouge(f"{DATA}/sys-partial", f"{DATA}/set", stem=True, missing="skip")
    assert rc == 0 and r.missing == ("c2",)
    assert "\n".join(str(r).splitlines()[-4:]) + "\n" == out
    with pytest.raises(precis.InputError, match="no summary for cluster c2"):
        precis.rouge(f"{DATA}/sys-partial", f"{DATA}/set")
    rc, out, _ = cli("rouge", "--refs", f"{DATA}/set/c2/refs", "-m", f"{DATA}/sys/c2.txt")
    r = precis.rouge(f"{DATA}/sys/c2.txt", f"{DATA}/set/c2/refs", stem=True)
    assert str(r) + "\n" == out
    import glob
    refs = [open(p, encoding="utf-8").read() for p in sorted(glob.glob(f"{DATA}/set/c2/refs/*"))]
    peer = open(f"{DATA}/sys/c2.txt", encoding="utf-8").read()
    assert precis.rouge(peer, refs, stem=True) == r


def test_rouge_of_a_summary_and_errors():
    s = precis.summarize("tests/data/kim-shoigu", words=100)
    r = precis.rouge(s, [str(s)])
    assert r["ROUGE-1"].f == 1.0
    for kw in ({"max_n": 0}, {"words": 5, "bytes": 5}, {"alpha": 2}, {"missing": "x"},
               {"words": -1}):
        with pytest.raises(precis.UsageError):
            precis.rouge("a b c", ["a b c"], **kw)
    with pytest.raises(precis.UsageError):
        precis.rouge(42, ["x"])
    with pytest.raises(precis.InputError):
        precis.rouge("a b", [])
