"""Threads: the GIL is released during the pipeline, concurrent calls give the results of
sequential ones, summarize_many keeps order and errors."""
import threading
import time

import pytest

import precis
from conftest import CLUSTER, cluster_texts


def big_text(n_sentences: int) -> str:
    """A deterministic corpus of n sentences made of the bundled cluster's words."""
    import random
    rng = random.Random(7)
    words = " ".join(cluster_texts()).split()
    words = [w.strip(".,;:!?\"'()“”’‘") for w in words]
    words = [w for w in words if w.isalpha()]
    out = []
    for i in range(n_sentences):
        k = rng.randint(8, 20)
        s = " ".join(rng.choice(words) for _ in range(k))
        out.append(s[0].upper() + s[1:] + ".")
        if i % 5 == 4:
            out.append("\n\n")
    return " ".join(out)


def test_gil_is_released_during_the_pipeline():
    n = 3000
    while True:  # a corpus that takes the library at least 0.1 s here
        text = big_text(n)
        t0 = time.perf_counter()
        precis.summarize(text, threads=1)
        alone = time.perf_counter() - t0
        if alone > 0.1 or n >= 48000:
            break
        n *= 2
    done = threading.Event()
    gaps = []

    def work():
        precis.summarize(text, threads=1)
        done.set()

    th = threading.Thread(target=work)
    last = time.perf_counter()
    th.start()
    ticks = 0
    while not done.is_set():
        now = time.perf_counter()
        gaps.append(now - last)
        last = now
        ticks += 1
        time.sleep(0.001)
    th.join()
    # Had the call held the GIL, this loop would have stopped for the whole call.
    assert alone > 0.05, "corpus too small to tell"
    assert ticks > 10
    assert max(gaps) < alone / 2, (max(gaps), alone)


def test_threads_give_the_sequential_results():
    texts = cluster_texts()
    jobs = [dict(inputs=CLUSTER, kw={}), dict(inputs=texts, kw={"words": 80}),
            dict(inputs=texts[:2], kw={"order": "rank", "keywords": 5}),
            dict(inputs=CLUSTER, kw={"ratio": 0.3, "graph": "sparse"}),
            dict(inputs=texts[3], kw={"sentences": 2, "lang": "en"}),
            dict(inputs=CLUSTER, kw={"explain": True, "bytes": 500})]
    expected = [precis.summarize(j["inputs"], **j["kw"]) for j in jobs]
    results = {}
    errors = []

    def run(t):
        try:
            for r in range(6):
                k = (t + r) % len(jobs)
                got = precis.summarize(jobs[k]["inputs"], **jobs[k]["kw"])
                results[(t, r)] = (k, got)
        except Exception as e:  # noqa: BLE001 - reported below
            errors.append(e)

    ths = [threading.Thread(target=run, args=(t,)) for t in range(8)]
    for th in ths:
        th.start()
    for th in ths:
        th.join()
    assert not errors
    assert len(results) == 48
    for k, got in results.values():
        assert got == expected[k]


def test_summarize_many():
    texts = cluster_texts()
    items = [CLUSTER, texts, texts[0], {"documents": [{"text": t} for t in texts[1:3]]},
             texts[4]] * 4
    def key(s):  # what the options (threads differ) do not show
        return s.sentences, s.keywords, s.documents

    one = [key(precis.summarize(x, words=90)) for x in items]
    assert [key(s) for s in precis.summarize_many(items, workers=4, words=90)] == one
    assert [key(s) for s in precis.summarize_many(items, workers=1, words=90)] == one
    many = precis.summarize_many(iter(items), precis.Options(words=90))
    assert [key(s) for s in many] == one
    assert many[0].options.threads == 1
    bad = [texts[0], b"", "Hello"]
    got = precis.summarize_many(bad, workers=2, return_exceptions=True)
    assert isinstance(got[0], precis.Summary)
    assert isinstance(got[1], precis.InputError) and got[1].status == "empty"
    assert got[2].status == "no_sentences"
    with pytest.raises(precis.InputError):
        precis.summarize_many(bad, workers=2)
    with pytest.raises(precis.UsageError):
        precis.summarize_many(bad, workers=0)
