#!/usr/bin/env python3
"""readability.py [PRECIS] [options] - how precis's summaries READ (issue 13).

ROUGE does not see a summary sentence that needs a sentence that is not there,
a question, a wire dateline, half a quotation, two sentences glued into one or
the same fact told twice.  This benchmark counts them.  For every cluster of
DUC 2004 and DUC 2006 (../shared/eval, read there, never copied) it runs

    PRECIS -q -f json LENGTH OPTS DOCS...      for LENGTH in -n 3, -w 100, -w 250
    PRECIS split -f json DOCS...               every sentence of every document

and flags each summary sentence (a sentence may carry several flags):

  pointing  opens with a word that points back (PRONOUN / DEMONSTRATIVE /
            CONNECTIVE below, after any opening quotation mark) and its
            antecedent is not there: the sentence just before it in its own
            document is not the summary sentence just before it.  A summary's
            first sentence that opens so is always unresolved.
  question  ends in '?' (closing quotation marks or a bracket may follow), or
            opens with an interview marker: 'Q.', 'Q:', 'A:', 'A.' + space.
  dateline  a wire dateline is left on it: a leading '_', 'CITY _', 'CITY --',
            'CITY, Country (AP) _', 'CITY, Month 5 (Xinhua) --',
            'CITY (Reuters) -'; or '(AP) _'-like agency marks inside it.
  cutquote  unbalanced quotation marks: a different number of `` and '', of
            the curly double quotes, or an odd number of straight '"'.
  glued     two sentences in one: '.', '!' or '?' (closing quotes or brackets
            may follow), a space, then a capitalized word, where the stop is
            outside any open quotation and the word before it is not an
            abbreviation (ABBREV), an initial ('F.'), a word with inner stops
            ('U.S.', 'a.m.') or an ellipsis.  Conservative on purpose: a
            sentence read as glued here is glued to any reader.
  restate   restates an earlier sentence of the same summary: see restates().
            Flagged on the later sentence of the pair; -v prints both.

Output: per data set and length, the summary sentences, each flag's count and
share, and the share of sentences with any flag (issue 13's target: at most 1%
at each length).  -v lists every flagged sentence with its cluster (and, for
restate, the sentence it restates) so a person can check them; --flag NAME
limits that list to one flag.  --markdown prints the table as Markdown.

Standard library only.  A few seconds for both sets (400 precis runs,
--jobs at a time).
"""
import argparse
import concurrent.futures
import json
import math
import os
import re
import subprocess
import sys

FLAGS = ['pointing', 'question', 'dateline', 'cutquote', 'glued', 'restate']
LENGTHS = [('-n 3', ['-n', '3']), ('-w 100', ['-w', '100']), ('-w 250', ['-w', '250'])]
SETS = ['duc2004', 'duc2006']

# ---- 1. words that point back ------------------------------------------------------------
# Matched on the sentence's first word (after opening quotation marks and brackets), case as
# written, a contraction's tail removed ("It's", "They're", "That's").  A first word with a
# hyphen is another word ("Then-President").
PRONOUN = {'He', 'She', 'It', 'They', 'Him', 'Them', 'His', 'Her', 'Hers', 'Its', 'Their',
           'Theirs', 'Himself', 'Herself', 'Itself', 'Themselves'}
DEMONSTRATIVE = {'This', 'These', 'That', 'Those', 'Such', 'Another', 'Others', 'Which',
                 'Whose', 'Whom'}
CONNECTIVE = {'But', 'And', 'Or', 'Nor', 'Yet', 'So', 'Still', 'However', 'Also', 'Then',
              'Meanwhile', 'Moreover', 'Furthermore', 'Nevertheless', 'Nonetheless',
              'Instead', 'Thus', 'Therefore', 'Hence', 'Otherwise', 'Likewise', 'Similarly',
              'Indeed', 'Too', 'Again', 'Additionally', 'Consequently', 'Accordingly',
              'Conversely', 'Anyway', 'Besides', 'Afterward', 'Afterwards', 'Thereafter'}
# Openers of several words (lower-cased, compared with the sentence's first words).
PHRASES = ['in addition', 'as a result', 'for example', 'for instance', 'in fact',
           'on the other hand', 'at the same time', 'by contrast', 'in contrast', 'even so',
           'after that', 'since then', 'by then', 'until then', 'in turn', 'in the meantime',
           'the latter', 'the former', 'despite this', 'despite that', 'because of this',
           'because of that', 'as well', 'not only that', 'in that case', 'at that time',
           'at the time']
