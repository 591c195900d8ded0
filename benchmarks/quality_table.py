#!/usr/bin/env python3
"""quality_table.py Q EVAL - the result table of benchmarks/quality.sh.

Reads Q/meta.tsv and the scorer outputs Q/scores/<system>.<set>.txt (either
precis rouge's "ROUGE-2 R:0.09123 P:0.09011 F:0.09066" lines or rouge.py's
"ROUGE-2  0.09123  0.09011  0.09066" table), and the published ROUGE-1.5.5
numbers in EVAL/official-results/.  Prints an aligned plain-text table and
writes Q/table.txt, Q/table.md; appends precis's row to Q/history.tsv.
Standard library only.
"""
import os
import re
import sys

# (set, metric, field, header)
COLS = [('dev', 'ROUGE-1', 'R', 'R-1'), ('dev', 'ROUGE-2', 'R', 'R-2'), ('dev', 'ROUGE-SU4', 'R', 'R-SU4'),
        ('t100', 'ROUGE-1', 'R', 'R-1'), ('t100', 'ROUGE-2', 'R', 'R-2'),
        ('t665', 'ROUGE-1', 'R', 'R-1'), ('t665', 'ROUGE-2', 'R', 'R-2'),
        ('bbc', 'ROUGE-1', 'R', 'R-1'), ('bbc', 'ROUGE-2', 'R', 'R-2'),
        ('bbc', 'ROUGE-1', 'F', 'F-1'), ('bbc', 'ROUGE-2', 'F', 'F-2')]
GROUPS = [('dev', 'DUC06 250w jk'), ('t100', 'DUC04 100w'), ('t665', 'DUC04 665B'), ('bbc', 'BBC ref len')]

# DUC 2004 systems in the order of ../shared/eval/README.md (published R-2, ascending).
DUC04 = ['Lead', 'LexRank', 'Centroid', 'FreqSum', 'TsSum', 'GreedyKL', 'CLASSY04', 'CLASSY11',
         'Submodular', 'DPP', 'OCCAMS_V', 'RegSum', 'ICSISumm']
DUC06 = [('24', 'DUC06 peer 24 (best)'), ('1', 'DUC06 peer 1 (NIST lead)')]

LINE = re.compile(r'^(ROUGE-[A-Z0-9]+)\s+(?:R:)?([0-9.]+)\s+(?:P:)?([0-9.]+)\s+(?:F:)?([0-9.]+)')


def read_scores(path):
    """{metric: {'R': r, 'P': p, 'F': f}} from a scorer's output, {} if none."""
    out = {}
    if not os.path.isfile(path):
        return out
    for line in open(path, encoding='utf-8', errors='replace'):
        m = LINE.match(line.strip())
        if m:
            out[m.group(1)] = dict(zip('RPF', map(float, m.group(2, 3, 4))))
    return out


def read_published(ev):
    """{('duc04', sys) | ('duc06', peer): {(set, metric): recall}} from official-results/."""
    pub = {}
    res = os.path.join(ev, 'official-results')
    pat = re.compile(r'^(\S+) (ROUGE-\S+) Average_R: ([0-9.]+)')
    for fname, kind, st in (('duc2004-sumrepo-rouge155-n4-x-m-l100.res', 'duc04', 't100'),
                            ('duc2006-rougejk.m.out', 'duc06', 'dev')):
        p = os.path.join(res, fname)
        if not os.path.isfile(p):
            continue
        for line in open(p, encoding='utf-8', errors='replace'):
            m = pat.match(line)
            if m:
                pub.setdefault((kind, m.group(1)), {})[(st, m.group(2))] = float(m.group(3))
    return pub


