/* Stage 1: precis_load_document() accepts UTF-8 text and rejects everything else with the byte
 * offset of the first offence. */
#include "internal.h"

#include "helpers.h"

/* Loads 'len' bytes and expects status 'want'; on failure also that the message holds 'needle'. */
static void expect_load(const char *data, size_t len, precis_status want, const char *needle)
{
    precis_doc doc;
    char err[128];
    precis_status st = precis_load_document("t.txt", data, len, &doc, err, sizeof err);
    if (st != want)
        fail_msg("status %d (%s), expected %d; message \"%s\"", (int)st, precis_strerror(st),
                 (int)want, err);
    if (want != PRECIS_OK) {
        // On failure the out-parameter is empty and nothing is allocated.
        assert_null(doc.text);
        assert_null(doc.name);
        assert_int_equal(doc.len, 0);
        if (needle != NULL && strstr(err, needle) == NULL)
            fail_msg("message \"%s\" does not contain \"%s\"", err, needle);
    } else {
        assert_string_equal(err, "");
    }
    precis_doc_destroy(&doc);
}

static void test_load_accepts_ascii(void **state)
{
    (void)state;
    precis_doc doc;
    char err[64];
    const char *text = "Hello world.\n";
    assert_int_equal(precis_load_document("a.txt", text, 13, &doc, err, sizeof err), PRECIS_OK);
    assert_string_equal(doc.name, "a.txt");
    assert_int_equal(doc.len, 13);
    assert_int_equal(doc.base, 0);
    assert_memory_equal(doc.text, text, 13);
    assert_int_equal(doc.text[13], '\0');
    assert_string_equal(err, "");
    precis_doc_destroy(&doc);
    assert_null(doc.text);
}

static void test_load_accepts_multibyte(void **state)
{
    (void)state;
    // 2-, 3- and 4-byte sequences, the largest code point U+10FFFF, and U+FFFD.
    const char *text = "Caf\xC3\xA9 \xE2\x80\x94 na\xC3\xAFve \xF0\x9F\x98\x80 \xF4\x8F\xBF\xBF "
                       "\xEF\xBF\xBD \xED\x9F\xBF.";
    expect_load(text, strlen(text), PRECIS_OK, NULL);
}

static void test_load_null_name_is_empty(void **state)
{
    (void)state;
    precis_doc doc;
    char err[64];
    assert_int_equal(precis_load_document(NULL, "Text.", 5, &doc, err, sizeof err), PRECIS_OK);
    assert_string_equal(doc.name, "");
    precis_doc_destroy(&doc);
}

static void test_load_skips_bom(void **state)
{
    (void)state;
    precis_doc doc;
    char err[64];
    const char *text = "\xEF\xBB\xBFHello.";
    assert_int_equal(precis_load_document("b", text, 9, &doc, err, sizeof err), PRECIS_OK);
    assert_int_equal(doc.base, 3);
    assert_int_equal(doc.len, 6);
    assert_string_equal(doc.text, "Hello.");
    precis_doc_destroy(&doc);
}

static void test_load_bom_only_is_empty(void **state)
{
    (void)state;
    expect_load("\xEF\xBB\xBF", 3, PRECIS_ERR_EMPTY, NULL);
}

static void test_load_rejects_lone_continuation(void **state)
{
    (void)state;
    expect_load("abc\x80" "def", 7, PRECIS_ERR_UTF8, "at byte 3");
    expect_load("\xBF", 1, PRECIS_ERR_UTF8, "at byte 0");
}

static void test_load_rejects_overlong(void **state)
{
    (void)state;
    expect_load("ab\xC0\xAF", 4, PRECIS_ERR_UTF8, "at byte 2");
    expect_load("x\xC1\xBF", 3, PRECIS_ERR_UTF8, "at byte 1");
    expect_load("xy\xE0\x80\xAF", 5, PRECIS_ERR_UTF8, "at byte 2");    // '/' in 3 bytes
    expect_load("x\xF0\x80\x80\xAF", 5, PRECIS_ERR_UTF8, "at byte 1"); // '/' in 4 bytes
}

static void test_load_rejects_surrogates(void **state)
{
    (void)state;
    expect_load("x\xED\xA0\x80y", 5, PRECIS_ERR_UTF8, "at byte 1"); // U+D800
    expect_load("ok \xED\xBF\xBF", 6, PRECIS_ERR_UTF8, "at byte 3"); // U+DFFF
}

