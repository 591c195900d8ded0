#!/bin/sh
# End-to-end tests of 'precis batch' (JSON Lines in, JSON Lines out): one output line per
# input line with the same id, errors per line without stopping, the same results whole and
# sharded over parallel processes (plain '&' and GNU parallel --pipe), results equal to
# --format json of the same documents, and memory that does not grow with the stream.
# Usage: sh tests/batch.sh [path/to/precis]      (run from the repository root)
P=${1:-build/precis}
C=tests/data/kim-shoigu
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
. "$(dirname "$0")/harness.sh"
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3

# ---- input: clusters built from the test corpora, with option variants and bad lines ------
"$PY" - "$C" "$T" <<'PYEOF'
import json, os, sys
corpus, out = sys.argv[1], sys.argv[2]
names = sorted(n for n in os.listdir(corpus) if n.endswith(".txt"))
docs = [{"name": n, "text": open(os.path.join(corpus, n), encoding="utf-8").read()} for n in names]
good, lines = [], []
def add(obj, raw=None):
    lines.append(raw if raw is not None else json.dumps(obj, ensure_ascii=False))
add({"id": "cluster", "documents": docs})
add({"id": 2, "documents": docs, "options": {"words": 100, "keywords": 5}})
add({"id": "rank-order", "documents": docs, "options": {"sentences": 3, "order": "rank", "dedup": 0.4}})
for i, d in enumerate(docs):
    add({"id": "single-%d" % i, "documents": [d], "options": {"ratio": 0.2}})
add({"id": "bad-option", "documents": docs, "options": {"dedup": 7}})
add({"id": "unknown-option", "documents": docs, "options": {"colour": "blue"}})
add({"id": "no-documents", "documents": []})
add({"id": "documents-not-array", "documents": "text"})
add({"id": "text-not-string", "documents": [{"name": "a", "text": 5}]})
add({"id": "binary", "documents": [{"name": "nul.txt", "text": "Some words here.\u0000 More words."}]})
add({"id": "empty-text", "documents": [{"name": "empty.txt", "text": ""}]})
add({"id": "budget-too-small", "documents": docs, "options": {"bytes": 3}})
add({"documents": docs})                                   # no id
add({"id": {"nested": True}, "documents": docs})          # an id must be a string or number
add(None, '{"id": "truncated", "documents": [')           # not JSON
add(None, '[1, 2, 3]')                                      # JSON, not an object
add({"id": "language", "documents": docs[:2], "options": {"language": "en", "min_words": 3}})
add({"id": "unknown-language", "documents": docs[:2], "options": {"lang": "xx"}})
add({"id": "stopwords-refused", "documents": docs[:2], "options": {"stopwords": "/etc/passwd"}})
add({"id": "two-budgets", "documents": docs[:2], "options": {"words": 50, "sentences": 2}})
# a message cut inside a character (long non-ASCII value), a number where a string is kept
add({"id": "long-utf8-value", "documents": docs[:1], "options": {"order": "x" + "\u00e9" * 300}})
add({"id": "lang-number", "documents": docs[:1], "options": {"lang": 5}})
# dates: three reports of one earthquake, file names not in date order (tests/data/quake)
quake = [{"name": n, "text": open(os.path.join("tests/data/quake", n), encoding="utf-8").read()}
         for n in sorted(os.listdir("tests/data/quake"))]
add({"id": "quake-text-dates", "documents": quake})
add({"id": "quake-source", "documents": quake, "options": {"order": "source"}})
add({"id": "quake-given", "options": {"order": "time"},
     "documents": [dict(quake[0], date="2031-03-13T23:00:00-02:00"), quake[1], quake[2]]})
add({"id": "bad-date", "documents": [quake[0], dict(quake[1], date="2031-02-30")]})
add({"id": "date-not-string", "documents": [dict(quake[0], date=20310320)]})
add({"id": "after-the-bad-lines", "documents": docs[:2], "options": {"sentences": 2}})
open(os.path.join(out, "in.jsonl"), "w", encoding="utf-8").write("\n".join(lines) + "\n")
open(os.path.join(out, "n"), "w").write(str(len(lines)))
PYEOF
N=$(cat "$T/n")

"$P" batch <"$T/in.jsonl" >"$T/whole" 2>"$T/err"
rc=$?
check "batch exits 0 when every line was answered" [ "$rc" -eq 0 ]
check "nothing on stderr" [ ! -s "$T/err" ]
check "one output line per input line" [ "$(wc -l <"$T/whole" | tr -d ' ')" -eq "$N" ]

