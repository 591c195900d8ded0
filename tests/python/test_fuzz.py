"""Hostile input: whatever summarize() and rouge() are given, they return or raise one of the
documented exceptions; the interpreter never crashes."""
import random

import pytest

import precis

hypothesis = pytest.importorskip("hypothesis", reason="Debian's python3-hypothesis is needed")
from hypothesis import given, settings, HealthCheck, strategies as st  # noqa: E402

OK = (precis.InputError, precis.UsageError, MemoryError)

texts = st.one_of(st.text(max_size=400), st.binary(max_size=400),
                  st.lists(st.sampled_from(["The army", "said on", "Monday", "that", "Kim",
                                            "visited", "Russia", ".", "!", "?", "\n", "\n\n",
                                            "Mr.", "U.S.", "“", "”", "。", "日本", "\u00a0",
                                            "\u2028", "\r\n", "\x00", "\xff", "é", "🎉"]),
                           max_size=80).map("".join))
options = st.fixed_dictionaries({}, optional={
    "sentences": st.integers(-2, 20), "words": st.integers(-2, 300),
    "bytes": st.integers(-2, 3000), "ratio": st.floats(allow_nan=True, allow_infinity=True),
    "order": st.sampled_from(["auto", "source", "rank", "time", "bad"]),
    "dedup": st.floats(-1, 2), "restate": st.floats(-1, 2), "min_words": st.integers(-1, 30),
    "damping": st.floats(-1, 2), "position_prior": st.floats(-1, 2),
    "edge_threshold": st.floats(-1, 2), "redundancy": st.floats(-1, 2),
    "lang": st.sampled_from(["en", "de", "zh", "ja", "ru", "xx", "auto", ""]),
    "graph": st.sampled_from(["auto", "dense", "sparse", "pruned"]),
    "threads": st.integers(0, 3), "keywords": st.integers(0, 10),
    "explain": st.booleans(), "max_sentences": st.integers(0, 50),
    "stopwords": st.one_of(st.text(max_size=50), st.lists(st.text(max_size=8), max_size=5)),
})


@settings(max_examples=300, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(docs=st.lists(texts, min_size=1, max_size=4), kw=options)
def test_summarize_never_crashes(docs, kw):
    try:
        s = precis.summarize(texts=docs, **kw)  # texts=: "." is text here, not a directory
    except OK:
        return
    assert len(s.sentences) >= 1
    for x in s.sentences:
        assert 0 <= x.document < len(docs) and x.rank >= 1
    if kw.get("words", 0) > 0 and "sentences" not in kw and "bytes" not in kw and "ratio" not in kw:
        assert sum(len(x.text.split()) for x in s.sentences) <= kw["words"]


@settings(max_examples=100, deadline=None, database=None)
@given(peer=texts, refs=st.lists(texts, min_size=1, max_size=3), n=st.integers(0, 10),
       stem=st.booleans(), stop=st.booleans(), words=st.integers(-1, 20),
       jack=st.booleans())
def test_rouge_never_crashes(peer, refs, n, stem, stop, words, jack):
    try:
        r = precis.rouge(peer if isinstance(peer, bytes) else peer.replace("\0", ""),
                         [x if isinstance(x, bytes) else x.replace("\0", "") for x in refs],
                         max_n=n, stem=stem, remove_stopwords=stop, words=words,
                         jackknife=jack)
    except OK:
        return
    for s in r.scores.values():
        assert 0 <= s.recall <= 1 and 0 <= s.precision <= 1


def test_seeded_random_bytes():
    """Without hypothesis's shrinking: 300 random byte strings of the bundled cluster's bytes
    cut, spliced and corrupted."""
    import glob
    rng = random.Random(18)
    pool = b"".join(open(p, "rb").read() for p in sorted(glob.glob("tests/data/*/*.txt")))
    for _ in range(300):
        a = rng.randrange(len(pool))
        doc = bytearray(pool[a:a + rng.randrange(1, 3000)])
        for _ in range(rng.randrange(4)):
            if doc:
                doc[rng.randrange(len(doc))] = rng.randrange(256)
        try:
            precis.summarize(bytes(doc), words=rng.randrange(1, 200))
        except OK:
            pass


@settings(max_examples=200, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(docs=st.lists(texts, min_size=1, max_size=3), query=texts,
       mix=st.one_of(st.none(), st.floats(-1, 2)), n=st.integers(1, 4))
def test_query_never_crashes(docs, query, mix, n):
    """Any query (text, bytes, NUL, lone surrogates, stopwords, punctuation): a summary with a
    status, or a documented error; relevance in 0..1, query word spans inside the text."""
    import warnings
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", precis.QueryWarning)
            s = precis.summarize(texts=docs, query=query, query_mix=mix, sentences=n,
                                 explain=True)
    except OK:
        return
    assert s.query is not None and s.query.status in ("used", "empty", "absent")
    assert (s.query.problem is None) == (s.query.status == "used")
    for x in s.sentences:
        assert 0 <= x.relevance <= 1 + 1e-9
        assert (x.relevance > 0) <= (s.query.status == "used")
        for a, b in x.query_words:
            assert 0 <= a < b <= len(x.text)
    for t in s.trace:
        assert (t.relevance is None) == (t.dropped is not None)
