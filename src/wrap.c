/* Line breaks inside a sentence that its output form joins without a space. Spans keep pointing
 * into the document's bytes, line breaks and all; these functions tell the renderer (filter.c),
 * the word counts and the tokenizer what a break becomes:
 *  - between two characters of CJK text (Han, kana, CJK punctuation; not Hangul), nothing:
 *    Chinese and Japanese put no space between words, and wrap between any two characters;
 *  - after a letter and a hyphen, before a lower-case letter ("hyphen-\nation"): a word
 *    hyphenated at the line's end. It is rejoined without the hyphen ("hyphenation") when the
 *    corpus spells it so elsewhere more often than with the hyphen; else the hyphen stays and
 *    only the break goes ("well-known", and "sup-plied" when neither form is seen: that keeps
 *    every character the author wrote).
 * The corpus is only read when the splitter met such a hyphen (precis_sents.n_hyphen_breaks),
 * so text without one pays nothing. */
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "internal.h"

/* Letters and the marks on them: what a hyphenated word's parts are made of. */
static bool is_word_cp(int32_t c)
{
    if (c < 0x80)
        return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
    utf8proc_category_t cat = utf8proc_category(c);
    return (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) ||
           (cat >= UTF8PROC_CATEGORY_MN && cat <= UTF8PROC_CATEGORY_ME);
}

uint8_t precis_break_kind(const char *s, size_t n, size_t a, size_t b)
{
    if (a == 0 || a > b || b >= n ||
        (memchr(s + a, '\n', b - a) == NULL && memchr(s + a, '\r', b - a) == NULL))
        return 0;
    size_t k;
    size_t pa = precis_prev_start(s, a);
    int32_t before = precis_decode(s, a, pa, &k), after = precis_decode(s, n, b, &k);
    if (precis_is_cjk_text(before) && precis_is_cjk_text(after))
        return PRECIS_BREAK_CJK;
    if (before != '-' || pa == 0)
        return 0;
    bool lower = after < 0x80 ? after >= 'a' && after <= 'z'
                              : utf8proc_category(after) == UTF8PROC_CATEGORY_LL;
    if (!lower)
        return 0;
    int32_t letter = precis_decode(s, pa, precis_prev_start(s, pa), &k);
    return is_word_cp(letter) && letter != '-' ? PRECIS_BREAK_HYPHEN : 0;
}

size_t precis_hyphen_key(const char *s, size_t n, size_t a, size_t b, bool hyphen, char *buf,
                         size_t cap)
{
    size_t k, start = a - 1; // the hyphen
    while (start > 0) {
        size_t p = precis_prev_start(s, start);
        if (!is_word_cp(precis_decode(s, start, p, &k)))
            break;
        start = p;
    }
    size_t len = 0;
    for (size_t i = start; i < a - 1; i += k)
        if (!precis_put_lower(buf, &len, cap, precis_decode(s, a - 1, i, &k)))
            return 0;
    if (hyphen && !precis_put_lower(buf, &len, cap, '-'))
        return 0;
    for (size_t i = b; i < n; i += k) {
        int32_t c = precis_decode(s, n, i, &k);
        if (!is_word_cp(c))
            break;
        if (!precis_put_lower(buf, &len, cap, c))
            return 0;
    }
    return len;
}

bool precis_hyphen_joined(const precis_strset *joins, const char *s, size_t n, size_t a, size_t b)
{
    if (joins == NULL || joins->n == 0)
        return false;
    char key[PRECIS_HYPHEN_KEY_MAX];
    size_t len = precis_hyphen_key(s, n, a, b, false, key, sizeof key);
    return len > 0 && precis_strset_has(joins, key, len);
}

/* ---- the corpus's spellings ------------------------------------------------------------- */

/* The forms asked about ("hyphenation", "hyphen-ation") and how often the corpus has each. */
typedef struct form {
    const char *key;
    uint32_t len, count;
    uint64_t hash;
} form;

typedef struct forms {
    uint32_t *slots; // index + 1, 0 = empty
    size_t cap;
    form *v;
    size_t n, v_cap;
    size_t min_len, max_len;
    uint8_t start[8192]; // bit (b0 << 8 | b1): some form starts with bytes b0 b1
    precis_arena arena;
} forms;

static void forms_destroy(forms *f)
{
    free(f->slots);
    free(f->v);
    precis_arena_destroy(&f->arena);
}

static size_t forms_find(const forms *f, const char *w, size_t len)
{
    if (f->cap == 0)
        return SIZE_MAX;
    uint64_t h = precis_hash(w, len);
    for (size_t j = h & (f->cap - 1); f->slots[j] != 0; j = (j + 1) & (f->cap - 1)) {
        const form *e = &f->v[f->slots[j] - 1];
        if (e->hash == h && e->len == len && memcmp(e->key, w, len) == 0)
            return f->slots[j] - 1;
    }
    return SIZE_MAX;
}