# Every output line is JSON with the input's id, in input order; results and errors where
# expected.
if "$PY" - "$T/in.jsonl" "$T/whole" <<'PYEOF'; then ok; else bad "ids, results and errors per line"; fi
import json, sys
inp = open(sys.argv[1], encoding="utf-8").read().splitlines()
out = [json.loads(l) for l in open(sys.argv[2], encoding="utf-8")]
assert len(inp) == len(out)
errors = {"bad-option", "unknown-option", "no-documents", "documents-not-array",
          "text-not-string", "binary", "empty-text", "budget-too-small", "unknown-language",
          "stopwords-refused", "two-budgets", "long-utf8-value", "lang-number", "bad-date",
          "date-not-string"}
for i, (line, o) in enumerate(zip(inp, out), 1):
    try:
        src = json.loads(line)
    except ValueError:
        src = None
    want_id = src.get("id") if isinstance(src, dict) and isinstance(src.get("id"), (str, int)) else None
    assert o.get("id") == want_id, (i, o.get("id"), want_id)
    if want_id is None:
        assert "error" in o and "line %d" % i in o["error"]["message"] or o["error"].get("line") == i, o
        continue
    if want_id in errors:
        assert "error" in o and o["error"]["message"], (want_id, o)
        assert "result" not in o
    else:
        r = o["result"]
        assert r["summary"], want_id
        assert all(s["text"] for s in r["summary"])
msg = {o["id"]: o["error"]["message"] for o in out if "error" in o and o.get("id") is not None}
assert "dedup" in msg["bad-option"], msg["bad-option"]
assert "colour" in msg["unknown-option"], msg["unknown-option"]
assert "nul.txt" in msg["binary"], msg["binary"]
assert "xx" in msg["unknown-language"], msg["unknown-language"]
assert "stopwords" in msg["stopwords-refused"], msg["stopwords-refused"]
assert "one length" in msg["two-budgets"], msg["two-budgets"]
assert msg["long-utf8-value"].startswith("invalid value 'x"), msg["long-utf8-value"]
assert "expected a string" in msg["lang-number"], msg["lang-number"]
r = {o["id"]: o["result"] for o in out if "result" in o}
assert len(r[2]["keywords"]) == 5
assert len(r["rank-order"]["summary"]) == 3
assert len(r["after-the-bad-lines"]["summary"]) == 2
# Dates: found in the text, every document dated, so time order by default; source on request;
# a date given beats the text's: 2031-03-13T23:00-02:00 is 01:00 UTC on the 14th, just after
# b-first's 2031-03-14 (00:00 UTC), before c-toll's 15th.
def tolls(res):
    import re
    return [m for s in res["summary"]
            for m in re.findall(r"at least 32|231 to 357|more than 10,000", s["text"])]
assert r["quake-text-dates"]["options"]["order"] == "time"
assert tolls(r["quake-text-dates"]) == ["at least 32", "231 to 357", "more than 10,000"], tolls(r["quake-text-dates"])
assert tolls(r["quake-source"]) == ["more than 10,000", "at least 32", "231 to 357"], tolls(r["quake-source"])
assert tolls(r["quake-given"]) == ["at least 32", "more than 10,000", "231 to 357"], tolls(r["quake-given"])
g = r["quake-given"]["corpus"]["documents"]
assert [(d["date"], d["date_source"]) for d in g] == [("2031-03-13T23:00:00-02:00", "given"),
    ("2031-03-14", "text"), ("2031-03-15", "text")], g
assert msg["bad-date"] == "b-first.txt: invalid date '2031-02-30': February 2031 has 28 days", msg["bad-date"]
assert "date" in msg["date-not-string"], msg["date-not-string"]
assert r["language"]["options"]["language"] == "en" and r["language"]["options"]["min_words"] == 3
PYEOF

# ---- a result equals --format json on the same documents --------------------------------
(cd "$C" && "$OLDPWD/$P" --format json -w 100 --keywords 5 $(ls *.txt | sort)) >"$T/cli.json" 2>/dev/null
if "$PY" - "$T/whole" "$T/cli.json" <<'PYEOF'; then ok; else bad "batch result equals --format json"; fi
import json, sys
out = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
cli = json.load(open(sys.argv[2], encoding="utf-8"))
res = next(o["result"] for o in out if o.get("id") == 2)
assert res == cli, "differ"
PYEOF

