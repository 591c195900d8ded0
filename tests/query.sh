#!/bin/sh
# End-to-end tests of query-focused summaries (issue 16): --query, --query-file, --query-mix,
# the query in JSON, --explain, the HTML report and batch lines, unusable queries, bad values.
# Usage: sh tests/query.sh [path/to/precis]      (run from the repository root)
P=${1:-build/precis}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
. "$(dirname "$0")/harness.sh"
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3

run() {
    "$P" "$@" >"$T/out" 2>"$T/err"
    rc=$?
}
lines() { wc -l <"$1" | tr -d ' '; }

# Two stories in one cluster: the storm, told three times, is what the corpus is about; the
# school budget, told twice, is what the query asks for.
mkdir "$T/two"
cat >"$T/two/a.txt" <<'TXT'
The storm destroyed the harbor pier and the fishing boats on Monday night.

The city council will vote on the school budget next month.
TXT
cat >"$T/two/b.txt" <<'TXT'
Fishermen watched the storm wreck the pier where their boats were moored.

Teachers asked the council to raise the school budget for books and repairs.
TXT
cat >"$T/two/c.txt" <<'TXT'
Rebuilding the pier after the storm will take the harbor two years, officials said.
TXT

run -n 1 "$T/two"
check "generic: exit 0" [ "$rc" -eq 0 ]
check "generic: the storm" grep -q storm "$T/out"
cp "$T/out" "$T/generic"
run -n 1 --query "How much money do schools get?" "$T/two"
check "--query: exit 0" [ "$rc" -eq 0 ]
check "--query: nothing on stderr" [ ! -s "$T/err" ]
check "--query: the school budget" grep -q "school budget" "$T/out"
printf 'school budget?\n' >"$T/q.txt"
run -n 1 --query-file "$T/q.txt" "$T/two"
check "--query-file: the school budget" grep -q "school budget" "$T/out"
run -n 1 --query "school budget" --query-mix 0 "$T/two"
check "--query-mix 0: the generic summary" cmp -s "$T/out" "$T/generic"

# Unusable queries: one warning line naming the query, the generic summary, exit 0.
for q in "" "   " "?!" "the of and" "xylophone zebra"; do
    run -n 1 --query "$q" "$T/two"
    check "query '$q': exit 0" [ "$rc" -eq 0 ]
    check "query '$q': the generic summary" cmp -s "$T/out" "$T/generic"
    check "query '$q': one warning line" [ "$(lines "$T/err")" -eq 1 ]
    check "query '$q': says why" grep -Eq '^precis: warning: --query: (the query has no content word|none of the query.s words)' "$T/err"
done
printf 'the of\n' >"$T/stop.txt"
run -n 1 --query-file "$T/stop.txt" "$T/two"
check "--query-file of stopwords: the file named" grep -q "^precis: warning: $T/stop.txt: " "$T/err"

# Bad values: usage (2) or input (1), one line, nothing on stdout.
run --query-mix 1.5 --query x "$T/two"
check "--query-mix 1.5: exit 2" [ "$rc" -eq 2 ]
check "--query-mix 1.5: says the range" grep -q "invalid value '1.5' for --query-mix" "$T/err"
run --query-file "$T/missing.txt" "$T/two"
check "--query-file missing: exit 1" [ "$rc" -eq 1 ]
check "--query-file missing: names it" grep -q "^precis: $T/missing.txt: No such file" "$T/err"
check "--query-file missing: nothing on stdout" [ ! -s "$T/out" ]
printf 'school\000budget\n' >"$T/nul.txt"
run --query-file "$T/nul.txt" "$T/two"
check "--query-file with a NUL: exit 1" [ "$rc" -eq 1 ]
check "--query-file with a NUL: says so, where" grep -q "^precis: $T/nul.txt: binary data: control byte 0x00 at byte 6" "$T/err"
printf 'caf\351 budget\n' >"$T/latin1.txt"
run --query-file "$T/latin1.txt" "$T/two"
check "--query-file not UTF-8: exit 1" [ "$rc" -eq 1 ]
check "--query-file not UTF-8: says so, where" grep -q "^precis: $T/latin1.txt: invalid UTF-8 at byte 3" "$T/err"

