#!/usr/bin/python3
"""python.py - the Python binding (issue 18) against the precis command and the Python peer
(benchmarks/peer_textrank.py: scikit-learn TF-IDF + networkx PageRank), in one run.

  1. Scale: the corpora of benchmarks/scale.sh (BUILD/scale/N, made by benchmarks/gencorpus.c
     from ../shared/eval at run time, the same cache and stamp as scale.sh) at 1k, 10k and 100k
     sentences, 250 words: wall time and peak RSS (/usr/bin/time -v) of
       - the CLI:    BUILD/precis -q -w 250 DIR
       - Python:     python3 -c 'import precis; print(precis.summarize(DIR, words=250))' (the
                     whole process: interpreter start-up and import included), and the
                     summarize() call alone, timed inside that process;
       - the peer:   /usr/bin/python3 benchmarks/peer_textrank.py -w 250 FILES...
     each under a time limit and an address-space limit (ulimit -v), as scale.sh does. The
     binding's output must equal the CLI's.
  2. Per call, on the bundled cluster (tests/data/kim-shoigu, 5 documents, 105 sentences):
     the library's time in C (BUILD/bench -r 300: precis_summarize() plus loading), the same C
     calls made through cffi, precis.summarize(texts) on texts in memory and
     precis.summarize(DIR) reading the files, in turn in one process (medians of 300 calls),
     and the CLI process (median of 30 runs).

Usage (from the repository root, after 'make python'; Python must import precis):
  build/pyenv/bin/python3 benchmarks/python.py [--build build] [--sizes 1000,10000,100000]
      [--timeout 300] [--mem-gib 8] [--no-peer]
Prints the two tables in Markdown (benchmarks/README.md has the last run's).
"""
import argparse
import glob
import hashlib
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

import precis

EVAL = "../shared/eval"
CLUSTER = "tests/data/kim-shoigu"


def timed(cmd, timeout, mem_kb, stdout=subprocess.PIPE):
    """Runs 'cmd' under /usr/bin/time -v with the limits: (rc, wall s, peak RSS KiB, out, err)."""
    def limits():
        resource.setrlimit(resource.RLIMIT_AS, (mem_kb * 1024, mem_kb * 1024))
    with tempfile.NamedTemporaryFile("r") as tf:
        t0 = time.perf_counter()
        try:
            p = subprocess.run(["/usr/bin/time", "-v", "-o", tf.name, *cmd], stdout=stdout,
                               stderr=subprocess.PIPE, timeout=timeout, preexec_fn=limits)
            rc, out, err = p.returncode, p.stdout, p.stderr
        except subprocess.TimeoutExpired as e:
            rc, out, err = "timeout", b"", e.stderr or b""
        wall = time.perf_counter() - t0
        rss = 0
        for line in tf.read().splitlines():
            if "Maximum resident set size" in line:
                rss = int(line.split(":")[1])
    return rc, wall, rss, out, err.decode("utf-8", "replace")


def corpus(build, n):
    """BUILD/scale/N, as scale.sh makes and stamps it (generated when missing or stale)."""
    d = os.path.join(build, "scale")
    gen = os.path.join(build, "gencorpus")
    src = "benchmarks/gencorpus.c"
    if not os.path.exists(gen) or os.path.getmtime(src) > os.path.getmtime(gen):
        subprocess.run([os.environ.get("CC", "cc"), "-std=c11", "-O2", "-o", gen, src],
                       check=True)
    with open(src, "rb") as f:
        sha = hashlib.sha256(f.read()).hexdigest()[:16]
    stamp = f"gencorpus={sha} seed=1 fraction=0.2"
    out = os.path.join(d, str(n))
    stamp_file = os.path.join(d, f"{n}.stamp")
    if os.path.isdir(out) and os.path.exists(stamp_file) and \
            open(stamp_file).read().strip() == stamp:
        return out
    os.makedirs(d, exist_ok=True)
    shutil.rmtree(out, ignore_errors=True)
    shutil.rmtree(out + ".tmp", ignore_errors=True)
    subprocess.run([gen, "-n", str(n), "-s", "1", "-p", "0.2", "-e", EVAL, out], check=True,
                   stderr=subprocess.DEVNULL)
    with open(stamp_file, "w") as f:
        f.write(stamp + "\n")
    return out


PY_RUN = ("import sys, time, precis\n"
          "t = time.perf_counter()\n"
          "s = precis.summarize(sys.argv[1], words=250)\n"
          "sys.stderr.write('call %.6f\\n' % (time.perf_counter() - t))\n"
          "print(s)\n")


def fmt(rc, wall, rss):
    if rc != 0:
        what = "timeout" if rc == "timeout" else "out of memory" if rc in (1, -9) else f"rc {rc}"
        return f"{what} (after {wall:.0f} s, {rss / 1024:.0f} MiB)"
    return f"{wall:.3f} s, {rss / 1024:.0f} MiB"


def scale(args):
    rows = []
    for n in args.sizes:
        d = corpus(args.build, n)
        files = sorted(glob.glob(os.path.join(d, "*")))
        mb = sum(os.path.getsize(f) for f in files) / 1e6
        mem = args.mem_gib * 1024 * 1024
        cli = timed([os.path.join(args.build, "precis"), "-q", "-w", "250", d], args.timeout, mem)
        py = timed([sys.executable, "-c", PY_RUN, d], args.timeout, mem)
        call = next((float(x.split()[1]) for x in py[4].splitlines() if x.startswith("call ")),
                    float("nan"))
        same = cli[0] == 0 and py[0] == 0 and cli[3] == py[3]
        if args.peer:
            peer = timed(["/usr/bin/python3", "benchmarks/peer_textrank.py", "-w", "250", *files],
                         args.timeout, mem, stdout=subprocess.DEVNULL)
            peer_s = fmt(*peer[:3])
        else:
            peer_s = "not run"
        row = (f"| {n:,} | {len(files):,} files, {mb:.1f} MB | {fmt(*cli[:3])} | "
               f"{fmt(*py[:3])} | {call:.3f} s | {'yes' if same else 'NO'} | {peer_s} |")
        print(row, flush=True)
        if py[0] != 0:
            print(py[4][-500:], file=sys.stderr)
        rows.append(row)
    return rows


