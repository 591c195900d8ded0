/* The public API, through <precis.h> only: corpus handling, errors, option checks, and whole
 * summaries of the bundled corpus (tests run from the repository root). */
#include <precis.h>

#include "helpers.h"

#include <dirent.h>
#include <time.h>

#define CORPUS_DIR "tests/data/kim-shoigu"

/* ---- helpers ---------------------------------------------------------------------------- */

static char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        fail_msg("cannot open %s (run the tests from the repository root)", path);
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    assert_non_null(buf);
    size_t k;
    while ((k = fread(buf + n, 1, cap - n, f)) > 0) {
        n += k;
        if (n == cap) {
            cap *= 2;
            buf = realloc(buf, cap);
            assert_non_null(buf);
        }
    }
    fclose(f);
    *len = n;
    return buf;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

typedef struct files {
    char *name[16];
    char *data[16];
    size_t len[16];
    size_t n;
} files;

/* The bundled corpus, files in name order. */
static void read_corpus(files *f)
{
    memset(f, 0, sizeof *f);
    DIR *d = opendir(CORPUS_DIR);
    if (d == NULL)
        fail_msg("cannot open %s (run the tests from the repository root)", CORPUS_DIR);
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        size_t l = strlen(e->d_name);
        if (l < 5 || strcmp(e->d_name + l - 4, ".txt") != 0)
            continue;
        assert_true(f->n < 16);
        f->name[f->n++] = test_strndup(e->d_name, l);
    }
    closedir(d);
    qsort(f->name, f->n, sizeof f->name[0], cmp_str);
    for (size_t i = 0; i < f->n; i++) {
        char path[512];
        snprintf(path, sizeof path, "%s/%s", CORPUS_DIR, f->name[i]);
        f->data[i] = read_all(path, &f->len[i]);
    }
    assert_int_equal(f->n, 5);
}

static void free_files(files *f)
{
    for (size_t i = 0; i < f->n; i++) {
        free(f->name[i]);
        free(f->data[i]);
    }
}

static precis_corpus *kim_corpus(files *f)
{
    read_corpus(f);
    precis_corpus *c = NULL;
    assert_int_equal(precis_corpus_new(&c), PRECIS_OK);
    for (size_t i = 0; i < f->n; i++)
        assert_int_equal(precis_corpus_add(c, f->name[i], f->data[i], f->len[i]), PRECIS_OK);
    return c;
}

static precis_corpus *one_doc(const char *text)
{
    precis_corpus *c = NULL;
    assert_int_equal(precis_corpus_new(&c), PRECIS_OK);
    assert_int_equal(precis_corpus_add(c, "doc", text, strlen(text)), PRECIS_OK);
    return c;
}

static size_t count_words(const char *s)
{
    size_t n = 0;
    bool in = false;
    for (; *s; s++) {
        bool sp = *s == ' ' || *s == '\n' || *s == '\t';
        n += !sp && !in;
        in = !sp;
    }
    return n;
}

/* ---- corpus ----------------------------------------------------------------------------- */

static void test_api_corpus_add_and_count(void **state)
{
    (void)state;
    precis_corpus *c = NULL;
    assert_int_equal(precis_corpus_new(&c), PRECIS_OK);
    assert_non_null(c);
    assert_int_equal(precis_corpus_count(c), 0);
    assert_string_equal(precis_corpus_error(c), "");
    char text[] = "Kim met Putin on Wednesday in the Russian Far East.";
    assert_int_equal(precis_corpus_add(c, "a.txt", text, strlen(text)), PRECIS_OK);
    memset(text, 'x', sizeof text - 1); // the corpus holds its own copy
    assert_int_equal(precis_corpus_add(c, NULL, "Second document here.", 21), PRECIS_OK);
    assert_int_equal(precis_corpus_count(c), 2);
    precis_corpus_free(c);
}

static void test_api_corpus_add_errors(void **state)
{
    (void)state;
    precis_corpus *c = NULL;
    assert_int_equal(precis_corpus_new(&c), PRECIS_OK);
    assert_int_equal(precis_corpus_add(c, "bad", "abc\x80" "def", 7), PRECIS_ERR_UTF8);
    assert_non_null(strstr(precis_corpus_error(c), "byte 3"));
    assert_int_equal(precis_corpus_count(c), 0); // unchanged
    assert_int_equal(precis_corpus_add(c, "nul", "ab\0cd", 5), PRECIS_ERR_BINARY);
    assert_non_null(strstr(precis_corpus_error(c), "byte 2"));
    assert_int_equal(precis_corpus_add(c, "u16", "\xFF\xFEh\0", 4), PRECIS_ERR_UTF16);
    assert_true(strlen(precis_corpus_error(c)) > 0);
    assert_int_equal(precis_corpus_add(c, "empty", "", 0), PRECIS_ERR_EMPTY);
    assert_int_equal(precis_corpus_add(c, "blank", " \n\xC2\xA0\n", 5), PRECIS_ERR_EMPTY);
    assert_int_equal(precis_corpus_add(c, "null", NULL, 3), PRECIS_ERR_INVALID_ARG);
    assert_int_equal(precis_corpus_add(NULL, "x", "text", 4), PRECIS_ERR_INVALID_ARG);
    assert_int_equal(precis_corpus_count(c), 0);
    // A good document clears the last error.
    assert_int_equal(precis_corpus_add(c, "good", "Good text here.", 15), PRECIS_OK);
    assert_string_equal(precis_corpus_error(c), "");
    assert_int_equal(precis_corpus_count(c), 1);
    precis_corpus_free(c);
}

