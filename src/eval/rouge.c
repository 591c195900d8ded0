/* ROUGE-1.5.5-compatible scoring: a summary and its references (one sentence per line) ->
 * ROUGE-1..N, ROUGE-L and ROUGE-SU4 recall, precision and F, quirks included. The reference
 * for every rule here is ../shared/tools/rouge.py, which follows ROUGE-1.5.5.pl line by line. */
#include <assert.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <precis_rouge.h>

#include "internal.h"

enum {
    MAX_N = 9,
    SKIP_GAP = 4, // SU4: at most four words between the two words of a skip bigram
};

/* ROUGE-L is quadratic: refuse two huge untruncated texts instead of running for minutes or
 * allocating gigabytes. 2^33 steps take a few seconds; one sentence pair's trace-back bits are
 * capped at 2^30 (128 MB). Summaries are nowhere near either. */
#define LCS_MAX_STEPS ((uint64_t)1 << 33)
#define LCS_MAX_CELLS ((uint64_t)1 << 30)

/* Token ids are below 2^31; n-gram ids have the top bit set, so no n-gram is ever mistaken for
 * a word (SU4 counts both in one multiset). */
#define GRAM_BIT 0x80000000u
#define STOPPED UINT32_MAX

/* ---- growable arrays -------------------------------------------------------------------- */

typedef struct u32vec {
    uint32_t *v;
    size_t n, cap;
} u32vec;

static bool u32_push(u32vec *a, uint32_t x)
{
    if (!precis_grow((void **)&a->v, &a->cap, a->n + 1, sizeof *a->v))
        return false;
    a->v[a->n++] = x;
    return true;
}

typedef struct szvec {
    size_t *v;
    size_t n, cap;
} szvec;

static bool sz_push(szvec *a, size_t x)
{
    if (!precis_grow((void **)&a->v, &a->cap, a->n + 1, sizeof *a->v))
        return false;
    a->v[a->n++] = x;
    return true;
}

typedef struct span {
    const char *s;
    size_t len;
} span;

/* ---- string -> uint32 map ---------------------------------------------------------------- */

typedef struct smap_slot {
    const char *key; // NULL = empty
    size_t len;
    uint32_t val;
} smap_slot;

/* Like precis_strset, but each key carries a value: open addressing with linear probing, at
 * most half full. Keys live in the map's arena and never move. Zeroed memory is an empty map. */
typedef struct smap {
    smap_slot *slots;
    size_t n, cap;
    precis_arena arena;
} smap;

static void smap_destroy(smap *m)
{
    free(m->slots);
    precis_arena_destroy(&m->arena);
    memset(m, 0, sizeof *m);
}

static smap_slot *smap_slot_for(const smap *m, const char *k, size_t len)
{
    size_t mask = m->cap - 1;
    for (size_t i = (size_t)precis_hash(k, len) & mask;; i = (i + 1) & mask) {
        smap_slot *s = &m->slots[i];
        if (!s->key || (s->len == len && memcmp(s->key, k, len) == 0))
            return s;
    }
}

/* The value stored for 'k', or NULL. */
static uint32_t *smap_find(const smap *m, const char *k, size_t len)
{
    if (!m->cap)
        return NULL;
    smap_slot *s = smap_slot_for(m, k, len);
    return s->key ? &s->val : NULL;
}

static bool smap_rehash(smap *m, size_t cap)
{
    smap_slot *old = m->slots;
    size_t old_cap = m->cap;
    m->slots = precis_calloc(cap, sizeof *m->slots);
    if (!m->slots) {
        m->slots = old;
        return false;
    }
    m->cap = cap;
    for (size_t i = 0; i < old_cap; i++)
        if (old[i].key)
            *smap_slot_for(m, old[i].key, old[i].len) = old[i];
    free(old);
    return true;
}

/* Sets 'k' to 'val', adding it if new (a later value replaces an earlier one, as a Python dict
 * built line by line does). The map's copy of the key goes to '*stored' unless it is NULL. */
static precis_status smap_put(smap *m, const char *k, size_t len, uint32_t val,
                              const char **stored)
{
    if ((m->n + 1) * 2 > m->cap) {
        if (m->cap > SIZE_MAX / 2 / sizeof *m->slots)
            return PRECIS_ERR_NOMEM;
        if (!smap_rehash(m, m->cap ? m->cap * 2 : 64))
            return PRECIS_ERR_NOMEM;
    }
    smap_slot *s = smap_slot_for(m, k, len);
    if (!s->key) {
        char *copy = precis_arena_strndup(&m->arena, k, len);
        if (!copy)
            return PRECIS_ERR_NOMEM;
        s->key = copy;
        s->len = len;
        m->n++;
    }
    s->val = val;
    if (stored)
        *stored = s->key;
    return PRECIS_OK;
}

/* ---- (gram id, word id) -> gram id ------------------------------------------------------- */

/* Interning pairs gives every n-gram one id: the id of (w1..wn) is that of ((w1..wn-1), wn).
 * Emptied for every summary, so it never outgrows one scoring call. */
typedef struct pmap {
    uint64_t *keys;
    uint32_t *vals; // 0 = empty (every gram id has GRAM_BIT set)
    size_t n, cap;
    int bits;
} pmap;

static void pmap_destroy(pmap *m)
{
    free(m->keys);
    free(m->vals);
    memset(m, 0, sizeof *m);
}

static size_t pmap_index(const pmap *m, uint64_t key)
{
    return (size_t)((key * 0x9E3779B97F4A7C15u) >> (64 - m->bits));
}