# Not pointing back although the first word is on a list above: deictic time ("This year",
# "These days"), "So far", "Such as", "Instead of X, Y", "Besides X, Y", and the expletive
# "It": "It is (not) clear/likely/... that/whether/to", "It was not known ...".
TIME_NOUNS = {'year', 'years', 'week', 'weeks', 'month', 'months', 'morning', 'afternoon',
              'evening', 'weekend', 'season', 'summer', 'winter', 'spring', 'fall', 'autumn',
              'century', 'decade', 'days', 'time', 'past', 'coming'}
EXPLETIVE_IT = re.compile(
    r"^It(?:'s| is| was| will be| would be| has been| had been| remains| remained| seems|"
    r" seemed| appears| appeared| may be| might be| could be| should be| took| takes| has taken| had taken| will take| is also)"
    r"(?: not| also| still| now| already| too| very| more| less| much| highly)*"
    r"(?: [\w-]+){1,3} (?:that|whether|if|how|why|when|what|who|where|to)\b")


def pointing_opener(text):
    """The pointing word or phrase the sentence opens with, or None."""
    t = re.sub(r'^[\s`\'"\u201c\u2018(\[\u2014\u2013-]+', '', text)
    low = t.lower()
    for p in PHRASES:
        if low.startswith(p) and not low[len(p):len(p) + 1].isalnum():
            if p == 'as well' and not low.startswith('as well,'):
                continue
            return p
    m = re.match(r'(\S+)(?:\s+(\S+))?', t)
    if not m:
        return None
    first = m.group(1)
    nxt = (m.group(2) or '').lower().strip(',;:.!?\'"')
    w = re.sub(r'[,;:.!?\'"\u201d\u2019)\]]+$', '', first)
    w = re.sub(r"['\u2019](?:s|re|ll|d|ve)$", '', w)
    if w not in PRONOUN and w not in DEMONSTRATIVE and w not in CONNECTIVE:
        return None
    if w in ('This', 'These', 'That', 'Those') and nxt in TIME_NOUNS:
        return None
    if w == 'So' and nxt in ('far', 'much', 'many', 'called', 'long'):
        return None
    if w == 'Those' and nxt in ('who', 'whose'):
        return None
    if w == 'Such' and nxt == 'as':
        return None
    if w in ('Instead', 'Besides') and not first.endswith(','):
        return None
    if w == 'It' and EXPLETIVE_IT.match(t.replace('\u2019', "'")):
        return None
    return w


# ---- 2. questions and interview markers ----------------------------------------------------
QUESTION_END = re.compile(r'\?[\s\'"`\u201d\u2019)\]]*$')
INTERVIEW = re.compile(r'^[\s`\'"\u201c(]*(?:Q[.:]|A:|A\.\s)')


def is_question(text):
    """A question or an interview marker.  A question quoted at the end of a sentence that
    opens otherwise (Hariri asked: ``Does Israel want peace?'') is reported speech, not a
    question put to the reader."""
    if INTERVIEW.match(text):
        return True
    if not QUESTION_END.search(text):
        return False
    t = text.strip()
    if t[-1] != '?':
        opens = [m.start() for m in re.finditer(r'``|\u201c|"', t)]
        if opens and opens[-1] > 0 and not re.match(r'^[`\'"\u201c\u2018(\s]*$', t[:opens[-1]]):
            return False
    return True


# ---- 3. datelines ------------------------------------------------------------------------------
AGENCY = r'\((?:AP|Reuters|AFP|UPI|Xinhua|XINHUA|Kyodo|DPA|dpa|Bloomberg|CNN|NYT|Itar-Tass|' \
         r'ITAR-TASS|Interfax|IPS|ANSA|EFE|BC-[A-Za-z-]+)\)'
DATELINE = [
    re.compile(r'^\s*_'),                                            # leading "_"
    # CITY, Country (AP) _   /   CITY, Month 5 (Xinhua) --   /   CITY (Reuters) -
    re.compile(r"^\s*[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,4}(?:,\s*[\w.' -]{1,30}?)?\s*"
               + AGENCY + r'\s*(?:_|-|--|\u2014|\u2013)'),
    # CITY _  /  CITY --  /  SAN JUAN, Puerto Rico _ : the city in capitals
    re.compile(r"^\s*[A-Z][A-Z.'-]+(?:\s+[A-Z][A-Z.'-]+){0,3}(?:,\s*[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,3})?"
               r'\s+(?:_|--|\u2014)\s'),
    # an agency mark further in: a dateline glued to the sentence before
    re.compile(AGENCY + r'\s*(?:_|--|-|\u2014|\u2013)\s'),
]