static void test_api_null_safety(void **state)
{
    (void)state;
    precis_corpus_free(NULL);
    precis_summary_free(NULL);
    assert_int_equal(precis_corpus_count(NULL), 0);
    assert_string_equal(precis_corpus_error(NULL), "");
    assert_int_equal(precis_summary_count(NULL), 0);
    assert_null(precis_summary_sentence(NULL, 0));
    assert_int_equal(precis_summary_corpus_sentences(NULL), 0);
    assert_int_equal(precis_summary_candidates(NULL), 0);
    assert_int_equal(precis_summary_iterations(NULL), 0);
    assert_int_equal(precis_summary_trace_count(NULL), 0);
    assert_null(precis_summary_trace(NULL, 0));
    assert_int_equal(precis_summary_keyword_count(NULL), 0);
    assert_null(precis_summary_keyword(NULL, 0));
    assert_int_equal(precis_summary_document_count(NULL), 0);
    assert_null(precis_summary_document(NULL, 0));
    assert_near(precis_summary_stage_ms(NULL, 0), 0, 0);
    precis_summary *s = (precis_summary *)&s;
    assert_int_equal(precis_summarize(NULL, NULL, &s), PRECIS_ERR_INVALID_ARG);
    assert_null(s);
    precis_corpus *c = one_doc("Kim met Putin on Wednesday in the Russian Far East.");
    assert_int_equal(precis_summarize(c, NULL, NULL), PRECIS_ERR_INVALID_ARG);
    precis_corpus_free(c);
}

static void test_api_strerror(void **state)
{
    (void)state;
    for (int st = PRECIS_OK; st <= PRECIS_ERR_GRAPH_LIMIT; st++) {
        const char *m = precis_strerror((precis_status)st);
        assert_non_null(m);
        assert_true(strlen(m) > 0);
    }
    assert_string_equal(precis_strerror(PRECIS_OK), "success");
    assert_non_null(precis_strerror((precis_status)999));
}

static void test_api_options_defaults(void **state)
{
    (void)state;
    precis_options o;
    memset(&o, 0xAB, sizeof o);
    precis_options_init(&o);
    assert_int_equal(o.budget_kind, PRECIS_BUDGET_SENTENCES);
    assert_near(o.budget, 5, 0);
    assert_int_equal(o.order, PRECIS_ORDER_AUTO);
    assert_null(o.language);
    assert_null(o.stopwords);
    assert_true(o.damping > 0 && o.damping < 1);
    assert_true(o.dedup > 0 && o.dedup <= 1);
    assert_int_equal(o.explain, 0);
    assert_int_equal(o.max_input_bytes, 0);
}

static void test_api_stage_names(void **state)
{
    (void)state;
    assert_true(precis_stage_count() >= 7);
    assert_string_equal(precis_stage_name(0), "load");
    for (size_t i = 0; i < precis_stage_count(); i++)
        assert_non_null(precis_stage_name(i));
    assert_null(precis_stage_name(precis_stage_count()));
}

/* ---- option checks ---------------------------------------------------------------------- */

static void expect_invalid(precis_options *o, int line)
{
    precis_corpus *c = one_doc("Kim met Putin on Wednesday in the Russian Far East.");
    precis_summary *s = (precis_summary *)&s;
    precis_status st = precis_summarize(c, o, &s);
    precis_corpus_free(c);
    if (st != PRECIS_ERR_INVALID_ARG || s != NULL) {
        print_error("status %d (%s), expected PRECIS_ERR_INVALID_ARG and no summary\n", (int)st,
                    precis_strerror(st));
        precis_summary_free(s == (precis_summary *)&s ? NULL : s);
        _fail(__FILE__, line);
    }
}

static void test_api_invalid_options(void **state)
{
    (void)state;
    precis_options o;
#define BAD(field, value)                                                                      \
    do {                                                                                       \
        precis_options_init(&o);                                                               \
        o.field = value;                                                                       \
        expect_invalid(&o, __LINE__);                                                          \
    } while (0)
    precis_options_init(&o);
    o.budget_kind = PRECIS_BUDGET_RATIO;
    o.budget = 1.5;
    expect_invalid(&o, __LINE__);
    o.budget = 0;
    expect_invalid(&o, __LINE__);
    BAD(budget, 0);
    BAD(budget, -3);
    BAD(budget, NAN);
    BAD(budget, INFINITY);
    BAD(dedup, 0);
    BAD(dedup, -0.1);
    BAD(dedup, 1.5);
    BAD(dedup, NAN);
    BAD(damping, 0);
    BAD(damping, 1);
    BAD(damping, NAN);
    BAD(position_prior, -0.1);
    BAD(position_prior, 1.1);
    BAD(edge_threshold, -0.1);
    BAD(edge_threshold, 1);
    BAD(redundancy, -0.1);
    BAD(redundancy, 1.1);
    BAD(order, (precis_order)7);
    BAD(budget_kind, (precis_budget_kind)9);
#undef BAD
}

static void test_api_unknown_language(void **state)
{
    (void)state;
    precis_corpus *c = one_doc("Kim met Putin on Wednesday in the Russian Far East.");
    precis_options o;
    precis_options_init(&o);
    o.language = "xx";
    precis_summary *s = NULL;
    assert_int_equal(precis_summarize(c, &o, &s), PRECIS_ERR_LANGUAGE);
    assert_null(s);
    precis_corpus_free(c);
}

static void test_api_empty_corpus(void **state)
{
    (void)state;
    precis_corpus *c = NULL;
    assert_int_equal(precis_corpus_new(&c), PRECIS_OK);
    precis_summary *s = (precis_summary *)&s;
    assert_int_equal(precis_summarize(c, NULL, &s), PRECIS_ERR_EMPTY);
    assert_null(s);
    precis_corpus_free(c);
}

static void test_api_document_without_sentences(void **state)
{
    (void)state;
    precis_corpus *c = one_doc("...\n\n12 34 56.\n");
    precis_summary *s = (precis_summary *)&s;
    assert_int_equal(precis_summarize(c, NULL, &s), PRECIS_ERR_NO_SENTENCES);
    assert_null(s);
    // Another document with sentences makes the corpus usable.
    const char *good = "Kim met Putin on Wednesday in the Russian Far East. They discussed "
                       "military cooperation and the war in Ukraine.";
    assert_int_equal(precis_corpus_add(c, "good", good, strlen(good)), PRECIS_OK);
    assert_int_equal(precis_summarize(c, NULL, &s), PRECIS_OK);
    assert_int_equal(precis_summary_count(s), 2);
    for (size_t i = 0; i < precis_summary_count(s); i++)
        assert_int_equal(precis_summary_sentence(s, i)->doc, 1);
    precis_summary_free(s);
    precis_corpus_free(c);
}

