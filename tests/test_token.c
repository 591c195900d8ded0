/* Stage 4: precis_tokenize() turns text into content terms: NFKC case-folded, stopwords
 * dropped, Snowball-stemmed; CJK runs become character bigrams. */
#include "internal.h"

#include "helpers.h"

/* The terms joined by single spaces. */
typedef struct terms {
    char buf[4096];
    size_t len, n;
    size_t stop_after; // emit returns false after this many terms (0: never)
} terms;

static bool collect(void *ctx, const char *term, size_t len, uint32_t *memo)
{
    (void)memo;
    terms *t = ctx;
    if (t->stop_after != 0 && t->n >= t->stop_after)
        return false;
    t->n++;
    if (t->len + len + 2 > sizeof t->buf)
        return true; // counted, not kept
    if (t->len > 0)
        t->buf[t->len++] = ' ';
    memcpy(t->buf + t->len, term, len);
    t->len += len;
    t->buf[t->len] = '\0';
    return true;
}

static precis_tokenizer *english(void)
{
    precis_tokenizer *t = NULL;
    assert_int_equal(precis_tokenizer_new("en", NULL, 0, &t), PRECIS_OK);
    assert_non_null(t);
    return t;
}

static void check_terms(precis_tokenizer *t, const char *text, const char *want, int line)
{
    terms got = {.len = 0};
    assert_int_equal(precis_tokenize(t, text, strlen(text), collect, &got), PRECIS_OK);
    if (strcmp(got.buf, want) != 0) {
        print_error("terms of \"%s\": got \"%s\", expected \"%s\"\n", text, got.buf, want);
        _fail(__FILE__, line);
    }
}

#define assert_terms(text, want)                                                              \
    do {                                                                                       \
        precis_tokenizer *tok_ = english();                                                    \
        check_terms(tok_, (text), (want), __LINE__);                                           \
        precis_tokenizer_free(tok_);                                                           \
    } while (0)

/* Two texts give the same terms. */
static void check_same(const char *a, const char *b, int line)
{
    precis_tokenizer *t = english();
    terms ta = {.len = 0}, tb = {.len = 0};
    assert_int_equal(precis_tokenize(t, a, strlen(a), collect, &ta), PRECIS_OK);
    assert_int_equal(precis_tokenize(t, b, strlen(b), collect, &tb), PRECIS_OK);
    precis_tokenizer_free(t);
    if (strcmp(ta.buf, tb.buf) != 0 || ta.n == 0) {
        print_error("\"%s\" -> \"%s\" but \"%s\" -> \"%s\"\n", a, ta.buf, b, tb.buf);
        _fail(__FILE__, line);
    }
}

static void test_token_folds_case(void **state)
{
    (void)state;
    assert_terms("KIM kim Kim kIM", "kim kim kim kim");
    assert_terms("Pyongyang PYONGYANG", "pyongyang pyongyang");
}

static void test_token_drops_stopwords(void **state)
{
    (void)state;
    assert_terms("the and of to in", "");
    assert_terms("THE Minister And The Talks", "minist talk");
    assert_terms("I don't know", "know"); // "i", "don't" are on the list
}

static void test_token_stems(void **state)
{
    (void)state;
    assert_terms("running", "run");
    assert_terms("Missiles", "missil");
    assert_terms("missile missiles", "missil missil");
    assert_terms("The Running Dogs", "run dog");
    assert_terms("cooperation cooperating", "cooper cooper");
    assert_terms("visited visits visiting", "visit visit visit");
}

static void test_token_apostrophes(void **state)
{
    (void)state;
    assert_terms("Kim's", "kim");
    assert_terms("Kim\xE2\x80\x99s", "kim");
    check_same("Kim's visit to Russia's east", "Kim\xE2\x80\x99s visit to Russia\xE2\x80\x99s east",
               __LINE__);
    assert_terms("'quoted' words'", "quot word");
    assert_terms("don't-know", "know");
}

static void test_token_splits_hyphens(void **state)
{
    (void)state;
    assert_terms("nuclear-capable", "nuclear capabl");
    check_same("week-long train", "week long train", __LINE__);
    assert_terms("Russia-DPRK", "russia dprk");
}

static void test_token_keeps_dotted_initials(void **state)
{
    (void)state;
    // "U.S." is one term (Snowball then stems "u.s" to "u."), not the word "us".
    precis_tokenizer *t = english();
    terms us = {.len = 0}, plain = {.len = 0};
    assert_int_equal(precis_tokenize(t, "U.S.", 4, collect, &us), PRECIS_OK);
    assert_int_equal(precis_tokenize(t, "us", 2, collect, &plain), PRECIS_OK);
    precis_tokenizer_free(t);
    assert_int_equal(us.n, 1);
    assert_non_null(strchr(us.buf, '.'));
    assert_string_not_equal(us.buf, plain.buf);
    check_same("U.S.", "u.s", __LINE__);
    check_same("the U.S. Navy", "U.S Navy", __LINE__);
    assert_terms("U.N. sanctions", "u.n sanction");
    assert_terms("N.Korea", "n.korea");
    // A full stop at the end of a longer word is punctuation.
    assert_terms("Russia.Moscow", "russia moscow");
}

