/* Keywords: the candidate sentences of the corpus -> its TextRank keywords (Mihalcea and Tarau,
 * "TextRank: Bringing Order into Texts", EMNLP 2004, section 3), adjacent keywords merged into
 * phrases, each shown in its most frequent spelling.
 *
 * Without a part-of-speech tagger the paper's noun/adjective filter is approximated: a word is a
 * candidate when the tokenizer keeps it (not a stopword), it holds no digit, it is at least 3
 * bytes long and it is not a verb that says nothing of a topic: written with a lower-case initial,
 * its stem is not one of the language's general verbs (stopwords/LANG.verbs: "say", "use",
 * "make", ...; so neither "using" nor "says" is a keyword) and, in English, it does not end in
 * "-ed" (a past tense or participle). Vertices are stems, so "missile" and "missiles" are one vertex. Two
 * candidates are joined by an (undirected, unweighted) edge when they are neighbours in a
 * sentence once the other words are taken out: a co-occurrence window of 2 over the candidate
 * stream, never across sentences. PageRank with d = 0.85 ranks the vertices. The paper marks the
 * best third of them, which suits one abstract; over a corpus of articles a third is hundreds
 * of words whose runs swallow whole clauses, so the N best are marked for N keywords. Every
 * maximal run of marked words standing next to each other in the text (separated by white space
 * or a hyphen only), cut before a word repeats or after 5 words, is one keyword. A keyword
 * scores the mean of its words' scores, so a long run of middling words does not outrank the
 * words that matter; ties go to the longer, then the more frequent, then the earlier one, and a
 * keyword inside one already listed is left out. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "internal.h"

#define KW_DAMPING 0.85 // as in the paper
#define KW_TOLERANCE 1e-9
#define KW_MAX_ITER 200
#define KW_MIN_BYTES 3
#define KW_MAX_WORDS 5 // a longer run is cut: "river delta river delta ..." is not one keyword

void precis_keywords_destroy(precis_keywords *k)
{
    free(k->v);
    free(k->text);
    memset(k, 0, sizeof *k);
}

/* One word of the text, in corpus order. */
typedef struct kw_token {
    uint32_t sent;
    uint32_t vertex; // UINT32_MAX: not a candidate
    size_t off, len; // in its sentence
} kw_token;

typedef struct kw_scan {
    precis_vocab *words;
    kw_token *tok;
    size_t n, cap;
    uint32_t sent;
    const char *text;
    bool english; // the "-ed" rule below is about English word forms
    const precis_strset *verbs; // the language's general verbs, by stem
} kw_scan;

static bool has_digit(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (s[i] >= '0' && s[i] <= '9')
            return true;
    return false;
}

/* Without a part-of-speech tagger, the verbs that dominate English news text are recognized by
 * their form: a lower-case word ending in "-ed" (a past tense or participle: "stated",
 * "inspected"). Other languages have no such rule. */
static bool looks_like_past_tense(const char *w, size_t len)
{
    return w[0] >= 'a' && w[0] <= 'z' && len > 4 && w[len - 2] == 'e' && w[len - 1] == 'd';
}

/* Written with a lower-case initial: a capitalized word is a name or starts a sentence. */
static bool lower_initial(const char *w, size_t len)
{
    if ((unsigned char)w[0] < 0x80)
        return w[0] >= 'a' && w[0] <= 'z';
    utf8proc_int32_t c;
    return utf8proc_iterate((const utf8proc_uint8_t *)w, (utf8proc_ssize_t)len, &c) > 0 &&
           utf8proc_category(c) == UTF8PROC_CATEGORY_LL;
}

/* One of the language's general verbs (stopwords/LANG.verbs, matched by stem): "using",
 * "says", "told". */
static bool general_verb(const kw_scan *k, const char *w, size_t len, const char *stem,
                         size_t stem_len)
{
    return k->verbs != NULL && k->verbs->n > 0 && lower_initial(w, len) &&
           precis_strset_has(k->verbs, stem, stem_len);
}

