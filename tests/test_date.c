/* Document dates: the ISO 8601 parser (precis_corpus_set_date), the dates found in a document's
 * first lines, and the summary's time order through the public API. */
#include "internal.h"

#include "helpers.h"

/* Parses 's'; true when it is a date, with its canonical text and UTC seconds in 'out'. */
static bool parse(const char *s, precis_date *out, char *err, size_t err_cap)
{
    return precis_date_parse(s, strlen(s), out, err, err_cap);
}

static void expect_date(const char *s, const char *text, int64_t when)
{
    precis_date d;
    char err[96] = "";
    if (!parse(s, &d, err, sizeof err))
        fail_msg("'%s' refused: %s", s, err);
    assert_string_equal(d.text, text);
    if (d.when != when)
        fail_msg("'%s': %lld seconds, expected %lld", s, (long long)d.when, (long long)when);
}

static void expect_refused(const char *s, const char *why)
{
    precis_date d;
    char err[96] = "";
    if (parse(s, &d, err, sizeof err))
        fail_msg("'%s' accepted as %s", s, d.text);
    if (strstr(err, why) == NULL)
        fail_msg("'%s': reason '%s' does not say '%s'", s, err, why);
}

static void test_date_valid(void **state)
{
    (void)state;
    expect_date("1970-01-01", "1970-01-01", 0);
    expect_date("2023-09-17", "2023-09-17", 1694908800);
    expect_date("2023-09-17T10:30", "2023-09-17T10:30:00", 1694908800 + 37800);
    expect_date("2023-09-17T10:30:15Z", "2023-09-17T10:30:15Z", 1694908800 + 37815);
    expect_date("2023-09-17T10:30:15.250Z", "2023-09-17T10:30:15Z", 1694908800 + 37815);
    expect_date("1969-12-31T23:59:59Z", "1969-12-31T23:59:59Z", -1);
    expect_date("0001-01-01", "0001-01-01", -62135596800LL);
    expect_date("9999-12-31", "9999-12-31", 253402214400LL);
}

static void test_date_leap_years(void **state)
{
    (void)state;
    expect_date("2024-02-29", "2024-02-29", 1709164800);
    expect_date("2000-02-29", "2000-02-29", 951782400); // divisible by 400: leap
    expect_refused("1900-02-29", "February 1900 has 28 days"); // by 100, not 400: not leap
    expect_refused("2023-02-29", "February 2023 has 28 days");
    expect_refused("2024-02-30", "February 2024 has 29 days");
    expect_date("2023-12-31", "2023-12-31", 1703980800);
    expect_date("2024-03-01", "2024-03-01", 1709251200);
}

static void test_date_time_zones(void **state)
{
    (void)state;
    // The same instant written in three zones.
    expect_date("2023-09-17T12:00:00Z", "2023-09-17T12:00:00Z", 1694952000);
    expect_date("2023-09-17T21:00+09:00", "2023-09-17T21:00:00+09:00", 1694952000);
    expect_date("2023-09-17T07:30-04:30", "2023-09-17T07:30:00-04:30", 1694952000);
    // An offset can move the instant to another day.
    expect_date("2023-09-17T01:00+02:00", "2023-09-17T01:00:00+02:00", 1694908800 - 3600);
    expect_date("2023-09-16T23:00-02:00", "2023-09-16T23:00:00-02:00", 1694908800 + 3600);
    expect_refused("2023-09-17T12:00+24:00", "offset +24:00 does not exist");
    expect_refused("2023-09-17T12:00+0900", "expected YYYY-MM-DD");
    expect_refused("2023-09-17T12:00+09", "expected YYYY-MM-DD");
}

static void test_date_invalid(void **state)
{
    (void)state;
    expect_refused("", "expected YYYY-MM-DD");
    expect_refused("2023", "expected YYYY-MM-DD");
    expect_refused("2023-9-17", "expected YYYY-MM-DD");
    expect_refused("17-09-2023", "expected YYYY-MM-DD");
    expect_refused("2023/09/17", "expected YYYY-MM-DD");
    expect_refused("September 17, 2023", "expected YYYY-MM-DD");
    expect_refused(" 2023-09-17", "expected YYYY-MM-DD");
    expect_refused("2023-09-17 ", "expected YYYY-MM-DD");
    expect_refused("2023-09-17T", "expected YYYY-MM-DD");
    expect_refused("2023-09-17 10:00", "expected YYYY-MM-DD");
    expect_refused("2023-09-17T10", "expected YYYY-MM-DD");
    expect_refused("2023-09-17T10:00:", "expected YYYY-MM-DD");
    expect_refused("2023-09-17T10:00:00.", "expected YYYY-MM-DD");
    expect_refused("2023-09-17T10:00:00Zulu", "expected YYYY-MM-DD");
    expect_refused("2023-00-10", "month 00 does not exist");
    expect_refused("2023-13-01", "month 13 does not exist");
    expect_refused("2023-04-31", "April 2023 has 30 days");
    expect_refused("2023-01-00", "January 2023 has 31 days");
    expect_refused("2023-09-17T24:00", "time 24:00:00 does not exist");
    expect_refused("2023-09-17T23:60", "time 23:60:00 does not exist");
    expect_refused("2023-09-17T23:59:61", "time 23:59:61 does not exist");
    // Only 'len' bytes are read: a date followed by more text in the buffer is not a date.
    precis_date d;
    char err[96];
    assert_false(precis_date_parse("2023-09-17", 9, &d, err, sizeof err));
    assert_true(precis_date_parse("2023-09-17T", 10, &d, err, sizeof err));
}

