"""summarize(): inputs, every option against the precis command, results, errors, pickling."""
import os
import pathlib
import pickle

import pytest

import precis
from conftest import CLUSTER, cli, cluster_files, cluster_texts


def test_done_criterion_matches_cli():
    rc, out, _ = cli("-w", "100", CLUSTER)
    assert rc == 0
    assert str(precis.summarize(CLUSTER, words=100)) + "\n" == out


# Every option of the summary, given to Python and to the CLI: the same text out.
CASES = [
    ({}, []),
    ({"sentences": 2}, ["-n", "2"]),
    ({"words": 60}, ["-w", "60"]),
    ({"bytes": 700}, ["-b", "700"]),
    ({"ratio": 0.05}, ["-r", "0.05"]),
    ({"order": "rank"}, ["--order", "rank"]),
    ({"order": "source"}, ["--order", "source"]),
    ({"order": "time"}, ["--order", "time"]),
    ({"dedup": 0.3}, ["--dedup", "0.3"]),
    ({"restate": 0.9}, ["--restate", "0.9"]),
    ({"min_words": 12}, ["--min-words", "12"]),
    ({"damping": 0.6}, ["--damping", "0.6"]),
    ({"position_prior": 0.0}, ["--position-prior", "0"]),
    ({"edge_threshold": 0.1}, ["--edge-threshold", "0.1"]),
    ({"redundancy": 0.9}, ["--redundancy", "0.9"]),
    ({"lang": "en"}, ["--lang", "en"]),
    ({"lang": "english"}, ["--lang", "english"]),
    ({"graph": "sparse"}, ["--graph", "sparse"]),
    ({"graph": "pruned"}, ["--graph", "pruned"]),
    ({"graph": "dense"}, ["--graph", "dense"]),
    ({"threads": 2}, ["--threads", "2"]),
    ({"keywords": 6}, ["--keywords", "6"]),
    ({"max_bytes": 10**6, "max_sentences": 1000}, ["--max-bytes", "1000000",
                                                    "--max-sentences", "1000"]),
    ({"words": 80, "keywords": 3, "order": "rank", "dedup": 0.4}, ["-w", "80", "--keywords",
                                                                  "3", "--order", "rank",
                                                                  "--dedup", "0.4"]),
]


@pytest.mark.parametrize("kw,args", CASES, ids=[" ".join(a) or "defaults" for _, a in CASES])
def test_every_option_as_the_cli(kw, args):
    rc, out, err = cli(*args, CLUSTER)
    assert rc == 0, err
    assert str(precis.summarize(CLUSTER, **kw)) + "\n" == out
    assert str(precis.summarize(CLUSTER, precis.Options(**kw))) + "\n" == out


def test_stopwords_as_text_list_and_path(tmp_path):
    f = tmp_path / "stop.txt"
    f.write_text("# mine\nthe\na\nof\nand\nto\nin\n")
    rc, out, _ = cli("--stopwords", str(f), CLUSTER)
    assert rc == 0
    for value in (f, f.read_text(), ["the", "a", "of", "and", "to", "in"]):
        assert str(precis.summarize(CLUSTER, stopwords=value)) + "\n" == out


def test_dates_as_the_cli():
    files = cluster_files()
    rc, out, _ = cli("--date", os.path.basename(files[3]) + "=2023-09-10",
                     "--date", files[1] + "=2023-09-20T08:00+09:00", CLUSTER)
    assert rc == 0
    s = precis.summarize(CLUSTER, dates={os.path.basename(files[3]): "2023-09-10",
                                         1: "2023-09-20T08:00+09:00"})
    assert str(s) + "\n" == out
    assert s.documents[3].date == "2023-09-10" and s.documents[3].date_source == "given"
    assert s.documents[1].date == "2023-09-20T08:00:00+09:00"


def test_inputs_paths_texts_records_same_summary():
    files = cluster_files()
    texts = cluster_texts()
    by_dir = precis.summarize(CLUSTER)
    assert [d.name for d in by_dir.documents] == files
    same = [precis.summarize(files), precis.summarize([pathlib.Path(p) for p in files]),
            precis.summarize(pathlib.Path(CLUSTER)), precis.summarize(paths=files),
            precis.summarize(texts), precis.summarize(texts=texts),
            precis.summarize([t.encode() for t in texts]),
            precis.summarize([{"name": p, "text": t} for p, t in zip(files, texts)]),
            precis.summarize({"id": 7, "documents": [{"text": t} for t in texts]})]
    for s in same:
        assert s.sentences == by_dir.sentences
        assert s.keywords == by_dir.keywords
    assert precis.summarize(texts).documents[2].name == "documents[2]"