static void test_token_numbers(void **state)
{
    (void)state;
    assert_terms("3.5 percent", "3.5 percent");
    assert_terms("6,500 troops", "6,500 troop");
    assert_terms("In 2023 and 1950", "2023 1950");
    assert_terms("3.5.", "3.5");
}

static void test_token_drops_single_characters(void **state)
{
    (void)state;
    assert_terms("a b c 1 2 x y", "");
    assert_terms("Plan B works", "plan work");
}

static void test_token_nfkc(void **state)
{
    (void)state;
    check_same("\xEF\xBC\xAB\xEF\xBC\xA9\xEF\xBC\xAD", "kim", __LINE__); // fullwidth KIM
    check_same("\xEF\xAC\x81nance", "finance", __LINE__);                 // "fi" ligature
    check_same("CAF\xC3\x89", "cafe\xCC\x81", __LINE__); // composed and decomposed, any case
    check_same("Stra\xC3\x9F" "e", "STRASSE", __LINE__); // full case folding: sharp s
}

static void test_token_cjk_bigrams(void **state)
{
    (void)state;
    // 北朝鮮 -> 北朝 朝鮮
    assert_terms("\xE5\x8C\x97\xE6\x9C\x9D\xE9\xAE\xAE",
                 "\xE5\x8C\x97\xE6\x9C\x9D \xE6\x9C\x9D\xE9\xAE\xAE");
    // A lone character is its own term.
    assert_terms("\xE5\x8C\x97", "\xE5\x8C\x97");
    // 金正恩 visited -> 金正 正恩 visit
    assert_terms("\xE9\x87\x91\xE6\xAD\xA3\xE6\x81\xA9 visited",
                 "\xE9\x87\x91\xE6\xAD\xA3 \xE6\xAD\xA3\xE6\x81\xA9 visit");
    // Hangul: 김정은 -> 김정 정은
    assert_terms("\xEA\xB9\x80\xEC\xA0\x95\xEC\x9D\x80",
                 "\xEA\xB9\x80\xEC\xA0\x95 \xEC\xA0\x95\xEC\x9D\x80");
    // Punctuation ends a run: 北朝。鮮 -> 北朝 鮮
    assert_terms("\xE5\x8C\x97\xE6\x9C\x9D\xE3\x80\x82\xE9\xAE\xAE",
                 "\xE5\x8C\x97\xE6\x9C\x9D \xE9\xAE\xAE");
}

static void test_token_custom_stopwords(void **state)
{
    (void)state;
    const char *list = "# my list\nkim\n  russia  \n\nmet # trailing comment\n";
    precis_tokenizer *t = NULL;
    assert_int_equal(precis_tokenizer_new("en", list, strlen(list), &t), PRECIS_OK);
    // The built-in list is replaced, not extended: "and" and "the" are terms now.
    check_terms(t, "Kim met the leaders of Russia and China", "the leader of and china", __LINE__);
    precis_tokenizer_free(t);
}

static void test_token_empty_stopword_list(void **state)
{
    (void)state;
    precis_tokenizer *t = NULL;
    assert_int_equal(precis_tokenizer_new("en", "", 0, &t), PRECIS_OK);
    check_terms(t, "the talks", "the talk", __LINE__);
    precis_tokenizer_free(t);
}

static void test_token_language_names(void **state)
{
    (void)state;
    precis_tokenizer *t = NULL;
    assert_int_equal(precis_tokenizer_new(NULL, NULL, 0, &t), PRECIS_OK); // NULL = English
    check_terms(t, "The Running Dogs", "run dog", __LINE__);
    precis_tokenizer_free(t);
    assert_int_equal(precis_tokenizer_new("english", NULL, 0, &t), PRECIS_OK);
    precis_tokenizer_free(t);
    // Another language with its own stopword list.
    assert_int_equal(precis_tokenizer_new("fr", "le\nla\n", 6, &t), PRECIS_OK);
    check_terms(t, "la ministre", "ministr", __LINE__);
    precis_tokenizer_free(t);
}

static void test_token_unknown_language(void **state)
{
    (void)state;
    precis_tokenizer *t = (precis_tokenizer *)&t; // must be reset to NULL
    assert_int_equal(precis_tokenizer_new("xx", NULL, 0, &t), PRECIS_ERR_LANGUAGE);
    assert_null(t);
    assert_int_equal(precis_tokenizer_new("klingon", "a\n", 2, &t), PRECIS_ERR_LANGUAGE);
    assert_null(t);
    assert_int_equal(precis_tokenizer_new("", NULL, 0, &t), PRECIS_ERR_LANGUAGE);
    assert_null(t);
}