static void test_api_input_limit(void **state)
{
    (void)state;
    precis_corpus *c = one_doc("Kim met Putin on Wednesday in the Russian Far East.");
    precis_options o;
    precis_options_init(&o);
    o.max_input_bytes = 10;
    precis_summary *s = NULL;
    assert_int_equal(precis_summarize(c, &o, &s), PRECIS_ERR_TOO_LARGE);
    assert_null(s);
    precis_corpus_free(c);
}

/* ---- the bundled corpus ----------------------------------------------------------------- */

static void check_no_boilerplate(const precis_summary *s)
{
    const char *banned[] = {"Rappler.com", "Track Latest", "(Except", "AP Images"};
    for (size_t i = 0; i < precis_summary_count(s); i++) {
        const char *t = precis_summary_sentence(s, i)->text;
        for (size_t b = 0; b < sizeof banned / sizeof banned[0]; b++)
            if (strstr(t, banned[b]) != NULL)
                fail_msg("summary sentence %zu holds \"%s\": %s", i, banned[b], t);
    }
}

/* Each sentence's offset and length point at its text in the document's bytes. */
static void check_provenance(const precis_summary *s, const files *f)
{
    for (size_t i = 0; i < precis_summary_count(s); i++) {
        const precis_sentence *p = precis_summary_sentence(s, i);
        assert_true(p->doc < f->n);
        assert_true(p->offset + p->length <= f->len[p->doc]);
        assert_int_equal(strlen(p->text), p->text_len);
        assert_true(p->text_len > 0);
        // The output text is the span with white space collapsed: its first word is there.
        size_t w = strcspn(p->text, " ");
        assert_memory_equal(f->data[p->doc] + p->offset, p->text, w);
        assert_true(p->score > 0 && p->score < 1);
        assert_true(p->rank >= 1 && p->rank <= precis_summary_candidates(s));
    }
}

static void test_api_kim_defaults(void **state)
{
    (void)state;
    files f;
    precis_corpus *c = kim_corpus(&f);
    precis_summary *a = NULL, *b = NULL;
    assert_int_equal(precis_summarize(c, NULL, &a), PRECIS_OK);
    assert_int_equal(precis_summarize(c, NULL, &b), PRECIS_OK);
    assert_int_equal(precis_summary_count(a), 5);
    assert_int_equal(precis_summary_count(b), 5);
    for (size_t i = 0; i < 5; i++) {
        const precis_sentence *x = precis_summary_sentence(a, i);
        const precis_sentence *y = precis_summary_sentence(b, i);
        assert_int_equal(x->text_len, y->text_len);
        assert_memory_equal(x->text, y->text, x->text_len);
        assert_int_equal(x->doc, y->doc);
        assert_int_equal(x->index, y->index);
        assert_int_equal(x->offset, y->offset);
        assert_near(x->score, y->score, 0);
    }
    assert_null(precis_summary_sentence(a, 5));
    check_no_boilerplate(a);
    check_provenance(a, &f);
    // Source order by default: by document, then position.
    for (size_t i = 1; i < 5; i++) {
        const precis_sentence *x = precis_summary_sentence(a, i - 1);
        const precis_sentence *y = precis_summary_sentence(a, i);
        assert_true(x->doc < y->doc || (x->doc == y->doc && x->index < y->index));
    }
    assert_true(precis_summary_corpus_sentences(a) > precis_summary_candidates(a));
    assert_true(precis_summary_candidates(a) >= 5);
    assert_true(precis_summary_iterations(a) > 0);
    precis_summary_free(a);
    precis_summary_free(b);
    precis_corpus_free(c);
    free_files(&f);
}

static void test_api_kim_word_budget(void **state)
{
    (void)state;
    files f;
    precis_corpus *c = kim_corpus(&f);
    precis_options o;
    precis_options_init(&o);
    o.budget_kind = PRECIS_BUDGET_WORDS;
    const double budgets[] = {100, 60, 250};
    for (size_t b = 0; b < 3; b++) {
        o.budget = budgets[b];
        precis_summary *s = NULL;
        assert_int_equal(precis_summarize(c, &o, &s), PRECIS_OK);
        assert_true(precis_summary_count(s) >= 1);
        size_t words = 0;
        for (size_t i = 0; i < precis_summary_count(s); i++)
            words += count_words(precis_summary_sentence(s, i)->text);
        if (words > budgets[b])
            fail_msg("%zu words for a budget of %g", words, budgets[b]);
        check_no_boilerplate(s);
        precis_summary_free(s);
    }
    precis_corpus_free(c);
    free_files(&f);
}

static void test_api_kim_byte_budget(void **state)
{
    (void)state;
    files f;
    precis_corpus *c = kim_corpus(&f);
    precis_options o;
    precis_options_init(&o);
    o.budget_kind = PRECIS_BUDGET_BYTES;
    o.budget = 600;
    precis_summary *s = NULL;
    assert_int_equal(precis_summarize(c, &o, &s), PRECIS_OK);
    assert_true(precis_summary_count(s) >= 1);
    size_t bytes = 0;
    for (size_t i = 0; i < precis_summary_count(s); i++)
        bytes += precis_summary_sentence(s, i)->text_len + 1;
    assert_true(bytes <= 600);
    precis_summary_free(s);
    precis_corpus_free(c);
    free_files(&f);
}

static void test_api_kim_ratio(void **state)
{
    (void)state;
    files f;
    precis_corpus *c = kim_corpus(&f);
    precis_options o;
    precis_options_init(&o);
    o.budget_kind = PRECIS_BUDGET_RATIO;
    o.budget = 1e-9; // at least one
    precis_summary *s = NULL;
    assert_int_equal(precis_summarize(c, &o, &s), PRECIS_OK);
    assert_int_equal(precis_summary_count(s), 1);
    precis_summary_free(s);
    precis_corpus_free(c);
    free_files(&f);
}