static bool pmap_rehash(pmap *m, int bits)
{
    size_t cap = (size_t)1 << bits;
    uint64_t *keys = precis_malloc(cap * sizeof *keys);
    uint32_t *vals = precis_calloc(cap, sizeof *vals);
    if (!keys || !vals) {
        free(keys);
        free(vals);
        return false;
    }
    uint64_t *old_keys = m->keys;
    uint32_t *old_vals = m->vals;
    size_t old_cap = m->cap;
    m->keys = keys;
    m->vals = vals;
    m->cap = cap;
    m->bits = bits;
    for (size_t i = 0; i < old_cap; i++) {
        if (!old_vals[i])
            continue;
        size_t j = pmap_index(m, old_keys[i]);
        while (m->vals[j])
            j = (j + 1) & (cap - 1);
        m->keys[j] = old_keys[i];
        m->vals[j] = old_vals[i];
    }
    free(old_keys);
    free(old_vals);
    return true;
}

/* The id of the pair (a, b), new ones numbered from GRAM_BIT; false when out of memory or ids. */
static bool pmap_id(pmap *m, uint32_t a, uint32_t b, uint32_t *id)
{
    if ((m->n + 1) * 2 > m->cap) {
        if (m->bits >= 40 || !pmap_rehash(m, m->bits ? m->bits + 1 : 10))
            return false;
    }
    uint64_t key = (uint64_t)a << 32 | b;
    size_t i = pmap_index(m, key);
    while (m->vals[i]) {
        if (m->keys[i] == key) {
            *id = m->vals[i];
            return true;
        }
        i = (i + 1) & (m->cap - 1);
    }
    if (m->n >= GRAM_BIT - 1)
        return false;
    m->keys[i] = key;
    m->vals[i] = GRAM_BIT | (uint32_t)m->n;
    m->n++;
    *id = m->vals[i];
    return true;
}

static void pmap_clear(pmap *m)
{
    if (m->cap)
        memset(m->vals, 0, m->cap * sizeof *m->vals);
    m->n = 0;
}

/* ---- Porter stemmer as in ROUGE-1.5.5 ---------------------------------------------------- */

/* ROUGE's stemmer is Martin Porter's Perl version, built on regular expressions over
 *   c = [^aeiou]   v = [aeiouy]   C = c[^aeiouy]*   V = v[aeiou]*
 * ('y' may start either kind of group; an initial 'y' is written 'Y' during stemming, which is
 * neither). The conditions are anchored patterns over those groups, and a group's length is
 * ambiguous, so they are matched here by a small backtracking matcher over a pattern string:
 *   C V  one group;  c v  an optional group;  1 one [aeiouy];  2 one [^aeiouwxy];  $ the end.
 * Without '$' the pattern need only match a prefix, as with Perl's /^.../. */

static bool in_set(char ch, const char *set)
{
    for (; *set; set++)
        if (*set == ch)
            return true;
    return false;
}

static bool pmatch(const char *w, size_t n, size_t pos, const char *pat);

/* Group 'C' ([^aeiou][^aeiouy]*) or 'V' ([aeiouy][aeiou]*) at 'pos', of any length that lets
 * 'rest' match after it. */
static bool pmatch_group(const char *w, size_t n, size_t pos, bool consonant, const char *rest)
{
    if (pos >= n || (consonant ? in_set(w[pos], "aeiou") : !in_set(w[pos], "aeiouy")))
        return false;
    for (size_t end = pos + 1;; end++) {
        if (pmatch(w, n, end, rest))
            return true;
        if (end >= n || (consonant ? in_set(w[end], "aeiouy") : !in_set(w[end], "aeiou")))
            return false;
    }
}

static bool pmatch(const char *w, size_t n, size_t pos, const char *pat)
{
    switch (*pat) {
    case '\0':
        return true;
    case '$':
        return pos == n;
    case '1':
        return pos < n && in_set(w[pos], "aeiouy") && pmatch(w, n, pos + 1, pat + 1);
    case '2':
        return pos < n && !in_set(w[pos], "aeiouwxy") && pmatch(w, n, pos + 1, pat + 1);
    case 'c':
        return pmatch(w, n, pos, pat + 1) || pmatch_group(w, n, pos, true, pat + 1);
    case 'v':
        return pmatch(w, n, pos, pat + 1) || pmatch_group(w, n, pos, false, pat + 1);
    case 'C':
        return pmatch_group(w, n, pos, true, pat + 1);
    case 'V':
        return pmatch_group(w, n, pos, false, pat + 1);
    default:
        assert(!"bad pattern");
        return false;
    }
}

// Porter's measure m (the number of VC groups) greater than 0, equal to 1, greater than 1.
static bool mgr0(const char *w, size_t n)
{
    return pmatch(w, n, 0, "cVC");
}

static bool meq1(const char *w, size_t n)
{
    return pmatch(w, n, 0, "cVCv$");
}

static bool mgr1(const char *w, size_t n)
{
    return pmatch(w, n, 0, "cVCVC");
}

// Holds a vowel; ends consonant-vowel-consonant (the last not w, x or y).
static bool hasv(const char *w, size_t n)
{
    return pmatch(w, n, 0, "c1");
}

static bool cvc(const char *w, size_t n)
{
    return pmatch(w, n, 0, "C12$");
}

static bool ends(const char *w, size_t n, const char *suffix)
{
    size_t k = strlen(suffix);
    return k <= n && memcmp(w + n - k, suffix, k) == 0;
}

typedef struct suffix_rule {
    const char *from, *to;
} suffix_rule;

/* The longest suffix of 'rules' that 'w' ends with (what a leftmost regex alternation finds),
 * or NULL. */
static const suffix_rule *longest_suffix(const char *w, size_t n, const suffix_rule *rules)
{
    const suffix_rule *best = NULL;
    for (; rules->from; rules++)
        if (ends(w, n, rules->from) && (!best || strlen(rules->from) > strlen(best->from)))
            best = rules;
    return best;
}

static const suffix_rule step2_rules[] = {
    {"ational", "ate"}, {"tional", "tion"}, {"enci", "ence"},  {"anci", "ance"},
    {"izer", "ize"},    {"bli", "ble"},     {"alli", "al"},    {"entli", "ent"},
    {"eli", "e"},       {"ousli", "ous"},   {"ization", "ize"}, {"ation", "ate"},
    {"ator", "ate"},    {"alism", "al"},    {"iveness", "ive"}, {"fulness", "ful"},
    {"ousness", "ous"}, {"aliti", "al"},    {"iviti", "ive"},  {"biliti", "ble"},
    {"logi", "log"},    {NULL, NULL},
};

