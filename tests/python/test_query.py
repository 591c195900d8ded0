"""Query-focused summaries (query=, query_mix=) against the precis command: the same sentences,
relevance and JSON (to_dict()), the query deciding the story, unusable queries, batch records,
bad values, pickling and threads."""
import json
import pickle
import warnings
from concurrent.futures import ThreadPoolExecutor

import pytest

import precis
from conftest import CLUSTER, cli, round6

# Two stories in one cluster (tests/query.sh): the storm, told three times, is what the corpus
# is about; the school budget, told twice, is what the query asks for.
TWO = {
    "a.txt": "The storm destroyed the harbor pier and the fishing boats on Monday night.\n\n"
             "The city council will vote on the school budget next month.\n",
    "b.txt": "Fishermen watched the storm wreck the pier where their boats were moored.\n\n"
             "Teachers asked the council to raise the school budget for books and repairs.\n",
    "c.txt": "Rebuilding the pier after the storm will take the harbor two years, officials "
             "said.\n",
}
GERMAN = ["tests/data/lang/latin/de-1.txt", "tests/data/lang/latin/de-2.txt"]
UNUSABLE = [("", "empty"), ("   ", "empty"), ("?!", "empty"), ("the of and", "empty"),
            ("xylophone zebra", "absent")]


@pytest.fixture()
def two(tmp_path):
    d = tmp_path / "two"
    d.mkdir()
    for name, text in TWO.items():
        (d / name).write_text(text)
    return str(d)


def cli_json(*args):
    rc, out, err = cli("-f", "json", *args)
    assert rc == 0, err
    return json.loads(out), err


def generic(path, n=1):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return precis.summarize(path, sentences=n)


# ---- the same as the command --------------------------------------------------------------

@pytest.mark.parametrize("args,kw", [
    ([], {}),
    (["--query", "Shoigu visit to North Korea"], {"query": "Shoigu visit to North Korea"}),
    (["-w", "120", "--keywords", "5", "--query", "weapons deal"],
     {"words": 120, "keywords": 5, "query": "weapons deal"}),
    (["-n", "4", "--order", "rank", "--query", "missiles", "--query-mix", "0.3"],
     {"sentences": 4, "order": "rank", "query": "missiles", "query_mix": 0.3}),
    (["-r", "0.1", "--query", "Kim Jong Un", "--query-mix", "1"],
     {"ratio": 0.1, "query": "Kim Jong Un", "query_mix": 1.0}),
    (["--query", "xylophone zebra"], {"query": "xylophone zebra"}),
    (["--lang", "english", "--dedup", "0.3", "--query", ""], {"lang": "english", "dedup": 0.3,
                                                              "query": ""}),
])
def test_to_dict_is_the_cli_json(args, kw):
    """to_dict() is 'precis -f json': the same keys in the same order, the same values (floats
    to the bit once rounded as the JSON rounds them), with and without a query."""
    j, _ = cli_json(*args, CLUSTER)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", precis.QueryWarning)
        s = precis.summarize(CLUSTER, **kw)
    d = round6(s.to_dict())
    assert d == j
    assert json.dumps(d) == json.dumps(j)  # key order too
    if "query" not in kw:
        assert "query" not in d and "query" not in d["options"]
        assert all("relevance" not in x for x in d["summary"])
        assert s.query is None and all(x.relevance is None for x in s.sentences)


def test_same_sentences_and_relevance_as_the_cli(two):
    for q in ("school budget", "How much money do schools get?", "storm damage to the pier"):
        j, err = cli_json("-n", "3", "--query", q, two)
        assert err == ""
        s = precis.summarize(two, sentences=3, query=q)
        assert s.query == precis.Query(q, "used", None) and s.query.used
        assert [x.text for x in s] == [x["text"] for x in j["summary"]]
        for ps, js in zip(s.sentences, j["summary"]):
            assert float("%.6g" % ps.relevance) == js["relevance"]
            assert float("%.6g" % ps.score) == js["score"]
            assert 0 <= ps.relevance <= 1