static void test_token_language_without_stopwords(void **state)
{
    (void)state;
    // Every language has a built-in list now: German drops "und" and "die" without being told.
    precis_tokenizer *t = NULL;
    assert_int_equal(precis_tokenizer_new("de", NULL, 0, &t), PRECIS_OK);
    assert_non_null(t);
    precis_tokenizer_free(t);
}

static void test_token_free_null(void **state)
{
    (void)state;
    precis_tokenizer_free(NULL);
}

static void test_token_emit_failure_is_nomem(void **state)
{
    (void)state;
    precis_tokenizer *t = english();
    terms got = {.stop_after = 2};
    const char *text = "alpha beta gamma delta";
    assert_int_equal(precis_tokenize(t, text, strlen(text), collect, &got), PRECIS_ERR_NOMEM);
    assert_int_equal(got.n, 2);
    terms cjk = {.stop_after = 1};
    text = "\xE5\x8C\x97\xE6\x9C\x9D\xE9\xAE\xAE";
    assert_int_equal(precis_tokenize(t, text, strlen(text), collect, &cjk), PRECIS_ERR_NOMEM);
    precis_tokenizer_free(t);
}

static void test_token_respects_length(void **state)
{
    (void)state;
    precis_tokenizer *t = english();
    terms got = {.len = 0};
    assert_int_equal(precis_tokenize(t, "missiles launched", 8, collect, &got), PRECIS_OK);
    assert_string_equal(got.buf, "missil");
    precis_tokenizer_free(t);
}

static void test_token_cache_is_consistent(void **state)
{
    (void)state;
    // Thousands of distinct words (cache growth), then the first ones again.
    precis_tokenizer *t = english();
    char word[32];
    for (int i = 0; i < 5000; i++) {
        snprintf(word, sizeof word, "word%dzz", i);
        terms got = {.len = 0};
        assert_int_equal(precis_tokenize(t, word, strlen(word), collect, &got), PRECIS_OK);
        assert_int_equal(got.n, 1);
    }
    check_terms(t, "running word0zz", "run word0zz", __LINE__);
    check_terms(t, "The Running", "run", __LINE__);
    precis_tokenizer_free(t);
}

/* ---- hostile input ----------------------------------------------------------------------- */

static void test_token_empty_and_blank(void **state)
{
    (void)state;
    assert_terms("", "");
    assert_terms("  \n\t ", "");
    assert_terms("... !!! --- ???", "");
}

static void test_token_invalid_utf8(void **state)
{
    (void)state;
    precis_tokenizer *t = english();
    const char *texts[] = {"\xFF\xFE abc", "ab\xC3", "\xE2\x80", "x\xF0\x9F\x98", "\xC0\xAF"};
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        terms got = {.len = 0};
        assert_int_equal(precis_tokenize(t, texts[i], strlen(texts[i]), collect, &got), PRECIS_OK);
    }
    precis_tokenizer_free(t);
}

static void test_token_one_megabyte(void **state)
{
    (void)state;
    size_t len;
    char *text = test_repeat("Missiles ", 116508, &len); // about 1 MB
    precis_tokenizer *t = english();
    terms got = {.len = 0};
    assert_int_equal(precis_tokenize(t, text, len, collect, &got), PRECIS_OK);
    assert_int_equal(got.n, 116508);
    precis_tokenizer_free(t);
    free(text);
}

static void test_token_one_megabyte_word(void **state)
{
    (void)state;
    size_t len;
    char *text = test_repeat("ab", 512 * 1024, &len);
    precis_tokenizer *t = english();
    terms got = {.len = 0};
    assert_int_equal(precis_tokenize(t, text, len, collect, &got), PRECIS_OK);
    assert_int_equal(got.n, 1);
    precis_tokenizer_free(t);
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_token_folds_case),
        cmocka_unit_test(test_token_drops_stopwords),
        cmocka_unit_test(test_token_stems),
        cmocka_unit_test(test_token_apostrophes),
        cmocka_unit_test(test_token_splits_hyphens),
        cmocka_unit_test(test_token_keeps_dotted_initials),
        cmocka_unit_test(test_token_numbers),
        cmocka_unit_test(test_token_drops_single_characters),
        cmocka_unit_test(test_token_nfkc),
        cmocka_unit_test(test_token_cjk_bigrams),
        cmocka_unit_test(test_token_custom_stopwords),
        cmocka_unit_test(test_token_empty_stopword_list),
        cmocka_unit_test(test_token_language_names),
        cmocka_unit_test(test_token_unknown_language),
        cmocka_unit_test(test_token_language_without_stopwords),
        cmocka_unit_test(test_token_free_null),
        cmocka_unit_test(test_token_emit_failure_is_nomem),
        cmocka_unit_test(test_token_respects_length),
        cmocka_unit_test(test_token_cache_is_consistent),
        cmocka_unit_test(test_token_empty_and_blank),
        cmocka_unit_test(test_token_invalid_utf8),
        cmocka_unit_test(test_token_one_megabyte),
        cmocka_unit_test(test_token_one_megabyte_word),
    };
    return cmocka_run_group_tests_name("token", tests, NULL, NULL);
}