/* Whether some form starts with the bytes 'b0' 'b1' (folded; a 1-byte form: 'b1' is 0). */
static bool forms_may_start(const forms *f, unsigned b0, unsigned b1)
{
    unsigned bit = b0 << 8 | b1;
    return f->start[bit >> 3] >> (bit & 7) & 1;
}

static precis_status forms_add(forms *f, const char *w, size_t len)
{
    if (forms_find(f, w, len) != SIZE_MAX)
        return PRECIS_OK;
    if (f->n >= UINT32_MAX - 1)
        return PRECIS_ERR_TOO_LARGE;
    if ((f->n + 1) * 2 > f->cap) {
        size_t cap = f->cap ? f->cap * 2 : 64;
        uint32_t *slots = precis_calloc(cap, sizeof *slots);
        if (slots == NULL)
            return PRECIS_ERR_NOMEM;
        for (size_t e = 0; e < f->n; e++) {
            size_t j = f->v[e].hash & (cap - 1);
            while (slots[j] != 0)
                j = (j + 1) & (cap - 1);
            slots[j] = (uint32_t)e + 1;
        }
        free(f->slots);
        f->slots = slots;
        f->cap = cap;
    }
    char *copy = precis_arena_strndup(&f->arena, w, len);
    if (copy == NULL || !precis_grow((void **)&f->v, &f->v_cap, f->n + 1, sizeof *f->v))
        return PRECIS_ERR_NOMEM;
    uint64_t h = precis_hash(w, len);
    f->v[f->n] = (form){copy, (uint32_t)len, 0, h};
    unsigned bit = (unsigned char)w[0] << 8 | (len > 1 ? (unsigned char)w[1] : 0);
    f->start[bit >> 3] |= (uint8_t)(1u << (bit & 7));
    size_t j = h & (f->cap - 1);
    while (f->slots[j] != 0)
        j = (j + 1) & (f->cap - 1);
    f->slots[j] = (uint32_t)++f->n;
    f->min_len = f->n == 1 || len < f->min_len ? len : f->min_len;
    f->max_len = len > f->max_len ? len : f->max_len;
    return PRECIS_OK;
}

static void forms_count(forms *f, const char *w, size_t len)
{
    if (len < f->min_len || len > f->max_len)
        return;
    size_t e = forms_find(f, w, len);
    if (e != SIZE_MAX)
        f->v[e].count++;
}

/* Folds the word [a, b) of 's' into 'buf' at '*n'; false when it does not fit. */
static bool fold_word(const char *s, size_t a, size_t b, char *buf, size_t cap, size_t *n)
{
    for (size_t i = a, k; i < b; i += k)
        if (!precis_put_lower(buf, n, cap, precis_decode(s, b, i, &k)))
            return false;
    return true;
}

