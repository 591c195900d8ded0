/* Shared by the cmocka unit tests: the includes cmocka 1.1.5 needs, assert_near() for doubles,
 * and (for stage tests, which include "internal.h" first) helpers that split a string into
 * sentences and compare the spans with what a test expects. */
#ifndef PRECIS_TESTS_HELPERS_H
#define PRECIS_TESTS_HELPERS_H

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

/* cmocka 1.1.5's assert_float_equal() takes float; this one keeps double precision and says
 * which expression was off, and by how much. */
#define assert_near(a, b, eps)                                                                 \
    do {                                                                                       \
        double near_a_ = (double)(a), near_b_ = (double)(b), near_e_ = (double)(eps);          \
        if (!(fabs(near_a_ - near_b_) <= near_e_))                                             \
            fail_msg("%s = %.12g, expected %.12g (+/- %g)", #a, near_a_, near_b_, near_e_);    \
    } while (0)

/* A NUL-terminated malloc'ed copy of 'len' bytes at 's'; the caller frees it. */
static inline char *test_strndup(const char *s, size_t len)
{
    char *p = malloc(len + 1);
    assert_non_null(p);
    memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

/* 'n' copies of the string 'unit', in a malloc'ed buffer; '*len' gets the length. */
static inline char *test_repeat(const char *unit, size_t n, size_t *len)
{
    size_t u = strlen(unit);
    char *p = malloc(u * n + 1);
    assert_non_null(p);
    for (size_t i = 0; i < n; i++)
        memcpy(p + i * u, unit, u);
    p[u * n] = '\0';
    *len = u * n;
    return p;
}

#ifdef PRECIS_INTERNAL_H

/* The English abbreviation list as the pipeline uses it. */
static inline void test_abbrevs(precis_abbrevs *ab)
{
    assert_int_equal(precis_abbrevs_init(ab, precis_data_en_abbrev, precis_data_en_abbrev_count,
                                         precis_data_en_txt, precis_data_en_txt_count),
                     PRECIS_OK);
}

/* Splits 'text' (a whole document, 'len' bytes) as document 0 into 'out' (zeroed first). */
static inline void test_split_len(const char *text, size_t len, precis_sents *out)
{
    precis_abbrevs ab;
    test_abbrevs(&ab);
    memset(out, 0, sizeof *out);
    assert_int_equal(precis_split_document(text, len, 0, &ab, out), PRECIS_OK);
    precis_abbrevs_destroy(&ab);
    for (size_t i = 0; i < out->n; i++) {
        assert_true(out->v[i].len > 0);
        assert_true(out->v[i].off + out->v[i].len <= len);
    }
}

static inline void test_split(const char *text, precis_sents *out)
{
    test_split_len(text, strlen(text), out);
}

/* Prints every sentence found, for the failure message of check_split(). */
static inline void test_print_sents(const char *text, const precis_sents *s)
{
    print_error("  got %zu sentence(s):\n", s->n);
    for (size_t i = 0; i < s->n; i++)
        print_error("    [%zu] para %u off %zu len %zu: \"%.*s\"\n", i, (unsigned)s->v[i].para,
                    s->v[i].off, s->v[i].len, (int)s->v[i].len, text + s->v[i].off);
}

/* Splits 'text' and checks that the sentences are exactly the byte strings 'want[0..n)'. */
static inline void check_split(const char *text, const char *const *want, size_t n,
                               const char *file, int line)
{
    precis_sents s;
    test_split(text, &s);
    bool ok = s.n == n;
    for (size_t i = 0; ok && i < n; i++)
        ok = s.v[i].len == strlen(want[i]) && memcmp(text + s.v[i].off, want[i], s.v[i].len) == 0;
    if (!ok) {
        print_error("split of \"%s\"\n  expected %zu sentence(s):\n", text, n);
        for (size_t i = 0; i < n; i++)
            print_error("    [%zu] \"%s\"\n", i, want[i]);
        test_print_sents(text, &s);
        free(s.v);
        _fail(file, line);
    }
    free(s.v);
}

/* assert_split(text, "first sentence", "second sentence", ...) */
#define assert_split(text, ...)                                                                \
    do {                                                                                       \
        const char *const split_want_[] = {__VA_ARGS__};                                       \
        check_split((text), split_want_, sizeof split_want_ / sizeof split_want_[0], __FILE__,  \
                    __LINE__);                                                                 \
    } while (0)

#endif /* PRECIS_INTERNAL_H */

#endif