static const suffix_rule step3_rules[] = {
    {"icate", "ic"}, {"ative", ""}, {"alize", "al"}, {"iciti", "ic"},
    {"ical", "ic"},  {"ful", ""},   {"ness", ""},    {NULL, NULL},
};

static const suffix_rule step4_rules[] = {
    {"al", ""},  {"ance", ""}, {"ence", ""}, {"er", ""},    {"ic", ""},  {"able", ""},
    {"ible", ""}, {"ant", ""}, {"ement", ""}, {"ou", ""},   {"ism", ""}, {"ate", ""},
    {"iti", ""}, {"ous", ""},  {"ive", ""},  {"ize", ""},   {NULL, NULL},
};

/* Replaces a suffix found by longest_suffix() when the rest passes 'cond'. Replacements are
 * never longer than what they replace, so 'w' needs no room. */
static size_t apply_rule(char *w, size_t n, const suffix_rule *rules,
                         bool (*cond)(const char *, size_t))
{
    const suffix_rule *r = longest_suffix(w, n, rules);
    if (!r)
        return n;
    size_t stem = n - strlen(r->from);
    if (!cond(w, stem))
        return n;
    size_t k = strlen(r->to);
    memcpy(w + stem, r->to, k);
    return stem + k;
}

/* Stems the lowercase word 'w' of 'n' bytes in place; returns the new length (never longer). */
static size_t porter_stem(char *w, size_t n)
{
    if (n < 3)
        return n;
    bool initial_y = w[0] == 'y';
    if (initial_y)
        w[0] = 'Y';
    // step 1a
    if (ends(w, n, "sses") || ends(w, n, "ies"))
        n -= 2;
    else if (w[n - 1] == 's' && w[n - 2] != 's')
        n -= 1;
    // step 1b
    if (ends(w, n, "eed")) {
        if (mgr0(w, n - 3))
            n -= 1;
    } else if (ends(w, n, "ed") || ends(w, n, "ing")) {
        size_t stem = n - (w[n - 1] == 'd' ? 2 : 3);
        if (hasv(w, stem)) {
            n = stem;
            if (ends(w, n, "at") || ends(w, n, "bl") || ends(w, n, "iz"))
                w[n++] = 'e';
            else if (n >= 2 && w[n - 1] == w[n - 2] && !in_set(w[n - 1], "aeiouylsz"))
                n -= 1;
            else if (cvc(w, n))
                w[n++] = 'e';
        }
    }
    // step 1c
    if (w[n - 1] == 'y' && hasv(w, n - 1))
        w[n - 1] = 'i';
    n = apply_rule(w, n, step2_rules, mgr0);
    n = apply_rule(w, n, step3_rules, mgr0);
    // step 4; ROUGE's variant then tries -ment, and -ent (else -sion/-tion), once more on
    // what is left, so "agreement" becomes "agreem" where Porter's original keeps it whole
    n = apply_rule(w, n, step4_rules, mgr1);
    if (ends(w, n, "ment") && mgr1(w, n - 4))
        n -= 4;
    if (ends(w, n, "ent")) {
        if (mgr1(w, n - 3))
            n -= 3;
    } else if ((ends(w, n, "sion") || ends(w, n, "tion")) && mgr1(w, n - 3)) {
        n -= 3;
    }
    // step 5
    if (w[n - 1] == 'e' && (mgr1(w, n - 1) || (meq1(w, n - 1) && !cvc(w, n - 1))))
        n -= 1;
    if (ends(w, n, "ll") && mgr1(w, n))
        n -= 1;
    if (initial_y)
        w[0] = 'y';
    return n;
}

/* ---- the scorer -------------------------------------------------------------------------- */

struct precis_rouge {
    precis_rouge_options opt;
    precis_strset stop; // SMART stopwords (only with remove_stopwords)
    smap exc;       // WordNet exceptions (only with stem): inflected form -> index in exc_val
    span *exc_val;
    size_t n_exc, exc_cap;
    smap canon;     // a word as compared (stemmed) -> its id
    span *words;    // id -> the word (keys of 'canon')
    size_t words_cap;
    smap raw;       // a word as read (lowercase) -> its id, or STOPPED: a cache of stop + stem
    pmap pairs;     // n-gram ids of the current call
    char *buf;      // scratch for one word and its stem
    size_t buf_cap;
};

void precis_rouge_options_init_size(precis_rouge_options *opt, size_t size)
{
    if (opt == NULL || size < sizeof opt->size)
        return;
    precis_rouge_options o;
    memset(&o, 0, sizeof o);
    o.max_n = 2;
    o.alpha = 0.5;
    // An older caller's struct is shorter: only its own fields are written.
    memcpy(opt, &o, size < sizeof o ? size : sizeof o);
    if (size > sizeof o)
        memset((char *)opt + sizeof o, 0, size - sizeof o);
    opt->size = size;
}

void precis_rouge_free(precis_rouge *r)
{
    if (!r)
        return;
    precis_strset_destroy(&r->stop);
    smap_destroy(&r->exc);
    free(r->exc_val);
    free(r->words);
    smap_destroy(&r->canon);
    smap_destroy(&r->raw);
    pmap_destroy(&r->pairs);
    free(r->buf);
    free(r);
}

/* Adds one exception line, "inflected<TAB>base". Like rouge.py, a line without a tab maps the
 * whole line to the empty string. */
