#!/usr/bin/python3
"""peer_textrank.py - the TF-IDF TextRank "a Python user would write": the peer
that precis is compared with in `make bench-quality`.

Per cluster (or per article): split every document into sentences with a
simple regex (nltk's punkt when it happens to be installed), fit
sklearn's TfidfVectorizer(stop_words='english') on the cluster's sentences,
build the cosine-similarity graph (no self-loops), rank the sentences with
networkx.pagerank, and emit the top-ranked sentences in rank order until the
word or byte budget is reached (the sentence that crosses the budget is kept
whole: the scorer's -l/-b truncates, as for shared/tools/baselines.py).
Output: one sentence per line.  Deliberately naive: no redundancy removal,
no position prior, no length filter.

Needs Debian's python3-sklearn and python3-networkx (run with /usr/bin/python3):
    apt-get install -y python3-sklearn python3-networkx

Usage:
  peer_textrank.py (-w N | -b N) FILE...                  # one summary on stdout
  peer_textrank.py --data DATASET (-w N | -b N | --limits TSV) --out DIR
      DATASET/<cluster>/docs/*.txt -> DIR/<cluster>.txt; --limits holds lines
      "<cluster><TAB><words>" and selects the clusters (default: all of DATASET)
  peer_textrank.py --check                                # exit 0 if the imports work
"""
import argparse
import os
import re
import sys


def _imports():
    global np, nx, TfidfVectorizer, cosine_similarity
    import numpy as np
    import networkx as nx
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics.pairwise import cosine_similarity


try:
    import nltk
    nltk.data.find('tokenizers/punkt')
    _punkt = nltk.sent_tokenize
except Exception:  # nltk or its punkt model missing: the usual regex
    _punkt = None


def split_sentences(text):
    out = []
    for para in text.split('\n'):
        para = para.strip()
        if not para:
            continue
        parts = _punkt(para) if _punkt else re.split(r'(?<=[.!?])\s+', para)
        out.extend(p.strip() for p in parts if p.strip())
    return out


def summarize(texts, words=0, nbytes=0):
    sents = [s for t in texts for s in split_sentences(t)]
    if not sents:
        return []
    try:
        tfidf = TfidfVectorizer(stop_words='english').fit_transform(sents)
    except ValueError:  # nothing but stop words
        ranked = list(range(len(sents)))
    else:
        sim = cosine_similarity(tfidf)
        np.fill_diagonal(sim, 0.0)
        graph = nx.from_numpy_array(sim)
        try:
            scores = nx.pagerank(graph)
        except nx.PowerIterationFailedConvergence:
            scores = nx.pagerank(graph, max_iter=1000, tol=1e-4)
        ranked = sorted(range(len(sents)), key=lambda i: -scores[i])
    out, nw, nb = [], 0, 0
    for i in ranked:
        out.append(sents[i])
        nw += len(sents[i].split())
        nb += len(sents[i].encode('utf-8'))
        if (words and nw >= words) or (nbytes and nb >= nbytes):
            break
    return out


def read(path):
    with open(path, encoding='utf-8') as f:
        return f.read()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('-w', '--words', type=int, default=0)
    ap.add_argument('-b', '--bytes', type=int, default=0)
    ap.add_argument('--data')
    ap.add_argument('--limits', help='TSV: cluster<TAB>words (per-cluster word budget)')
    ap.add_argument('--out')
    ap.add_argument('--check', action='store_true')
    ap.add_argument('files', nargs='*')
    opt = ap.parse_args()
    try:
        _imports()
    except ImportError as e:
        sys.stderr.write('peer_textrank.py: %s; install: apt-get install -y python3-sklearn '
                         'python3-networkx (and run with /usr/bin/python3)\n' % e)
        return 2
    if opt.check:
        return 0
    if not opt.data:
        if not opt.files or not (opt.words or opt.bytes):
            ap.error('give -w N or -b N and FILE...')
        sys.stdout.write(''.join(s + '\n' for s in summarize([read(f) for f in opt.files],
                                                             opt.words, opt.bytes)))
        return 0
    if not opt.out or not (opt.words or opt.bytes or opt.limits):
        ap.error('--data needs --out and -w, -b or --limits')
    if opt.limits:
        with open(opt.limits, encoding='utf-8') as f:
            jobs = [(c, int(w)) for c, w in (line.split('\t')[:2] for line in f if line.strip())]
    else:
        jobs = [(c, opt.words) for c in sorted(os.listdir(opt.data))
                if os.path.isdir(os.path.join(opt.data, c, 'docs'))]
    os.makedirs(opt.out, exist_ok=True)
    for cid, words in jobs:
        ddir = os.path.join(opt.data, cid, 'docs')
        texts = [read(os.path.join(ddir, f)) for f in sorted(os.listdir(ddir)) if f.endswith('.txt')]
        sents = summarize(texts, words, 0 if opt.limits else opt.bytes)
        with open(os.path.join(opt.out, cid + '.txt'), 'w', encoding='utf-8') as fo:
            fo.write(''.join(s + '\n' for s in sents))
    print('peer_textrank.py: wrote %d summaries to %s' % (len(jobs), opt.out))
    return 0


if __name__ == '__main__':
    sys.exit(main())