static bool take_word(void *ctx, size_t off, size_t len, const char *stem, size_t stem_len)
{
    kw_scan *k = ctx;
    uint32_t v = UINT32_MAX;
    if (stem != NULL && len >= KW_MIN_BYTES && !has_digit(k->text + off, len) &&
        !(k->english && looks_like_past_tense(k->text + off, len)) &&
        !general_verb(k, k->text + off, len, stem, stem_len) &&
        (v = precis_vocab_id(k->words, stem, stem_len)) == UINT32_MAX)
        return false;
    if (!precis_grow((void **)&k->tok, &k->cap, k->n + 1, sizeof *k->tok))
        return false;
    k->tok[k->n++] = (kw_token){k->sent, v, off, len};
    return true;
}

typedef struct edge {
    uint32_t a, b;
} edge;

static int cmp_edge(const void *x, const void *y)
{
    const edge *p = x, *q = y;
    if (p->a != q->a)
        return p->a < q->a ? -1 : 1;
    return (p->b > q->b) - (p->b < q->b);
}

/* PageRank over the unweighted graph in CSR form ('ptr', 'adj'): 'score' gets n values. */
static precis_status pagerank(size_t n, const size_t *ptr, const uint32_t *adj, double *score)
{
    double *next = precis_malloc((n ? n : 1) * sizeof *next);
    if (next == NULL)
        return PRECIS_ERR_NOMEM;
    for (size_t i = 0; i < n; i++)
        score[i] = 1.0 / (double)n;
    for (size_t it = 0; it < KW_MAX_ITER; it++) {
        double delta = 0;
        for (size_t i = 0; i < n; i++) {
            double sum = 0;
            for (size_t q = ptr[i]; q < ptr[i + 1]; q++) {
                uint32_t j = adj[q];
                sum += score[j] / (double)(ptr[j + 1] - ptr[j]);
            }
            next[i] = (1 - KW_DAMPING) / (double)n + KW_DAMPING * sum;
            delta += fabs(next[i] - score[i]);
        }
        memcpy(score, next, n * sizeof *score);
        if (delta < KW_TOLERANCE)
            break;
    }
    free(next);
    return PRECIS_OK;
}

/* A keyword found in the text: its words (vertices), how often it occurs, its spellings. */
typedef struct phrase {
    size_t first_word; // into the word pool
    uint32_t n_words;
    size_t count;
    size_t first_seen;
    double score;
    uint32_t best_spelling;
    size_t best_count;
} phrase;

static int cmp_phrase(const void *a, const void *b)
{
    const phrase *x = a, *y = b;
    if (x->score != y->score)
        return x->score > y->score ? -1 : 1;
    if (x->n_words != y->n_words)
        return x->n_words > y->n_words ? -1 : 1;
    if (x->count != y->count)
        return x->count > y->count ? -1 : 1;
    return (x->first_seen > y->first_seen) - (x->first_seen < y->first_seen);
}

typedef struct ranked {
    double score;
    uint32_t vertex;
} ranked;

/* Best score first; ties to the word seen first (lower id). */
static int cmp_ranked(const void *a, const void *b)
{
    const ranked *x = a, *y = b;
    if (x->score != y->score)
        return x->score > y->score ? -1 : 1;
    return (x->vertex > y->vertex) - (x->vertex < y->vertex);
}

/* Is the word run 'a' (n_a words) inside the run 'b' (n_b)? */
static bool contained(const uint32_t *a, size_t n_a, const uint32_t *b, size_t n_b)
{
    for (size_t i = 0; i + n_a <= n_b; i++)
        if (memcmp(a, b + i, n_a * sizeof *a) == 0)
            return true;
    return false;
}

/* Does token j's word occur among tokens [i, j)? A run stops before a word repeats. */
static bool repeats(const kw_token *t, size_t i, size_t j)
{
    for (size_t q = i; q < j; q++)
        if (t[q].vertex == t[j].vertex)
            return true;
    return false;
}

/* Only white space and hyphens between two words: they stand next to each other. */
static bool adjacent(const char *s, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r' && s[i] != '-')
            return false;
    return true;
}

/* The words [from, to) of sentence text 's' with white space runs made one space; 'out' holds
 * at least to - from bytes. */
static size_t spelling(const char *s, size_t from, size_t to, char *out)
{
    size_t n = 0;
    for (size_t i = from; i < to; i++) {
        bool sp = s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r';
        if (sp && n > 0 && out[n - 1] == ' ')
            continue;
        out[n++] = sp ? ' ' : s[i];
    }
    return n;
}

