"""Round trip against the CLI's JSON: the same sentences, documents and keywords, and the same
scores to the bit as far as the JSON carries them (6 significant digits: a Python score
rounded the same way parses to exactly the JSON's double)."""
import json

import pytest

import precis
from conftest import CLUSTER, cli, round6


def same6(x: float, y: float) -> bool:
    return float("%.6g" % x) == y


@pytest.mark.parametrize("args,kw", [
    ([], {}),
    (["-w", "100", "--keywords", "8"], {"words": 100, "keywords": 8}),
    (["-n", "10", "--order", "rank", "--dedup", "0.3"], {"sentences": 10, "order": "rank",
                                                        "dedup": 0.3}),
    (["-r", "0.2", "--graph", "pruned"], {"ratio": 0.2, "graph": "pruned"}),
])
def test_json_round_trip(args, kw):
    rc, out, err = cli("-f", "json", *args, CLUSTER)
    assert rc == 0, err
    j = json.loads(out)
    s = precis.summarize(CLUSTER, **kw)
    assert j["options"]["order"] == s.order
    assert j["corpus"]["sentences"] == s.corpus_sentences
    assert j["corpus"]["candidates"] == s.candidates
    assert len(j["summary"]) == len(s.sentences)
    for js, ps in zip(j["summary"], s.sentences):
        for key in ("text", "document", "index", "offset", "length", "rank"):
            assert js[key] == getattr(ps, key), key
        assert same6(ps.score, js["score"])
        assert len(js["supported_by"]) == len(ps.supported_by)
        for jx, px in zip(js["supported_by"], ps.supported_by):
            assert (jx["document"], jx["index"]) == (px.document, px.index)
            assert same6(px.similarity, jx["similarity"])
            assert same6(px.restates, jx.get("restates", 0.0))
    for jd, pd in zip(j["corpus"]["documents"], s.documents):
        for key in ("index", "name", "title", "dateline", "date", "date_source", "language",
                    "sentences", "candidates", "bytes"):
            assert jd[key] == getattr(pd, key), key
    for jk, pk in zip(j.get("keywords", []), s.keywords):
        assert (jk["text"], jk["count"]) == (pk.text, pk.count)
        assert same6(pk.score, jk["score"])
    assert len(j.get("keywords", [])) == len(s.keywords)
    # to_dict() is the JSON: the same keys in the same order, the same values once rounded
    d = s.to_dict()
    assert [x["text"] for x in d["summary"]] == [x["text"] for x in j["summary"]]
    assert d["corpus"]["documents"][0]["name"] == j["corpus"]["documents"][0]["name"]
    assert round6(d) == j
    assert json.dumps(round6(d)) == json.dumps(j)


def test_batch_record_round_trip():
    """A 'precis batch' line and summarize() of the same record give the same summary."""
    docs = [{"name": f"d{i}", "text": open(p, encoding="utf-8").read()}
            for i, p in enumerate(sorted(__import__("glob").glob(CLUSTER + "/*")))]
    rec = {"id": "story-1", "documents": docs, "options": {"words": 80, "keywords": 3}}
    rc, out, err = cli("batch", stdin=(json.dumps(rec) + "\n").encode())
    assert rc == 0, err
    j = json.loads(out)["result"]
    s = precis.summarize(rec)
    assert [x["text"] for x in j["summary"]] == [x.text for x in s.sentences]
    assert all(same6(p.score, x["score"]) for p, x in zip(s.sentences, j["summary"]))
    assert [k["text"] for k in j["keywords"]] == [k.text for k in s.keywords]
    assert round6(s.to_dict()) == j
