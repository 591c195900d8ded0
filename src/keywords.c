/* Keywords: the candidate sentences of the corpus -> its TextRank keywords (Mihalcea and Tarau,
 * "TextRank: Bringing Order into Texts", EMNLP 2004, section 3), adjacent keywords merged into
 * phrases, each shown in its most frequent spelling, no two of them variants of each other.
 *
 * Without a part-of-speech tagger the paper's noun/adjective filter is approximated: a word is a
 * candidate when the tokenizer keeps it (not a stopword), it holds no digit, it is at least 3
 * bytes long and it is not a verb that says nothing of a topic: written with a lower-case
 * initial, its stem is not one of the language's general verbs (stopwords/LANG.verbs: "say",
 * "use", "make", ...; so neither "using" nor "says" is a keyword) and, in English, it does not
 * end in "-ed" (a past tense or participle). Vertices are stems, so "missile" and "missiles" are
 * one vertex. Two candidates are joined by an (undirected, unweighted) edge when they are
 * neighbours in a sentence once the other words are taken out: a co-occurrence window of 2 over
 * the candidate stream, never across sentences. PageRank with d = 0.85 ranks the vertices. The
 * paper marks the best third of them, which suits one abstract; over a corpus of articles a
 * third is hundreds of words whose runs swallow whole clauses, so the N best are marked for N
 * keywords. Every maximal run of marked words standing next to each other in the text
 * (separated by white space or a hyphen only), cut before a word repeats or after 5 words, is
 * one keyword; every other candidate word is one on its own. A keyword scores the mean of its
 * words' scores, so a long run of middling words does not outrank the words that matter; ties
 * go to the longer, then the more frequent, then the earlier one.
 *
 * Two keywords that share a word are variants: "Pinochet's extradition" and "extradite
 * Pinochet" (the same stems), "Russia's military" and "Russia", "Korea" and "North Korea". So
 * are two names one of which is the other plus a short ending ("Russia", "Russian": Snowball
 * stems the common words of a language, not the words made from names; see find_roots()).
 * Going down the ranking, a keyword that is no variant of one listed is listed, or rather the
 * variant of it the text uses most often (the longer phrase when the text names the thing by
 * it, else the word), and all its variants are left out; the words below the N marked ones fill
 * the list when folding has emptied it. */
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
#define KW_ROOT_MIN 4  // bytes of a name's stem that another name's stem extends ...
#define KW_ROOT_TAIL 3 // ... by at most this many bytes: "russia" -> "russian"

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

/* PageRank over the unweighted graph in CSR form ('ptr', 'adj'): 'score' gets n values. Not
 * rank.c's precis_rank_textrank_threads(): that one weighs edges, sends the mass of nodes without
 * edges along the teleport vector and renormalizes every step, so its scores differ from these
 * (the paper's plain iteration), and the keywords' scores are output (JSON) and decide their
 * order. One implementation would change them; this one stays until an issue accepts that. */
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
    uint32_t *root; // per word: the word it is a variant of (itself, mostly)
    phrase *sorted; // the keywords found, best first
    size_t sorted_cap;
    bool *blocked; // per sorted keyword: a variant of one chosen
    size_t blocked_cap;
    size_t *chosen; // indexes into 'sorted'
    size_t n_chosen, chosen_cap;
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
    free(k->root);
    free(k->sorted);
    free(k->blocked);
    free(k->chosen);
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

/* ---- variants: one keyword for Russia, Russian, Russia's military and Russia's army ---- */

/* Written with a capital initial (upper or title case). */
static bool upper_initial(const char *w, size_t len)
{
    if ((unsigned char)w[0] < 0x80)
        return w[0] >= 'A' && w[0] <= 'Z';
    utf8proc_int32_t c;
    if (utf8proc_iterate((const utf8proc_uint8_t *)w, (utf8proc_ssize_t)len, &c) <= 0)
        return false;
    utf8proc_category_t cat = utf8proc_category(c);
    return cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT;
}

typedef struct name_key {
    const char *s;
    size_t len;
    uint32_t v;
} name_key;

static int cmp_key(const char *a, size_t na, const char *b, size_t nb)
{
    int c = memcmp(a, b, na < nb ? na : nb);
    return c != 0 ? c : (na > nb) - (na < nb);
}

static int cmp_name(const void *x, const void *y)
{
    const name_key *a = x, *b = y;
    return cmp_key(a->s, a->len, b->s, b->len);
}

/* The word of 'names' (sorted, 'n') whose stem is 's', or UINT32_MAX. */
static uint32_t find_name(const name_key *names, size_t n, const char *s, size_t len)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = cmp_key(names[mid].s, names[mid].len, s, len);
        if (c == 0)
            return names[mid].v;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return UINT32_MAX;
}

/* Snowball stems the common words of a language, not names and the words made from them: it
 * leaves "Russia" and "Russian", "Chile" and "Chilean" apart. A word is a name when it is
 * written with a capital more often than not where it does not start its sentence; a name whose
 * stem is another name's stem (at least KW_ROOT_MIN bytes) plus at most KW_ROOT_TAIL bytes is a
 * variant of that one, its root (of several, the shortest). Common words keep their own stem:
 * "part" and "party", "polic" and "polici" are not variants. */
