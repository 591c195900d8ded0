"""Memory stays bounded over 10,000 calls (successful and failing ones)."""
import gc

import precis

TEXT = ("The council approved the new budget for the city's schools on Tuesday evening. "
        "Teachers had asked for smaller classes and more books for the libraries. "
        "The mayor said the budget would be the largest in ten years. "
        "Parents at the meeting welcomed the vote after a long debate.")


def rss_kb() -> int:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def test_rss_bounded_over_10000_calls():
    opts = precis.Options(sentences=2, keywords=3, explain=True)
    for _ in range(500):  # warm up: allocator pools, caches
        precis.summarize(TEXT, opts)
    gc.collect()
    before = rss_kb()
    for i in range(10_000):
        if i % 10 == 0:
            try:
                precis.summarize(b"bad \xff bytes in this text here.")
            except precis.InputError:
                pass
        else:
            s = precis.summarize(TEXT, opts)
            assert len(s) == 2
    gc.collect()
    grown = rss_kb() - before
    assert grown < 8 * 1024, f"RSS grew by {grown} KiB over 10,000 calls"