static void test_load_rejects_truncated_sequence(void **state)
{
    (void)state;
    expect_load("abc\xE2\x82", 5, PRECIS_ERR_UTF8, "at byte 3");
    expect_load("abcd\xF0\x9F\x98", 7, PRECIS_ERR_UTF8, "at byte 4");
    expect_load("a\xC3", 2, PRECIS_ERR_UTF8, "at byte 1");
    // A lead byte followed by ASCII instead of a continuation byte.
    expect_load("a\xC3z more text", 12, PRECIS_ERR_UTF8, "at byte 1");
}

static void test_load_rejects_above_max_code_point(void **state)
{
    (void)state;
    expect_load("\xF4\x90\x80\x80", 4, PRECIS_ERR_UTF8, "at byte 0"); // U+110000
    expect_load("ab\xF5\x80\x80\x80", 6, PRECIS_ERR_UTF8, "at byte 2");
    expect_load("ab\xFF", 3, PRECIS_ERR_UTF8, "at byte 2");
}

static void test_load_utf8_offset_counts_bom(void **state)
{
    (void)state;
    // Offsets are in the bytes as given, so that a user can find them in the file.
    expect_load("\xEF\xBB\xBF" "ab\xFF", 6, PRECIS_ERR_UTF8, "at byte 5");
}

static void test_load_rejects_nul_byte(void **state)
{
    (void)state;
    expect_load("abc\0def", 7, PRECIS_ERR_BINARY, "at byte 3");
    expect_load("\0", 1, PRECIS_ERR_BINARY, "at byte 0");
}

static void test_load_rejects_control_bytes(void **state)
{
    (void)state;
    expect_load("ab\x01", 3, PRECIS_ERR_BINARY, "at byte 2");
    expect_load("text\x7F", 5, PRECIS_ERR_BINARY, "at byte 4");
    expect_load("a\x1B[0m", 5, PRECIS_ERR_BINARY, "at byte 1");
}

static void test_load_accepts_text_controls(void **state)
{
    (void)state;
    expect_load("a\tb\nc\rd\fe\vf.", 12, PRECIS_OK, NULL);
}

static void test_load_rejects_utf16_boms(void **state)
{
    (void)state;
    expect_load("\xFF\xFEh\0i\0", 6, PRECIS_ERR_UTF16, NULL); // UTF-16 LE
    expect_load("\xFE\xFF\0h\0i", 6, PRECIS_ERR_UTF16, NULL); // UTF-16 BE
    expect_load("\xFF\xFE", 2, PRECIS_ERR_UTF16, NULL);
    expect_load("\0\0\xFE\xFF\0\0\0h", 8, PRECIS_ERR_UTF16, NULL); // UTF-32 BE
    expect_load("\xFF\xFE\0\0h\0\0\0", 8, PRECIS_ERR_UTF16, NULL); // UTF-32 LE
}

static void test_load_rejects_empty(void **state)
{
    (void)state;
    expect_load("", 0, PRECIS_ERR_EMPTY, "empty");
}

static void test_load_rejects_whitespace_only(void **state)
{
    (void)state;
    expect_load(" \t\r\n\n  \f\v", 9, PRECIS_ERR_EMPTY, NULL);
    expect_load("\xC2\xA0", 2, PRECIS_ERR_EMPTY, NULL);                        // U+00A0
    // U+00A0, U+2003, U+3000
    expect_load(" \xC2\xA0\n\xE2\x80\x83\xE3\x80\x80\r\n", 12, PRECIS_ERR_EMPTY, NULL);
    expect_load("\xE2\x80\x8B", 3, PRECIS_ERR_EMPTY, NULL);                    // U+200B
}

static void test_load_accepts_crlf(void **state)
{
    (void)state;
    precis_doc doc;
    char err[64];
    const char *text = "One.\r\nTwo.\r\n";
    assert_int_equal(precis_load_document("c", text, 12, &doc, err, sizeof err), PRECIS_OK);
    assert_int_equal(doc.len, 12);
    assert_memory_equal(doc.text, text, 12); // kept as given: offsets refer to these bytes
    precis_doc_destroy(&doc);
    expect_load("Old Mac.\rText.\r", 15, PRECIS_OK, NULL);
}

static void test_load_without_error_buffer(void **state)
{
    (void)state;
    precis_doc doc;
    assert_int_equal(precis_load_document("n", "ab\xFF", 3, &doc, NULL, 0), PRECIS_ERR_UTF8);
    assert_int_equal(precis_load_document("n", "", 0, &doc, NULL, 0), PRECIS_ERR_EMPTY);
    assert_int_equal(precis_load_document("n", "ok", 2, &doc, NULL, 0), PRECIS_OK);
    precis_doc_destroy(&doc);
}