def per_call(args):
    """The bundled cluster, per call. The C reference is BUILD/bench: precis_summarize()'s
    median plus loading the corpus once (reading the files and precis_corpus_add()). In this
    process, three ways are timed in turn, round after round, so that a busy machine slows them
    alike: the bare C calls through cffi (corpus, add, summarize, free: no Python object made),
    precis.summarize() of texts in memory, and of the directory (walking and reading it)."""
    from precis._precis import ffi, lib
    texts = [open(p, encoding="utf-8").read() for p in sorted(glob.glob(CLUSTER + "/*"))]
    data = [t.encode() for t in texts]
    bench = subprocess.run([os.path.join(args.build, "bench"), "-r", "300", "-w", "250", "kim",
                            CLUSTER], capture_output=True, text=True, check=True).stdout
    words = dict(w.split("=", 1) for line in bench.splitlines() for w in line.split()
                 if "=" in w and (line.startswith("stage=total") or line.startswith("corpus=")))
    lib_ms = float(words["median_ms"]) + float(words["load_ms"])

    def bare():
        c = ffi.new("precis_options *")
        lib.precis_options_init(c)
        c.budget_kind, c.budget = lib.PRECIS_BUDGET_WORDS, 250
        pc = ffi.new("precis_corpus **")
        lib.precis_corpus_new(pc)
        for b in data:
            lib.precis_corpus_add(pc[0], b"doc", b, len(b))
        ps = ffi.new("precis_summary **")
        lib.precis_summarize(pc[0], c, ps)
        lib.precis_summary_free(ps[0])
        lib.precis_corpus_free(pc[0])

    o = precis.Options(words=250)
    ways = {"bare": bare, "texts": lambda: precis.summarize(texts, o),
            "dir": lambda: precis.summarize(CLUSTER, o)}
    times = {k: [] for k in ways}
    for r in range(330):
        for k, f in ways.items():
            t = time.perf_counter()
            f()
            if r >= 30:  # warm-up
                times[k].append(time.perf_counter() - t)
    ms = {k: statistics.median(v) * 1e3 for k, v in times.items()}
    cli = [timed([os.path.join(args.build, "precis"), "-q", "-w", "250", CLUSTER], 60,
                 8 << 20)[1] for _ in range(30)]
    cli_ms = statistics.median(cli) * 1e3

    def vs(x):
        return f"{100 * (x - ms['bare']) / ms['bare']:+.0f}%"
    return [
        f"| C: `{args.build}/bench -r 300 -w 250` (precis_summarize() median "
        f"{float(words['median_ms']):.3f} ms + loading {float(words['load_ms']):.3f} ms) | "
        f"{lib_ms:.3f} ms | |",
        f"| the same C calls through cffi, no Python objects | {ms['bare']:.3f} ms | |",
        f"| `precis.summarize(texts, words=250)`, texts in memory | {ms['texts']:.3f} ms | "
        f"{vs(ms['texts'])} |",
        f"| `precis.summarize('{CLUSTER}', words=250)`, reading the files | {ms['dir']:.3f} ms | "
        f"{vs(ms['dir'])} |",
        f"| `precis -q -w 250 {CLUSTER}`, the whole process | {cli_ms:.3f} ms | |",
    ]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--build", default="build")
    ap.add_argument("--sizes", default="1000,10000,100000",
                    type=lambda s: [int(x) for x in s.split(",")])
    ap.add_argument("--timeout", type=int, default=300)
    ap.add_argument("--mem-gib", type=int, default=8)
    ap.add_argument("--no-peer", dest="peer", action="store_false")
    args = ap.parse_args()
    for f in ("precis", "bench"):
        if not os.access(os.path.join(args.build, f), os.X_OK):
            sys.exit(f"python.py: {args.build}/{f} is missing: run 'make all {args.build}/bench'")
    if args.peer and subprocess.run(["/usr/bin/python3", "benchmarks/peer_textrank.py",
                                     "--check"]).returncode != 0:
        print("python.py: the peer needs python3-sklearn and python3-networkx: not run",
              file=sys.stderr)
        args.peer = False
    print(f"machine: {os.cpu_count()} cores; precis {precis.version()}; Python "
          f"{sys.version.split()[0]}; OPENBLAS_NUM_THREADS="
          f"{os.environ.get('OPENBLAS_NUM_THREADS', 'unset')}; limits {args.timeout} s, "
          f"{args.mem_gib} GiB; {time.strftime('%Y-%m-%d %H:%M', time.gmtime())} UTC\n")
    print("| per call, bundled cluster | median | vs the bare C calls |")
    print("| --- | ---: | ---: |")
    for row in per_call(args):
        print(row, flush=True)
    if not os.path.isdir(os.path.join(EVAL, "duc2004")):
        print(f"\n{EVAL}/duc2004 is absent: the scale corpora are made from it: skipped")
        return
    print("\n| sentences | corpus | CLI: wall, peak RSS | Python process: wall, peak RSS | "
          "summarize() call | same output | peer (sklearn + networkx) |")
    print("| ---: | --- | --- | --- | ---: | --- | --- |")
    scale(args)


if __name__ == "__main__":
    main()