def main():
    q, ev = sys.argv[1], sys.argv[2]
    meta = dict(line.rstrip('\n').split('\t', 1) for line in open(os.path.join(q, 'meta.tsv'), encoding='utf-8')
                if '\t' in line)
    sc = os.path.join(q, 'scores')

    def row_from(name, label):
        cells = []
        for st, metric, field, _ in COLS:
            v = read_scores(os.path.join(sc, '%s.%s.txt' % (name, st))).get(metric, {}).get(field)
            cells.append(v)
        return (label, cells)

    opts = meta.get('opts', '')
    label = 'precis' + (' ' + opts if opts else '')
    sections = []
    main_rows = [row_from('precis', label)]
    if os.path.exists(os.path.join(sc, 'peer.dev.txt')) or os.path.exists(os.path.join(q, 'cache', 'peer')):
        main_rows.append(row_from('peer', 'TextRank peer (sklearn+nx)'))
    main_rows += [row_from('lead', 'Lead (baselines.py)'), row_from('random', 'Random seed 0 (baselines.py)')]
    sections.append(('precis and baselines', main_rows))
    rescored = [row_from('duc06-' + p, lab) for p, lab in DUC06]
    rescored += [row_from('duc04-' + s, 'DUC04 ' + s + (' (NIST)' if s == 'Lead' else '')) for s in DUC04]
    sections.append(('published outputs, re-scored the same way', rescored))
    pub = read_published(ev)
    prow = []
    for key, lab in [(('duc06', p), l) for p, l in DUC06] + [(('duc04', s), 'DUC04 ' + s) for s in DUC04]:
        if key not in pub:
            continue
        prow.append((lab + ', published', [pub[key].get((st, metric)) if field == 'R' else None
                                            for st, metric, field, _ in COLS]))
    if prow:
        sections.append(('published ROUGE-1.5.5 numbers (bootstrap means, official-results/)', prow))

    fmt = lambda v: '-' if v is None else '%.2f' % (100 * v)
    width = max(len(r[0]) for _, rows in sections for r in rows)
    cw = 6
    head = []
    head.append('precis bench-quality  commit %s  %s' % (meta.get('commit', '?'), meta.get('date', '')))
    head.append('scorer: %s; ROUGE recall x100 (F-1/F-2: F1 x100); stemmed (-m)' % meta.get('scorer', '?'))
    head.append('sets: DUC06 = duc2006, 50 clusters, 250 words, jackknifed (query ignored); '
                'DUC04 = duc2004, 50 clusters, at 100 words and at 665 bytes;')
    head.append('      BBC = %s bbc articles (every 11th in sorted order) at the length of their reference '
                '(every summary cut there)' % meta.get('nbbc', '?'))
    if opts:
        head.append('PRECIS_OPTS: %s' % opts)
    if meta.get('nfail', '0') != '0':
        head.append('WARNING: precis failed on %s inputs (scored as empty; see quality/precis/errors.log)'
                    % meta['nfail'])
    if meta.get('nempty', '0') != '0':
        head.append('WARNING: %s precis summaries are empty' % meta['nempty'])
    if meta.get('nover', '0') != '0':
        head.append('WARNING: precis exceeded its length budget on %s inputs (see quality/precis/over-budget.log)'
                    % meta['nover'])
    checks = []
    for st, _ in GROUPS:
        a = read_scores(os.path.join(sc, 'precis.%s.txt' % st))
        b = read_scores(os.path.join(sc, 'check.%s.txt' % st))
        if not os.path.exists(os.path.join(sc, 'check.%s.txt' % st)):
            continue
        common = [(m, f) for m in b for f in 'RPF' if m in a]
        gap = max([abs(a[m][f] - b[m][f]) for m, f in common] or [float('nan')])
        missing = sorted(set(b) - set(a))
        checks.append('%s %s%s' % (st, 'n/a' if gap != gap else '%.5f' % gap,
                                   ' (missing %s)' % ','.join(missing) if missing else ''))
    if checks:
        head.append('scorer check, largest |precis rouge - rouge.py| on precis\'s summaries: ' + '; '.join(checks))
    head.append('time: %s' % meta.get('time', '?'))

    # plain text
    txt = list(head) + ['']
    g = ' ' * width + ' |'
    for st, name in GROUPS:
        n = sum(1 for c in COLS if c[0] == st)
        g += (' ' + name).ljust(n * (cw + 1)) + ' |'
    txt.append(g.rstrip('|').rstrip())
    h = 'system'.ljust(width) + ' |'
    for st, _ in GROUPS:
        h += ''.join(c[3].rjust(cw + 1) for c in COLS if c[0] == st) + ' |'
    txt.append(h.rstrip('|').rstrip())
    for title, rows in sections:
        txt.append('-' * len(h.rstrip('|').rstrip()))
        txt.append('[' + title + ']')
        for lab, cells in rows:
            line = lab.ljust(width) + ' |'
            i = 0
            for st, _ in GROUPS:
                n = sum(1 for c in COLS if c[0] == st)
                line += ''.join(fmt(v).rjust(cw + 1) for v in cells[i:i + n]) + ' |'
                i += n
            txt.append(line.rstrip('|').rstrip())
    text = '\n'.join(txt) + '\n'
    sys.stdout.write(text)
    with open(os.path.join(q, 'table.txt'), 'w', encoding='utf-8') as f:
        f.write(text)

    # markdown
    md = ['# precis bench-quality', ''] + ['    ' + l for l in head] + ['']
    names = {st: name for st, name in GROUPS}
    md.append('| system | ' + ' | '.join('%s %s' % (names[c[0]], c[3]) for c in COLS) + ' |')
    md.append('|---|' + '---:|' * len(COLS))
    for title, rows in sections:
        md.append('| **%s** |' % title + ' |' * len(COLS))
        for lab, cells in rows:
            md.append('| %s | ' % lab + ' | '.join(fmt(v) for v in cells) + ' |')
    with open(os.path.join(q, 'table.md'), 'w', encoding='utf-8') as f:
        f.write('\n'.join(md) + '\n')

    # history: one line per run for precis
    hist = os.path.join(q, 'history.tsv')
    new = not os.path.exists(hist)
    with open(hist, 'a', encoding='utf-8') as f:
        if new:
            f.write('date\tcommit\topts\tscorer\t' + '\t'.join('%s:%s' % (c[0], c[3]) for c in COLS) + '\n')
        f.write('\t'.join([meta.get('date', ''), meta.get('commit', ''), opts, meta.get('scorer', '')] +
                          [fmt(v) for v in main_rows[0][1]]) + '\n')
    print('written: %s, %s, %s' % (os.path.join(q, 'table.txt'), os.path.join(q, 'table.md'), hist))


if __name__ == '__main__':
    main()