static precis_status add_exception(precis_rouge *r, const char *line, size_t len)
{
    const char *tab = memchr(line, '\t', len);
    size_t klen = tab ? (size_t)(tab - line) : len;
    const char *v = tab ? tab + 1 : line + len;
    size_t vlen = tab ? len - klen - 1 : 0;
    const char *copy = precis_arena_strndup(&r->exc.arena, v, vlen);
    if (!copy)
        return PRECIS_ERR_NOMEM;
    uint32_t *old = smap_find(&r->exc, line, klen);
    if (old) { // a later line wins
        r->exc_val[*old] = (span){copy, vlen};
        return PRECIS_OK;
    }
    if (r->n_exc >= UINT32_MAX ||
        !precis_grow((void **)&r->exc_val, &r->exc_cap, r->n_exc + 1, sizeof *r->exc_val))
        return PRECIS_ERR_NOMEM;
    r->exc_val[r->n_exc] = (span){copy, vlen};
    precis_status st = smap_put(&r->exc, line, klen, (uint32_t)r->n_exc, NULL);
    if (st == PRECIS_OK)
        r->n_exc++;
    return st;
}

static precis_status load_exceptions(precis_rouge *r, const char *text, size_t len)
{
    precis_status st = PRECIS_OK;
    if (!text) {
        for (size_t i = 0; i < precis_data_rouge_wordnet_exc_tsv_count && st == PRECIS_OK; i++) {
            const char *line = precis_data_rouge_wordnet_exc_tsv[i];
            st = add_exception(r, line, strlen(line));
        }
        return st;
    }
    // Lines end with LF or CRLF; rouge.py would keep the CR, which no word ever matches.
    size_t i = 0;
    while (i < len && st == PRECIS_OK) {
        const char *nl = memchr(text + i, '\n', len - i);
        size_t end = nl ? (size_t)(nl - text) : len;
        size_t line_len = end - i;
        if (line_len && text[i + line_len - 1] == '\r')
            line_len--;
        if (line_len)
            st = add_exception(r, text + i, line_len);
        i = end + 1;
    }
    return st;
}

precis_status precis_rouge_new(const precis_rouge_options *opt, const char *exceptions,
                               size_t exceptions_len, precis_rouge **out)
{
    precis_rouge_options defaults;
    precis_status st = PRECIS_OK;
    if (!out)
        return PRECIS_ERR_INVALID_ARG;
    *out = NULL;
    if (!opt) {
        precis_rouge_options_init(&defaults);
        opt = &defaults;
    } else { // the caller's options as this library's struct: defaults for what it lacks
        if (opt->size < sizeof opt->size || opt->size > 65536)
            return PRECIS_ERR_INVALID_ARG;
        precis_rouge_options_init(&defaults);
        memcpy(&defaults, opt, opt->size < sizeof defaults ? opt->size : sizeof defaults);
        defaults.size = sizeof defaults;
        opt = &defaults;
    }
    if (opt->max_n < 1 || opt->max_n > MAX_N || !(opt->alpha >= 0 && opt->alpha <= 1) ||
        (opt->word_limit && opt->byte_limit) || (!exceptions && exceptions_len))
        return PRECIS_ERR_INVALID_ARG;
    precis_rouge *r = precis_calloc(1, sizeof *r);
    if (!r)
        return PRECIS_ERR_NOMEM;
    r->opt = *opt;
    precis_strset_init(&r->stop);
    if (opt->remove_stopwords) // the list has no comments and no blanks to trim
        st = precis_strset_add_array(&r->stop, precis_data_rouge_smart_txt,
                                     precis_data_rouge_smart_txt_count);
    if (st == PRECIS_OK && opt->stem)
        st = load_exceptions(r, exceptions, exceptions_len);
    if (st != PRECIS_OK) {
        precis_rouge_free(r);
        return st;
    }
    *out = r;
    return PRECIS_OK;
}

size_t precis_rouge_metric_count(const precis_rouge *r)
{
    return r ? (size_t)r->opt.max_n + 2 : 0;
}

const char *precis_rouge_metric_name(const precis_rouge *r, size_t m)
{
    static const char *const ngram_names[MAX_N] = {
        "ROUGE-1", "ROUGE-2", "ROUGE-3", "ROUGE-4", "ROUGE-5",
        "ROUGE-6", "ROUGE-7", "ROUGE-8", "ROUGE-9",
    };
    if (!r || m >= precis_rouge_metric_count(r))
        return NULL;
    if (m < (size_t)r->opt.max_n)
        return ngram_names[m];
    return m == (size_t)r->opt.max_n ? "ROUGE-L" : "ROUGE-SU4";
}

size_t precis_rouge_instance_count(const precis_rouge *r, size_t n_refs)
{
    return r && r->opt.jackknife && n_refs > 1 ? n_refs : 1;
}

/* ---- reading a text ---------------------------------------------------------------------- */

static bool is_word_byte(unsigned char ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9');
}

/* Perl's and Python's \s on bytes. */
static bool is_space(unsigned char ch)
{
    return ch == ' ' || (ch >= '\t' && ch <= '\r');
}

/* The id of the word 'w' (lowercase, 'len' bytes, in r->buf), or STOPPED: SMART stopwords are
 * checked before stemming, and only words longer than 3 bytes are stemmed, the WordNet
 * exception list first. */
static precis_status word_id(precis_rouge *r, size_t len, uint32_t *id)
{
    const char *w = r->buf;
    uint32_t *v = smap_find(&r->raw, w, len);
    if (v) {
        *id = *v;
        return PRECIS_OK;
    }
    uint32_t val = STOPPED;
    if (!precis_strset_has(&r->stop, w, len)) {
        const char *form = w;
        size_t form_len = len;
        if (r->opt.stem && len > 3) {
            uint32_t *e = smap_find(&r->exc, w, len);
            if (e) {
                form = r->exc_val[*e].s;
                form_len = r->exc_val[*e].len;
            } else {
                char *s = r->buf + len + 1;
                memcpy(s, w, len);
                form = s;
                form_len = porter_stem(s, len);
            }
        }
        uint32_t *c = smap_find(&r->canon, form, form_len);
        if (c) {
            val = *c;
        } else {
            if (r->canon.n >= GRAM_BIT - 1)
                return PRECIS_ERR_TOO_LARGE;
            val = (uint32_t)r->canon.n;
            if (!precis_grow((void **)&r->words, &r->words_cap, r->canon.n + 1, sizeof *r->words))
                return PRECIS_ERR_NOMEM;
            const char *stored;
            precis_status st = smap_put(&r->canon, form, form_len, val, &stored);
            if (st != PRECIS_OK)
                return st;
            r->words[val] = (span){stored, form_len};
        }
    }
    *id = val;
    return smap_put(&r->raw, w, len, val, NULL);
}

