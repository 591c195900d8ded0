#!/bin/sh
# End-to-end tests of 'precis --format json': every output is validated against the documented
# schema (tests/schema/summary.schema.json, python3-jsonschema), then its values are checked
# against the input files: offsets point at the sentence's bytes, supported_by names sentences of
# other documents that say the same, options echo the flags, keywords occur in the text.
# Usage: sh tests/json.sh [path/to/precis]      (run from the repository root)
P=${1:-build/precis}
C=tests/data/kim-shoigu
SCHEMA=tests/schema/summary.schema.json
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

if ! python3 -c 'import jsonschema' 2>/dev/null; then
    echo "json: FAIL: python3 with the jsonschema module is needed (Debian: python3-jsonschema)"
    exit 1
fi

# Two small articles that share one sentence almost word for word, plus one that does not.
mkdir "$T/dup"
cat >"$T/dup/a.txt" <<'TXT'
The city council approved a new budget for public schools on Monday after a long debate.

Teachers welcomed the decision, saying that classrooms had waited years for repairs and books.

The mayor said the money would come from a tax on hotel stays that tourists pay each night.
TXT
cat >"$T/dup/b.txt" <<'TXT'
On Monday the city council approved a new budget for public schools after a long debate.

Parents gathered outside the hall and cheered when the result of the vote was announced.
TXT
cat >"$T/dup/c.txt" <<'TXT'
A storm is expected to reach the coast on Thursday, bringing heavy rain and strong winds inland.
TXT