static void test_api_kim_rank_order(void **state)
{
    (void)state;
    files f;
    precis_corpus *c = kim_corpus(&f);
    precis_options o;
    precis_options_init(&o);
    precis_summary *src = NULL, *rnk = NULL;
    assert_int_equal(precis_summarize(c, &o, &src), PRECIS_OK);
    o.order = PRECIS_ORDER_RANK;
    assert_int_equal(precis_summarize(c, &o, &rnk), PRECIS_OK);
    size_t n = precis_summary_count(src);
    assert_int_equal(precis_summary_count(rnk), n);
    for (size_t i = 1; i < n; i++) {
        const precis_sentence *x = precis_summary_sentence(rnk, i - 1);
        const precis_sentence *y = precis_summary_sentence(rnk, i);
        assert_true(x->rank < y->rank);
        assert_true(x->score >= y->score);
    }
    // The same sentences, only in another order.
    for (size_t i = 0; i < n; i++) {
        const precis_sentence *x = precis_summary_sentence(src, i);
        bool found = false;
        for (size_t j = 0; j < n; j++) {
            const precis_sentence *y = precis_summary_sentence(rnk, j);
            found |= x->doc == y->doc && x->index == y->index && strcmp(x->text, y->text) == 0;
        }
        assert_true(found);
    }
    precis_summary_free(src);
    precis_summary_free(rnk);
    precis_corpus_free(c);
    free_files(&f);
}

static void test_api_kim_explain_trace(void **state)
{
    (void)state;
    files f;
    precis_corpus *c = kim_corpus(&f);
    precis_options o;
    precis_options_init(&o);
    precis_summary *s = NULL;
    assert_int_equal(precis_summarize(c, &o, &s), PRECIS_OK);
    assert_int_equal(precis_summary_trace_count(s), 0); // only with 'explain'
    precis_summary_free(s);
    o.explain = 1;
    assert_int_equal(precis_summarize(c, &o, &s), PRECIS_OK);
    size_t n = precis_summary_trace_count(s), chosen = 0, dropped = 0;
    assert_int_equal(n, precis_summary_corpus_sentences(s));
    for (size_t i = 0; i < n; i++) {
        const precis_trace *t = precis_summary_trace(s, i);
        assert_non_null(t->text);
        chosen += t->chosen != 0;
        dropped += t->dropped != NULL;
        if (t->chosen)
            assert_null(t->dropped);
        if (strstr(t->text, "Rappler.com") != NULL || strstr(t->text, "Track Latest") != NULL)
            assert_non_null(t->dropped);
    }
    assert_int_equal(chosen, precis_summary_count(s));
    assert_int_equal(n - dropped, precis_summary_candidates(s));
    assert_null(precis_summary_trace(s, n));
    precis_summary_free(s);
    precis_corpus_free(c);
    free_files(&f);
}

/* Every candidate left out has a reason; a duplicate names a chosen sentence at or above the
 * dedup threshold; only candidates have one. */
static void test_api_kim_explain_reasons(void **state)
{
    (void)state;
    files f;
    precis_corpus *c = kim_corpus(&f);
    precis_options o;
    precis_options_init(&o);
    o.explain = 1;
    o.budget_kind = PRECIS_BUDGET_WORDS;
    o.budget = 60;
    precis_summary *s = NULL;
    assert_int_equal(precis_summarize(c, &o, &s), PRECIS_OK);
    size_t n = precis_summary_trace_count(s), count[PRECIS_SKIP_WEAK + 1] = {0};
    for (size_t i = 0; i < n; i++) {
        const precis_trace *t = precis_summary_trace(s, i);
        assert_true((unsigned)t->skipped <= PRECIS_SKIP_WEAK);
        count[t->skipped]++;
        const precis_trace *prev = i > 0 ? precis_summary_trace(s, i - 1) : NULL;
        if (prev != NULL && prev->doc == t->doc) // paragraphs follow one another
            assert_true(t->paragraph >= prev->paragraph);
        if (t->dropped != NULL || t->chosen)
            assert_int_equal(t->skipped, PRECIS_SKIP_NONE);
        else
            assert_int_not_equal(t->skipped, PRECIS_SKIP_NONE);
        if (t->skipped == PRECIS_SKIP_DUPLICATE || t->skipped == PRECIS_SKIP_RESTATES) {
            const precis_trace *d = precis_summary_trace(s, t->duplicate_of);
            assert_non_null(d);
            assert_true(d->chosen);
            assert_true(t->similarity >= (t->skipped == PRECIS_SKIP_DUPLICATE ? o.dedup
                                                                              : o.restate));
        } else {
            assert_int_equal(t->duplicate_of, (size_t)-1);
        }
    }
    // 60 words hold two or three sentences: the best others did not fit, the rest were never
    // reached.
    assert_true(count[PRECIS_SKIP_BUDGET] > 0);
    assert_true(count[PRECIS_SKIP_NOT_REACHED] > 0);
    precis_summary_free(s);
    precis_corpus_free(c);
    free_files(&f);
}