/* Appends the ids of the words of 's' to 'out'. ROUGE turns every byte other than [A-Za-z0-9]
 * into a space ('-' becomes " - ", a token that is then dropped for not starting with a letter
 * or digit), so words are the runs of ASCII letters and digits, lowercased. */
static precis_status tokenize(precis_rouge *r, const char *s, size_t len, u32vec *out)
{
    size_t i = 0;
    while (i < len) {
        if (!is_word_byte((unsigned char)s[i])) {
            i++;
            continue;
        }
        size_t j = i;
        while (j < len && is_word_byte((unsigned char)s[j]))
            j++;
        size_t n = j - i;
        if (n > (SIZE_MAX - 2) / 2 || !precis_grow((void **)&r->buf, &r->buf_cap, 2 * n + 2, 1))
            return PRECIS_ERR_NOMEM;
        for (size_t k = 0; k < n; k++) {
            char ch = s[i + k];
            r->buf[k] = ch >= 'A' && ch <= 'Z' ? (char)(ch - 'A' + 'a') : ch;
        }
        uint32_t id;
        precis_status st = word_id(r, n, &id);
        if (st != PRECIS_OK)
            return st;
        if (id != STOPPED && !u32_push(out, id))
            return PRECIS_ERR_NOMEM;
        i = j;
    }
    return PRECIS_OK;
}

/* Number of fields of Perl's split(/\s+/, s): a leading empty field counts, trailing ones do
 * not. This is how -l counts words. */
static size_t count_fields(const char *s, size_t len)
{
    size_t runs = 0;
    for (size_t i = 0; i < len; i++)
        if (!is_space((unsigned char)s[i]) && (i == 0 || is_space((unsigned char)s[i - 1])))
            runs++;
    return runs && is_space((unsigned char)s[0]) ? runs + 1 : runs;
}

/* Length of the prefix of 's' holding its first 'k' >= 1 fields (as count_fields() counts). */
static size_t fields_prefix(const char *s, size_t len, size_t k)
{
    if (len && is_space((unsigned char)s[0])) {
        if (k == 1)
            return 0; // just the leading empty field
        k--;
    }
    size_t runs = 0;
    for (size_t i = 0; i < len; i++) {
        if (is_space((unsigned char)s[i]))
            continue;
        if (i == 0 || is_space((unsigned char)s[i - 1]))
            runs++;
        if (runs == k && (i + 1 == len || is_space((unsigned char)s[i + 1])))
            return i + 1;
    }
    return len;
}

typedef struct gram {
    uint32_t id, cnt;
} gram;

/* A multiset of n-grams: sorted distinct ids with their counts, and the total count. */
typedef struct gramset {
    gram *g;
    size_t n, total;
} gramset;

/* One summary as ROUGE sees it. */
typedef struct rtext {
    u32vec tok;     // words of the truncated text: ROUGE-N, SU4 and ROUGE-L's clipping
    u32vec utok;    // words of the sentences ROUGE-L compares, one sentence after the other
    szvec ustart;   // sentence u is utok.v[ustart.v[u] .. ustart.v[u + 1])
    gramset gs[MAX_N + 2]; // ROUGE-1..N at 0..N-1; SU4 at N + 1
} rtext;

static void rtext_destroy(rtext *t)
{
    free(t->tok.v);
    free(t->utok.v);
    free(t->ustart.v);
    for (size_t i = 0; i < MAX_N + 2; i++)
        free(t->gs[i].g);
    memset(t, 0, sizeof *t);
}

/* Splits 'text' into its non-empty lines (LF-separated; a CR stays part of its line). */
static precis_status split_lines(const char *text, size_t len, span **lines, size_t *n)
{
    size_t cap = 0;
    *lines = NULL;
    *n = 0;
    size_t i = 0;
    while (i < len) {
        const char *nl = memchr(text + i, '\n', len - i);
        size_t end = nl ? (size_t)(nl - text) : len;
        if (end > i) {
            if (!precis_grow((void **)lines, &cap, *n + 1, sizeof **lines))
                return PRECIS_ERR_NOMEM;
            (*lines)[(*n)++] = (span){text + i, end - i};
        }
        i = end + 1;
    }
    return PRECIS_OK;
}

/* The words of the truncated text (readText in ROUGE-1.5.5): sentences are joined with spaces
 * until -l words (counted by Perl's split on the raw line) or -b bytes (not counting the joining
 * spaces) are reached; the sentence that reaches the limit is cut. */
static precis_status read_joined(precis_rouge *r, const span *lines, size_t n_lines, rtext *t)
{
    size_t lmax = r->opt.word_limit, bmax = r->opt.byte_limit, used = 0;
    precis_status st = PRECIS_OK;
    for (size_t i = 0; i < n_lines && st == PRECIS_OK; i++) {
        span s = lines[i];
        if (lmax) {
            size_t k = count_fields(s.s, s.len);
            if (used + k < lmax) {
                used += k;
            } else {
                st = tokenize(r, s.s, fields_prefix(s.s, s.len, lmax - used), &t->tok);
                break;
            }
        } else if (bmax) {
            if (used + s.len < bmax) {
                used += s.len;
            } else {
                st = tokenize(r, s.s, bmax - used, &t->tok);
                break;
            }
        }
        st = tokenize(r, s.s, s.len, &t->tok);
    }
    return st;
}

static precis_status add_unit(precis_rouge *r, const char *s, size_t len, rtext *t)
{
    precis_status st = tokenize(r, s, len, &t->utok);
    if (st == PRECIS_OK && !sz_push(&t->ustart, t->utok.n))
        st = PRECIS_ERR_NOMEM;
    return st;
}