/* The date found in 'text', or "" when none. */
static const char *found(const char *text)
{
    static precis_date d;
    return precis_date_find(text, strlen(text), &d) ? d.text : "";
}

static void test_date_in_text(void **state)
{
    (void)state;
    assert_string_equal(found("Updated 2023-09-17 08:00"), "2023-09-17");
    assert_string_equal(found("September 17, 2023"), "2023-09-17");
    assert_string_equal(found("Sept. 17, 2023"), "2023-09-17");
    assert_string_equal(found("Sep 17 2023"), "2023-09-17");
    assert_string_equal(found("17 September 2023"), "2023-09-17");
    assert_string_equal(found("17th Sept. 2023"), "2023-09-17");
    assert_string_equal(found("Sunday, September 17, 2023"), "2023-09-17");
    assert_string_equal(found("SEOUL, Feb. 29, 2024 (Wire) - Talks went on."), "2024-02-29");
    assert_string_equal(found("on March 1st, 2024, officials said"), "2024-03-01");
    assert_string_equal(found("PUBLISHED: 2 MAY 2022"), "2022-05-02");
    assert_string_equal(found("June 30, 2021 and July 1, 2021"), "2021-06-30"); // the first
    assert_string_equal(found("Sept.\xC2\xA0" "17,\xC2\xA0" "2023"), "2023-09-17");    // no-break spaces
    // Only a full date with its year dates a document.
    assert_string_equal(found("Sunday, September 17"), "");
    assert_string_equal(found("on Sunday the talks began"), "");
    assert_string_equal(found("September 2023"), "");
    assert_string_equal(found("in 2023"), "");
    // Not a date: no such day, a longer number, a word that starts like a month.
    assert_string_equal(found("February 30, 2023"), "");
    assert_string_equal(found("2023-02-30"), "");
    assert_string_equal(found("September 17, 20231"), "");
    assert_string_equal(found("12023-09-17"), "");
    assert_string_equal(found("Mayor 17, 2023"), "");
    assert_string_equal(found("May 171, 2023"), "");
    assert_string_equal(found("x2023-09-17"), "");
    assert_string_equal(found(""), "");
}

/* ---- the order, through the public API ----------------------------------------------- */

/* One sentence each: a summary of three sentences takes one of every report. */
static const char *const reports[3] = {
    "The flood has now killed more than 900 people across the river valley, officials said.",
    "Heavy rain caused a flood that killed at least 12 people in the river valley, officials said.",
    "The flood in the river valley has killed 140 people, officials said as the water rose.",
};

/* The documents of the summary's sentences, in output order, as "201...". */
static void summary_docs(const precis_corpus *c, precis_order order, char *out, size_t cap,
                         precis_order *applied)
{
    precis_options o;
    precis_options_init(&o);
    o.order = order;
    o.budget = 3;
    o.dedup = 0.99;
    o.min_words = 3;
    precis_summary *s = NULL;
    assert_int_equal(precis_summarize(c, &o, &s), PRECIS_OK);
    size_t n = 0;
    for (size_t i = 0; i < precis_summary_count(s) && n + 1 < cap; i++)
        out[n++] = (char)('0' + precis_summary_sentence(s, i)->doc);
    out[n] = '\0';
    *applied = precis_summary_order(s);
    precis_summary_free(s);
}