static void test_load_truncates_long_error(void **state)
{
    (void)state;
    precis_doc doc;
    char err[12];
    memset(err, 'x', sizeof err);
    assert_int_equal(precis_load_document("n", "ab\xFF", 3, &doc, err, sizeof err),
                     PRECIS_ERR_UTF8);
    assert_true(strlen(err) < sizeof err);
}

static void test_load_large_document(void **state)
{
    (void)state;
    size_t len;
    char *big = test_repeat("caf\xC3\xA9 na\xC3\xAFve. ", 65536, &len); // > 1 MB
    precis_doc doc;
    char err[64];
    assert_int_equal(precis_load_document("big", big, len, &doc, err, sizeof err), PRECIS_OK);
    assert_int_equal(doc.len, len);
    precis_doc_destroy(&doc);
    // The first offence is reported, even at the very end of a large input.
    big[len - 1] = '\xC3';
    assert_int_equal(precis_load_document("big", big, len, &doc, err, sizeof err),
                     PRECIS_ERR_UTF8);
    char want[64];
    snprintf(want, sizeof want, "at byte %zu", len - 1);
    assert_non_null(strstr(err, want));
    free(big);
}

/* precis_check_text() is the loader's own check: the same verdict and the same words for every
 * kind of bad text, and white space alone is text (only a document must hold more). */
static void test_load_check_text_is_the_loaders(void **state)
{
    (void)state;
    static const struct {
        const char *s;
        size_t len;
    } cases[] = {{"fine text\n", 10},     {"\xEF\xBB\xBFwith a BOM", 13}, {"nul\0byte", 8},
                 {"\xFF\xFEu\0t\0f\0", 8}, {"caf\xC3", 4},                 {"\xED\xA0\x80", 3},
                 {"tab\tand\fform", 12},  {"esc\x1B[2J", 7}};
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        char why[128], err[128];
        precis_doc doc;
        precis_status want = precis_load_document("x", cases[k].s, cases[k].len, &doc, err,
                                                  sizeof err);
        precis_doc_destroy(&doc);
        precis_status got = precis_check_text(cases[k].s, cases[k].len, why, sizeof why);
        assert_int_equal(got, want);
        if (want != PRECIS_OK)
            assert_string_equal(why, err);
    }
    char why[64];
    assert_int_equal(precis_check_text("   ", 3, why, sizeof why), PRECIS_OK);
    assert_int_equal(precis_check_text(NULL, 0, NULL, 0), PRECIS_OK);
    assert_int_equal(precis_check_text(NULL, 3, why, sizeof why), PRECIS_ERR_INVALID_ARG);
    assert_int_equal(precis_check_text("caf\xC3", 4, NULL, 0), PRECIS_ERR_UTF8);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_load_accepts_ascii),
        cmocka_unit_test(test_load_accepts_multibyte),
        cmocka_unit_test(test_load_null_name_is_empty),
        cmocka_unit_test(test_load_skips_bom),
        cmocka_unit_test(test_load_bom_only_is_empty),
        cmocka_unit_test(test_load_rejects_lone_continuation),
        cmocka_unit_test(test_load_rejects_overlong),
        cmocka_unit_test(test_load_rejects_surrogates),
        cmocka_unit_test(test_load_rejects_truncated_sequence),
        cmocka_unit_test(test_load_rejects_above_max_code_point),
        cmocka_unit_test(test_load_utf8_offset_counts_bom),
        cmocka_unit_test(test_load_rejects_nul_byte),
        cmocka_unit_test(test_load_rejects_control_bytes),
        cmocka_unit_test(test_load_accepts_text_controls),
        cmocka_unit_test(test_load_rejects_utf16_boms),
        cmocka_unit_test(test_load_rejects_empty),
        cmocka_unit_test(test_load_rejects_whitespace_only),
        cmocka_unit_test(test_load_accepts_crlf),
        cmocka_unit_test(test_load_without_error_buffer),
        cmocka_unit_test(test_load_truncates_long_error),
        cmocka_unit_test(test_load_large_document),
        cmocka_unit_test(test_load_check_text_is_the_loaders),
    };
    return cmocka_run_group_tests_name("load", tests, NULL, NULL);
}