/* The sentences for ROUGE-L (readText_LCS). With -l the same cut as read_joined(); with -b
 * ROUGE-1.5.5 never adds up the bytes, so every sentence is kept, up to the first one that is
 * alone longer than the limit, which is cut. */
static precis_status read_units(precis_rouge *r, const span *lines, size_t n_lines, rtext *t)
{
    size_t lmax = r->opt.word_limit, bmax = r->opt.byte_limit, used = 0;
    if (!sz_push(&t->ustart, 0))
        return PRECIS_ERR_NOMEM;
    for (size_t i = 0; i < n_lines; i++) {
        span s = lines[i];
        if (lmax) {
            size_t k = count_fields(s.s, s.len);
            if (used + k >= lmax)
                return add_unit(r, s.s, fields_prefix(s.s, s.len, lmax - used), t);
            used += k;
        } else if (bmax && s.len >= bmax) {
            return add_unit(r, s.s, bmax, t);
        }
        precis_status st = add_unit(r, s.s, s.len, t);
        if (st != PRECIS_OK)
            return st;
    }
    return PRECIS_OK;
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

/* Sorts the 'n' ids in 'ids' (destroyed) into the multiset 'gs'. */
static precis_status make_gramset(uint32_t *ids, size_t n, gramset *gs)
{
    qsort(ids, n, sizeof *ids, cmp_u32);
    size_t distinct = 0;
    for (size_t i = 0; i < n; i++)
        distinct += i == 0 || ids[i] != ids[i - 1];
    gs->g = precis_malloc((distinct ? distinct : 1) * sizeof *gs->g);
    if (!gs->g)
        return PRECIS_ERR_NOMEM;
    gs->n = 0;
    gs->total = n;
    for (size_t i = 0; i < n; i++) {
        if (i == 0 || ids[i] != ids[i - 1])
            gs->g[gs->n++] = (gram){ids[i], 0};
        gs->g[gs->n - 1].cnt++;
    }
    return PRECIS_OK;
}

/* Counts the n-grams (n = 1..max_n) and SU4 grams of 't->tok'. As in ROUGE-1.5.5 the skip
 * bigrams start at every word but the last, and so do the unigrams SU4 adds. */
static precis_status count_grams(precis_rouge *r, rtext *t)
{
    size_t len = t->tok.n, max_n = (size_t)r->opt.max_n;
    const uint32_t *tok = t->tok.v;
    if (len > SIZE_MAX / sizeof(uint32_t) / (SKIP_GAP + 2) - 1)
        return PRECIS_ERR_NOMEM;
    // SU4 has at most SKIP_GAP + 2 grams per word, the most of any metric
    size_t cap = len * (SKIP_GAP + 2) + 1;
    uint32_t *ids = precis_malloc(cap * sizeof *ids), *sorted = precis_malloc(cap * sizeof *sorted);
    precis_status st = PRECIS_OK;
    if (!ids || !sorted) {
        st = PRECIS_ERR_NOMEM;
        goto done;
    }
    if (len)
        memcpy(ids, tok, len * sizeof *ids);
    // ids[i] holds the (n-1)-gram starting at i and becomes the n-gram starting there
    for (size_t n = 1; n <= max_n && st == PRECIS_OK; n++) {
        size_t count = len >= n ? len - n + 1 : 0;
        for (size_t i = 0; n > 1 && i < count; i++)
            if (!pmap_id(&r->pairs, ids[i], tok[i + n - 1], &ids[i])) {
                st = PRECIS_ERR_NOMEM;
                goto done;
            }
        if (count)
            memcpy(sorted, ids, count * sizeof *ids);
        st = make_gramset(sorted, count, &t->gs[n - 1]);
    }
    if (st != PRECIS_OK)
        goto done;
    size_t k = 0;
    for (size_t i = 0; i + 1 < len; i++) {
        ids[k++] = tok[i];
        size_t last = i + SKIP_GAP + 1 < len - 1 ? i + SKIP_GAP + 1 : len - 1;
        for (size_t j = i + 1; j <= last; j++)
            if (!pmap_id(&r->pairs, tok[i], tok[j], &ids[k++])) {
                st = PRECIS_ERR_NOMEM;
                goto done;
            }
    }
    st = make_gramset(ids, k, &t->gs[max_n + 1]);
done:
    free(ids);
    free(sorted);
    return st;
}

static precis_status read_text(precis_rouge *r, const char *text, size_t len, rtext *t)
{
    span *lines;
    size_t n_lines;
    precis_status st = split_lines(text, len, &lines, &n_lines);
    if (st == PRECIS_OK)
        st = read_joined(r, lines, n_lines, t);
    if (st == PRECIS_OK)
        st = read_units(r, lines, n_lines, t);
    if (st == PRECIS_OK)
        st = count_grams(r, t);
    free(lines);
    return st;
}

/* ---- scoring ----------------------------------------------------------------------------- */

/* Clipped matches: the sum over the model's grams of min(model count, peer count). */
static size_t gram_hits(const gramset *model, const gramset *peer)
{
    size_t hits = 0, i = 0, j = 0;
    while (i < model->n && j < peer->n) {
        if (model->g[i].id < peer->g[j].id) {
            i++;
        } else if (model->g[i].id > peer->g[j].id) {
            j++;
        } else {
            uint32_t a = model->g[i].cnt, b = peer->g[j].cnt;
            hits += a < b ? a : b;
            i++;
            j++;
        }
    }
    return hits;
}

/* The count of word 'id' in 'counts' (a copy of a unigram set's counts), or NULL. */
static uint32_t *unigram_count(const gramset *gs, uint32_t *counts, uint32_t id)
{
    size_t lo = 0, hi = gs->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (gs->g[mid].id < id)
            lo = mid + 1;
        else if (gs->g[mid].id > id)
            hi = mid;
        else
            return &counts[mid];
    }
    return NULL;
}

