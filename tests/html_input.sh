#!/bin/sh
# End-to-end tests of web pages and Markdown as input: a folder of saved pages summarizes to
# sentences without markup, with each page's site, date and URL in JSON, --explain and the HTML
# report; 'precis extract' keeps the article and drops the menu, cookie banner, comments and
# related links; Markdown loses its syntax; hostile pages (unclosed tags, 100,000 nested divs, a
# 50 MB page, only scripts, a mislabeled charset, binary data after <html>) give a clear result
# or a clear error, never a crash. Every page is written here, for the test.
# Usage: sh tests/html_input.sh [path/to/precis]      (run from the repository root)
P=${1:-build/precis}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail=0
ok() { echo "html_input: ok: $1"; }
bad() { echo "html_input: FAIL: $1"; fail=1; }

# page FILE SITE DATE URL TITLE BODY: a news page with the usual furniture around BODY
page() {
    cat >"$1" <<EOF
<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>$5 | $2</title>
<meta property="og:site_name" content="$2">
<meta property="og:title" content="$5">
<meta property="article:published_time" content="$3">
<link rel="canonical" href="$4">
<script>window.dataLayer = [{"page": "article"}]; function track() { return 1 < 2; }</script>
<style>.menu { color: red; }</style>
</head><body>
<div class="cookie-consent"><p>We use cookies to personalise content and ads, to provide
social media features and to analyse our traffic. Accept all cookies?</p></div>
<header><nav class="menu"><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/business">Business</a></li><li><a href="/sport">Sport</a></li></ul></nav></header>
<main><article>
<h1>$5</h1>
<div class="share-bar"><a href="#">Share on Facebook</a> <a href="#">Share on X</a></div>
$6
</article>
<aside class="related-stories"><h2>Related stories</h2><ul>
<li><a href="/a">Shipping rates climb for a third month running</a></li>
<li><a href="/b">Port strike ends after two weeks of talks</a></li>
<li><a href="/c">Ten pictures of the harbour at dawn</a></li></ul></aside>
<section id="comments" class="comments"><h2>Comments</h2>
<div class="comment"><p>Finally! I have been waiting for this bridge for ten years, it is about
time the council did something useful with our money, frankly.</p></div></section>
</main>
<footer><p>&copy; 2024 $2. All rights reserved. <a href="/privacy">Privacy</a></p></footer>
</body></html>
EOF
}

mkdir "$T/pages"
page "$T/pages/gazette.html" "Harbour Gazette" "2024-03-05T09:30:00+01:00" \
    "https://gazette.example/news/bridge" "Council votes to rebuild harbour bridge" \
    "<p>The city council voted on Tuesday to rebuild the old harbour bridge, which has been
closed to traffic since a storm damaged its supports in the spring, officials said.</p>
<p>Work will begin in March and should take two years, according to the mayor, who called the
decision &ldquo;long overdue&rdquo; and thanked residents for their patience.</p>
<p>The project will cost about 40 million euros, most of it paid by the regional government,
with the rest coming from a toll on heavy lorries, the council added.</p>"
page "$T/pages/courier.html" "The Coast Courier" "2024-03-06" \
    "https://courier.example/2024/03/06/bridge" "Harbour bridge to be rebuilt at a cost of 40 million euros" \
    "<p>Councillors have approved the reconstruction of the harbour bridge, shut since spring
storms damaged its supports, in a vote on Tuesday evening.</p>
<p>The regional government will pay most of the 40 million euro bill, and a toll on heavy
lorries will cover the rest, the council said in a statement.</p>
<p>Shop owners near the bridge said the closure had cost them customers for months and welcomed
the decision, though some worried about two more years of building work.</p>"
page "$T/pages/daily.html" "Daily Tide" "2024-03-05T18:00:00Z" \
    "https://daily.example/bridge-vote" "Bridge vote: what happens next" \
    "<p>After Tuesday's vote, engineers will spend the winter drawing up plans for a wider bridge
with a cycle lane and footpaths on both sides, the mayor's office said.</p>
<h2>Timeline</h2>
<p>Construction is due to start in March and to end two years later, when the bridge reopens
to cars, buses and lorries, weighed at a new station on the southern bank.</p>"

# ---- a folder of pages summarizes without markup --------------------------------------------
if "$P" -n 4 "$T/pages" >"$T/sum.txt" 2>"$T/sum.err" && [ -s "$T/sum.txt" ]; then
    if grep -q '[<>]\|&[a-z]*;\|cookies\|Share on\|Related\|Finally!\|Home\|rights reserved\|dataLayer' "$T/sum.txt"; then
        bad "summary of pages holds markup or boilerplate:"; cat "$T/sum.txt"
    else
        ok "a folder of pages summarizes to clean sentences"
    fi
else
    bad "summary of pages failed: $(cat "$T/sum.err")"