def has_dateline(text):
    return any(r.search(text) for r in DATELINE)


# ---- 4. cut quotations -----------------------------------------------------------------------------
def cut_quote(text):
    """Half a quotation: a double quotation mark left open at the end, or a closing one with
    none open.  `` and the left curly quote open, the right curly quote closes; '' and the
    straight double quote close a quotation when one is open and open one otherwise (wire
    text also writes '' for an opening mark: ''Star Wars'' is whole).  Single quotes are not
    counted (they are apostrophes too)."""
    depth = 0
    for m in re.finditer(r"``|''|\u201c|\u201d|\"", text):
        q = m.group(0)
        if q in ('``', '\u201c'):
            depth += 1
        elif q == '\u201d':
            if depth == 0:
                return True
            depth -= 1
        else:
            depth = depth - 1 if depth else 1
    return depth != 0


# ---- 5. glued sentences ----------------------------------------------------------------------------
# Abbreviations that take a full stop without ending a sentence (compared case as written,
# without the stop).  Single letters, words with inner stops (U.S., a.m., N.Y.) and ellipses
# are never boundaries either.
ABBREV = set('''Mr Mrs Ms Messrs Dr Prof Rev Hon Sen Rep Reps Gov Lt Col Gen Sgt Capt Cmdr Adm
Maj Cpl Pvt Brig Supt Det Insp Fr Sr Jr St Ste Mt Ft Pt Ave Blvd Rd Hwy Inc Corp Co Cos Ltd
Bros Plc Assn Dept Univ No Nos Vol Vols Art Fig Ch p pp vs v ca approx est etc al Jan Feb Mar
Apr Jun Jul Aug Sep Sept Oct Nov Dec Mon Tue Tues Wed Thu Thur Thurs Fri Sat Sun Ala Ariz Ark
Calif Colo Conn Del Fla Ga Ill Ind Kan Kans Ky La Md Mass Mich Minn Miss Mo Mont Neb Nev Okla
Ore Pa Penn Tenn Tex Va Vt Wash Wis Wyo Ida Me Ore Alta Ont Que Yahoo Jeopardy'''.split())
OPEN_Q = ('``', '\u201c')
CLOSE_Q = ("''", '\u201d')


def glued(text):
    """The two sides of the first glued boundary ('...end. | Next'), or None."""
    depth = 0          # `` and curly quotes nest; a straight '"' toggles
    straight = False
    toks = text.split()
    for i, tok in enumerate(toks):
        for q in OPEN_Q:
            depth += tok.count(q)
        for q in CLOSE_Q:
            depth -= tok.count(q)
        depth = max(depth, 0)
        if tok.count('"') % 2:
            straight = not straight
        if i + 1 == len(toks):
            break
        m = re.match(r'^(.*?)([.!?])([\'"\u201d\u2019)\]]*)$', tok)
        if not m or not m.group(1):
            continue
        word = re.sub(r'^[`\'"\u201c\u2018(\[]+', '', m.group(1))
        if depth > 0 or straight:
            continue              # a stop inside a quotation that goes on
        if m.group(2) == '.':
            if (not word or '.' in word or len(word) == 1 or word in ABBREV
                    or re.fullmatch(r'[A-Z]', word) or tok.endswith('..')):
                continue
        elif m.group(2) == '!' and word in ABBREV:
            continue
        nxt = re.sub(r'^[`\'"\u201c\u2018(\[]+', '', toks[i + 1])
        if not nxt or not nxt[0].isupper():
            continue
        return ' '.join(toks[max(0, i - 3):i + 1]) + ' | ' + ' '.join(toks[i + 1:i + 4])
    return None