def test_the_query_decides_the_story(two):
    g = generic(two)
    assert "storm" in g.text
    assert g.query is None
    for q in ("How much money do schools get?", "school budget?", b"school budget"):
        s = precis.summarize(two, sentences=1, query=q)
        assert "school budget" in s.text, q
        rc, out, _ = cli("-n", "1", "--query", q.decode() if isinstance(q, bytes) else q, two)
        assert rc == 0 and out == s.text + "\n"
    # query_mix 0: the ranking does not lean toward the query at all
    s = precis.summarize(two, sentences=1, query="school budget", query_mix=0)
    assert s.text == g.text
    assert s.query.status == "used"
    rc, out, _ = cli("-n", "1", "--query", "school budget", "--query-mix", "0", two)
    assert out == s.text + "\n"


def test_query_words_are_character_spans():
    """Sentence.query_words: (start, end) in characters of 'text' (not the C API's bytes),
    matched by stem: "Batterie" finds "Batterien" after "Fähre lädt"."""
    j, _ = cli_json("-n", "1", "--query", "Batterie", *GERMAN)
    s = precis.summarize([__import__("pathlib").Path(p) for p in GERMAN], sentences=1,
                         query="Batterie")
    assert s.text == j["summary"][0]["text"]
    t = s.sentences[0]
    assert "ä" in t.text[:t.query_words[0][0]]
    assert t.matched_words == ("Batterien",)
    assert [t.text[a:b] for a, b in t.query_words] == ["Batterien"]
    s = precis.summarize(CLUSTER, sentences=3, query="Shoigu's visit")
    for t in s.sentences:
        for w in t.matched_words:
            assert w.lower().startswith(("shoigu", "visit")), w
    assert any(t.matched_words for t in s.sentences)
    assert all(t.query_words == () for t in generic(CLUSTER, 3).sentences)


def test_trace_relevance():
    s = precis.summarize(CLUSTER, query="missiles", explain=True)
    cands = [t for t in s.trace if t.dropped is None]
    assert cands and all(t.relevance is not None and 0 <= t.relevance <= 1 for t in cands)
    assert all(t.relevance is None for t in s.trace if t.dropped is not None)
    chosen = {(t.document, t.index): t.relevance for t in s.trace if t.chosen}
    assert chosen == {(x.document, x.index): x.relevance for x in s.sentences}
    assert all(t.relevance is None for t in precis.summarize(CLUSTER, explain=True).trace)


# ---- unusable queries -----------------------------------------------------------------------

@pytest.mark.parametrize("q,status", UNUSABLE, ids=[repr(q) for q, _ in UNUSABLE])
def test_unusable_query_warns_and_gives_the_generic_summary(two, q, status):
    g = generic(two)
    with pytest.warns(precis.QueryWarning) as caught:
        s = precis.summarize(two, sentences=1, query=q)
    assert len(caught) == 1
    w = caught[0].message
    assert (w.query, w.status) == (q, status)
    assert caught[0].filename == __file__  # points at the caller
    assert s.text == g.text
    assert s.query == precis.Query(q, status, w.problem)
    assert isinstance(w, UserWarning)
    # the CLI: the same summary, and one warning line with the same reason
    rc, out, err = cli("-n", "1", "--query", q, two)
    assert rc == 0 and out == s.text + "\n"
    assert err == f"precis: warning: --query: {w.problem}: the summary is the generic one\n"
    assert str(w) == f"query {q!r}: {w.problem}: the summary is the generic one"
    # and its JSON
    j, _ = cli_json("-n", "1", "--query", q, two)
    assert j["query"] == {"text": q, "status": status, "problem": w.problem}
    assert round6(s.to_dict()) == j
    assert all(x.relevance == 0 for x in s.sentences)


