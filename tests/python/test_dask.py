"""Past one machine: precis over a dask.distributed LocalCluster with worker processes (the
pattern README.md shows), on the records 'precis batch' takes; the results must equal the
single-process run."""
import glob
import json

import pytest

import precis

distributed = pytest.importorskip(
    "distributed", reason="dask.distributed is not installed (Debian: python3-distributed)")
dask_bag = pytest.importorskip("dask.bag", reason="dask is not installed (Debian: python3-dask)")
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")  # tornado, in Debian 12


def records():
    """Cluster records as 'precis batch' reads them: the bundled clusters, and a few cut from
    them, with per-record options."""
    out = []
    for i, d in enumerate(["tests/data/kim-shoigu", "tests/data/quake", "tests/data/restate"]):
        docs = [{"name": p, "text": open(p, encoding="utf-8").read()}
                for p in sorted(glob.glob(d + "/*"))]
        out.append({"id": f"story-{i}", "documents": docs, "options": {"words": 100}})
        out.append({"id": f"story-{i}-lead", "documents": docs[:2],
                    "options": {"sentences": 2, "keywords": 3}})
    out.append({"id": "bad", "documents": [{"text": ""}]})
    return out


def summarize_record(rec):
    """The function a Dask (or Spark) job maps: one record in, one JSON-able result out."""
    try:
        return {"id": rec["id"], "result": precis.summarize(rec).to_dict()}
    except precis.Error as e:
        return {"id": rec["id"], "error": {"message": str(e), "status": e.status}}


def test_local_cluster_equals_single_process():
    recs = records()
    expected = [summarize_record(r) for r in recs]
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                       dashboard_address=None, silence_logs=40)
    try:
        with distributed.Client(cluster) as client:
            # futures: a Summary (and the options) pickled back from the worker processes
            futures = client.map(precis.summarize, recs, pure=False)
            summaries = client.gather(futures, errors="skip")
            assert len(summaries) == len(recs) - 1
            for s, r in zip(summaries, recs):
                assert isinstance(s, precis.Summary)
                assert s.to_dict() == summarize_record(r)["result"]
            pids = set(client.run(lambda: __import__("os").getpid()).values())
            assert len(pids) == 2 and __import__("os").getpid() not in pids
            # a bag of JSON lines, as 'precis batch' reads them
            lines = [json.dumps(r) for r in recs]
            bag = dask_bag.from_sequence(lines, npartitions=3).map(json.loads)
            got = bag.map(summarize_record).compute()
            assert got == expected
            assert got[-1]["error"]["status"] == "empty"
    finally:
        cluster.close()
