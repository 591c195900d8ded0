/* Document dates: an ISO 8601 date given with a document, or a full date (with its year) found
 * in its first lines. They order a cluster's summary in time (PRECIS_ORDER_TIME). */
#include <stdio.h>
#include <stdlib.h>

#include "internal.h"

static bool is_leap(long y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int month_days(long y, int m)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

/* Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar (H. Hinnant's
 * days_from_civil). */
static int64_t days_from_civil(long y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static const char *const month_names[12] = {"January", "February", "March",     "April",
                                            "May",     "June",     "July",      "August",
                                            "September", "October", "November", "December"};

/* 'n' ASCII digits at 's' (all of them digits) as a number; -1 otherwise. */
static long digits(const char *s, size_t len, size_t at, size_t n)
{
    long v = 0;
    if (at + n > len)
        return -1;
    for (size_t i = 0; i < n; i++) {
        if (s[at + i] < '0' || s[at + i] > '9')
            return -1;
        v = v * 10 + (s[at + i] - '0');
    }
    return v;
}

/* A valid calendar day into 'out' (00:00 UTC); false with the reason when it does not exist. */
static bool set_day(long y, long m, long d, precis_date *out, char *err, size_t err_cap)
{
    if (m < 1 || m > 12) {
        snprintf(err, err_cap, "month %02ld does not exist", m);
        return false;
    }
    if (d < 1 || d > month_days(y, (int)m)) {
        snprintf(err, err_cap, "%s %04ld has %d days", month_names[m - 1], y,
                 month_days(y, (int)m));
        return false;
    }
    out->when = days_from_civil(y, (int)m, (int)d) * 86400;
    snprintf(out->text, sizeof out->text, "%04d-%02d-%02d", (int)(y % 10000), (int)(m % 100),
             (int)(d % 100));
    return true;
}

bool precis_date_parse(const char *s, size_t len, precis_date *out, char *err, size_t err_cap)
{
    static const char form[] = "expected YYYY-MM-DD, optionally followed by THH:MM[:SS] and Z "
                               "or +HH:MM";
    long y = digits(s, len, 0, 4), m = digits(s, len, 5, 2), d = digits(s, len, 8, 2);
    if (y < 0 || m < 0 || d < 0 || s[4] != '-' || s[7] != '-' || (len > 10 && s[10] != 'T')) {
        snprintf(err, err_cap, "%s", form);
        return false;
    }
    precis_date date;
    if (!set_day(y, m, d, &date, err, err_cap))
        return false;
    if (len == 10) {
        *out = date;
        return true;
    }
    // THH:MM[:SS[.fraction]][Z|+HH:MM|-HH:MM]
    size_t i = 11;
    long hh = digits(s, len, i, 2), mm = digits(s, len, i + 3, 2), ss = 0;
    if (hh < 0 || mm < 0 || s[i + 2] != ':') {
        snprintf(err, err_cap, "%s", form);
        return false;
    }
    i += 5;
    if (i < len && s[i] == ':') {
        if ((ss = digits(s, len, i + 1, 2)) < 0) {
            snprintf(err, err_cap, "%s", form);
            return false;
        }
        i += 3;
        if (i < len && s[i] == '.') { // a fraction of a second does not change the order
            size_t k = ++i;
            while (i < len && s[i] >= '0' && s[i] <= '9')
                i++;
            if (i == k) {
                snprintf(err, err_cap, "%s", form);
                return false;
            }
        }
    }
    if (hh > 23 || mm > 59 || ss > 60) { // 60: a leap second
        snprintf(err, err_cap, "time %02ld:%02ld:%02ld does not exist", hh, mm, ss);
        return false;
    }
    long offset = 0; // seconds east of UTC
    char zone[8] = "";
    if (i < len && s[i] == 'Z') {
        strcpy(zone, "Z");
        i++;
    } else if (i < len && (s[i] == '+' || s[i] == '-')) {
        long oh = digits(s, len, i + 1, 2), om = digits(s, len, i + 4, 2);
        if (oh < 0 || om < 0 || s[i + 3] != ':') {
            snprintf(err, err_cap, "%s", form);
            return false;
        }
        if (oh > 23 || om > 59) {
            snprintf(err, err_cap, "time zone offset %c%02ld:%02ld does not exist", s[i], oh, om);
            return false;
        }
        offset = (oh * 3600 + om * 60) * (s[i] == '-' ? -1 : 1);
        memcpy(zone, s + i, 6); // "+HH:MM" as checked above
        zone[6] = '\0';
        i += 6;
    }
    if (i != len) {
        snprintf(err, err_cap, "%s", form);
        return false;
    }
    date.when += hh * 3600 + mm * 60 + ss - offset;
    // The moduli tell the compiler what the checks above already made sure of: two digits.
    snprintf(date.text + 10, sizeof date.text - 10, "T%02d:%02d:%02d%s", (int)(hh % 100),
             (int)(mm % 100), (int)(ss % 100), zone);
    *out = date;
    return true;
}

/* ---- dates written in the text --------------------------------------------------------- */

static bool is_alnum(char c)
{
    return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

/* The month named at 's[at]' (full English name, or its abbreviation with or without a full
 * stop: "Sept.", "Jan"): 1 to 12, its length in '*n'; 0 when none. */
static int month_at(const char *s, size_t len, size_t at, size_t *n)
{
    static const char *const abbrevs[] = {"jan", "feb", "mar", "apr", "may", "jun",  "jul",
                                          "aug", "sep", "oct", "nov", "dec", "sept"};
    for (int m = 0; m < 12; m++) { // full names first: "June" is not "Jun" and an 'e'
        size_t k = strlen(month_names[m]), i = 0;
        while (i < k && at + i < len && (s[at + i] | 0x20) == (month_names[m][i] | 0x20))
            i++;
        if (i == k && (at + k == len || !is_alnum(s[at + k]))) {
            *n = k;
            return m + 1;
        }
    }
    for (int a = 0; a < 13; a++) {
        size_t k = strlen(abbrevs[a]), i = 0;
        while (i < k && at + i < len && (s[at + i] | 0x20) == abbrevs[a][i])
            i++;
        if (i == k && (at + k == len || !is_alnum(s[at + k]))) {
            *n = k + (at + k < len && s[at + k] == '.');
            return a == 12 ? 9 : a + 1;
        }
    }
    return 0;
}

/* Blanks (spaces, tabs, a no-break space) from 'at'; how many bytes. */
static size_t blanks(const char *s, size_t len, size_t at)
{
    size_t i = at;
    for (;;) {
        if (i < len && (s[i] == ' ' || s[i] == '\t'))
            i++;
        else if (i + 1 < len && (unsigned char)s[i] == 0xC2 && (unsigned char)s[i + 1] == 0xA0)
            i += 2;
        else
            return i - at;
    }
}

/* A day of the month at 's[at]': one or two digits, maybe an ordinal suffix ("17th"). */
static long day_at(const char *s, size_t len, size_t at, size_t *n)
{
    size_t i = at;
    long d = 0;
    while (i < len && i < at + 2 && s[i] >= '0' && s[i] <= '9')
        d = d * 10 + (s[i++] - '0');
    if (i == at || (i < len && s[i] >= '0' && s[i] <= '9'))
        return -1;
    static const char *const suffixes[] = {"st", "nd", "rd", "th"};
    for (size_t k = 0; k < 4; k++)
        if (i + 2 <= len && (s[i] | 0x20) == suffixes[k][0] &&
            (s[i + 1] | 0x20) == suffixes[k][1]) {
            i += 2;
            break;
        }
    if (i < len && is_alnum(s[i]))
        return -1;
    *n = i - at;
    return d;
}

/* A four-digit year at 's[at]', not part of a longer number or word. */
static long year_at(const char *s, size_t len, size_t at)
{
    long y = digits(s, len, at, 4);
    return y >= 0 && (at + 4 == len || !is_alnum(s[at + 4])) ? y : -1;
}

/* "September 17, 2023", "Sept. 17 2023", "17 September 2023", "2023-09-17" at 's[at]'. */
static bool date_at(const char *s, size_t len, size_t at, precis_date *out)
{
    char err[64];
    size_t n, i;
    long y, d;
    int m;
    if ((m = month_at(s, len, at, &n)) > 0) {
        i = at + n;
        size_t b = blanks(s, len, i), k;
        if (b == 0 || (d = day_at(s, len, i + b, &k)) < 0)
            return false;
        i += b + k;
        i += i < len && s[i] == ',';
        b = blanks(s, len, i);
        return b > 0 && (y = year_at(s, len, i + b)) >= 0 && set_day(y, m, d, out, err, sizeof err);
    }
    if (at >= len || s[at] < '0' || s[at] > '9')
        return false;
    y = digits(s, len, at, 4);
    if (y >= 0 && at + 10 <= len && s[at + 4] == '-' && s[at + 7] == '-' &&
        (at + 10 == len || !is_alnum(s[at + 10]) || s[at + 10] == 'T')) {
        long mm = digits(s, len, at + 5, 2), dd = digits(s, len, at + 8, 2);
        return mm >= 0 && dd >= 0 && set_day(y, mm, dd, out, err, sizeof err);
    }
    if ((d = day_at(s, len, at, &n)) < 0)
        return false;
    i = at + n;
    size_t b = blanks(s, len, i);
    if (b == 0 || (m = month_at(s, len, i + b, &n)) == 0)
        return false;
    i += b + n;
    i += i < len && s[i] == ',';
    b = blanks(s, len, i);
    return b > 0 && (y = year_at(s, len, i + b)) >= 0 && set_day(y, m, d, out, err, sizeof err);
}

bool precis_date_find(const char *text, size_t len, precis_date *out)
{
    for (size_t i = 0; i < len; i++)
        if ((i == 0 || !is_alnum(text[i - 1])) && is_alnum(text[i]) && date_at(text, len, i, out))
            return true;
    return false;
}

/* ---- every document of a corpus --------------------------------------------------------- */

/* A date found in the text is read no further than this into a document: its first lines. */
#define DATE_SCAN_BYTES 2048

precis_status precis_dates_find_all(const precis_candidates *cd, precis_date *dates,
                                    uint8_t *source)
{
    size_t n = cd->n_docs;
    size_t *scan = precis_malloc((n ? n : 1) * sizeof *scan); // bytes to read per document
    if (scan == NULL)
        return PRECIS_ERR_NOMEM;
    memset(source, PRECIS_DATE_NONE, n);
    for (size_t d = 0; d < n; d++)
        scan[d] = SIZE_MAX;
    for (size_t k = 0; k < cd->n; k++) {
        const precis_sent *ps = precis_candidate(cd, k);
        if (scan[ps->doc] == SIZE_MAX)
            scan[ps->doc] = ps->off + ps->len;
    }
    for (size_t d = 0; d < n; d++) {
        const precis_doc *doc = &cd->docs[d];
        if (doc->dated) {
            dates[d] = doc->date;
            source[d] = PRECIS_DATE_GIVEN;
            continue;
        }
        size_t len = scan[d] < doc->len ? scan[d] : doc->len;
        if (len > DATE_SCAN_BYTES)
            len = DATE_SCAN_BYTES;
        if (precis_date_find(doc->text, len, &dates[d]))
            source[d] = PRECIS_DATE_TEXT;
    }
    free(scan);
    return PRECIS_OK;
}