def test_warning_can_be_an_error(two):
    with warnings.catch_warnings():
        warnings.simplefilter("error", precis.QueryWarning)
        with pytest.raises(precis.QueryWarning):
            precis.summarize(two, query="the of")
        precis.summarize(two, query="school budget")  # a used query does not warn


# ---- values ---------------------------------------------------------------------------------

@pytest.mark.parametrize("bad", [1.5, -0.1, float("nan"), float("inf"), "0.5", True])
def test_query_mix_bounds(bad):
    with pytest.raises(precis.UsageError) as e:
        precis.summarize(CLUSTER, query="x", query_mix=bad)
    assert str(e.value) == f"invalid value {bad!r} for query_mix: expected 0 <= P <= 1"
    with pytest.raises(precis.UsageError):
        precis.Options(query_mix=bad)


def test_query_mix_message_as_the_cli():
    rc, _, err = cli("--query-mix", "1.5", "--query", "x", CLUSTER)
    assert rc == 2
    assert err.startswith("precis: invalid value '1.5' for --query-mix: expected 0 <= P <= 1")
    with pytest.raises(precis.UsageError) as e:
        precis.Options(query="x", query_mix=1.5)
    assert str(e.value).endswith(": expected 0 <= P <= 1")
    for ok in (0, 1, 0.0, 1.0, 0.25):
        assert precis.Options(query_mix=ok).query_mix == float(ok)


def test_query_types(two):
    assert precis.Options(query=b"school budget").query == "school budget"
    assert precis.Options(query=bytearray("café".encode())).query == "café"
    with pytest.raises(precis.InputError) as e:
        precis.summarize(two, query=b"caf\xe9 budget")
    assert "the query is not UTF-8 text" in str(e.value) and e.value.status == "utf8"
    rc, _, err = cli("--query-file", "/dev/stdin", two, stdin=b"caf\xe9 budget\n")
    assert rc == 1 and "invalid UTF-8 at byte 3" in err  # the CLI refuses it too (exit 1)
    with pytest.raises(precis.InputError, match="not UTF-8"):
        precis.Options(query="caf\udce9")
    with pytest.raises(precis.InputError, match="NUL"):
        precis.Options(query="school\0budget")
    with pytest.raises(precis.UsageError, match="for query: expected text"):
        precis.Options(query=7)
    # query=None is no query; "" is an (empty) query
    assert precis.summarize(two, sentences=1, query=None).query is None


# ---- batch records --------------------------------------------------------------------------

STORY = ("The storm destroyed the harbor pier and the fishing boats on Monday night.\n\n"
         "The city council will vote on the school budget next month.\n\n"
         "Fishermen watched the storm wreck the pier where their boats were moored.")


def batch(*records):
    rc, out, err = cli("batch", stdin="".join(json.dumps(r) + "\n" for r in records).encode())
    assert rc == 0, err
    return [json.loads(line) for line in out.splitlines()]


def test_batch_records_with_queries():
    docs = [{"text": STORY}]
    records = [
        {"id": 1, "documents": docs, "query": "school budget", "options": {"sentences": 1}},
        {"id": 2, "documents": docs, "options": {"sentences": 1}},
        {"id": 3, "documents": docs, "options": {"sentences": 1, "query": "school budget",
                                                 "query_mix": "0.5"}},
        {"id": 4, "documents": docs, "query": "fishing boats",
         "options": {"sentences": 2, "query": "school budget"}},
        {"id": 5, "documents": docs, "query": None, "options": {"query": "school budget"}},
        {"id": 6, "documents": docs, "query": "the of", "options": {"sentences": 1}},
    ]
    answers = batch(*records)
    for rec, a in zip(records, answers):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", precis.QueryWarning)
            s = precis.summarize(rec)
        assert round6(s.to_dict()) == a["result"], rec["id"]
    assert "school budget" in answers[0]["result"]["summary"][0]["text"]
    assert "storm" in answers[1]["result"]["summary"][0]["text"]
    assert answers[3]["result"]["query"]["text"] == "fishing boats"  # the line's over options'
    assert answers[4]["result"]["query"]["text"] == "school budget"
    assert answers[5]["result"]["query"]["status"] == "empty"
    with pytest.warns(precis.QueryWarning):
        precis.summarize(records[5])