static void test_api_kim_documents_and_keywords(void **state)
{
    (void)state;
    files f;
    precis_corpus *c = kim_corpus(&f);
    precis_options o;
    precis_options_init(&o);
    precis_summary *s = NULL;
    assert_int_equal(precis_summarize(c, &o, &s), PRECIS_OK);
    assert_int_equal(precis_summary_keyword_count(s), 0); // only when asked for
    size_t nd = precis_summary_document_count(s), sents = 0, cands = 0, titles = 0;
    assert_int_equal(nd, precis_corpus_count(c));
    for (size_t d = 0; d < nd; d++) {
        const precis_document *doc = precis_summary_document(s, d);
        assert_string_equal(doc->name, f.name[d]);
        assert_int_equal(doc->bytes, f.len[d]);
        assert_true(doc->n_candidates <= doc->n_sentences);
        sents += doc->n_sentences;
        cands += doc->n_candidates;
        if (doc->title != NULL) {
            titles++;
            assert_true(strlen(doc->title) > 0);
        }
    }
    assert_null(precis_summary_document(s, nd));
    assert_int_equal(sents, precis_summary_corpus_sentences(s));
    assert_int_equal(cands, precis_summary_candidates(s));
    assert_true(titles > 0);
    precis_summary_free(s);
    o.keywords = 10;
    assert_int_equal(precis_summarize(c, &o, &s), PRECIS_OK);
    size_t nk = precis_summary_keyword_count(s);
    assert_int_equal(nk, 10);
    for (size_t i = 0; i < nk; i++) {
        const precis_keyword *k = precis_summary_keyword(s, i);
        assert_int_equal(strlen(k->text), k->text_len);
        assert_true(k->score > 0 && k->count > 0);
        if (i > 0)
            assert_true(k->score <= precis_summary_keyword(s, i - 1)->score);
    }
    assert_null(precis_summary_keyword(s, nk));
    precis_summary_free(s);
    precis_corpus_free(c);
    free_files(&f);
}

static void test_api_offsets_count_bom(void **state)
{
    (void)state;
    // The reported offset is in the bytes as given, BOM included.
    const char *text = "\xEF\xBB\xBFKim met Putin on Wednesday in the Russian Far East.";
    precis_corpus *c = one_doc(text);
    precis_summary *s = NULL;
    assert_int_equal(precis_summarize(c, NULL, &s), PRECIS_OK);
    assert_int_equal(precis_summary_count(s), 1);
    const precis_sentence *p = precis_summary_sentence(s, 0);
    assert_int_equal(p->offset, 3);
    assert_int_equal(p->length, strlen(text) - 3);
    assert_string_equal(p->text, text + 3);
    precis_summary_free(s);
    precis_corpus_free(c);
}

static void test_api_output_text_collapsed(void **state)
{
    (void)state;
    const char *text = "The minister said   that the talks\r\nwould resume next week in Moscow.\n";
    precis_corpus *c = one_doc(text);
    precis_summary *s = NULL;
    assert_int_equal(precis_summarize(c, NULL, &s), PRECIS_OK);
    assert_int_equal(precis_summary_count(s), 1);
    const precis_sentence *p = precis_summary_sentence(s, 0);
    assert_string_equal(p->text,
                        "The minister said that the talks would resume next week in Moscow.");
    assert_int_equal(p->offset, 0);
    assert_int_equal(p->length, strlen(text) - 1);
    precis_summary_free(s);
    precis_corpus_free(c);
}

/* A word hyphenated at a line's end and spelled whole in another document is one word: in the
 * output (summary and split) and for the tokenizer, so the two sentences are the same. */
static void test_api_hyphenated_line_end(void **state)
{
    (void)state;
    const char *a = "The printers discussed the rules of hyphen-\nation for the weekly paper.\n";
    const char *b = "The printers discussed the rules of hyphenation for the weekly paper.\n";
    const char *want = "The printers discussed the rules of hyphenation for the weekly paper.";
    precis_corpus *c = one_doc(a);
    assert_int_equal(precis_corpus_add(c, "b", b, strlen(b)), PRECIS_OK);
    precis_options o;
    precis_options_init(&o);
    o.budget = 1;
    precis_summary *s = NULL;
    assert_int_equal(precis_summarize(c, &o, &s), PRECIS_OK);
    assert_int_equal(precis_summary_count(s), 1);
    const precis_sentence *p = precis_summary_sentence(s, 0);
    assert_string_equal(p->text, want);
    assert_int_equal(p->text_len, strlen(want));
    // The same terms: the other document's sentence supports it with similarity 1.
    assert_int_equal(p->n_support, 1);
    assert_near(p->support[0].similarity, 1.0, 1e-6);
    precis_summary_free(s);
    precis_sentences *sp = NULL;
    assert_int_equal(precis_split_corpus(c, NULL, &sp), PRECIS_OK);
    assert_int_equal(precis_sentences_count(sp), 2);
    const precis_split_sentence *x = precis_sentences_get(sp, 0);
    assert_string_equal(x->text, want);
    assert_int_equal(x->offset, 0);
    assert_int_equal(x->length, strlen(a) - 1); // the span is the bytes as written
    precis_sentences_free(sp);
    precis_corpus_free(c);
}

static void test_api_split_corpus(void **state)
{
    (void)state;
    // Offsets count the BOM (bytes as given); the dateline is metadata of the paragraph's first
    // sentence; the filter's verdict comes with each sentence.
    const char *text = "\xEF\xBB\xBF" "LIMA, Peru (AP) _ The port reopened on Monday after the "
                       "strike. Trade resumed at once.\n\nPhoto: staff\n";
    precis_corpus *c = one_doc(text);
    precis_sentences *sp = NULL;
    precis_options o;
    precis_options_init(&o);
    o.language = "en";
    assert_int_equal(precis_split_corpus(c, &o, &sp), PRECIS_OK);
    assert_int_equal(precis_sentences_count(sp), 3);
    const precis_split_sentence *a = precis_sentences_get(sp, 0), *b = precis_sentences_get(sp, 1),
                                *z = precis_sentences_get(sp, 2);
    assert_string_equal(a->text, "The port reopened on Monday after the strike.");
    assert_int_equal(a->offset, 3 + strlen("LIMA, Peru (AP) _ "));
    assert_int_equal(a->length, strlen(a->text));
    assert_memory_equal(text + a->offset, a->text, a->length);
    assert_string_equal(a->dateline, "LIMA, Peru (AP)");
    assert_null(a->dropped);
    assert_null(b->dateline);
    assert_int_equal(b->index, 1);
    assert_int_equal(z->paragraph, 1);
    assert_non_null(z->dropped); // no sentence-final punctuation
    assert_string_equal(precis_sentences_document_language(sp, 0), "en");
    assert_null(precis_sentences_get(sp, 3));
    assert_null(precis_sentences_document_language(sp, 1));
    precis_sentences_free(sp);
    // Errors as precis_summarize() gives them; '*out' is reset.
    sp = (precis_sentences *)&sp;
    o.dedup = 2;
    assert_int_equal(precis_split_corpus(c, &o, &sp), PRECIS_ERR_INVALID_ARG);
    assert_null(sp);
    assert_int_equal(precis_split_corpus(NULL, NULL, &sp), PRECIS_ERR_INVALID_ARG);
    assert_int_equal(precis_split_corpus(c, NULL, NULL), PRECIS_ERR_INVALID_ARG);
    precis_options_init(&o);
    o.max_input_bytes = 10;
    assert_int_equal(precis_split_corpus(c, &o, &sp), PRECIS_ERR_TOO_LARGE);
    precis_corpus_free(c);
    // A corpus without documents splits into nothing (summarizing it is an error).
    assert_int_equal(precis_corpus_new(&c), PRECIS_OK);
    assert_int_equal(precis_split_corpus(c, NULL, &sp), PRECIS_OK);
    assert_int_equal(precis_sentences_count(sp), 0);
    precis_sentences_free(sp);
    precis_sentences_free(NULL);
    assert_int_equal(precis_sentences_count(NULL), 0);
    precis_corpus_free(c);
}