def test_record_documents_are_never_paths():
    rec = {"id": 1, "documents": [CLUSTER, {"text": "A record names no file to read, ever."}]}
    s = precis.summarize(rec, min_words=1)
    assert [d.name for d in s.documents] == ["documents[0]", "documents[1]"]
    assert s.documents[0].bytes == len(CLUSTER)


def test_record_options_override():
    texts = cluster_texts()
    rec = {"id": "x", "documents": [{"text": t} for t in texts],
           "options": {"words": "60", "min-words": 6, "language": "en"}}
    s = precis.summarize(rec, sentences=3)
    assert s.options.words == 60 and s.options.sentences is None
    assert s.options.min_words == 6 and s.options.lang == "en"
    assert s.sentences == precis.summarize(texts, words=60, min_words=6, lang="en").sentences


def test_a_str_is_a_path_only_when_it_exists():
    text = "tests/data/no-such-file is not here. So it is summarized as text, as documented."
    with pytest.raises(precis.InputError):
        precis.summarize("tests/data/no-such-file")  # text: no sentence
    with pytest.raises(FileNotFoundError):
        precis.summarize(paths=["tests/data/no-such-file"])
    with pytest.raises(FileNotFoundError):
        precis.summarize(pathlib.Path("tests/data/no-such-file"))
    assert precis.summarize(text, min_words=1).sentences[0].text == text.split(". ")[0] + "."


def test_result_fields_are_consistent():
    files = cluster_files()
    raw = [open(p, "rb").read() for p in files]
    s = precis.summarize(CLUSTER, sentences=5, keywords=5)
    assert len(s) == 5 and s.order == "source"
    assert s.corpus_sentences >= s.candidates > 0 and s.iterations > 0
    ranks = [x.rank for x in s.sentences]
    assert min(ranks) == 1 and len(set(ranks)) == 5
    for x in s.sentences:
        assert 0 < x.score < 1
        src = raw[x.document][x.offset:x.offset + x.length].decode()
        assert " ".join(src.split())[:30] == x.text[:30]
        for sup in x.supported_by:
            assert sup.document != x.document and 0 < sup.similarity <= 1
    assert [k.text for k in s.keywords][:2] == ["Russia", "Kim"]
    assert s.keywords[0].count > 0
    assert str(s).endswith("\n\nKeywords: " + ", ".join(k.text for k in s.keywords))
    d = s.documents[4]
    assert d.title == "North Korea Deepens Ties With Russia and China"
    assert (d.language, d.sentences, d.candidates, d.bytes) == ("en", 38, 34, 6764)
    assert s.to_dict()["summary"][0]["rank"] == s.sentences[0].rank


def test_explain_trace():
    s = precis.summarize(CLUSTER, words=60, explain=True)
    assert len(s.trace) == s.corpus_sentences
    chosen = [t for t in s.trace if t.chosen]
    assert len(chosen) == len(s.sentences)
    assert any(t.skipped == "duplicate" and t.duplicate_of is not None for t in s.trace)
    assert any(t.dropped for t in s.trace)
    assert {t.rank for t in s.trace if t.dropped is None} == set(range(1, s.candidates + 1))
    assert not precis.summarize(CLUSTER).trace


def test_unicode_documents():
    for lang, d in (("ru", "cyrillic"), ("el", "greek"), ("zh", "cjk")):
        folder = os.path.join("tests/data/lang", d)
        rc, out, err = cli(folder)
        assert rc == 0, err
        s = precis.summarize(folder)
        assert str(s) + "\n" == out
    s = precis.summarize("Das ist ein Satz über Äpfel und Birnen im Garten. "
                         "Noch ein langer Satz über die Äpfel im großen Garten hinter dem Haus.")
    assert s.documents[0].language == "de"
    assert "Äpfel" in str(s)
    s = precis.summarize("Cafe\u0301 au lait is served at the cafe\u0301 every morning here.")
    assert "Café" in s.sentences[0].text  # NFC
    s = precis.summarize("A sentence with an emoji 🎉 and some more words here.")
    assert "🎉" in str(s)


BAD = [
    (b"", "empty", "empty document"),
    (b"   \n\t ", "empty", "only white space"),
    (b"Hello", "no_sentences", "no sentence to summarize"),
    (b"Good text here but then \xff\xfe bad bytes follow in it.", "utf8", "invalid UTF-8 at byte"),
    (b"binary\x00data is not text at all here.", "binary", "binary data: control byte 0x00"),
    (b"\xff\xfeh\x00i\x00", "utf16", "UTF-16 or UTF-32"),
]