static precis_status find_roots(kw_state *k, const char *const *texts)
{
    size_t nv = k->words.n, n_names = 0;
    k->root = precis_malloc((nv ? nv : 1) * sizeof *k->root);
    int32_t *caps = precis_calloc(nv ? nv : 1, sizeof *caps); // capitalized - lower case
    name_key *names = precis_malloc((nv ? nv : 1) * sizeof *names);
    if (k->root == NULL || caps == NULL || names == NULL) {
        free(caps);
        free(names);
        return PRECIS_ERR_NOMEM;
    }
    const kw_token *t = k->scan.tok;
    for (size_t i = 1; i < k->scan.n; i++) {
        if (t[i].vertex == UINT32_MAX || t[i - 1].sent != t[i].sent)
            continue; // not a candidate, or the first word of its sentence
        const char *w = texts[t[i].sent] + t[i].off;
        if (upper_initial(w, t[i].len))
            caps[t[i].vertex] += caps[t[i].vertex] < INT32_MAX;
        else if (lower_initial(w, t[i].len))
            caps[t[i].vertex] -= caps[t[i].vertex] > INT32_MIN;
    }
    for (uint32_t v = 0; v < nv; v++) {
        k->root[v] = v;
        if (caps[v] > 0)
            names[n_names++] = (name_key){k->words.terms[v], k->words.term_len[v], v};
    }
    if (n_names > 1)
        qsort(names, n_names, sizeof *names, cmp_name);
    for (size_t i = 0; i < n_names; i++) {
        const name_key *b = &names[i];
        for (size_t cut = KW_ROOT_TAIL; cut >= 1; cut--) {
            if (b->len < KW_ROOT_MIN + cut)
                continue;
            uint32_t a = find_name(names, n_names, b->s, b->len - cut);
            if (a != UINT32_MAX) {
                k->root[b->v] = a;
                break;
            }
        }
    }
    for (size_t v = 0; v < nv; v++) { // a root's own root: each step is a shorter stem
        uint32_t r = k->root[v];
        while (k->root[r] != r)
            r = k->root[r];
        k->root[v] = r;
    }
    free(caps);
    free(names);
    return PRECIS_OK;
}

/* Variants: two keywords that share a word, by root. "Russian" and "Russia's" of "Russia",
 * "Pinochet's extradition" of "extradite Pinochet", "Korea" of "North Korea", "Russia's
 * military" of "Russia" and of "military", "North's state" of "North Korea". */
static bool variants(const kw_state *k, const phrase *a, const phrase *b)
{
    const uint32_t *wa = k->pool + a->first_word, *wb = k->pool + b->first_word;
    for (uint32_t i = 0; i < a->n_words; i++)
        for (uint32_t j = 0; j < b->n_words; j++)
            if (k->root[wa[i]] == k->root[wb[j]])
                return true;
    return false;
}

/* Marks the 'n_mark' best words and collects the keywords their runs make, and the other words
 * (k->ph). */
static precis_status find_phrases(kw_state *k, const char *const *texts, size_t n_mark)
{
    precis_vocab_destroy(&k->phrases);
    precis_vocab_destroy(&k->spellings);
    precis_vocab_init(&k->phrases);
    precis_vocab_init(&k->spellings);
    k->pool_n = 0;
    if (k->ph != NULL)
        memset(k->ph, 0, k->ph_cap * sizeof *k->ph);
    if (k->spelling_count != NULL)
        memset(k->spelling_count, 0, k->sc_cap * sizeof *k->spelling_count);
    memset(k->marked, 0, (k->words.n ? k->words.n : 1) * sizeof *k->marked);
    for (size_t r = 0; r < n_mark; r++)
        k->marked[k->order[r].vertex] = true;
    // Runs of marked words standing next to each other become keywords; every other candidate
    // word is one on its own, ranked below them (its score is below every marked word's).
    const kw_token *t = k->scan.tok;
    size_t n_tok = k->scan.n;
    precis_status st = PRECIS_OK;
    for (size_t i = 0; i < n_tok && st == PRECIS_OK;) {
        if (t[i].vertex == UINT32_MAX) {
            i++;
            continue;
        }
        size_t j = i + 1;
        const char *s = texts[t[i].sent];
        while (k->marked[t[i].vertex] && j < n_tok && j - i < KW_MAX_WORDS &&
               t[j].sent == t[i].sent &&
               t[j].vertex != UINT32_MAX && k->marked[t[j].vertex] &&
               adjacent(s, t[j - 1].off + t[j - 1].len, t[j].off) && !repeats(t, i, j))
            j++;
        if (!precis_grow((void **)&k->run, &k->run_cap, j - i, sizeof *k->run))
            return PRECIS_ERR_NOMEM;
        for (size_t q = i; q < j; q++)
            k->run[q - i] = t[q].vertex;
        size_t end = t[j - 1].off + t[j - 1].len;
        // A possessive ending is not part of the keyword: "Russia's" reads "Russia" at the end
        // of a keyword (its stem is the same).
        if (end - t[i].off > 2 && s[end - 1] == 's' && s[end - 2] == '\'')
            end -= 2;
        else if (end - t[i].off > 4 && s[end - 1] == 's' &&
                 memcmp(s + end - 4, "\xE2\x80\x99", 3) == 0) // U+2019
            end -= 4;
        st = add_occurrence(k, j - i, s, t[i].off, end, i);
        i = j;
    }
    return st;
}