typedef struct kw_state {
    precis_tokenizer *tok;
    precis_strset verbs;
    precis_vocab words, phrases, spellings;
    kw_scan scan;
    edge *edges;
    size_t n_edges, edges_cap;
    size_t *ptr;
    uint32_t *adj;
    double *score;
    ranked *order;
    bool *marked;
    phrase *ph;
    size_t ph_cap;
    uint32_t *pool; // the phrases' words
    size_t pool_n, pool_cap;
    size_t *spelling_count; // per spelling id
    size_t sc_cap;
    char *buf;
    size_t buf_cap;
    uint32_t *run;
    size_t run_cap;
} kw_state;

static void state_destroy(kw_state *k)
{
    precis_tokenizer_free(k->tok);
    precis_strset_destroy(&k->verbs);
    precis_vocab_destroy(&k->words);
    precis_vocab_destroy(&k->phrases);
    precis_vocab_destroy(&k->spellings);
    free(k->scan.tok);
    free(k->edges);
    free(k->ptr);
    free(k->adj);
    free(k->score);
    free(k->order);
    free(k->marked);
    free(k->ph);
    free(k->pool);
    free(k->spelling_count);
    free(k->buf);
    free(k->run);
}

/* Records one occurrence of the run of words k->run[0..n) spanning [from, to) of 's'. */
static precis_status add_occurrence(kw_state *k, size_t n, const char *s, size_t from, size_t to,
                                    size_t seen)
{
    uint32_t id = precis_vocab_id(&k->phrases, (const char *)k->run, n * sizeof *k->run);
    if (id == UINT32_MAX)
        return PRECIS_ERR_NOMEM;
    if (id >= k->ph_cap || k->ph == NULL) {
        size_t old = k->ph_cap;
        if (!precis_grow((void **)&k->ph, &k->ph_cap, (size_t)id + 1, sizeof *k->ph))
            return PRECIS_ERR_NOMEM;
        memset(k->ph + old, 0, (k->ph_cap - old) * sizeof *k->ph);
    }
    phrase *p = &k->ph[id];
    if (p->count == 0) {
        if (!precis_grow((void **)&k->pool, &k->pool_cap, k->pool_n + n, sizeof *k->pool))
            return PRECIS_ERR_NOMEM;
        memcpy(k->pool + k->pool_n, k->run, n * sizeof *k->run);
        p->first_word = k->pool_n;
        p->n_words = (uint32_t)n;
        p->first_seen = seen;
        k->pool_n += n;
        for (size_t i = 0; i < n; i++)
            p->score += k->score[k->run[i]];
        p->score /= (double)n;
    }
    p->count++;
    // Its spelling, keyed by the phrase id and the text.
    if (!precis_grow((void **)&k->buf, &k->buf_cap, to - from + sizeof id, 1))
        return PRECIS_ERR_NOMEM;
    memcpy(k->buf, &id, sizeof id);
    size_t len = spelling(s, from, to, k->buf + sizeof id);
    uint32_t sp = precis_vocab_id(&k->spellings, k->buf, len + sizeof id);
    if (sp == UINT32_MAX)
        return PRECIS_ERR_NOMEM;
    if (sp >= k->sc_cap || k->spelling_count == NULL) {
        size_t old = k->sc_cap;
        if (!precis_grow((void **)&k->spelling_count, &k->sc_cap, (size_t)sp + 1,
                         sizeof *k->spelling_count))
            return PRECIS_ERR_NOMEM;
        memset(k->spelling_count + old, 0, (k->sc_cap - old) * sizeof *k->spelling_count);
    }
    // The most frequent spelling; of equally frequent ones, the first seen.
    if (++k->spelling_count[sp] > p->best_count) {
        p->best_count = k->spelling_count[sp];
        p->best_spelling = sp;
    }
    return PRECIS_OK;
}

static bool add_verb_stem(void *ctx, size_t off, size_t len, const char *stem, size_t stem_len)
{
    (void)off;
    (void)len;
    return stem == NULL || precis_strset_add(ctx, stem, stem_len) == PRECIS_OK;
}

/* The stems of the general verbs of 'language' (its list lines, '#' comments cut off), stemmed
 * by the keyword tokenizer itself so that they meet the text's stems. */
