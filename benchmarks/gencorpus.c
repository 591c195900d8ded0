/* gencorpus: a large, deterministic news corpus for the scale benchmark (benchmarks/scale.sh).
 *
 * Usage: build/gencorpus -n SENTENCES [-s SEED] [-p FRACTION] [-e EVALDIR] OUTDIR
 *
 * Made from the real documents under EVALDIR/duc2004/x/docs and EVALDIR/duc2006/x/docs (EVALDIR
 * is ../shared/eval unless -e says otherwise), read at run time and never copied into the
 * repository. It models a whole day of news: many documents, one file per document,
 * OUTDIR/d0000000.txt, d0000001.txt, ... (sorted by name = generation order).
 *
 * Generation: round r = 0, 1, 2, ... goes through all source documents in an order shuffled
 * with (SEED, r). Round 0 copies them verbatim; every later round replaces each replaceable word
 * with probability FRACTION (default 0.2) by a word drawn from the corpus's running text (so
 * frequent words are drawn often: the word distribution stays news-like), with the case shape
 * of the word it replaces (lower, Capitalized, UPPER), so sentence boundaries are unchanged. A
 * replaceable word is a run of ASCII letters not touching a digit, a non-ASCII byte, an
 * apostrophe or a '.' (contractions, abbreviations such as "Mr." or "U.S." and sentence-final
 * words stay as they are).
 *
 * Counting: a sentence ends at '.', '!' or '?' (followed by closing quotes or brackets, if any)
 * before white space and a character that is not a lower-case letter, unless the word before
 * the '.' is a single letter (an initial) or a common abbreviation; the end of a paragraph
 * (a line) also ends one. The corpus has exactly N such sentences: the last document is cut
 * after its sentence that makes N. precis's own splitter counts a few per cent differently
 * (build/bench reports its count).
 *
 * The same N, SEED and FRACTION give the same bytes; a smaller N gives a prefix (the same
 * files, the last one shorter). Files are written to OUTDIR.tmp and renamed to OUTDIR at the
 * end, so OUTDIR exists only when complete. Statistics go to stderr. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <glob.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>

typedef struct {
    char *text;
    size_t len;
    size_t *ends; // byte offset just past each sentence end
    size_t n_ends;
} doc;

typedef struct {
    uint32_t doc, off;
    uint16_t len;
} word;

static uint64_t splitmix64(uint64_t *s)
{
    uint64_t z = (*s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

static double uniform01(uint64_t *s) { return (double)(splitmix64(s) >> 11) * 0x1.0p-53; }

/* Prints "gencorpus: WHAT: WHY" (or "gencorpus: WHAT") and exits with status 1. */
static void die(const char *what, const char *why)
{
    if (why != NULL)
        fprintf(stderr, "gencorpus: %s: %s\n", what, why);
    else
        fprintf(stderr, "gencorpus: %s\n", what);
    exit(1);
}

static void bad_value(const char *flag, const char *value, const char *expected)
{
    fprintf(stderr, "gencorpus: invalid value '%s' for %s: expected %s\n", value, flag, expected);
    exit(2);
}

static void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (p == NULL)
        die("out of memory", NULL);
    return p;
}

static void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n ? n : 1);
    if (p == NULL)
        die("out of memory", NULL);
    return p;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        die(path, strerror(errno));
    size_t cap = 1 << 14, n = 0, k;
    char *b = xmalloc(cap);
    while ((k = fread(b + n, 1, cap - n, f)) > 0) {
        n += k;
        if (n == cap)
            b = xrealloc(b, cap *= 2);
    }
    if (ferror(f))
        die(path, "read error");
    fclose(f);
    *len = n;
    return b;
}