/* Ranks the keywords found and chooses up to 'want' of them, no two variants of each other
 * (k->chosen, into k->sorted). Going down the ranking, a keyword not a variant of one chosen
 * stands for its variants not chosen either, and the one of them met most often in the text is
 * listed in its place (of equally frequent ones, the better ranked): "North Korea" (30 times)
 * for "Korea" (8 times on its own), "military" (28) for "Russia's military" (2). The name the
 * text uses most is the better keyword, whether it is the longer, more specific phrase or the
 * single word. Every variant of a keyword listed is then left out. */
static precis_status choose(kw_state *k, size_t want)
{
    size_t n_ph = k->phrases.n;
    k->n_chosen = 0;
    if (n_ph == 0)
        return PRECIS_OK;
    if (!precis_grow((void **)&k->sorted, &k->sorted_cap, n_ph, sizeof *k->sorted) ||
        !precis_grow((void **)&k->blocked, &k->blocked_cap, n_ph, sizeof *k->blocked) ||
        !precis_grow((void **)&k->chosen, &k->chosen_cap, want < n_ph ? want : n_ph,
                     sizeof *k->chosen))
        return PRECIS_ERR_NOMEM;
    memcpy(k->sorted, k->ph, n_ph * sizeof *k->sorted);
    qsort(k->sorted, n_ph, sizeof *k->sorted, cmp_phrase);
    memset(k->blocked, 0, n_ph * sizeof *k->blocked);
    const phrase *ph = k->sorted;
    for (size_t p = 0; p < n_ph && k->n_chosen < want; p++) {
        if (k->blocked[p])
            continue;
        size_t best = p; // every keyword ranked above p is blocked
        for (size_t q = p + 1; q < n_ph; q++)
            if (!k->blocked[q] && ph[q].count > ph[best].count && variants(k, &ph[p], &ph[q]))
                best = q;
        k->chosen[k->n_chosen++] = best;
        for (size_t q = p; q < n_ph; q++)
            if (!k->blocked[q] && variants(k, &ph[best], &ph[q]))
                k->blocked[q] = true;
    }
    return PRECIS_OK;
}

static int cmp_index(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return (x > y) - (x < y);
}

/* The chosen keywords into 'out', best first: a keyword listed in the place of a better ranked
 * variant takes its own rank, so that scores never rise down the list. */
static precis_status copy_out(kw_state *k, precis_keywords *out)
{
    size_t n = k->n_chosen, text_bytes = 0;
    if (n == 0)
        return PRECIS_OK;
    qsort(k->chosen, n, sizeof *k->chosen, cmp_index);
    for (size_t i = 0; i < n; i++)
        text_bytes += k->spellings.term_len[k->sorted[k->chosen[i]].best_spelling] + 1;
    out->v = precis_calloc(n, sizeof *out->v);
    out->text = precis_malloc(text_bytes);
    if (out->v == NULL || out->text == NULL)
        return PRECIS_ERR_NOMEM;
    size_t at = 0;
    for (size_t i = 0; i < n; i++) {
        const phrase *ph = &k->sorted[k->chosen[i]];
        const char *sp = k->spellings.terms[ph->best_spelling] + sizeof(uint32_t);
        size_t len = k->spellings.term_len[ph->best_spelling] - sizeof(uint32_t);
        memcpy(out->text + at, sp, len);
        out->text[at + len] = '\0';
        out->v[out->n++] = (precis_keyword){out->text + at, len, ph->score, ph->count};
        at += len + 1;
    }
    return PRECIS_OK;
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
    size_t nv = k.words.n;
    k.order = precis_malloc((nv ? nv : 1) * sizeof *k.order);
    k.marked = precis_malloc((nv ? nv : 1) * sizeof *k.marked);
    if (k.order == NULL || k.marked == NULL || (st = find_roots(&k, texts)) != PRECIS_OK) {
        st = PRECIS_ERR_NOMEM;
        goto done;
    }
    for (size_t v = 0; v < nv; v++)
        k.order[v] = (ranked){k.score[v], (uint32_t)v};
    qsort(k.order, nv, sizeof *k.order, cmp_ranked);
    // Mark the 'want' best words: their runs are the keywords, then every other word on its own,
    // from which folding fills the list.
    if ((st = find_phrases(&k, texts, want < nv ? want : nv)) != PRECIS_OK ||
        (st = choose(&k, want)) != PRECIS_OK)
        goto done;
    st = copy_out(&k, out);
done:
    state_destroy(&k);
    if (st != PRECIS_OK)
        precis_keywords_destroy(out);
    return st;
}
