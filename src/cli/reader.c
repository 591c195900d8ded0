/* The one reader of user data: files, standard input and lines of JSON Lines, each bounded by
 * a limit checked before and while reading, binary data refused from the first block, text
 * checked as the library's loader does; and the one way messages reach stderr (one line, the
 * input's name and everything quoted escaped). Used by every command (README, "Hostile input").
 * Depends on nothing else in src/cli/ (the fuzz harnesses compile it on its own). */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <precis.h>

#include "cli.h"

/* ---- messages ----------------------------------------------------------------------------- */

/* Length of the valid UTF-8 sequence at 's' (at most 'n' bytes), or 0: RFC 3629, as the
 * library's loader checks it. Only for escaping messages, which walk a name sequence by
 * sequence: the public API checks whole texts (precis_check_text()), and the program sees
 * nothing else of the library. */
static size_t utf8_seq(const unsigned char *s, size_t n)
{
    unsigned c = s[0];
    if (c < 0x80)
        return 1;
    if (c < 0xC2)
        return 0;
    if (c < 0xE0)
        return n >= 2 && (s[1] & 0xC0) == 0x80 ? 2 : 0;
    if (c < 0xF0) {
        if (n < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80)
            return 0;
        if ((c == 0xE0 && s[1] < 0xA0) || (c == 0xED && s[1] >= 0xA0))
            return 0;
        return 3;
    }
    if (c < 0xF5) {
        if (n < 4 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80 || (s[3] & 0xC0) != 0x80)
            return 0;
        if ((c == 0xF0 && s[1] < 0x90) || (c == 0xF4 && s[1] >= 0x90))
            return 0;
        return 4;
    }
    return 0;
}

void precis_cli_escape(FILE *out, const char *s, size_t len)
{
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < len;) {
        unsigned c = u[i];
        size_t k = utf8_seq(u + i, len - i);
        // C0 controls, DEL, C1 controls (U+0080..U+009F: a terminal may obey U+009B as CSI)
        // and bytes that are not UTF-8 are written as escapes; the rest as it is.
        if (c == '\n' || c == '\t' || c == '\r') {
            fprintf(out, "\\%c", c == '\n' ? 'n' : c == '\t' ? 't' : 'r');
            i++;
        } else if (k == 0 || c < 0x20 || c == 0x7F || (k == 2 && c == 0xC2 && u[i + 1] < 0xA0)) {
            for (size_t j = 0; j < (k ? k : 1); j++)
                fprintf(out, "\\x%02X", u[i + j]);
            i += k ? k : 1;
        } else {
            fwrite(u + i, 1, k, out);
            i += k;
        }
    }
}

char *precis_cli_escaped(const char *s)
{
    char *out = NULL;
    size_t cap = 0;
    FILE *m = open_memstream(&out, &cap);
    if (m == NULL)
        return NULL;
    precis_cli_escape(m, s, strlen(s));
    if (fclose(m) != 0) {
        free(out);
        return NULL;
    }
    return out;
}

/* "PREFIX: MESSAGE\n" on stderr, MESSAGE escaped (a trailing newline in 'fmt' is dropped). */
__attribute__((format(printf, 2, 0))) static void vmessage(const char *prefix, const char *fmt,
                                                           va_list ap)
{
    char small[1024], *msg = small;
    va_list copy;
    va_copy(copy, ap);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    if (n >= (int)sizeof small && (msg = malloc((size_t)n + 1)) != NULL)
        vsnprintf(msg, (size_t)n + 1, fmt, copy);
    va_end(copy);
    if (msg == NULL)
        msg = small; // out of memory: the message cut short is still one line
    size_t len = n < 0 ? 0 : strlen(msg);
    if (len > 0 && msg[len - 1] == '\n')
        len--;
    fprintf(stderr, "%s: ", prefix);
    precis_cli_escape(stderr, msg, len);
    fputc('\n', stderr);
    if (msg != small)
        free(msg);
}

void precis_cli_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vmessage("precis", fmt, ap);
    va_end(ap);
}

int precis_cli_usage_error(const char *command, const char *fmt, ...)
{
    char prefix[64];
    snprintf(prefix, sizeof prefix, "precis%s%s", command ? " " : "", command ? command : "");
    va_list ap;
    va_start(ap, fmt);
    vmessage(prefix, fmt, ap);
    va_end(ap);
    fprintf(stderr, "Try '%s --help'.\n", prefix);
    return EXIT_USAGE;
}

/* ---- the text check ----------------------------------------------------------------------- */

/* The UTF-16/32 byte-order marks the loader refuses (and a web page may be converted from). */
static bool utf16_bom(const unsigned char *s, size_t len)
{
    return (len >= 2 && ((s[0] == 0xFF && s[1] == 0xFE) || (s[0] == 0xFE && s[1] == 0xFF))) ||
           (len >= 4 && s[0] == 0 && s[1] == 0 && s[2] == 0xFE && s[3] == 0xFF);
}

bool precis_cli_check_text(const char *data, size_t len, char *why, size_t why_cap)
{
    return precis_check_text(data, len, why, why_cap) == PRECIS_OK; // the loader's own check
}