# ---- 6. restatements -----------------------------------------------------------------------------
# Two sentences of one summary state the same fact when most of the shorter one's content words
# are in the other one, and the shared words are not only the cluster's topic words (every
# sentence of a cluster about Anwar names Anwar, Mahathir and the prime minister):
#   shared = |A & B|,  overlap = shared / min(|A|, |B|),
#   weighted = the same with each word weighted by its inverse sentence frequency in the
#              cluster, log((N + 1) / (n + 0.5)), N sentences of which n hold the word;
#   flagged when shared >= 6, overlap >= 0.5 and weighted >= 0.45 (a restatement at length),
#   or shared >= 4, overlap >= 0.75 and weighted >= 0.6 (a short sentence told inside another).
# Content words: lower-cased, possessive and plural endings stripped ('s, ies->y, es, s), the
# Snowball stopwords (stopwords/en.txt) and reporting verbs removed, numbers without commas.
# Tuned by reading the pairs (-v --flag restate prints both sentences and the shared words):
# shared names and numbers alone were tried and rejected (a year and two names are shared by
# sentences that report different events of one story).
RULES = [(6, 0.5, 0.45), (4, 0.75, 0.6)]       # (shared, overlap, weighted)
EXTRA_STOP = {'said', 'says', 'say', 'told', 'according', 'also', 'would', 'could', 'may',
              'might', 'will', 'one', 'mr', 'mrs', 'ms', 'year', 'years', 'new', 'last',
              'first', 'people', 'percent', 'time', 'like', 'get', 'go', 'make', 'made'}
STOP = set()


def load_stopwords(path):
    if os.path.isfile(path):
        for line in open(path, encoding='utf-8'):
            line = line.split('#', 1)[0].strip()
            if line:
                STOP.add(line.lower())
    STOP.update(EXTRA_STOP)


def stem(w):
    w = re.sub(r"['\u2019]s?$", '', w)
    if len(w) > 4 and w.endswith('ies'):
        return w[:-3] + 'y'
    if len(w) > 4 and re.search(r'(?:sh|ch|x|ss|z)es$', w):
        return w[:-2]
    if len(w) > 3 and w.endswith('s') and not w.endswith(('ss', 'us', 'is')):
        return w[:-1]
    return w


WORD = re.compile(r"[A-Za-z][A-Za-z'\u2019-]*[A-Za-z]|[A-Za-z]|\d[\d,.]*\d|\d")


def content_words(text):
    words = set()
    for t in WORD.findall(text):
        if t[0].isdigit():
            words.add(t.replace(',', ''))
            continue
        low = t.lower()
        s = stem(low)
        if low not in STOP and s not in STOP and re.sub(r"['\u2019]s$", '', low) not in STOP:
            words.add(s)
    return words


def restates(a, b, idf):
    """'overlap 0.62 weighted 0.51: shared words' when b restates a, else None."""
    if not a or not b:
        return None
    shared = a & b
    ov = len(shared) / min(len(a), len(b))
    wsum = lambda ws: sum(idf(w) for w in ws)
    wo = wsum(shared) / min(wsum(a), wsum(b))
    for n, o, w in RULES:
        if len(shared) >= n and ov >= o and wo >= w:
            return 'overlap %.2f weighted %.2f: %s' % (ov, wo, ' '.join(sorted(shared)))
    return None


# ---- running precis ------------------------------------------------------------------------------
def run(cmd):
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if p.returncode != 0:
        raise RuntimeError('%s: exit %d: %s' % (' '.join(cmd[:4]), p.returncode,
                                                 p.stderr.decode('utf-8', 'replace').strip()))
    return p.stdout.decode('utf-8')


def do_cluster(precis, docs, opts):
    """{'split': {(doc name, index): text}, 'sums': {length: [sentence dicts]}}."""
    split = {}
    for line in run([precis, 'split', '-f', 'json', '--threads', '1'] + docs).splitlines():
        if line.strip():
            s = json.loads(line)
            split[(s['document'], s['index'])] = s['text']
    sums = {}
    for label, arg in LENGTHS:
        out = json.loads(run([precis, '-q', '-f', 'json', '--threads', '1'] + arg + opts + docs))
        names = [d['name'] for d in out['corpus']['documents']]
        sums[label] = [dict(text=s['text'], doc=names[s['document']], index=s['index'])
                       for s in out['summary']]
    return dict(split=split, sums=sums, idf=cluster_idf(split))


def cluster_idf(split):
    """Inverse sentence frequency of content words over every sentence of a cluster."""
    df = {}
    for t in split.values():
        for w in content_words(t):
            df[w] = df.get(w, 0) + 1
    n = len(split)
    return lambda w: math.log((n + 1) / (df.get(w, 0) + 0.5))