static precis_status load_verbs(kw_state *k, const char *language)
{
    size_t index;
    precis_lang lang;
    if (!precis_lang_find(language ? language : "en", &index) || !precis_lang_at(index, &lang))
        return PRECIS_ERR_LANGUAGE;
    precis_status st = PRECIS_OK;
    for (size_t i = 0; i < lang.n_verbs && st == PRECIS_OK; i++) {
        const char *line = lang.verbs[i], *hash = strchr(line, '#');
        size_t len = hash ? (size_t)(hash - line) : strlen(line);
        st = precis_tokenize_words(k->tok, line, len, add_verb_stem, &k->verbs);
    }
    return st;
}

/* Builds the co-occurrence graph of the candidate words and ranks it. */
static precis_status rank_words(kw_state *k)
{
    const kw_token *t = k->scan.tok;
    size_t n_tok = k->scan.n, nv = k->words.n;
    // Window 2 over the candidates of each sentence: consecutive candidates are linked.
    size_t prev = SIZE_MAX;
    for (size_t i = 0; i < n_tok; i++) {
        if (t[i].vertex == UINT32_MAX)
            continue;
        if (prev != SIZE_MAX && t[prev].sent == t[i].sent && t[prev].vertex != t[i].vertex) {
            uint32_t a = t[prev].vertex, b = t[i].vertex;
            if (!precis_grow((void **)&k->edges, &k->edges_cap, k->n_edges + 2,
                             sizeof *k->edges))
                return PRECIS_ERR_NOMEM;
            k->edges[k->n_edges++] = (edge){a, b}; // both directions: the graph is undirected
            k->edges[k->n_edges++] = (edge){b, a};
        }
        prev = i;
    }
    if (k->n_edges > 1)
        qsort(k->edges, k->n_edges, sizeof *k->edges, cmp_edge);
    k->ptr = precis_calloc(nv + 1, sizeof *k->ptr);
    k->adj = precis_malloc((k->n_edges ? k->n_edges : 1) * sizeof *k->adj);
    k->score = precis_malloc((nv ? nv : 1) * sizeof *k->score);
    if (k->ptr == NULL || k->adj == NULL || k->score == NULL)
        return PRECIS_ERR_NOMEM;
    size_t m = 0;
    for (size_t e = 0; e < k->n_edges; e++) {
        if (e > 0 && cmp_edge(&k->edges[e], &k->edges[e - 1]) == 0)
            continue; // unweighted: a repeated pair is one edge
        k->adj[m++] = k->edges[e].b;
        k->ptr[k->edges[e].a + 1]++;
    }
    for (size_t v = 0; v < nv; v++)
        k->ptr[v + 1] += k->ptr[v];
    return pagerank(nv, k->ptr, k->adj, k->score);
}