static void test_api_questions_are_not_output(void **state)
{
    (void)state;
    // The question ranks first (it shares the most words), yet a summary states: it is
    // skipped with its own reason, as is an interview marker's line; both still rank.
    precis_corpus *c = one_doc(
        "Will the council approve the harbor budget for the new pier this year?\n\n"
        "The council approved the harbor budget for the new pier on Tuesday night.\n\n"
        "Q: And what will the harbor budget for the new pier cost in the end.\n\n"
        "The mayor said the harbor budget for the pier was the largest in a decade.\n");
    precis_options o;
    precis_options_init(&o);
    o.budget = 2;
    o.explain = 1;
    precis_summary *s = NULL;
    assert_int_equal(precis_summarize(c, &o, &s), PRECIS_OK);
    assert_int_equal(precis_summary_count(s), 2);
    for (size_t i = 0; i < 2; i++)
        assert_null(strchr(precis_summary_sentence(s, i)->text, '?'));
    const precis_trace *q = precis_summary_trace(s, 0), *m = precis_summary_trace(s, 2);
    assert_int_equal(q->rank, 1); // 1 = best
    assert_int_equal(q->skipped, PRECIS_SKIP_QUESTION);
    assert_int_equal(m->skipped, PRECIS_SKIP_QUESTION);
    precis_summary_free(s);
    precis_corpus_free(c);
    // A text of questions alone is still summarized: better a question than nothing.
    c = one_doc("Will the council approve the harbor budget this year?\n\n"
                "Who will pay for the new pier in the harbor?\n");
    assert_int_equal(precis_summarize(c, NULL, &s), PRECIS_OK);
    assert_true(precis_summary_count(s) > 0);
    precis_summary_free(s);
    precis_corpus_free(c);
}

static void test_api_first_candidate_without_terms(void **state)
{
    (void)state;
    // The first candidate is all stopwords: it gives an empty TF-IDF row.
    precis_corpus *c = one_doc("What was it to them is what it is. Kim met Putin on Wednesday "
                               "in the Russian Far East. Moscow hosted talks about trade and "
                               "energy.");
    precis_summary *s = NULL;
    assert_int_equal(precis_summarize(c, NULL, &s), PRECIS_OK);
    assert_int_equal(precis_summary_count(s), 3);
    for (size_t i = 0; i < 3; i++)
        assert_true(isfinite(precis_summary_sentence(s, i)->score));
    precis_summary_free(s);
    precis_corpus_free(c);
}

static void test_api_text_without_punctuation(void **state)
{
    (void)state;
    // Lines without sentence punctuation are taken as sentences rather than refused.
    precis_corpus *c = one_doc("Kim meets Putin in the Russian Far East\n");
    precis_summary *s = NULL;
    assert_int_equal(precis_summarize(c, NULL, &s), PRECIS_OK);
    assert_int_equal(precis_summary_count(s), 1);
    assert_string_equal(precis_summary_sentence(s, 0)->text,
                        "Kim meets Putin in the Russian Far East");
    precis_summary_free(s);
    precis_corpus_free(c);
}

static void test_api_chinese_document(void **state)
{
    (void)state;
    // 金正恩会见了俄罗斯国防部长。双方讨论了军事合作。金正恩参观了俄罗斯的轰炸机。
    // (Kim Jong Un met Russia's defense minister. They discussed military cooperation. Kim
    // inspected Russian bombers.) The splitter and the tokenizer handle Chinese; so must the
    // whole pipeline.
    precis_corpus *c = one_doc(
        "\xE9\x87\x91\xE6\xAD\xA3\xE6\x81\xA9\xE4\xBC\x9A\xE8\xA7\x81\xE4\xBA\x86\xE4\xBF\x84\xE7"
        "\xBD\x97\xE6\x96\xAF\xE5\x9B\xBD\xE9\x98\xB2\xE9\x83\xA8\xE9\x95\xBF\xE3\x80\x82\xE5\x8F"
        "\x8C\xE6\x96\xB9\xE8\xAE\xA8\xE8\xAE\xBA\xE4\xBA\x86\xE5\x86\x9B\xE4\xBA\x8B\xE5\x90\x88"
        "\xE4\xBD\x9C\xE3\x80\x82\xE9\x87\x91\xE6\xAD\xA3\xE6\x81\xA9\xE5\x8F\x82\xE8\xA7\x82\xE4"
        "\xBA\x86\xE4\xBF\x84\xE7\xBD\x97\xE6\x96\xAF\xE7\x9A\x84\xE8\xBD\xB0\xE7\x82\xB8\xE6\x9C"
        "\xBA\xE3\x80\x82");
    precis_summary *s = NULL;
    precis_options o;
    precis_options_init(&o);
    o.budget = 2;
    precis_status st = precis_summarize(c, &o, &s);
    size_t n = precis_summary_count(s);
    precis_summary_free(s);
    precis_corpus_free(c);
    if (st != PRECIS_OK)
        fail_msg("status %d (%s)", (int)st, precis_strerror(st));
    assert_int_equal(n, 2);
}