static int is_upper(int c) { return c >= 'A' && c <= 'Z'; }
static int is_lower(int c) { return c >= 'a' && c <= 'z'; }
static int is_alpha(int c) { return is_upper(c) || is_lower(c); }
static int is_space(int c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
static int is_closer(int c) { return c == '"' || c == '\'' || c == ')' || c == ']' || c == '`'; }

static const char *const abbrevs[] = {
    "Mr",   "Mrs",  "Ms",  "Dr",   "Gen",  "Sen", "Rep",  "Gov",  "Lt",   "Col",  "Sgt",
    "Capt", "Cmdr", "Adm", "Maj",  "St",   "Jr",  "Sr",   "Inc",  "Co",   "Corp", "Ltd",
    "Bros", "vs",   "No",  "Prof", "Rev",  "Ft",  "Mt",   "Jan",  "Feb",  "Aug",  "Sept",
    "Sep",  "Oct",  "Nov", "Dec",  "Ala",  "Ariz", "Calif", "Colo", "Conn", "Fla",  "Ga",
    "Ill",  "Ind",  "Kan", "Ky",   "La",   "Md",  "Mass", "Mich", "Minn", "Miss", "Mo",
    "Neb",  "Nev",  "Okla", "Ore", "Pa",   "Tenn", "Va",  "Vt",   "Wash", "Wis",  "Wyo",
};

/* Is the word just before text[dot] (a '.') an initial or an abbreviation? */
static int abbrev_before(const char *t, size_t dot)
{
    size_t b = dot;
    while (b > 0 && (is_alpha((unsigned char)t[b - 1]) || t[b - 1] == '.'))
        b--;
    size_t n = dot - b;
    if (n == 0)
        return 0;
    if (memchr(t + b, '.', n) != NULL)
        return 1; // U.S. and the like: counted as no end (precis decides by the next word)
    if (n == 1 && is_upper((unsigned char)t[b]))
        return 1; // an initial
    for (size_t i = 0; i < sizeof abbrevs / sizeof *abbrevs; i++)
        if (strlen(abbrevs[i]) == n && memcmp(abbrevs[i], t + b, n) == 0)
            return 1;
    return 0;
}

/* Finds the sentence ends of one document (see the header comment). */
static void find_ends(doc *d)
{
    const char *t = d->text;
    size_t cap = 64, n = 0, i = 0;
    d->ends = xmalloc(cap * sizeof *d->ends);
    int open = 0; // text since the last end
    while (i < d->len) {
        unsigned char c = (unsigned char)t[i];
        size_t end = 0;
        if (c == '\n') {
            if (open)
                end = i;
            i++;
        } else if (c == '.' || c == '!' || c == '?') {
            size_t j = i + 1;
            while (j < d->len && (t[j] == '.' || t[j] == '!' || t[j] == '?'))
                j++;
            while (j < d->len && is_closer((unsigned char)t[j]))
                j++;
            size_t k = j;
            while (k < d->len && (t[k] == ' ' || t[k] == '\t'))
                k++;
            if (k == d->len || t[k] == '\n' || t[k] == '\r')
                end = j; // the end of a paragraph
            else if (k > j && !is_lower((unsigned char)t[k]) && !(c == '.' && abbrev_before(t, i)))
                end = j;
            if (end == 0)
                open = 1;
            i = j;
        } else {
            if (!is_space(c))
                open = 1;
            i++;
        }
        if (end != 0 && open) {
            if (n == cap)
                d->ends = xrealloc(d->ends, (cap *= 2) * sizeof *d->ends);
            d->ends[n++] = end;
            open = 0;
        }
    }
    if (open) {
        if (n == cap)
            d->ends = xrealloc(d->ends, (cap + 1) * sizeof *d->ends);
        d->ends[n++] = d->len;
    }
    d->n_ends = n;
}

/* A run of ASCII letters at [b, e) that may be replaced, or drawn as a replacement. */
static int replaceable(const char *t, size_t len, size_t b, size_t e)
{
    unsigned char p = b > 0 ? (unsigned char)t[b - 1] : ' ';
    unsigned char q = e < len ? (unsigned char)t[e] : ' ';
    if (p >= 0x80 || q >= 0x80 || (p >= '0' && p <= '9') || (q >= '0' && q <= '9'))
        return 0;
    return p != '.' && q != '.' && p != '\'' && q != '\'' && e - b <= 40;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv)
{
    long long want = -1;
    unsigned long long seed = 1;
    double frac = 0.2;
    const char *eval = "../shared/eval", *out = NULL;
    for (int i = 1; i < argc; i++) {
        char *end;
        if (strcmp(argv[i], "-n") == 0 && i + 1 < argc) {
            want = strtoll(argv[++i], &end, 10);
            if (*end != '\0' || want < 1)
                bad_value("-n", argv[i], "a whole number >= 1");
        } else if (strcmp(argv[i], "-s") == 0 && i + 1 < argc) {
            seed = strtoull(argv[++i], &end, 10);
            if (*end != '\0')
                bad_value("-s", argv[i], "a whole number");
        } else if (strcmp(argv[i], "-p") == 0 && i + 1 < argc) {
            frac = strtod(argv[++i], &end);
            if (*end != '\0' || !(frac >= 0 && frac <= 1))
                bad_value("-p", argv[i], "a fraction from 0 to 1");
        } else if (strcmp(argv[i], "-e") == 0 && i + 1 < argc) {
            eval = argv[++i];
        } else if (argv[i][0] != '-' && out == NULL) {
            out = argv[i];
        } else {
            out = NULL;
            want = -1;
            break;
        }
    }
    if (want < 1 || out == NULL) {
        fprintf(stderr, "usage: gencorpus -n SENTENCES [-s SEED] [-p FRACTION] [-e EVALDIR] "
                        "OUTDIR\n");
        return 2;
    }

    /* The sources, in a fixed (sorted) order. */
    glob_t g;
    memset(&g, 0, sizeof g);
    char pat[4096];
    static const char *const sets[] = {"duc2004", "duc2006"};
    for (size_t s = 0; s < 2; s++) {
        snprintf(pat, sizeof pat, "%s/%s/*/docs/*.txt", eval, sets[s]);
        int rc = glob(pat, s ? GLOB_APPEND : 0, NULL, &g);
        if (rc != 0 && rc != GLOB_NOMATCH)
            die(pat, "cannot list");
    }
    if (g.gl_pathc == 0) {
        struct stat sb;
        die(eval, stat(eval, &sb) != 0
                      ? "absent: the corpus is made from the DUC 2004 and 2006 documents read "
                        "from there at run time (never copied into the repository)"
                      : "holds no duc2004/*/docs/*.txt or duc2006/*/docs/*.txt");
    }
    /* glob() sorts with strcoll(); this program never calls setlocale(), but sort again to be
     * independent of it. */
    qsort(g.gl_pathv, g.gl_pathc, sizeof *g.gl_pathv, cmp_str);
    size_t n_docs = g.gl_pathc;
    doc *docs = xmalloc(n_docs * sizeof *docs);
    size_t n_words = 0, cap_words = 1 << 20, src_sent = 0, src_bytes = 0;
    word *words = xmalloc(cap_words * sizeof *words);
    for (size_t d = 0; d < n_docs; d++) {
        docs[d].text = slurp(g.gl_pathv[d], &docs[d].len);
        if (docs[d].len > UINT32_MAX)
            die(g.gl_pathv[d], "too large");
        find_ends(&docs[d]);
        src_sent += docs[d].n_ends;
        src_bytes += docs[d].len;
        const char *t = docs[d].text;
        for (size_t i = 0; i < docs[d].len;) {
            if (!is_alpha((unsigned char)t[i])) {
                i++;
                continue;
            }
            size_t e = i;
            while (e < docs[d].len && is_alpha((unsigned char)t[e]))
                e++;
            if (replaceable(t, docs[d].len, i, e)) {
                if (n_words == cap_words)
                    words = xrealloc(words, (cap_words *= 2) * sizeof *words);
                words[n_words++] = (word){(uint32_t)d, (uint32_t)i, (uint16_t)(e - i)};
            }
            i = e;
        }
    }
    if (src_sent == 0 || n_words == 0)
        die(eval, "the documents hold no sentences");

    /* Write to OUTDIR.tmp, then rename. */
    struct stat sb;
    if (stat(out, &sb) == 0)
        die(out, "already exists (remove it to generate again)");
    size_t olen = strlen(out);
    char *tmp = xmalloc(olen + 64), *path = xmalloc(olen + 64);
    snprintf(tmp, olen + 64, "%s.tmp", out);
    if (mkdir(tmp, 0777) != 0)
        die(tmp, errno == EEXIST ? "exists: an interrupted run? remove it" : strerror(errno));

    size_t *order = xmalloc(n_docs * sizeof *order);
    char *buf = NULL;
    size_t buf_cap = 0;
    unsigned long long left = (unsigned long long)want, files = 0, bytes = 0, out_words = 0,
                       replaced = 0, candidates = 0, rounds = 0;
    for (uint64_t round = 0; left > 0; round++) {
        rounds++;
        uint64_t st = seed * 0x100000001B3ull ^ (round + 1) * 0xD6E8FEB86659FD93ull;
        for (size_t d = 0; d < n_docs; d++)
            order[d] = d;
        for (size_t d = n_docs; d > 1; d--) { // Fisher-Yates
            size_t j = (size_t)(splitmix64(&st) % d);
            size_t x = order[d - 1];
            order[d - 1] = order[j];
            order[j] = x;
        }
        for (size_t k = 0; k < n_docs && left > 0; k++) {
            const doc *d = &docs[order[k]];
            if (d->n_ends == 0)
                continue;
            size_t take = d->n_ends <= left ? d->n_ends : (size_t)left;
            size_t len = take == d->n_ends ? d->len : d->ends[take - 1];
            left -= take;
            if (buf_cap < 2 * len + 64)
                buf = xrealloc(buf, buf_cap = 2 * len + 64);
            size_t n = 0;
            const char *t = d->text;
            for (size_t i = 0; i < len;) {
                if (!is_alpha((unsigned char)t[i])) {
                    buf[n++] = t[i++];
                    continue;
                }
                size_t e = i;
                while (e < len && is_alpha((unsigned char)t[e]))
                    e++;
                int ok = round > 0 && replaceable(t, d->len, i, e);
                if (ok)
                    candidates++;
                if (ok && uniform01(&st) < frac) {
                    const word *w = &words[splitmix64(&st) % n_words];
                    const char *r = docs[w->doc].text + w->off;
                    int upper = is_upper((unsigned char)t[i]);
                    int all_upper = upper && e - i > 1 && is_upper((unsigned char)t[i + 1]);
                    if (buf_cap < n + w->len + (len - i) + 64)
                        buf = xrealloc(buf, buf_cap = 2 * (n + w->len + len) + 64);
                    for (size_t c = 0; c < w->len; c++) {
                        char ch = r[c];
                        if (all_upper || (upper && c == 0))
                            ch = is_lower((unsigned char)ch) ? (char)(ch - 'a' + 'A') : ch;
                        else if (!upper)
                            ch = is_upper((unsigned char)ch) ? (char)(ch - 'A' + 'a') : ch;
                        buf[n++] = ch;
                    }
                    replaced++;
                } else {
                    memcpy(buf + n, t + i, e - i);
                    n += e - i;
                }
                i = e;
            }
            if (n == 0 || buf[n - 1] != '\n')
                buf[n++] = '\n';
            for (size_t i = 0; i < n; i++) // words: runs of non-space
                out_words += !is_space((unsigned char)buf[i]) &&
                             (i == 0 || is_space((unsigned char)buf[i - 1]));
            snprintf(path, olen + 64, "%s/d%07llu.txt", tmp, files++);
            FILE *f = fopen(path, "wb");
            if (f == NULL || fwrite(buf, 1, n, f) != n || fclose(f) != 0)
                die(path, strerror(errno));
            bytes += n;
        }
    }
    if (rename(tmp, out) != 0)
        die(out, strerror(errno));
    fprintf(stderr,
            "gencorpus: %s: %lld sentences, %llu documents, %llu words, %llu bytes (%llu rounds "
            "over %zu source documents of %zu sentences, %zu bytes; seed %llu; %llu of %llu "
            "replaceable words in rounds >= 1 replaced)\n",
            out, want, files, out_words, bytes, rounds, n_docs, src_sent, src_bytes, seed,
            replaced, candidates);
    for (size_t d = 0; d < n_docs; d++) {
        free(docs[d].text);
        free(docs[d].ends);
    }
    free(docs);
    free(words);
    free(order);
    free(buf);
    free(tmp);
    free(path);
    globfree(&g);
    return 0;
}