@pytest.mark.parametrize("rec", [
    {"documents": [{"text": STORY}], "query": 7},
    {"documents": [{"text": STORY}], "options": {"query": 7}},
    {"documents": [{"text": STORY}], "options": {"query_mix": 2}},
])
def test_batch_record_bad_query(rec):
    a = batch({"id": 1, **rec})[0]
    with pytest.raises(precis.UsageError) as e:
        precis.summarize(rec)
    msg = a["error"]["message"]
    if "query_mix" in json.dumps(rec):  # the CLI quotes the value and names the option
        assert msg == "invalid value '2' for option 'query_mix': expected 0 <= P <= 1"
        assert str(e.value) == "invalid value 2 for query_mix: expected 0 <= P <= 1"
    else:
        assert str(e.value) == msg


# ---- pickling and threads -------------------------------------------------------------------

def test_pickle_with_a_query(two):
    o = precis.Options(sentences=2, query="school budget", query_mix=0.6)
    assert pickle.loads(pickle.dumps(o)) == o
    s = precis.summarize(two, o)
    t = pickle.loads(pickle.dumps(s))
    assert t == s and t.query == s.query and t.to_dict() == s.to_dict()
    assert [x.relevance for x in t] == [x.relevance for x in s]
    assert [x.query_words for x in t] == [x.query_words for x in s]
    w = precis.QueryWarning("m", "the of", "empty", "p")
    w2 = pickle.loads(pickle.dumps(w))
    assert (str(w2), w2.query, w2.status, w2.problem) == ("m", "the of", "empty", "p")


@pytest.mark.filterwarnings("ignore::precis.QueryWarning")  # catch_warnings is not thread-safe
def test_threads_with_different_queries(two):
    queries = ["school budget", "storm pier", "Shoigu", "weapons", "fishing boats", None,
               "missiles", "Kim Jong Un"] * 3
    inputs = [two if i % 2 else CLUSTER for i in range(len(queries))]

    def run(i):
        return precis.summarize(inputs[i], sentences=2, query=queries[i], threads=1)

    serial = [run(i) for i in range(len(queries))]
    with ThreadPoolExecutor(max_workers=4) as pool:
        parallel = list(pool.map(run, range(len(queries))))
    assert parallel == serial
    assert [s.to_dict() for s in parallel] == [s.to_dict() for s in serial]
    for q, s in zip(queries, parallel):
        assert (s.query.text if s.query else None) == q
    # summarize_many: each record its own query
    recs = [{"documents": [{"text": STORY}], "query": q} for q in ("school budget",
                                                                   "fishing boats") * 4]
    many = precis.summarize_many(recs, sentences=1, workers=4)
    assert [m.query.text for m in many] == [r["query"] for r in recs]
    assert all("school budget" in m.text for m in many[0::2])


def test_version_number():
    major, minor, patch = (int(x) for x in precis.version().split("."))
    assert precis.version_number() == major * 10000 + minor * 100 + patch
    assert precis.version_number() >= 200  # queries came with 0.2.0


def test_to_dict_validates_against_the_json_schema(two):
    """to_dict() with and without a query is valid against tests/schema/summary.schema.json,
    the schema tests/json.sh holds the command's output to."""
    jsonschema = pytest.importorskip("jsonschema")
    with open("tests/schema/summary.schema.json", encoding="utf-8") as f:
        schema = json.load(f)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", precis.QueryWarning)
        for kw in ({}, {"query": "school budget"}, {"query": "the of"},
                   {"query": "xylophone", "query_mix": 0.1, "keywords": 3, "ratio": 0.5}):
            jsonschema.validate(precis.summarize(two, **kw).to_dict(), schema)