static unsigned lower_byte(char c)
{
    return (unsigned char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
}

/* Counts, over the text, every word (a run of letters) and every two words joined by one
 * hyphen that 'f' asks about. A word hyphenated at a line's end is neither: the break
 * separates its parts. An ASCII word is only folded and looked up when its length and first
 * two bytes could match a form, so the pass costs little more than reading the text. */
static void count_text(forms *f, const char *s, size_t n)
{
    char buf[PRECIS_HYPHEN_KEY_MAX];
    size_t prev_a = 0, prev_b = 0; // the word before, when a hyphen joins it to this one
    bool prev_ascii = true, paired = false;
    for (size_t i = 0; i < n;) {
        size_t k;
        unsigned char byte = (unsigned char)s[i];
        if (byte < 0x80 && (unsigned)((byte | 0x20) - 'a') >= 26u) { // not a letter: most bytes
            i++;
            continue;
        }
        int32_t c = precis_decode(s, n, i, &k);
        if (!is_word_cp(c)) {
            i += k;
            continue;
        }
        size_t a = i;
        bool ascii = true;
        while (i < n) {
            byte = (unsigned char)s[i];
            if (byte < 0x80) {
                if ((unsigned)((byte | 0x20) - 'a') >= 26u)
                    break;
                i++;
                continue;
            }
            c = precis_decode(s, n, i, &k);
            if (!is_word_cp(c))
                break;
            ascii = false;
            i += k;
        }
        size_t len = 0, wl = i - a;
        unsigned b0 = lower_byte(s[a]), b1 = wl > 1 ? lower_byte(s[a + 1]) : 0;
        if ((!ascii || (wl >= f->min_len && wl <= f->max_len && forms_may_start(f, b0, b1))) &&
            fold_word(s, a, i, buf, sizeof buf, &len))
            forms_count(f, buf, len);
        if (paired) {
            size_t pl = prev_b - prev_a + 1 + wl;
            unsigned p0 = lower_byte(s[prev_a]),
                     p1 = prev_b - prev_a > 1 ? lower_byte(s[prev_a + 1]) : '-';
            len = 0;
            if ((!ascii || !prev_ascii ||
                 (pl >= f->min_len && pl <= f->max_len && forms_may_start(f, p0, p1))) &&
                fold_word(s, prev_a, prev_b, buf, sizeof buf, &len) &&
                precis_put_lower(buf, &len, sizeof buf, '-') &&
                fold_word(s, a, i, buf, sizeof buf, &len))
                forms_count(f, buf, len);
        }
        // "well-known": a hyphen between two words pairs them.
        paired = i + 1 < n && s[i] == '-' && is_word_cp(precis_decode(s, n, i + 1, &k));
        prev_a = a;
        prev_b = i;
        prev_ascii = ascii;
    }
}

/* Asks 'f' about the two forms of every word hyphenated at a line break in the span [0, n)
 * of 's' ("hyphenation", "hyphen-ation"), found as the renderer finds them. */
static precis_status ask_forms(forms *f, const char *s, size_t n)
{
    for (const char *h = memchr(s, '-', n); h != NULL;
         h = memchr(h + 1, '-', n - (size_t)(h + 1 - s))) {
        size_t a = (size_t)(h - s) + 1, b = a, k;
        while (b < n) { // the white space after the hyphen
            int32_t c = precis_decode(s, n, b, &k);
            if (!(c == ' ' || (c >= '\t' && c <= '\r') ||
                  (c >= 0x80 && utf8proc_category(c) >= UTF8PROC_CATEGORY_ZS &&
                   utf8proc_category(c) <= UTF8PROC_CATEGORY_ZP)))
                break;
            b += k;
        }
        if (precis_break_kind(s, n, a, b) != PRECIS_BREAK_HYPHEN)
            continue;
        char key[PRECIS_HYPHEN_KEY_MAX];
        for (int hyphen = 0; hyphen < 2; hyphen++) {
            size_t len = precis_hyphen_key(s, n, a, b, hyphen, key, sizeof key);
            precis_status st = len > 0 ? forms_add(f, key, len) : PRECIS_OK;
            if (st != PRECIS_OK)
                return st;
        }
    }
    return PRECIS_OK;
}

precis_status precis_hyphens_decide(const precis_doc *docs, size_t n_docs, precis_sents *ss,
                                    precis_strset *joins)
{
    if (ss->n_hyphen_breaks == 0)
        return PRECIS_OK;
    forms f = {0};
    precis_arena_init(&f.arena);
    precis_status st = PRECIS_OK;
    for (size_t i = 0; i < ss->n && st == PRECIS_OK; i++) {
        const precis_sent *p = &ss->v[i];
        if (p->line_join & PRECIS_BREAK_HYPHEN)
            st = ask_forms(&f, docs[p->doc].text + p->off, p->len);
    }
    if (st == PRECIS_OK && f.n > 0) {
        for (size_t d = 0; d < n_docs; d++)
            count_text(&f, docs[d].text, docs[d].len);
        // Each joined form beside its hyphenated one: rejoined when the corpus prefers it.
        char key[PRECIS_HYPHEN_KEY_MAX];
        for (size_t e = 0; e < f.n && st == PRECIS_OK; e++) {
            const form *j = &f.v[e];
            if (memchr(j->key, '-', j->len) != NULL || j->count == 0)
                continue;
            // Its hyphenated forms: the word with a hyphen at some place (where it broke).
            uint32_t hyphenated = 0;
            for (size_t cut = 1; cut < j->len && j->len + 1 <= sizeof key; cut++) {
                memcpy(key, j->key, cut);
                key[cut] = '-';
                memcpy(key + cut + 1, j->key + cut, j->len - cut);
                size_t h = forms_find(&f, key, j->len + 1);
                if (h != SIZE_MAX && f.v[h].count > hyphenated)
                    hyphenated = f.v[h].count;
            }
            if (j->count > hyphenated)
                st = precis_strset_add(joins, j->key, j->len);
        }
    }
    forms_destroy(&f);
    if (st != PRECIS_OK || joins->n == 0)
        return st;
    // Rejoined words lose their hyphen: the output's length changes (its words do not).
    for (size_t i = 0; i < ss->n; i++) {
        precis_sent *p = &ss->v[i];
        if (!(p->line_join & PRECIS_BREAK_HYPHEN))
            continue;
        size_t w = precis_sentence_render(docs[p->doc].text + p->off, p->len, joins, NULL, 0);
        if (w == (size_t)-1)
            return PRECIS_ERR_NOMEM;
        p->n_bytes = w > UINT32_MAX ? UINT32_MAX : (uint32_t)w;
    }
    return PRECIS_OK;
}