typedef struct lcs_work {
    uint32_t *row;      // two rows of LCS lengths
    size_t row_cap;
    unsigned char *up;  // one bit per cell: the trace-back goes up (else left, or diagonal)
    size_t up_cap;
    unsigned char *mask; // model words on some LCS
    size_t mask_cap;
    uint64_t steps;
} lcs_work;

/* Marks in 'mask' the words of the model sentence 'a' on the LCS of 'a' and the peer sentence
 * 'b', found by ROUGE's trace-back: diagonal on a match, else up when the cell above is at
 * least the one to the left. Which of several LCSs is marked matters for the union. */
static precis_status lcs_mark(lcs_work *w, const uint32_t *a, size_t m, const uint32_t *b,
                              size_t n)
{
    if (m == 0 || n == 0)
        return PRECIS_OK;
    uint64_t cells = (uint64_t)m * n;
    w->steps += cells;
    if (cells > LCS_MAX_CELLS || w->steps > LCS_MAX_STEPS)
        return PRECIS_ERR_TOO_LARGE;
    size_t bytes = (size_t)((cells + 7) / 8);
    if (!precis_grow((void **)&w->up, &w->up_cap, bytes, 1) ||
        !precis_grow((void **)&w->row, &w->row_cap, 2 * (n + 1), sizeof *w->row))
        return PRECIS_ERR_NOMEM;
    memset(w->up, 0, bytes);
    uint32_t *prev = w->row, *cur = w->row + n + 1;
    memset(prev, 0, (n + 1) * sizeof *prev);
    for (size_t i = 1; i <= m; i++) {
        cur[0] = 0;
        size_t bit = (i - 1) * n;
        for (size_t j = 1; j <= n; j++, bit++) {
            if (a[i - 1] == b[j - 1]) {
                cur[j] = prev[j - 1] + 1;
            } else if (prev[j] >= cur[j - 1]) {
                cur[j] = prev[j];
                w->up[bit >> 3] |= (unsigned char)(1u << (bit & 7));
            } else {
                cur[j] = cur[j - 1];
            }
        }
        uint32_t *tmp = prev;
        prev = cur;
        cur = tmp;
    }
    size_t i = m, j = n;
    while (i && j) {
        size_t bit = (i - 1) * n + (j - 1);
        if (a[i - 1] == b[j - 1]) {
            i--;
            j--;
            w->mask[i] = 1;
        } else if (w->up[bit >> 3] & (1u << (bit & 7))) {
            i--;
        } else {
            j--;
        }
    }
    return PRECIS_OK;
}

/* ROUGE-L hits of 'peer' against 'model' and the model's word count (the base): for every
 * model sentence, the union of its LCSs with every peer sentence, each word counted only while
 * unused unigram counts remain on both sides (so ROUGE-L never exceeds ROUGE-1). */
static precis_status lcs_hits(lcs_work *w, const rtext *model, const rtext *peer,
                              size_t *hits, size_t *base)
{
    const gramset *m1 = &model->gs[0], *p1 = &peer->gs[0];
    uint32_t *mc = precis_malloc((m1->n + 1) * sizeof *mc), *pc = precis_malloc((p1->n + 1) * sizeof *pc);
    precis_status st = PRECIS_OK;
    if (!mc || !pc) {
        st = PRECIS_ERR_NOMEM;
        goto done;
    }
    for (size_t i = 0; i < m1->n; i++)
        mc[i] = m1->g[i].cnt;
    for (size_t i = 0; i < p1->n; i++)
        pc[i] = p1->g[i].cnt;
    *hits = 0;
    *base = 0;
    for (size_t u = 0; u + 1 < model->ustart.n; u++) {
        // a unit without tokens may have no token array at all (NULL + 0 is undefined)
        const uint32_t *a = model->utok.v ? model->utok.v + model->ustart.v[u] : NULL;
        size_t m = model->ustart.v[u + 1] - model->ustart.v[u];
        *base += m;
        if (!precis_grow((void **)&w->mask, &w->mask_cap, m + 1, 1)) {
            st = PRECIS_ERR_NOMEM;
            goto done;
        }
        memset(w->mask, 0, m + 1);
        for (size_t v = 0; v + 1 < peer->ustart.n; v++) {
            const uint32_t *b = peer->utok.v ? peer->utok.v + peer->ustart.v[v] : NULL;
            size_t n = peer->ustart.v[v + 1] - peer->ustart.v[v];
            if ((st = lcs_mark(w, a, m, b, n)) != PRECIS_OK)
                goto done;
        }
        for (size_t k = 0; k < m; k++) {
            if (!w->mask[k])
                continue;
            uint32_t *x = unigram_count(m1, mc, a[k]), *y = unigram_count(p1, pc, a[k]);
            if (x && y && *x > 0 && *y > 0) {
                ++*hits;
                --*x;
                --*y;
            }
        }
    }
done:
    free(mc);
    free(pc);
    return st;
}

/* ROUGE-1.5.5 prints scores with "%7.5f" and computes F from the printed R and P. */
static double round5(double x)
{
    char s[64];
    snprintf(s, sizeof s, "%7.5f", x);
    return strtod(s, NULL);
}

static precis_rouge_score finish(size_t hit, size_t model_cnt, size_t peer_cnt, double alpha)
{
    precis_rouge_score sc;
    sc.recall = model_cnt ? round5((double)hit / (double)model_cnt) : 0.0;
    sc.precision = peer_cnt ? round5((double)hit / (double)peer_cnt) : 0.0;
    double den = (1 - alpha) * sc.precision + alpha * sc.recall;
    sc.f = den > 0 ? round5(sc.precision * sc.recall / den) : 0.0;
    return sc;
}

static precis_status check_args(const precis_rouge *r, const char *peer, size_t peer_len,
                                const char *const *refs, const size_t *ref_lens, size_t n_refs,
                                const precis_rouge_score *scores)
{
    if (!r || (!peer && peer_len) || !refs || !ref_lens || n_refs == 0 || !scores)
        return PRECIS_ERR_INVALID_ARG;
    for (size_t k = 0; k < n_refs; k++)
        if (!refs[k] && ref_lens[k])
            return PRECIS_ERR_INVALID_ARG;
    return PRECIS_OK;
}