# ---- sharded: four processes in parallel, outputs concatenated in shard order -----------
split -n l/4 "$T/in.jsonl" "$T/shard."
for s in "$T"/shard.??; do
    "$P" batch <"$s" >"$s.out" 2>/dev/null &
done
wait
cat "$T"/shard.??.out >"$T/sharded"
# Unparsable lines carry their line number within the shard: compare everything else.
grep -v '"id":null' "$T/whole" >"$T/whole.ids"
grep -v '"id":null' "$T/sharded" >"$T/sharded.ids"
check "sharded over 4 processes = whole" cmp -s "$T/whole.ids" "$T/sharded.ids"
check "sharded: one line per input line" [ "$(wc -l <"$T/sharded" | tr -d ' ')" -eq "$N" ]

if command -v parallel >/dev/null 2>&1; then
    parallel --will-cite --pipe -k -N 3 "$P" batch <"$T/in.jsonl" >"$T/gnu" 2>/dev/null
    grep -v '"id":null' "$T/gnu" >"$T/gnu.ids"
    check "GNU parallel --pipe -k = whole" cmp -s "$T/whole.ids" "$T/gnu.ids"
else
    bad "GNU parallel is not installed (Debian package 'parallel'; .ci/run installs it)"
fi

# ---- streaming: memory does not grow with the number of lines ---------------------------
head -1 "$T/in.jsonl" >"$T/one.jsonl"
i=0
while [ $i -lt 300 ]; do cat "$T/one.jsonl"; i=$((i + 1)); done >"$T/many.jsonl"
# Under AddressSanitizer freed memory sits in a quarantine (256 MB) before it is reused, which
# would look like growth: the quarantine is turned off for these two runs (ignored otherwise).
NOQ="${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=0"
if [ -x /usr/bin/time ]; then
    ASAN_OPTIONS=$NOQ /usr/bin/time -f %M "$P" batch <"$T/one.jsonl" >/dev/null 2>"$T/rss1"
    ASAN_OPTIONS=$NOQ /usr/bin/time -f %M "$P" batch <"$T/many.jsonl" >"$T/many.out" 2>"$T/rss300"
    r1=$(tail -1 "$T/rss1")
    r300=$(tail -1 "$T/rss300")
    check "300 clusters: peak RSS ${r300} KiB within 1.5x of one cluster's ${r1} KiB" \
        [ "$r300" -le $((r1 * 3 / 2 + 4096)) ]
    check "300 clusters: 300 lines" [ "$(wc -l <"$T/many.out" | tr -d ' ')" -eq 300 ]
fi

# ---- a reader that stops early: quiet, status 1, no signal --------------------------------
"$P" batch <"$T/many.jsonl" 2>"$T/err" | head -1 >/dev/null
check "batch | head -1: nothing on stderr" [ ! -s "$T/err" ]

# ---- a document's own title, site, author and URL (as a web page would say them) ----------
printf '%s\n' '{"id": "m", "documents": [{"text": "The storm destroyed the harbor pier on Monday night, officials said.", "title": "Storm hits harbor", "url": "https://example.org/a", "date": "2023-09-17"}, {"text": "Fishermen watched the storm wreck the old pier on Monday night."}]}' \
    '{"id": "bad", "documents": [{"text": "The storm destroyed the pier.", "title": 5}]}' >"$T/meta.jsonl"
"$P" batch "$T/meta.jsonl" >"$T/meta.out" 2>"$T/err"
check "batch metadata: the page object of the document that gave it, none for the other" \
    "$PY" -c '
import json, sys
a = [json.loads(l) for l in open(sys.argv[1])]
docs = a[0]["result"]["corpus"]["documents"]
assert docs[0]["page"] == {"title": "Storm hits harbor", "site": None, "author": None,
                           "date": "2023-09-17", "url": "https://example.org/a"}, docs[0]
assert "page" not in docs[1]
assert "string values" in a[1]["error"]["message"], a[1]
' "$T/meta.out"

# ---- usage --------------------------------------------------------------------------------
"$P" batch --dedup 2 </dev/null >"$T/out" 2>"$T/err"
check "batch: a bad default option is a usage error" [ $? -eq 2 ]
"$P" batch "$T/missing.jsonl" >"$T/out" 2>"$T/err"
check "batch: a missing input file is an error" [ $? -eq 1 ]
check "batch: the message names the file" grep -q "missing.jsonl" "$T/err"

finish batch