fail=0
# run NAME ARGS...: precis --format json ARGS > $T/NAME.json, then the schema and value checks
run() {
    name=$1
    shift
    if ! "$P" --format json "$@" >"$T/$name.json" 2>"$T/$name.err"; then
        echo "FAIL: json $name: precis $*: exit status $? ($(head -1 "$T/$name.err"))"
        fail=1
        return
    fi
    "$P" "$@" >"$T/$name.txt" 2>/dev/null
    python3 - "$T/$name.json" "$SCHEMA" "$T/$name.txt" "$name" <<'PY' || fail=1
import json, sys, unicodedata
import jsonschema

path, schema_path, text_path, name = sys.argv[1:5]
raw = open(path, "rb").read()
doc = json.loads(raw.decode("utf-8"))  # strict UTF-8
schema = json.load(open(schema_path))
errors = []
def bad(msg):
    errors.append(msg)

v = jsonschema.Draft202012Validator(schema)
for e in v.iter_errors(doc):
    bad("schema: %s at %s" % (e.message, "/".join(map(str, e.absolute_path))))
if errors:
    for e in errors:
        print("FAIL: json %s: %s" % (name, e))
    sys.exit(1)

# Keys come in a fixed order.
if list(doc) != ["options", "corpus", "summary"] + (["keywords"] if "keywords" in doc else []):
    bad("top-level key order %s" % list(doc))

docs = doc["corpus"]["documents"]
files = [open(d["name"], "rb").read() for d in docs]
for i, d in enumerate(docs):
    if d["index"] != i:
        bad("document %d has index %d" % (i, d["index"]))
    if d["bytes"] != len(files[i]):
        bad("document %d: bytes %d, file has %d" % (i, d["bytes"], len(files[i])))
    if d["candidates"] > d["sentences"]:
        bad("document %d: more candidates than sentences" % i)
    if d["title"] is not None:
        flat = " ".join(files[i].decode("utf-8").split())
        if d["title"] not in unicodedata.normalize("NFC", flat):
            bad("document %d: title not found in the file" % i)
    if (d["date"] is None) != (d["date_source"] is None):
        bad("document %d: date %r with date_source %r" % (i, d["date"], d["date_source"]))
if sum(d["sentences"] for d in docs) != doc["corpus"]["sentences"]:
    bad("documents' sentences do not add up to the corpus's")
if sum(d["candidates"] for d in docs) != doc["corpus"]["candidates"]:
    bad("documents' candidates do not add up to the corpus's")

seen = set()
ranks = []
for j, s in enumerate(doc["summary"]):
    if s["document"] >= len(docs):
        bad("sentence %d: no document %d" % (j, s["document"]))
        continue
    # offset and length point at the sentence's bytes in the file as given.
    b = files[s["document"]][s["offset"]:s["offset"] + s["length"]]
    try:
        got = unicodedata.normalize("NFC", " ".join(b.decode("utf-8").split()))
    except UnicodeDecodeError:
        got = None
    if got != s["text"]:
        bad("sentence %d: bytes %d+%d of %s are %r, not the sentence"
            % (j, s["offset"], s["length"], docs[s["document"]]["name"], b[:60]))
    key = (s["document"], s["index"])
    if key in seen:
        bad("sentence %d: %s listed twice" % (j, key))
    seen.add(key)
    ranks.append((s["rank"], s["score"]))
    for q in s["supported_by"]:
        k2 = (q["document"], q["index"])
        if q["document"] == s["document"]:
            bad("sentence %d: supported by its own document" % j)
        if q["document"] >= len(docs) or q["index"] >= docs[q["document"]]["sentences"]:
            bad("sentence %d: support %s does not exist" % (j, k2))
        if "restates" in q: # a restatement: its share, not its cosine, passes a threshold
            if q["restates"] < doc["options"]["restate"] - 1e-9 or q["similarity"] >= doc["options"]["dedup"]:
                bad("sentence %d: restatement %s below the restate threshold" % (j, k2))
        elif q["similarity"] < doc["options"]["dedup"] - 1e-9:
            bad("sentence %d: support %s below the dedup threshold" % (j, k2))
        if k2 in seen:
            bad("sentence %d: support %s listed twice" % (j, k2))
        seen.add(k2)
ranks.sort()
if len({r for r, _ in ranks}) != len(ranks):
    bad("ranks repeat")
for (r1, s1), (r2, s2) in zip(ranks, ranks[1:]):
    if s2 > s1:
        bad("rank %d scores above rank %d" % (r2, r1))

# The order applied: without --order, time when every document has a date, else source; and
# the summary's sentences in that order (time: by date in UTC, undated last, then as source).
def utc(date):
    from datetime import datetime, timezone
    t = datetime.fromisoformat(date.replace("Z", "+00:00"))
    return (t if t.tzinfo else t.replace(tzinfo=timezone.utc)).timestamp()
want = "rank" if name == "words" else "time" if all(d["date"] for d in docs) else "source"
if doc["options"]["order"] != want:
    bad("order %s, want %s" % (doc["options"]["order"], want))
def key(s):
    d = docs[s["document"]]
    if doc["options"]["order"] == "time":
        return (d["date"] is None, utc(d["date"]) if d["date"] else 0, s["document"], s["index"])
    return (s["document"], s["index"])
if doc["options"]["order"] != "rank":
    keys = [key(s) for s in doc["summary"]]
    if keys != sorted(keys):
        bad("summary not in %s order: %s" % (doc["options"]["order"], keys))
if name == "quake" and [d["date_source"] for d in docs] != ["given", "text", "text"]:
    bad("quake: date sources %s" % [d["date_source"] for d in docs])

# The same sentences as the text output.
lines = open(text_path, encoding="utf-8").read().split("\n")
text_sents = lines[:lines.index("")] if "" in lines else lines
if [s["text"] for s in doc["summary"]] != text_sents:
    bad("summary differs from the text output")

if "keywords" in doc:
    corpus = unicodedata.normalize("NFC", " ".join(
        " ".join(f.decode("utf-8").split()) for f in files))
    kws = doc["keywords"]
    if len(kws) > doc["options"]["keywords"]:
        bad("more keywords than asked for")
    for a, b in zip(kws, kws[1:]):
        if b["score"] > a["score"]:
            bad("keywords not best first")
    for k in kws:
        if k["text"] not in corpus:
            bad("keyword %r is not in the text" % k["text"])
    kw_line = next((l for l in lines if l.startswith("Keywords: ")), None)
    if kws and kw_line != "Keywords: " + ", ".join(k["text"] for k in kws):
        bad("text output's Keywords line differs: %r" % kw_line)

if any(d["language"] != "en" for d in doc["corpus"]["documents"]):
    bad("an English document not reported as 'en': %s" % doc["corpus"]["documents"])

checks = {
    "default": lambda o: o["budget"] == {"unit": "sentences", "value": 5} and o["keywords"] == 0
               and o["language"] == "auto" and o["dedup"] == 0.5,
    "words": lambda o: o["budget"] == {"unit": "words", "value": 80} and o["dedup"] == 0.4
             and o["order"] == "rank",
    "ratio": lambda o: o["budget"] == {"unit": "ratio", "value": 0.1},
    "keywords": lambda o: o["keywords"] == 12,
}
if name in checks and not checks[name](doc["options"]):
    bad("options do not echo the flags: %s" % doc["options"])
if name == "words" and sum(len(s["text"].split()) for s in doc["summary"]) > 80:
    bad("more than 80 words")
if name == "keywords" and len(doc.get("keywords", [])) != 12:
    bad("asked for 12 keywords, got %d" % len(doc.get("keywords", [])))
if name == "default" and "keywords" in doc:
    bad("keywords without --keywords")
if name == "dup":
    s = [x for x in doc["summary"] if x["supported_by"]]
    if not s or s[0]["document"] not in (0, 1) or \
       [(q["document"], q["index"]) for q in s[0]["supported_by"]] != [(1 - s[0]["document"], 0)]:
        bad("the shared sentence is not chosen once and supported by the other article: %s"
            % [(x["document"], x["index"], x["supported_by"]) for x in doc["summary"]])
    if any(x["document"] == 2 and x["supported_by"] for x in doc["summary"]):
        bad("the unrelated article is supported")
if name == "default" and not any(s["supported_by"] for s in doc["summary"]):
    bad("a cluster of five reports of one story, and no sentence supported by another")
if name == "default" and not any(d["title"] for d in docs):
    bad("no headline found in any document")

for e in errors:
    print("FAIL: json %s: %s" % (name, e))
sys.exit(1 if errors else 0)
PY
}

run default "$C"
run words -w 80 --dedup 0.4 --order rank "$C"
run ratio -r 0.1 "$C"
run keywords --keywords 12 "$C"
run dup -n 3 --min-words 3 "$T/dup"
# Every document dated (one given, two found in the text): time order.
run quake --date a-relief.txt=2031-03-20T09:00+01:00 tests/data/quake

# A file name that is not UTF-8 still gives valid UTF-8 JSON (U+FFFD in its place).
cp "$T/dup/a.txt" "$T/$(printf 'caf\351.txt')"
if "$P" --format json "$T/$(printf 'caf\351.txt')" >"$T/latin1.json" 2>/dev/null &&
    python3 -c 'import json,sys; d=json.loads(open(sys.argv[1],"rb").read().decode("utf-8")); sys.exit(0 if d["corpus"]["documents"][0]["name"].endswith("caf\ufffd.txt") else 1)' "$T/latin1.json"; then :; else
    echo "FAIL: json: a Latin-1 file name does not give valid JSON"
    fail=1
fi

if [ "$fail" -eq 0 ]; then echo "json: all passed"; else echo "json: failures"; fi
exit "$fail"