# JSON: the query, its status and each sentence's relevance; none of it without a query.
run -f json -n 2 --query "school budget" "$T/two"
check "JSON: query used" "$PY" -c '
import json, sys
j = json.load(open(sys.argv[1]))
assert j["query"] == {"text": "school budget", "status": "used", "problem": None}, j["query"]
assert j["options"]["query"] == "school budget" and j["options"]["query_mix"] == 0.8
r = [s["relevance"] for s in j["summary"]]
assert all(0 <= x <= 1 for x in r) and max(r) > 0, r
' "$T/out"
run -f json -n 2 --query "the of" "$T/two"
check "JSON: an empty query says why" "$PY" -c '
import json, sys
j = json.load(open(sys.argv[1]))
assert j["query"]["status"] == "empty" and "content word" in j["query"]["problem"], j["query"]
' "$T/out"
run -f json -n 2 "$T/two"
check "JSON without a query: no query fields" "$PY" -c '
import json, sys
j = json.load(open(sys.argv[1]))
assert "query" not in j and "query" not in j["options"] and "query_mix" not in j["options"]
assert all("relevance" not in s for s in j["summary"])
' "$T/out"

# --explain: relevance beside the score; the HTML report: the query, its words marked.
run --explain -n 1 --query "school budget" "$T/two"
check "--explain: the query used" grep -q "^precis: query used" "$T/err"
check "--explain: relevance beside the score" grep -Eq 'CHOSEN   rank [0-9]+ score [0-9.]+ relevance [0-9.]+' "$T/err"
run --explain -n 1 --query "the of" "$T/two"
check "--explain: the query not used, and why" grep -q "^precis: query not used: the query has no content word" "$T/err"
run -f html -n 1 --query "school budgets" "$T/two"
check "HTML: the query shown" grep -q '<p class="query">Query: <q>school budgets</q></p>' "$T/out"
check "HTML: its words marked (by stem)" grep -q '<mark>school</mark> <mark>budget</mark>' "$T/out"

# In another language: a German query over German documents, stemmed as German.
run -n 1 --query "Batterien" tests/data/lang/latin/de-1.txt tests/data/lang/latin/de-2.txt
check "German: the query's sentence" grep -q "Batterien" "$T/out"
run -n 1 --query "Batterie" tests/data/lang/latin/de-1.txt tests/data/lang/latin/de-2.txt
check "German: the stem matches another form" grep -q "Batterien" "$T/out"

# Batch: a line's "query", and one without; a query that is not a string is the line's error.
cat >"$T/batch.jsonl" <<'JSONL'
{"id": 1, "documents": [{"text": "The storm destroyed the harbor pier and the fishing boats on Monday night.\n\nThe city council will vote on the school budget next month.\n\nFishermen watched the storm wreck the pier where their boats were moored."}], "query": "school budget", "options": {"sentences": 1}}
{"id": 2, "documents": [{"text": "The storm destroyed the harbor pier and the fishing boats on Monday night.\n\nThe city council will vote on the school budget next month.\n\nFishermen watched the storm wreck the pier where their boats were moored."}], "options": {"sentences": 1}}
{"id": 3, "documents": [{"text": "The storm destroyed the harbor pier."}], "query": 7}
JSONL
run batch "$T/batch.jsonl"
check "batch: three answers" [ "$(lines "$T/out")" -eq 3 ]
check "batch: the query per line" "$PY" -c '
import json, sys
a = [json.loads(l) for l in open(sys.argv[1])]
assert "school budget" in a[0]["result"]["summary"][0]["text"], a[0]
assert a[0]["result"]["query"]["status"] == "used"
assert "storm" in a[1]["result"]["summary"][0]["text"] and "query" not in a[1]["result"], a[1]
assert a[2]["error"]["message"] == "'"'"'query'"'"' must be a string", a[2]
' "$T/out"

finish query