@pytest.mark.parametrize("data,status,message", BAD, ids=[b[1] for b in BAD])
def test_input_errors(tmp_path, data, status, message):
    f = tmp_path / "doc.txt"
    f.write_bytes(data)
    rc, _, err = cli(str(f))
    assert rc == 1 and message in err
    with pytest.raises(precis.InputError) as e:
        precis.summarize(f)
    assert e.value.status == status
    assert message in str(e.value) and str(f) in str(e.value)
    assert err.strip() == "precis: " + str(e.value)


def test_input_errors_other():
    with pytest.raises(precis.InputError, match="no sentence fits within the length budget"):
        precis.summarize("One sentence of a dozen words or so stands here alone.", bytes=10)
    with pytest.raises(precis.InputError, match="exceeds"):
        precis.summarize(CLUSTER, max_bytes=100)
    with pytest.raises(precis.InputError, match="exceeds"):
        precis.summarize(cluster_texts(), max_sentences=10)
    with pytest.raises(FileNotFoundError):
        precis.summarize(paths=["/nonexistent/file"])


USAGE = [
    ({"sentences": 0}, "invalid value 0 for sentences: expected a whole number >= 1"),
    ({"sentences": 2.5}, "sentences"),
    ({"sentences": True}, "sentences"),
    ({"words": -1}, "words"),
    ({"ratio": 0}, "ratio"),
    ({"ratio": 1.5}, "ratio"),
    ({"ratio": float("nan")}, "ratio"),
    ({"dedup": 0}, "dedup"),
    ({"restate": 2}, "restate"),
    ({"damping": 1}, "damping"),
    ({"position_prior": -0.1}, "position_prior"),
    ({"edge_threshold": 1}, "edge_threshold"),
    ({"redundancy": float("inf")}, "redundancy"),
    ({"min_words": -1}, "min_words"),
    ({"threads": 9}, "threads"),
    ({"keywords": -2}, "keywords"),
    ({"max_bytes": 0}, "max_bytes"),
    ({"order": "random"}, "expected source, rank, time or auto"),
    ({"graph": "full"}, "graph"),
    ({"lang": "xx"}, "unsupported language"),
    ({"lang": "e\0n"}, "lang"),
    ({"words": 10, "sentences": 2}, "one length at a time"),
    ({"stopwords": 42}, "stopwords"),
    ({"dates": {"nothing.txt": "2023-01-01"}}, "no input is named"),
    ({"dates": {0: "2023-02-30"}}, "February 2023 has 28 days"),
    ({"dates": {9: "2023-02-03"}}, "there are 5 documents"),
]


@pytest.mark.parametrize("kw,message", USAGE, ids=[str(u[0]) for u in USAGE])
def test_usage_errors(kw, message):
    with pytest.raises(precis.UsageError) as e:
        precis.summarize(CLUSTER, **kw)
    assert message in str(e.value)
    assert isinstance(e.value, ValueError)


def test_bad_input_types():
    for bad in (42, None, [3.5], [{"name": "x"}], {"documents": "text"}, object()):
        with pytest.raises(precis.UsageError):
            precis.summarize(bad)
    with pytest.raises(precis.UsageError):
        precis.summarize(CLUSTER, options={"words": 5})


def test_pickle_summary_options_errors():
    o = precis.Options(words=80, keywords=4, stopwords=["the", "a"], lang="en")
    assert pickle.loads(pickle.dumps(o)) == o
    s = precis.summarize(CLUSTER, o, explain=True)
    t = pickle.loads(pickle.dumps(s))
    assert t == s and str(t) == str(s) and t.trace == s.trace
    e = pickle.loads(pickle.dumps(precis.InputError("x: empty document", "empty")))
    assert isinstance(e, precis.InputError) and e.status == "empty" and str(e) == "x: empty document"


def test_options_replace_and_budget():
    o = precis.Options(words=80)
    assert o.budget == ("words", 80)
    assert o.replace(sentences=2).budget == ("sentences", 2)
    assert precis.Options().budget == ("sentences", 5)
    assert precis.Options(lang="auto").lang is None
    s = precis.summarize(CLUSTER, o, sentences=2)
    assert len(s) == 2


def test_languages_and_version():
    langs = precis.languages()
    codes = {l.code for l in langs}
    assert {"en", "de", "ru", "zh", "ja"} <= codes
    assert next(l for l in langs if l.code == "zh").stemmer is None
    rc, out, _ = cli("--version")
    assert out.strip() == "precis " + precis.version()


def test_help_is_readable():
    import pydoc
    text = pydoc.render_doc(precis.summarize, renderer=pydoc.plaintext)
    assert "words: Optional[int] = None" in text and "InputError" in text
    assert "sentences" in pydoc.render_doc(precis.Options, renderer=pydoc.plaintext)