static void test_api_custom_stopwords(void **state)
{
    (void)state;
    const char *text = "Kim met Putin on Wednesday in the Russian Far East. They discussed "
                       "military cooperation and the war in Ukraine.";
    precis_corpus *c = one_doc(text);
    precis_options o;
    precis_options_init(&o);
    o.stopwords = "kim\nputin\n";
    o.stopwords_len = strlen(o.stopwords);
    precis_summary *s = NULL;
    assert_int_equal(precis_summarize(c, &o, &s), PRECIS_OK);
    assert_int_equal(precis_summary_count(s), 2);
    precis_summary_free(s);
    precis_corpus_free(c);
}

/* ---- hostile input ----------------------------------------------------------------------- */

static double seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void test_api_one_megabyte_sentence(void **state)
{
    (void)state;
    size_t len;
    char *text = test_repeat("word ", 200 * 1024, &len);
    text[len - 1] = '.';
    precis_corpus *c = NULL;
    assert_int_equal(precis_corpus_new(&c), PRECIS_OK);
    assert_int_equal(precis_corpus_add(c, "big", text, len), PRECIS_OK);
    double t = seconds();
    precis_summary *s = NULL;
    assert_int_equal(precis_summarize(c, NULL, &s), PRECIS_OK);
    assert_true(seconds() - t < 3.0);
    assert_int_equal(precis_summary_count(s), 1);
    assert_int_equal(precis_summary_sentence(s, 0)->text_len, len);
    precis_summary_free(s);
    precis_corpus_free(c);
    free(text);
}

static void test_api_many_one_word_sentences(void **state)
{
    (void)state;
    size_t len;
    char *text = test_repeat("Word.\n", 100000, &len);
    precis_corpus *c = NULL;
    assert_int_equal(precis_corpus_new(&c), PRECIS_OK);
    assert_int_equal(precis_corpus_add(c, "many", text, len), PRECIS_OK);
    double t = seconds();
    precis_summary *s = (precis_summary *)&s;
    // One-word sentences cannot stand alone: nothing to summarize, found quickly.
    assert_int_equal(precis_summarize(c, NULL, &s), PRECIS_ERR_NO_SENTENCES);
    assert_null(s);
    assert_true(seconds() - t < 3.0);
    precis_corpus_free(c);
    free(text);
}

static void test_api_many_sentences(void **state)
{
    (void)state;
    // 20k distinct sentences sharing few terms each: the sparse graph path, in well under a
    // few seconds.
    enum { N = 20000 };
    size_t cap = (size_t)N * 48, len = 0;
    char *text = malloc(cap);
    assert_non_null(text);
    for (size_t i = 0; i < N; i++)
        len += (size_t)snprintf(text + len, cap - len, "Alpha%zu beta%zu gamma%zu delta%zu.\n",
                                i, i / 2, i / 3, i % 5000);
    precis_corpus *c = NULL;
    assert_int_equal(precis_corpus_new(&c), PRECIS_OK);
    assert_int_equal(precis_corpus_add(c, "many", text, len), PRECIS_OK);
    double t = seconds();
    precis_summary *s = NULL;
    precis_options o;
    precis_options_init(&o);
    o.min_words = 1;
    assert_int_equal(precis_summarize(c, &o, &s), PRECIS_OK);
    assert_true(seconds() - t < 5.0);
    assert_int_equal(precis_summary_count(s), 5);
    assert_int_equal(precis_summary_candidates(s), N);
    precis_summary_free(s);
    precis_corpus_free(c);
    free(text);
}

/* ---- an API that can grow (issue 14) ----------------------------------------------------- */

/* A program built against an older header passes a shorter precis_options: the library writes
 * and reads only that much, and takes the defaults for the rest. Emulated with the struct cut
 * before 'query' (the fields this release added), guarded by bytes the library must not touch. */
static void test_api_options_of_an_older_program(void **state)
{
    (void)state;
    size_t old = offsetof(precis_options, query);
    unsigned char buf[sizeof(precis_options) + 64];
    memset(buf, 0xAB, sizeof buf);
    precis_options *o = (precis_options *)(void *)buf;
    precis_options_init_size(o, old);
    assert_int_equal(o->size, old);
    for (size_t k = old; k < sizeof buf; k++)
        assert_int_equal(buf[k], 0xAB); // nothing written past the caller's struct
    o->budget = 2;
    files f;
    precis_corpus *c = kim_corpus(&f);
    precis_summary *s = NULL, *want = NULL;
    // The 0xAB bytes where a newer 'query' would be are never read: a generic summary.
    assert_int_equal(precis_summarize(c, o, &s), PRECIS_OK);
    precis_options cur;
    precis_options_init(&cur);
    cur.budget = 2;
    assert_int_equal(precis_summarize(c, &cur, &want), PRECIS_OK);
    assert_int_equal(precis_summary_count(s), 2);
    for (size_t i = 0; i < 2; i++)
        assert_string_equal(precis_summary_sentence(s, i)->text,
                            precis_summary_sentence(want, i)->text);
    assert_int_equal(precis_summary_query_status(s), PRECIS_QUERY_NONE);
    precis_summary_free(s);
    precis_summary_free(want);
    // Options never initialized (size 0 or garbage) are refused, not read.
    precis_options z;
    memset(&z, 0, sizeof z);
    assert_int_equal(precis_summarize(c, &z, &s), PRECIS_ERR_INVALID_ARG);
    assert_null(s);
    memset(&z, 0xFF, sizeof z);
    assert_int_equal(precis_summarize(c, &z, &s), PRECIS_ERR_INVALID_ARG);
    precis_corpus_free(c);
    free_files(&f);
}