precis_status precis_keywords_extract(const char *const *texts, const size_t *lens, size_t n,
                                      const char *language, const char *stopwords,
                                      size_t stopwords_len, size_t want, precis_keywords *out)
{
    memset(out, 0, sizeof *out);
    if (want == 0 || n == 0)
        return PRECIS_OK;
    kw_state k = {0};
    precis_vocab_init(&k.words);
    precis_vocab_init(&k.phrases);
    precis_vocab_init(&k.spellings);
    k.scan.words = &k.words;
    size_t lang_index;
    k.scan.english = language == NULL || (precis_lang_find(language, &lang_index) &&
                                          lang_index == precis_lang_english());
    precis_strset_init(&k.verbs);
    k.scan.verbs = &k.verbs;
    precis_status st = precis_tokenizer_new(language, stopwords, stopwords_len, &k.tok);
    if (st == PRECIS_OK)
        st = load_verbs(&k, language);
    for (size_t i = 0; i < n && st == PRECIS_OK; i++) {
        if (i > UINT32_MAX - 1) {
            st = PRECIS_ERR_TOO_LARGE;
            break;
        }
        k.scan.sent = (uint32_t)i;
        k.scan.text = texts[i];
        st = precis_tokenize_words(k.tok, texts[i], lens[i], take_word, &k.scan);
    }
    if (st != PRECIS_OK || (st = rank_words(&k)) != PRECIS_OK)
        goto done;
    // Mark the 'want' best words.
    size_t nv = k.words.n, n_mark = want;
    if (n_mark > nv)
        n_mark = nv;
    k.order = precis_malloc((nv ? nv : 1) * sizeof *k.order);
    k.marked = precis_calloc(nv ? nv : 1, sizeof *k.marked);
    st = PRECIS_ERR_NOMEM;
    if (k.order == NULL || k.marked == NULL)
        goto done;
    for (size_t v = 0; v < nv; v++)
        k.order[v] = (ranked){k.score[v], (uint32_t)v};
    qsort(k.order, nv, sizeof *k.order, cmp_ranked);
    for (size_t r = 0; r < n_mark; r++)
        k.marked[k.order[r].vertex] = true;
    // Runs of marked words standing next to each other become keywords.
    const kw_token *t = k.scan.tok;
    size_t n_tok = k.scan.n;
    st = PRECIS_OK;
    for (size_t i = 0; i < n_tok && st == PRECIS_OK;) {
        if (t[i].vertex == UINT32_MAX || !k.marked[t[i].vertex]) {
            i++;
            continue;
        }
        size_t j = i + 1;
        const char *s = texts[t[i].sent];
        while (j < n_tok && j - i < KW_MAX_WORDS && t[j].sent == t[i].sent &&
               t[j].vertex != UINT32_MAX && k.marked[t[j].vertex] &&
               adjacent(s, t[j - 1].off + t[j - 1].len, t[j].off) && !repeats(t, i, j))
            j++;
        if (!precis_grow((void **)&k.run, &k.run_cap, j - i, sizeof *k.run)) {
            st = PRECIS_ERR_NOMEM;
            break;
        }
        for (size_t q = i; q < j; q++)
            k.run[q - i] = t[q].vertex;
        size_t end = t[j - 1].off + t[j - 1].len;
        // A possessive ending is not part of the keyword: "Russia's" reads "Russia" at the end
        // of a keyword (its stem is the same).
        if (end - t[i].off > 2 && s[end - 1] == 's' && s[end - 2] == '\'')
            end -= 2;
        else if (end - t[i].off > 4 && s[end - 1] == 's' &&
                 memcmp(s + end - 4, "\xE2\x80\x99", 3) == 0) // U+2019
            end -= 4;
        st = add_occurrence(&k, j - i, s, t[i].off, end, i);
        i = j;
    }
    if (st != PRECIS_OK)
        goto done;
    // Rank the keywords; copy out the first 'want' that are not inside one already taken.
    size_t n_ph = k.phrases.n;
    if (n_ph == 0) // no candidate word at all (stopwords, numbers): no keyword
        goto done;
    size_t n_out = want < n_ph ? want : n_ph;
    phrase *sorted = precis_malloc((n_ph ? n_ph : 1) * sizeof *sorted);
    size_t *kept = precis_malloc((n_out ? n_out : 1) * sizeof *kept); // sorted[] indexes taken
    out->v = precis_calloc(n_out ? n_out : 1, sizeof *out->v);
    size_t text_bytes = 0;
    for (size_t p = 0; p < n_ph; p++)
        text_bytes += k.spellings.term_len[k.ph[p].best_spelling] + 1;
    out->text = precis_malloc(text_bytes ? text_bytes : 1);
    if (sorted == NULL || kept == NULL || out->v == NULL || out->text == NULL) {
        free(sorted);
        free(kept);
        st = PRECIS_ERR_NOMEM;
        goto done;
    }
    memcpy(sorted, k.ph, n_ph * sizeof *sorted);
    qsort(sorted, n_ph, sizeof *sorted, cmp_phrase);
    size_t at = 0;
    for (size_t p = 0; p < n_ph && out->n < want; p++) {
        const phrase *ph = &sorted[p];
        const uint32_t *w = k.pool + ph->first_word;
        bool inside = false;
        for (size_t q = 0; q < out->n && !inside; q++) {
            const phrase *taken = &sorted[kept[q]];
            inside = contained(w, ph->n_words, k.pool + taken->first_word, taken->n_words);
        }
        if (inside)
            continue;
        kept[out->n] = p;
        const char *sp = k.spellings.terms[ph->best_spelling] + sizeof(uint32_t);
        size_t len = k.spellings.term_len[ph->best_spelling] - sizeof(uint32_t);
        memcpy(out->text + at, sp, len);
        out->text[at + len] = '\0';
        out->v[out->n++] = (precis_keyword){out->text + at, len, ph->score, ph->count};
        at += len + 1;
    }
    free(sorted);
    free(kept);
    st = PRECIS_OK;
done:
    state_destroy(&k);
    if (st != PRECIS_OK)
        precis_keywords_destroy(out);
    return st;
}
