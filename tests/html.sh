#!/bin/sh
# End-to-end test of 'precis --format html' in a real browser: headless Chromium renders the
# report of the bundled corpus and of a corpus whose articles (and a file name) carry script
# payloads; the DOM it dumps is checked (summary sentences highlighted in their documents,
# near-duplicates marked and linked both ways, one strip cell per sentence, no script from the
# input ran or even became an element), and a screenshot goes to report.png beside the binary.
# Usage: sh tests/html.sh [path/to/precis]      (run from the repository root)
# Chromium is required; PRECIS_NO_BROWSER=1 lets the test be skipped where it is not installed.
P=${1:-build/precis}
C=tests/data/kim-shoigu
OUT=$(dirname "$P")
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

BROWSER=$(command -v chromium || command -v chromium-browser)
if [ -z "$BROWSER" ]; then
    if [ "${PRECIS_NO_BROWSER:-0}" = 1 ]; then
        echo "html: SKIPPED: chromium is not installed and PRECIS_NO_BROWSER=1"
        exit 0
    fi
    echo "html: FAIL: chromium is not installed (Debian: apt-get install chromium; or set"
    echo "      PRECIS_NO_BROWSER=1 to skip the browser test)"
    exit 1
fi

# browser ARGS... URL: headless Chromium with a throw-away profile, quiet on stderr
browser() {
    timeout 60 "$BROWSER" --headless --no-sandbox --disable-gpu --no-first-run \
        --user-data-dir="$T/profile" --hide-scrollbars "$@" 2>>"$T/browser.err"
}

fail=0

# ---- a corpus that tries to run script -------------------------------------------------------
mkdir "$T/evil"
cat >"$T/evil/a.txt" <<'TXT'
The council approved the school budget on Monday <script>document.title='PWNED';document.body.appendChild(document.createElement('pwned'))</script> after a long debate.

Teachers welcomed the vote <img src=x onerror="document.title='PWNED'"> and said classrooms had waited years for repairs.

The mayor said the money would come from a new tax on hotel stays paid by tourists.
TXT
cat >"$T/evil/b.txt" <<'TXT'
On Monday the council approved the school budget <script>document.title='PWNED'</script> after a long debate.

Parents cheered outside the hall "</span><svg onload=document.title='PWNED'>" when the result was read out.
TXT
cp "$T/evil/b.txt" "$T/evil/c&<b onmouseover=x>.txt"

for corpus in kim evil; do
    dir=$C
    [ "$corpus" = evil ] && dir=$T/evil
    if ! "$P" --format html --keywords 8 --min-words 3 "$dir" >"$T/$corpus.html" 2>"$T/$corpus.err" ||
        ! "$P" --format json --keywords 8 --min-words 3 "$dir" >"$T/$corpus.json" 2>>"$T/$corpus.err"; then
        echo "html: FAIL: precis on $corpus: $(head -1 "$T/$corpus.err")"
        fail=1
        continue
    fi
    if ! browser --dump-dom "file://$T/$corpus.html" >"$T/$corpus.dom" || [ ! -s "$T/$corpus.dom" ]; then
        echo "html: FAIL: chromium could not render the $corpus report: $(tail -1 "$T/browser.err")"
        fail=1
        continue
    fi
    python3 - "$T/$corpus.dom" "$T/$corpus.json" "$corpus" <<'PY' || fail=1
import json, re, sys
from html.parser import HTMLParser

dom_path, json_path, corpus = sys.argv[1:4]
dom = open(dom_path, encoding="utf-8").read()
data = json.load(open(json_path, encoding="utf-8"))
errors = []
def bad(msg):
    errors.append(msg)

class Node:
    def __init__(self, tag, attrs, parent):
        self.tag, self.attrs, self.parent, self.children, self.text = tag, dict(attrs), parent, [], []
    def all_text(self):
        return "".join(t if isinstance(t, str) else t.all_text() for t in self.text)
    def walk(self):
        yield self
        for c in self.children:
            yield from c.walk()
    def cls(self):
        return set((self.attrs.get("class") or "").split())

VOID = {"meta", "link", "br", "img", "input", "hr", "source", "wbr", "area", "base", "col",
        "embed", "param", "track"}