/* ---- reading ------------------------------------------------------------------------------ */

/* The first block: enough to tell binary data (a NUL byte) from text without reading on. */
#define FIRST_BLOCK ((size_t)64 << 10)

/* Reads all of 'fd' into 'b', at most 'limit' bytes; returns 0 or an errno value (EFBIG: over
 * the limit; EILSEQ: a NUL byte in the first block, at '*nul'). */
static int read_fd(int fd, precis_cli_buf *b, size_t limit, bool binary_check, size_t *nul)
{
    struct stat sb;
    bool regular = fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode);
    if (regular && (uintmax_t)sb.st_size > limit) // refuse before allocating anything
        return EFBIG;
    // A file is read in one go (its size, plus one byte to see the end); a pipe or a file that
    // grows in blocks that double, but never past the limit plus one byte.
    size_t hint = regular && (size_t)sb.st_size < SIZE_MAX ? (size_t)sb.st_size + 1 : FIRST_BLOCK;
    if (hint > FIRST_BLOCK && binary_check)
        hint = FIRST_BLOCK; // the first block alone first: a binary file is refused early
    bool checked = !binary_check;
    for (;;) {
        if (b->len == b->cap) {
            size_t cap = b->cap == 0 ? hint : b->cap > SIZE_MAX / 2 ? SIZE_MAX : b->cap * 2;
            if (regular && b->cap != 0 && cap < (size_t)sb.st_size + 1)
                cap = (size_t)sb.st_size + 1;
            if (limit < SIZE_MAX && cap > limit + 1)
                cap = limit + 1;
            if (cap <= b->cap)
                return EFBIG;
            char *p = realloc(b->data, cap);
            if (p == NULL)
                return ENOMEM;
            b->data = p;
            b->cap = cap;
        }
        ssize_t k = read(fd, b->data + b->len, b->cap - b->len);
        if (k < 0) {
            if (errno == EINTR)
                continue;
            return errno;
        }
        b->len += (size_t)k;
        if (!checked && (b->len >= FIRST_BLOCK || k == 0)) {
            checked = true;
            size_t n = b->len < FIRST_BLOCK ? b->len : FIRST_BLOCK;
            const char *z = utf16_bom((const unsigned char *)b->data, n)
                                ? NULL // UTF-16 holds NULs: the page reader converts it
                                : memchr(b->data, '\0', n);
            if (z != NULL) {
                *nul = (size_t)(z - b->data);
                return EILSEQ;
            }
        }
        if (b->len > limit)
            return EFBIG;
        if (k == 0)
            return 0;
    }
}

int precis_cli_read(const char *path, const precis_cli_limit *lim, precis_cli_buf *b)
{
    b->data = NULL;
    b->len = b->cap = 0;
    bool is_stdin = path == NULL;
    const char *name = is_stdin ? "(stdin)" : path;
    int fd = is_stdin ? STDIN_FILENO : open(path, O_RDONLY);
    if (fd < 0) {
        int err = errno;
        precis_cli_error("%s: %s", name, strerror(err));
        return err == ENOMEM ? EXIT_INTERNAL : EXIT_FAILURE;
    }
    size_t nul = 0;
    int err = read_fd(fd, b, lim->bytes, true, &nul);
    if (!is_stdin)
        close(fd);
    char why[128];
    if (err == EFBIG)
        precis_cli_error("%s: input exceeds the size limit (%s)", name, lim->hint);
    else if (err == EILSEQ)
        precis_cli_error("%s: binary data: control byte 0x00 at byte %zu", name, nul);
    else if (err != 0)
        precis_cli_error("%s: %s", name, strerror(err));
    else if (lim->text && !precis_cli_check_text(b->data, b->len, why, sizeof why)) {
        precis_cli_error("%s: %s", name, why);
        err = EILSEQ;
    } else if (b->data == NULL && (b->data = malloc(1)) == NULL) {
        precis_cli_error("%s: %s", name, strerror(ENOMEM));
        err = ENOMEM;
    }
    if (err == 0)
        return 0;
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
    return err == ENOMEM ? EXIT_INTERNAL : EXIT_FAILURE;
}

int precis_cli_read_line(FILE *in, precis_cli_buf *b, size_t limit, bool nul_stops,
                         size_t *line_len)
{
    b->len = 0;
    *line_len = 0;
    bool any = false;
    int c;
    while ((c = getc_unlocked(in)) != EOF) {
        any = true;
        if (c == '\n')
            return 1;
        if (c == '\0' && nul_stops)
            return 2; // binary data: no need to read on (/dev/zero has no end)
        if (++*line_len > limit)
            continue; // too long: read on to the end of the line, keeping nothing
        if (b->len + 1 >= b->cap) {
            size_t cap = b->cap ? b->cap * 2 : 4096;
            if (limit < SIZE_MAX && cap > limit + 1)
                cap = limit + 1;
            if (cap < b->len + 2)
                cap = b->len + 2;
            char *p = realloc(b->data, cap);
            if (p == NULL)
                return -1;
            b->data = p;
            b->cap = cap;
        }
        b->data[b->len++] = (char)c;
    }
    if (ferror(in))
        return -2;
    return any ? 1 : 0;
}