def flag_summary(summary, idf):
    """[(sentence, {flag: detail})] for one summary."""
    res = []
    feats = [content_words(s['text']) for s in summary]
    for i, s in enumerate(summary):
        t = s['text']
        f = {}
        w = pointing_opener(t)
        if w:
            prev = summary[i - 1] if i > 0 else None
            if not (prev and prev['doc'] == s['doc'] and prev['index'] == s['index'] - 1):
                f['pointing'] = w
        if is_question(t):
            f['question'] = ''
        if has_dateline(t):
            f['dateline'] = ''
        if cut_quote(t):
            f['cutquote'] = ''
        g = glued(t)
        if g:
            f['glued'] = g
        for j in range(i):
            r = restates(feats[j], feats[i], idf)
            if r:
                f['restate'] = '%s\n        restates: %s' % (r, summary[j]['text'])
                break
        res.append((s, f))
    return res


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('precis', nargs='?', default='build/precis', help='the precis binary [build/precis]')
    ap.add_argument('--eval', default=os.path.join(here, '..', '..', 'shared', 'eval'),
                    help='the evaluation data [../shared/eval beside the repository]')
    ap.add_argument('--sets', default=','.join(SETS), help='data sets [duc2004,duc2006]')
    ap.add_argument('--opts', default=os.environ.get('PRECIS_OPTS', ''),
                    help='more precis options for the summaries [$PRECIS_OPTS]')
    ap.add_argument('-v', '--verbose', action='store_true', help='list every flagged sentence')
    ap.add_argument('--flag', choices=FLAGS, help='with -v: only this flag')
    ap.add_argument('--markdown', action='store_true', help='the table as Markdown')
    ap.add_argument('-j', '--jobs', type=int, default=os.cpu_count() or 2)
    a = ap.parse_args()
    if not os.path.isdir(a.eval):
        sys.exit('readability.py: %s not found (the evaluation data are read there, never copied)' % a.eval)
    load_stopwords(os.path.join(here, '..', 'stopwords', 'en.txt'))
    opts = a.opts.split()
    sets = [s for s in a.sets.split(',') if s]
    work = []
    for st in sets:
        root = os.path.join(a.eval, st)
        for c in sorted(os.listdir(root)):
            d = os.path.join(root, c, 'docs')
            if os.path.isdir(d):
                work.append((st, c, [os.path.join(d, f) for f in sorted(os.listdir(d))]))
    with concurrent.futures.ThreadPoolExecutor(max(1, a.jobs)) as ex:
        results = list(ex.map(lambda w: do_cluster(a.precis, w[2], opts), work))

    table = []        # (set, length, n, {flag: count}, any)
    listing = []
    for st in sets:
        for label, _ in LENGTHS:
            n, anyf, cnt = 0, 0, dict.fromkeys(FLAGS, 0)
            for (wst, c, _), r in zip(work, results):
                if wst != st:
                    continue
                for s, f in flag_summary(r['sums'][label], r['idf']):
                    n += 1
                    anyf += bool(f)
                    for k, v in f.items():
                        cnt[k] += 1
                        if a.flag in (None, k):
                            listing.append((st, label, c, k, v, s))
            table.append((st, label, n, cnt, anyf))

    if a.verbose:
        for st, label, c, k, v, s in listing:
            print('%s %s %s [%s]%s' % (st, label, c, k, (' ' + v) if v else ''))
            print('    %s#%d: %s' % (os.path.basename(s['doc']), s['index'], s['text']))
        print()

    pct = lambda k, n: 100.0 * k / n if n else 0.0
    if a.markdown:
        print('| set | length | sentences | ' + ' | '.join(FLAGS) + ' | any flag |')
        print('|---|---|---:|' + '---:|' * (len(FLAGS) + 1))
        for st, label, n, cnt, anyf in table:
            print('| %s | `%s` | %d | %s | **%.1f%%** (%d) |' % (
                st, label, n, ' | '.join('%d (%.1f%%)' % (cnt[k], pct(cnt[k], n)) for k in FLAGS),
                pct(anyf, n), anyf))
    else:
        print('%-8s %-7s %6s ' % ('set', 'length', 'sents') + ' '.join('%14s' % k for k in FLAGS)
              + ' %14s' % 'any')
        for st, label, n, cnt, anyf in table:
            print('%-8s %-7s %6d ' % (st, label, n)
                  + ' '.join('%6d (%5.1f%%)' % (cnt[k], pct(cnt[k], n)) for k in FLAGS)
                  + ' %6d (%5.1f%%)' % (anyf, pct(anyf, n)))
    print('target (issue 13): any flag <= 1.0% of summary sentences at each length')


if __name__ == '__main__':
    main()