static void test_api_language_of_an_older_program(void **state)
{
    (void)state;
    unsigned char buf[sizeof(precis_language) + 16];
    memset(buf, 0xCD, sizeof buf);
    precis_language *l = (precis_language *)(void *)buf;
    assert_int_equal(precis_language_find_size("de", l, sizeof *l), PRECIS_OK);
    assert_string_equal(l->code, "de");
    for (size_t k = sizeof *l; k < sizeof buf; k++)
        assert_int_equal(buf[k], 0xCD);
    // A newer program's larger struct: the fields this library does not know are zeroed.
    assert_int_equal(precis_language_get_size(0, l, sizeof buf), PRECIS_OK);
    for (size_t k = sizeof *l; k < sizeof buf; k++)
        assert_int_equal(buf[k], 0);
    assert_int_equal(precis_language_get_size(0, l, 3), PRECIS_ERR_INVALID_ARG);
}

static void test_api_version_numbers(void **state)
{
    (void)state;
    char text[32];
    snprintf(text, sizeof text, "%d.%d.%d", PRECIS_VERSION_MAJOR, PRECIS_VERSION_MINOR,
             PRECIS_VERSION_PATCH);
    assert_string_equal(text, PRECIS_VERSION);
    assert_string_equal(precis_version(), PRECIS_VERSION);
    assert_int_equal(precis_version_number(), PRECIS_VERSION_NUMBER);
    assert_int_equal(PRECIS_VERSION_NUMBER, PRECIS_VERSION_MAJOR * 10000 +
                                                PRECIS_VERSION_MINOR * 100 + PRECIS_VERSION_PATCH);
}

/* The one-call form gives what the object API gives, as the command prints it. */
static void test_api_summarize_texts(void **state)
{
    (void)state;
    files f;
    precis_corpus *c = kim_corpus(&f);
    precis_summary *s;
    assert_int_equal(precis_summarize(c, NULL, &s), PRECIS_OK);
    size_t len = 0;
    for (size_t i = 0; i < precis_summary_count(s); i++)
        len += precis_summary_sentence(s, i)->text_len + 1;
    char *want = calloc(len + 1, 1);
    assert_non_null(want);
    for (size_t i = 0; i < precis_summary_count(s); i++) {
        strcat(want, precis_summary_sentence(s, i)->text);
        strcat(want, "\n");
    }
    const char *texts[5];
    char *copies[5];
    for (size_t i = 0; i < 5; i++)
        texts[i] = copies[i] = test_strndup(f.data[i], f.len[i]);
    char *got;
    assert_int_equal(precis_summarize_texts(texts, 5, NULL, &got), PRECIS_OK);
    assert_string_equal(got, want);
    precis_free(got);
    precis_options o;
    precis_options_init(&o);
    o.budget = 1;
    assert_int_equal(precis_summarize_texts(texts, 5, &o, &got), PRECIS_OK);
    assert_int_equal(strchr(got, '\n') - got + 1, (ptrdiff_t)strlen(got)); // one line
    precis_free(got);
    const char *bad[] = {"Valid text here.", "caf\xc3"};
    assert_int_equal(precis_summarize_texts(bad, 2, NULL, &got), PRECIS_ERR_UTF8);
    assert_null(got);
    assert_int_equal(precis_summarize_texts(NULL, 1, NULL, &got), PRECIS_ERR_INVALID_ARG);
    assert_int_equal(precis_summarize_texts(texts, 0, NULL, &got), PRECIS_ERR_EMPTY);
    precis_free(NULL);
    for (size_t i = 0; i < 5; i++)
        free(copies[i]);
    free(want);
    precis_summary_free(s);
    precis_corpus_free(c);
    free_files(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_api_corpus_add_and_count),
        cmocka_unit_test(test_api_options_of_an_older_program),
        cmocka_unit_test(test_api_language_of_an_older_program),
        cmocka_unit_test(test_api_version_numbers),
        cmocka_unit_test(test_api_summarize_texts),
        cmocka_unit_test(test_api_corpus_add_errors),
        cmocka_unit_test(test_api_null_safety),
        cmocka_unit_test(test_api_split_corpus),
        cmocka_unit_test(test_api_questions_are_not_output),
        cmocka_unit_test(test_api_strerror),
        cmocka_unit_test(test_api_options_defaults),
        cmocka_unit_test(test_api_stage_names),
        cmocka_unit_test(test_api_invalid_options),
        cmocka_unit_test(test_api_unknown_language),
        cmocka_unit_test(test_api_empty_corpus),
        cmocka_unit_test(test_api_document_without_sentences),
        cmocka_unit_test(test_api_input_limit),
        cmocka_unit_test(test_api_kim_defaults),
        cmocka_unit_test(test_api_kim_word_budget),
        cmocka_unit_test(test_api_kim_byte_budget),
        cmocka_unit_test(test_api_kim_ratio),
        cmocka_unit_test(test_api_kim_rank_order),
        cmocka_unit_test(test_api_kim_explain_trace),
        cmocka_unit_test(test_api_kim_explain_reasons),
        cmocka_unit_test(test_api_kim_documents_and_keywords),
        cmocka_unit_test(test_api_offsets_count_bom),
        cmocka_unit_test(test_api_output_text_collapsed),
        cmocka_unit_test(test_api_hyphenated_line_end),
        cmocka_unit_test(test_api_first_candidate_without_terms),
        cmocka_unit_test(test_api_text_without_punctuation),
        cmocka_unit_test(test_api_chinese_document),
        cmocka_unit_test(test_api_custom_stopwords),
        cmocka_unit_test(test_api_one_megabyte_sentence),
        cmocka_unit_test(test_api_many_one_word_sentences),
        cmocka_unit_test(test_api_many_sentences),
    };
    return cmocka_run_group_tests_name("api", tests, NULL, NULL);
}