static void test_date_order(void **state)
{
    (void)state;
    precis_corpus *c;
    assert_int_equal(precis_corpus_new(&c), PRECIS_OK);
    for (size_t i = 0; i < 3; i++)
        assert_int_equal(precis_corpus_add(c, "report", reports[i], strlen(reports[i])), PRECIS_OK);
    char docs[8], by_source[8];
    precis_order applied;
    // No dates: auto is source order; time order keeps document order too.
    summary_docs(c, PRECIS_ORDER_AUTO, by_source, sizeof by_source, &applied);
    assert_int_equal(applied, PRECIS_ORDER_SOURCE);
    assert_int_equal(strlen(by_source), 3);
    assert_string_equal(by_source, "012");
    summary_docs(c, PRECIS_ORDER_TIME, docs, sizeof docs, &applied);
    assert_int_equal(applied, PRECIS_ORDER_TIME);
    assert_string_equal(docs, "012");
    // Two dated: auto stays source; time puts them first by date, the undated one last.
    assert_int_equal(precis_corpus_set_date(c, 0, "2030-05-09"), PRECIS_OK);
    assert_int_equal(precis_corpus_set_date(c, 2, "2030-05-09T01:00:00+03:00"), PRECIS_OK);
    summary_docs(c, PRECIS_ORDER_AUTO, docs, sizeof docs, &applied);
    assert_int_equal(applied, PRECIS_ORDER_SOURCE);
    assert_string_equal(docs, "012");
    summary_docs(c, PRECIS_ORDER_TIME, docs, sizeof docs, &applied);
    assert_string_equal(docs, "201"); // 01:00+03:00 is 22:00 UTC on the 8th: before the 9th
    // All three dated: auto is time order.
    assert_int_equal(precis_corpus_set_date(c, 1, "2030-05-06"), PRECIS_OK);
    assert_int_equal(precis_corpus_set_date(c, 2, "2030-05-07T23:59:59Z"), PRECIS_OK);
    summary_docs(c, PRECIS_ORDER_AUTO, docs, sizeof docs, &applied);
    assert_int_equal(applied, PRECIS_ORDER_TIME);
    assert_string_equal(docs, "120");
    // Rank order ignores dates; removing a date (NULL) brings back source order under auto.
    summary_docs(c, PRECIS_ORDER_RANK, docs, sizeof docs, &applied);
    assert_int_equal(applied, PRECIS_ORDER_RANK);
    assert_int_equal(precis_corpus_set_date(c, 1, NULL), PRECIS_OK);
    summary_docs(c, PRECIS_ORDER_AUTO, docs, sizeof docs, &applied);
    assert_int_equal(applied, PRECIS_ORDER_SOURCE);
    assert_string_equal(docs, "012");
    precis_corpus_free(c);
}

static void test_date_api(void **state)
{
    (void)state;
    precis_corpus *c;
    assert_int_equal(precis_corpus_new(&c), PRECIS_OK);
    assert_int_equal(precis_corpus_set_date(c, 0, "2030-05-06"), PRECIS_ERR_INVALID_ARG);
    assert_int_equal(precis_corpus_set_date(NULL, 0, "2030-05-06"), PRECIS_ERR_INVALID_ARG);
    const char *text = "Sunday, May 5, 2030\n\nThe bridge over the river was opened to traffic on "
                       "Sunday after three years of work.\n";
    assert_int_equal(precis_corpus_add(c, "bridge", text, strlen(text)), PRECIS_OK);
    assert_int_equal(precis_corpus_set_date(c, 1, "2030-05-06"), PRECIS_ERR_INVALID_ARG);
    assert_int_equal(precis_corpus_set_date(c, 0, "2030-02-29"), PRECIS_ERR_DATE);
    assert_string_equal(precis_corpus_error(c), "February 2030 has 28 days");
    assert_string_equal(precis_strerror(PRECIS_ERR_DATE),
                        "not a valid date (expected ISO 8601: YYYY-MM-DD[THH:MM[:SS]])");
    // The date found in the text, then the one given, which beats it.
    precis_summary *s = NULL;
    assert_int_equal(precis_summarize(c, NULL, &s), PRECIS_OK);
    const precis_document *d = precis_summary_document(s, 0);
    assert_string_equal(d->date, "2030-05-05");
    assert_int_equal(d->date_source, PRECIS_DATE_TEXT);
    assert_int_equal(precis_summary_order(s), PRECIS_ORDER_TIME);
    precis_summary_free(s);
    assert_int_equal(precis_corpus_set_date(c, 0, "2030-05-06T09:15+02:00"), PRECIS_OK);
    assert_string_equal(precis_corpus_error(c), "");
    assert_int_equal(precis_summarize(c, NULL, &s), PRECIS_OK);
    d = precis_summary_document(s, 0);
    assert_string_equal(d->date, "2030-05-06T09:15:00+02:00");
    assert_int_equal(d->date_source, PRECIS_DATE_GIVEN);
    precis_summary_free(s);
    // An order out of range is refused.
    precis_options o;
    precis_options_init(&o);
    o.order = (precis_order)(PRECIS_ORDER_AUTO + 1);
    assert_int_equal(precis_summarize(c, &o, &s), PRECIS_ERR_INVALID_ARG);
    assert_null(s);
    precis_corpus_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_date_valid),
        cmocka_unit_test(test_date_leap_years),
        cmocka_unit_test(test_date_time_zones),
        cmocka_unit_test(test_date_invalid),
        cmocka_unit_test(test_date_in_text),
        cmocka_unit_test(test_date_order),
        cmocka_unit_test(test_date_api),
    };
    return cmocka_run_group_tests_name("date", tests, NULL, NULL);
}