fi
# Every page is dated: the summary follows the story's time.
"$P" --explain -n 2 "$T/pages" 2>"$T/explain.err" >/dev/null
if grep -q 'order time' "$T/explain.err" &&
    grep -q 'courier.html: date 2024-03-06 (from the page)' "$T/explain.err" &&
    grep -q 'gazette.html: page "Council votes to rebuild harbour bridge", Harbour Gazette, dated 2024-03-05T09:30:00+01:00, https://gazette.example/news/bridge' "$T/explain.err"; then
    ok "--explain names each page's title, site, date and URL; pages' dates order the summary"
    "$P" --explain -n 1 --date courier.html=2024-03-07 "$T/pages" 2>"$T/explain2.err" >/dev/null
    grep -q 'courier.html: date 2024-03-07 (given)' "$T/explain2.err" ||
        bad "--date does not override a page's date"
else
    bad "--explain without the pages' metadata:"; cat "$T/explain.err"
fi
"$P" -f json -n 3 "$T/pages" >"$T/sum.json" 2>/dev/null
if python3 - "$T/sum.json" tests/schema/summary.schema.json <<'PY'
import json, sys, jsonschema
out = json.load(open(sys.argv[1]))
jsonschema.validate(out, json.load(open(sys.argv[2])))
docs = {d["name"].rsplit("/", 1)[1]: d for d in out["corpus"]["documents"]}
g = docs["courier.html"]
assert g["page"] == {"title": "Harbour bridge to be rebuilt at a cost of 40 million euros",
                     "site": "The Coast Courier", "author": None, "date": "2024-03-06",
                     "url": "https://courier.example/2024/03/06/bridge"}, g["page"]
assert g["date"] == "2024-03-06", g["date"]
assert g["title"] == "Harbour bridge to be rebuilt at a cost of 40 million euros", g["title"]
PY
then ok "--format json carries each page's title, site, author, date and URL"
else bad "--format json lacks the pages' metadata"
fi
"$P" -f html -n 3 "$T/pages" >"$T/report.html" 2>/dev/null
if grep -q 'The Coast Courier &middot; 2024-03-06 &middot; <a href="https://courier.example/2024/03/06/bridge"' "$T/report.html"; then
    ok "the HTML report's source list shows outlet, date and a link"
else
    bad "the HTML report's source list does not name the outlet"
fi

# ---- precis extract keeps only the article --------------------------------------------------
cat >"$T/expected.txt" <<'EOF'
The city council voted on Tuesday to rebuild the old harbour bridge, which has been closed to traffic since a storm damaged its supports in the spring, officials said.

Work will begin in March and should take two years, according to the mayor, who called the decision “long overdue” and thanked residents for their patience.

The project will cost about 40 million euros, most of it paid by the regional government, with the rest coming from a toll on heavy lorries, the council added.
EOF
if "$P" extract "$T/pages/gazette.html" >"$T/extract.txt" 2>"$T/extract.err" &&
    cmp -s "$T/extract.txt" "$T/expected.txt"; then
    ok "extract keeps the article, drops menu, cookie banner, share bar, related list, comments"
else
    bad "extract:"; diff "$T/expected.txt" "$T/extract.txt"; cat "$T/extract.err"
fi
"$P" extract "$T/pages/daily.html" >"$T/daily.txt"
if grep -qx 'Timeline' "$T/daily.txt" && [ "$(grep -c . "$T/daily.txt")" = 3 ]; then
    ok "extract keeps headings as their own paragraphs"
else
    bad "extract of a page with a subheading:"; cat "$T/daily.txt"
fi
"$P" extract -f json "$T/pages/gazette.html" >"$T/extract.json"
if python3 -c '
import json, sys
o = json.load(open(sys.argv[1]))
assert o["input"] == "html" and o["site"] == "Harbour Gazette" and o["date"] == "2024-03-05T09:30:00+01:00"
assert o["title"] == "Council votes to rebuild harbour bridge" and o["url"] == "https://gazette.example/news/bridge"
assert o["text"].startswith("The city council voted") and o["charset"] == "utf-8"
' "$T/extract.json"; then ok "extract -f json gives the metadata"
else bad "extract -f json:"; cat "$T/extract.json"
fi

# ---- Markdown --------------------------------------------------------------------------------
cat >"$T/notes.md" <<'EOF'
# Harbour bridge rebuild