precis_status precis_rouge_score_instances(precis_rouge *r, const char *peer, size_t peer_len,
                                           const char *const *refs, const size_t *ref_lens,
                                           size_t n_refs, precis_rouge_score *scores)
{
    precis_status st = check_args(r, peer, peer_len, refs, ref_lens, n_refs, scores);
    if (st != PRECIS_OK)
        return st;
    size_t n_metrics = precis_rouge_metric_count(r), max_n = (size_t)r->opt.max_n;
    size_t n_inst = precis_rouge_instance_count(r, n_refs);
    rtext p = {0};
    rtext *m = precis_calloc(n_refs, sizeof *m);
    // hits and model counts per metric and reference, in mode A simply added up per instance
    size_t *hit = precis_calloc(n_metrics * n_refs, sizeof *hit);
    size_t *cnt = precis_calloc(n_metrics * n_refs, sizeof *cnt);
    lcs_work w = {0};
    if (!m || !hit || !cnt) {
        st = PRECIS_ERR_NOMEM;
        goto done;
    }
    pmap_clear(&r->pairs);
    if ((st = read_text(r, peer, peer_len, &p)) != PRECIS_OK)
        goto done;
    for (size_t k = 0; k < n_refs; k++) {
        if ((st = read_text(r, refs[k], ref_lens[k], &m[k])) != PRECIS_OK)
            goto done;
        for (size_t n = 0; n < max_n; n++) {
            hit[n * n_refs + k] = gram_hits(&m[k].gs[n], &p.gs[n]);
            cnt[n * n_refs + k] = m[k].gs[n].total;
        }
        size_t su4 = max_n + 1;
        hit[su4 * n_refs + k] = gram_hits(&m[k].gs[su4], &p.gs[su4]);
        cnt[su4 * n_refs + k] = m[k].gs[su4].total;
        st = lcs_hits(&w, &m[k], &p, &hit[max_n * n_refs + k], &cnt[max_n * n_refs + k]);
        if (st != PRECIS_OK)
            goto done;
    }
    for (size_t i = 0; i < n_inst; i++) {
        for (size_t mi = 0; mi < n_metrics; mi++) {
            size_t h = 0, c = 0, used = 0;
            for (size_t k = 0; k < n_refs; k++) {
                if (n_inst > 1 && k == i)
                    continue; // jackknifing: instance i leaves out reference i
                h += hit[mi * n_refs + k];
                c += cnt[mi * n_refs + k];
                used++;
            }
            // the peer is counted once per reference it is compared with
            size_t peer_cnt = used * (mi == max_n ? p.gs[0].total : p.gs[mi].total);
            scores[i * n_metrics + mi] = finish(h, c, peer_cnt, r->opt.alpha);
        }
    }
done:
    rtext_destroy(&p);
    for (size_t k = 0; m && k < n_refs; k++)
        rtext_destroy(&m[k]);
    free(m);
    free(hit);
    free(cnt);
    free(w.row);
    free(w.up);
    free(w.mask);
    return st;
}

precis_status precis_rouge_score_one(precis_rouge *r, const char *peer, size_t peer_len,
                                     const char *const *refs, const size_t *ref_lens,
                                     size_t n_refs, precis_rouge_score *scores)
{
    precis_status st = check_args(r, peer, peer_len, refs, ref_lens, n_refs, scores);
    if (st != PRECIS_OK)
        return st;
    size_t n_metrics = precis_rouge_metric_count(r);
    size_t n_inst = precis_rouge_instance_count(r, n_refs);
    if (n_inst == 1)
        return precis_rouge_score_instances(r, peer, peer_len, refs, ref_lens, n_refs, scores);
    precis_rouge_score *all = precis_calloc(n_inst * n_metrics, sizeof *all);
    if (!all)
        return PRECIS_ERR_NOMEM;
    st = precis_rouge_score_instances(r, peer, peer_len, refs, ref_lens, n_refs, all);
    for (size_t mi = 0; st == PRECIS_OK && mi < n_metrics; mi++) {
        precis_rouge_score sum = {0, 0, 0};
        for (size_t i = 0; i < n_inst; i++) {
            sum.recall += all[i * n_metrics + mi].recall;
            sum.precision += all[i * n_metrics + mi].precision;
            sum.f += all[i * n_metrics + mi].f;
        }
        scores[mi].recall = sum.recall / (double)n_inst;
        scores[mi].precision = sum.precision / (double)n_inst;
        scores[mi].f = sum.f / (double)n_inst;
    }
    free(all);
    return st;
}

precis_status precis_rouge_tokens(precis_rouge *r, const char *text, size_t text_len, char *buf,
                                  size_t cap, size_t *len)
{
    if (!r || (!text && text_len) || (!buf && cap) || !len)
        return PRECIS_ERR_INVALID_ARG;
    *len = 0;
    if (cap)
        buf[0] = '\0';
    span *lines;
    size_t n_lines;
    rtext t = {0};
    precis_status st = split_lines(text, text_len, &lines, &n_lines);
    if (st == PRECIS_OK)
        st = read_joined(r, lines, n_lines, &t);
    free(lines);
    size_t n = 0;
    for (size_t i = 0; st == PRECIS_OK && i < t.tok.n; i++) {
        span w = r->words[t.tok.v[i]];
        for (size_t k = 0; k < w.len + (i > 0); k++) {
            char ch = i > 0 && k == 0 ? ' ' : w.s[k - (i > 0)];
            if (n + 1 < cap)
                buf[n] = ch;
            n++;
        }
    }
    if (cap)
        buf[n < cap ? n : cap - 1] = '\0';
    rtext_destroy(&t);
    if (st == PRECIS_OK)
        *len = n;
    return st;
}