class Tree(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", [], None)
        self.cur = self.root
    def handle_starttag(self, tag, attrs):
        n = Node(tag, attrs, self.cur)
        self.cur.children.append(n)
        self.cur.text.append(n)
        if tag not in VOID:
            self.cur = n
    def handle_startendtag(self, tag, attrs):
        n = Node(tag, attrs, self.cur)
        self.cur.children.append(n)
        self.cur.text.append(n)
    def handle_endtag(self, tag):
        n = self.cur
        while n is not self.root and n.tag != tag:
            n = n.parent
        if n is not self.root:
            self.cur = n.parent
    def handle_data(self, d):
        self.cur.text.append(d)

t = Tree()
t.feed(dom)
nodes = list(t.root.walk())
by_id = {n.attrs["id"]: n for n in nodes if "id" in n.attrs}
flat = lambda s: " ".join(s.split())

# Nothing from the input ran or became markup: the title is ours, no script/img/svg-onload
# element, no event-handler attribute anywhere.
title = [n for n in nodes if n.tag == "title"]
if not title or title[0].all_text() != "Summary of %d documents" % len(data["corpus"]["documents"]):
    bad("document title is %r" % (title[0].all_text() if title else None))
for n in nodes:
    if n.tag in ("script", "img", "pwned", "iframe", "object", "embed"):
        bad("a <%s> element is in the DOM" % n.tag)
    for a in n.attrs:
        if a.startswith("on"):
            bad("<%s> has an event handler attribute %s" % (n.tag, a))
    if n.tag == "svg" and "strip" not in n.cls():
        bad("an <svg> from the input is in the DOM")
if corpus == "evil":
    body = flat(t.root.all_text())
    for payload in ("<script>document.title='PWNED'</script>", "onerror=\"document.title='PWNED'\"",
                    "</span><svg onload=document.title='PWNED'>", "c&<b onmouseover=x>.txt"):
        if payload not in body:
            bad("payload %r not shown as text" % payload)

# The summary: one item per sentence, its text, "k of N sources", linked to its sentence.
n_docs = len(data["corpus"]["documents"])
items = [n for n in nodes if n.tag == "li" and re.fullmatch(r"s\d+", n.attrs.get("id", ""))]
if len(items) != len(data["summary"]):
    bad("%d summary items, %d sentences" % (len(items), len(data["summary"])))
for j, (li, s) in enumerate(zip(items, data["summary"])):
    text = [n for n in li.walk() if "text" in n.cls()]
    if not text or flat(text[0].all_text()) != flat(s["text"]):
        bad("summary item %d text differs" % j)
    k = len({s["document"]} | {q["document"] for q in s["supported_by"]})
    if "%d of %d sources" % (k, n_docs) not in flat(li.all_text()):
        bad("summary item %d does not say '%d of %d sources'" % (j, k, n_docs))
    sid = "d%d-%d" % (s["document"], s["index"])
    hrefs = [n.attrs.get("href") for n in li.walk() if n.tag == "a"]
    if "#" + sid not in hrefs:
        bad("summary item %d does not link to #%s" % (j, sid))
    span = by_id.get(sid)
    if span is None or "chosen" not in span.cls():
        bad("sentence %s is not highlighted as chosen" % sid)
    else:
        if flat(span.all_text()).find(flat(s["text"])) != 0:
            bad("highlighted %s is not the summary sentence" % sid)
        if "#s%d" % j not in [n.attrs.get("href") for n in span.walk() if n.tag == "a"]:
            bad("chosen %s does not link back to #s%d" % (sid, j))
    for q in s["supported_by"]:
        qid = "d%d-%d" % (q["document"], q["index"])
        sp = by_id.get(qid)
        if sp is None or "support" not in sp.cls():
            bad("supporting %s is not marked" % qid)
        elif sp.attrs.get("data-summary") != "s%d" % j or \
                "#s%d" % j not in [n.attrs.get("href") for n in sp.walk() if n.tag == "a"]:
            bad("supporting %s does not link back to #s%d" % (qid, j))
        if "#" + qid not in hrefs:
            bad("summary item %d does not link to its support #%s" % (j, qid))
chosen = [n for n in nodes if "chosen" in n.cls() and n.tag == "span" and "sent" in n.cls() and "id" in n.attrs]
if len(chosen) != len(data["summary"]):
    bad("%d highlighted sentences for %d summary sentences" % (len(chosen), len(data["summary"])))
n_sup = sum(len(s["supported_by"]) for s in data["summary"])
support = [n for n in nodes if "support" in n.cls() and n.tag == "span" and "sent" in n.cls() and "id" in n.attrs]
if len(support) != n_sup:
    bad("%d supporting sentences marked, %d in the JSON" % (len(support), n_sup))
if corpus == "kim" and n_sup == 0:
    bad("no supporting sentence in the bundled cluster")

# Every document, every sentence, and a strip with one cell per sentence.
for d in data["corpus"]["documents"]:
    art = by_id.get("d%d" % d["index"])
    if art is None:
        bad("document %d missing" % d["index"])
        continue
    sents = [n for n in art.walk() if n.tag == "span" and "sent" in n.cls()]
    if len(sents) != d["sentences"]:
        bad("document %d shows %d of %d sentences" % (d["index"], len(sents), d["sentences"]))
    strips = [n for n in art.walk() if n.tag == "svg"]
    cells = [n for n in strips[0].walk() if n.tag == "rect"] if strips else []
    if len(strips) != 1 or len(cells) != d["sentences"]:
        bad("document %d: strip with %d cells for %d sentences" % (d["index"], len(cells), d["sentences"]))
kw = [n for n in nodes if n.tag == "ul" and "keywords" in n.cls()]
if [flat(li.all_text()) for li in (kw[0].children if kw else [])] != [k["text"] for k in data["keywords"]]:
    bad("keywords differ from the JSON's")

for e in errors:
    print("html: FAIL: %s: %s" % (corpus, e))
sys.exit(1 if errors else 0)
PY
done

# The screenshot, at a desktop width; a PNG must come out.
rm -f "$OUT/report.png"
browser --screenshot="$OUT/report.png" --window-size=1200,1600 "file://$T/kim.html" >/dev/null
if [ "$(head -c 8 "$OUT/report.png" 2>/dev/null | od -An -c | tr -d ' ')" != "211PNG\r\n032\n" ]; then
    echo "html: FAIL: no screenshot in $OUT/report.png"
    fail=1
fi

if [ "$fail" -eq 0 ]; then echo "html: all passed (screenshot: $OUT/report.png)"; else echo "html: failures"; fi
exit "$fail"