The __city council__ voted on *Tuesday* to rebuild the [harbour bridge](https://example.com/bridge), closed since a storm in the spring.

```sh
curl https://example.com/api | jq '.votes'   # code never becomes a sentence
```

<div class="note">An HTML block never becomes a sentence either.</div>

- Work will begin in March and should take two years, the mayor said on Tuesday.
- The project will cost about **40 million euros**, mostly paid by the region.

> Residents have waited long enough for this bridge, one councillor said after the vote.

![the bridge](bridge.png)
EOF
"$P" -n 5 "$T/notes.md" >"$T/md.txt" 2>"$T/md.err"
"$P" extract "$T/notes.md" >"$T/md-extract.txt" 2>>"$T/md.err"
if [ -s "$T/md.txt" ] && ! grep -q '[][*_`#<>|]\|](\|curl\|HTML block\|https:' "$T/md.txt" "$T/md-extract.txt" &&
    grep -q 'The city council voted on Tuesday to rebuild the harbour bridge, closed' "$T/md-extract.txt"; then
    ok "Markdown: no code, HTML, link targets, images or emphasis markers in the text"
else
    bad "Markdown:"; cat "$T/md.txt" "$T/md-extract.txt" "$T/md.err"
fi

# ---- --input --------------------------------------------------------------------------------
"$P" -n 1 --input text "$T/pages/gazette.html" >"$T/forced.txt" 2>/dev/null
if grep -q '<' "$T/forced.txt" || [ ! -s "$T/forced.txt" ]; then
    ok "--input text reads a page as text (markup and all)"
else
    # The filter may drop every markup line; then the run still must not extract.
    grep -q 'city council voted' "$T/forced.txt" && bad "--input text still extracted the article" \
        || ok "--input text reads a page as text"
fi
"$P" --input pdf "$T/pages" >/dev/null 2>"$T/usage.err"
if [ $? = 2 ] && grep -q "invalid value 'pdf' for --input" "$T/usage.err"; then
    ok "--input with a bad value is a usage error"
else
    bad "--input pdf: $(cat "$T/usage.err")"
fi
printf '<p>One fragment. With <b>tags</b>, <a href="/x">links</a> and <i>more</i>.</p>\n' >"$T/frag.txt"
for i in 1 2 3; do printf '<div><p>Paragraph %s of a fragment, <span>long enough</span> to count.</p></div>\n' $i >>"$T/frag.txt"; done
if "$P" extract "$T/frag.txt" | grep -q '^Paragraph 1 of a fragment, long enough to count.$'; then
    ok "a fragment dense with tags is read as HTML"
else
    bad "a fragment dense with tags was not read as HTML"
fi

# ---- hostile pages ---------------------------------------------------------------------------
# hostile NAME EXPECTED-STATUS MESSAGE-PATTERN: precis extract on $T/NAME, within 60 s
hostile() {
    timeout 60 "$P" extract "$T/$1" >"$T/$1.out" 2>"$T/$1.err"
    st=$?
    if [ "$st" = "$2" ] && { [ -z "$3" ] || grep -q "$3" "$T/$1.err"; }; then
        ok "hostile $1: status $st $(head -c 80 "$T/$1.err")"
    else
        bad "hostile $1: status $st (expected $2): $(head -c 300 "$T/$1.err")"
    fi
}
printf '<html><body><div><p>The bridge <b>will <i>be rebuilt, <span>the council said<div><p>Unclosed' >"$T/unclosed.html"
hostile unclosed.html 0 ""
grep -q 'The bridge will be rebuilt, the council said' "$T/unclosed.html.out" ||
    bad "unclosed tags lost the text: $(cat "$T/unclosed.html.out")"
python3 -c 'import sys; sys.stdout.write("<html><body>" + "<div>" * 100000 + "deep text")' >"$T/deep.html"
hostile deep.html 1 "no article text found"
python3 -c '
import sys
sys.stdout.write("<!doctype html><html><head><title>Big</title></head><body><article>")
p = "<p>The council voted again on the bridge, and this sentence is one of many, many more.</p>\n"
sys.stdout.write(p * (50 * 1024 * 1024 // len(p)))
sys.stdout.write("</article></body></html>")' >"$T/big.html"
hostile big.html 0 ""
[ "$(wc -c <"$T/big.html.out")" -gt 40000000 ] || bad "the 50 MB page lost its text"
printf '<html><head><script>var a = 1;</script></head><body><script>document.write("x")</script><script src=a.js></script></body></html>' >"$T/script.html"
hostile script.html 1 "no article text found"
printf '<html><head><meta charset="iso-8859-1"></head><body><p>Z\303\274rich and Caf\303\251: valid UTF-8 under a Latin-1 label.</p></body></html>' >"$T/mislabeled.html"
hostile mislabeled.html 0 ""
grep -q 'Zürich and Café' "$T/mislabeled.html.out" || bad "mislabeled charset misread: $(cat "$T/mislabeled.html.out")"
printf '<html><head><meta charset="utf-8"></head><body><p>Caf\351 cr\350me, declared UTF-8, is Latin-1.</p></body></html>' >"$T/latin.html"
hostile latin.html 0 ""
grep -q 'Café crème' "$T/latin.html.out" || bad "Latin-1 under a UTF-8 label misread: $(cat "$T/latin.html.out")"
{ printf '<html><body><p>Text first.</p>'; head -c 4096 /dev/urandom; printf '\000\001\002'; } >"$T/binary.html"
hostile binary.html 1 "binary data"
# The summary reports the same errors, with the file's name.
"$P" "$T/binary.html" >/dev/null 2>"$T/sumbin.err"
if [ $? = 1 ] && grep -q "binary.html: binary data" "$T/sumbin.err"; then
    ok "the summary refuses a binary page by name"
else
    bad "summary of a binary page: $(cat "$T/sumbin.err")"
fi

[ $fail = 0 ] && echo "html_input: all passed"
exit $fail
