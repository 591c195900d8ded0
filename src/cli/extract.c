/* 'precis extract': what precis reads in a web page (or Markdown, or text): the article body,
 * one paragraph per block separated by blank lines; with -f json, the page's metadata too. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>
#include <precis.h>

#include "cli.h"

static const char extract_usage[] =
    "Usage: precis extract [OPTIONS] [FILE...]\n"
    "Prints the article each web page holds, as precis reads it before summarizing: its\n"
    "paragraphs, headings and list items separated by blank lines, without menus, ads,\n"
    "share bars, comments, captions or related links (the headline is left out; -f json\n"
    "gives it). Markdown and text files print their text. With several FILEs each is\n"
    "preceded by '==> FILE <=='. '-' (or no FILE) reads standard input.\n"
    "\n"
    "  -f, --format FMT        'text' or 'json' (JSON Lines: one object per file with file,\n"
    "                          input, title, site, author, date, url, description,\n"
    "                          language, charset and text) [default: text]\n"
    "      --input KIND        'html', 'markdown', 'text' or 'auto' (HTML by content, see\n"
    "                          'precis --help'; Markdown for *.md and *.markdown files)\n"
    "                          [default: auto]\n"
    "      --max-bytes N       refuse a file larger than N bytes [default: 2 GiB]\n"
    "  -h, --help              show this help and exit\n"
    "\n"
    "Exit status: 0 success; 1 a file could not be read or holds no text; 2 bad usage;\n"
    "3 internal error.\n";

enum { OPT_INPUT = 256, OPT_MAX_BYTES };

static const struct option extract_opts[] = {
    {"format", required_argument, NULL, 'f'},
    {"input", required_argument, NULL, OPT_INPUT},
    {"max-bytes", required_argument, NULL, OPT_MAX_BYTES},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

__attribute__((format(printf, 1, 2))) static int extract_usage_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char msg[1024];
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return precis_cli_usage_error("extract", "%s", msg);
}

bool precis_cli_parse_input(const char *s, precis_input *out)
{
    static const char *const names[] = {"auto", "text", "html", "markdown"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(s, names[i]) == 0) {
            *out = (precis_input)i;
            return true;
        }
    if (strcmp(s, "md") == 0) {
        *out = PRECIS_INPUT_MARKDOWN;
        return true;
    }
    return false;
}

const char *precis_cli_input_kind_name(precis_input k)
{
    return k == PRECIS_INPUT_HTML ? "html" : k == PRECIS_INPUT_MARKDOWN ? "markdown" : "text";
}

static json_t *str_or_null(const char *s)
{
    return s ? json_string(s) : json_null();
}

static int print_json(const char *name, precis_input kind, const precis_page *p)
{
    json_t *o = json_object();
    if (o == NULL)
        return -1;
    json_object_set_new(o, "file", json_string(name));
    json_object_set_new(o, "input", json_string(precis_cli_input_kind_name(kind)));
    json_object_set_new(o, "title", str_or_null(p->title));
    json_object_set_new(o, "site", str_or_null(p->site));
    json_object_set_new(o, "author", str_or_null(p->author));
    json_object_set_new(o, "date", str_or_null(p->date));
    json_object_set_new(o, "url", str_or_null(p->url));
    json_object_set_new(o, "description", str_or_null(p->description));
    json_object_set_new(o, "language", str_or_null(p->language));
    json_object_set_new(o, "charset", str_or_null(p->charset));
    if (p->truncated)
        json_object_set_new(o, "truncated", json_true());
    json_object_set_new(o, "text", json_stringn(p->text, p->text_len));
    int rc = json_dumpf(o, stdout, JSON_COMPACT | JSON_PRESERVE_ORDER);
    putchar('\n');
    json_decref(o);
    return rc;
}

static int extract_one(const char *path, precis_input forced, bool json, bool header,
                       size_t limit)
{
    bool is_stdin = strcmp(path, "-") == 0;
    const char *name = is_stdin ? "(stdin)" : path;
    precis_cli_limit lim = {.bytes = limit, .hint = "see --max-bytes", .text = false};
    precis_cli_buf b;
    int read_rc = precis_cli_read(is_stdin ? NULL : path, &lim, &b);
    if (read_rc != 0)
        return read_rc;
    precis_input kind = precis_cli_input_of(name, b.data ? b.data : "", b.len, forced);
    precis_page *p = NULL;
    precis_status st = precis_page_read(b.data, b.len, kind, &p);
    free(b.data);
    if (st != PRECIS_OK) {
        precis_cli_error("%s: %s\n", name,
                         st == PRECIS_ERR_EMPTY ? "no article text found" : precis_strerror(st));
        return st == PRECIS_ERR_NOMEM ? EXIT_INTERNAL : 1;
    }
    if (p->truncated)
        precis_cli_error("%s: elements nested more than 4,096 deep; the rest of the "
                        "page was left out\n", name);
    int rc = 0;
    if (json) {
        if (print_json(name, kind, p) != 0)
            rc = EXIT_INTERNAL;
    } else {
        if (header)
            printf("==> %s <==\n", name);
        fwrite(p->text, 1, p->text_len, stdout);
        putchar('\n');
        if (header)
            putchar('\n');
    }
    precis_page_free(p);
    return rc;
}

int precis_cli_extract(int argc, char **argv)
{
    bool json = false;
    precis_input forced = PRECIS_INPUT_AUTO;
    size_t limit = (size_t)2 << 30;
    int ch;
    opterr = 0;
    optind = 1;
    while ((ch = getopt_long(argc, argv, ":f:h", extract_opts, NULL)) != -1) {
        switch (ch) {
        case 'f':
            if (strcmp(optarg, "json") == 0)
                json = true;
            else if (strcmp(optarg, "text") == 0)
                json = false;
            else
                return extract_usage_error("invalid value '%s' for --format: expected text or "
                                           "json", optarg);
            break;
        case OPT_INPUT:
            if (!precis_cli_parse_input(optarg, &forced))
                return extract_usage_error("invalid value '%s' for --input: expected auto, "
                                           "text, html or markdown", optarg);
            break;
        case OPT_MAX_BYTES: {
            unsigned long long v; // the one strict parser: no white space, no sign
            if (!precis_cli_parse_count(optarg, 1, SIZE_MAX, &v))
                return extract_usage_error("invalid value '%s' for --max-bytes", optarg);
            limit = (size_t)v;
            break;
        }
        case 'h':
            fputs(extract_usage, stdout);
            return precis_cli_flush_stdout();
        case ':':
            return extract_usage_error("option '%s' needs a value", argv[optind - 1]);
        default:
            return extract_usage_error("unknown option '%s'", argv[optind - 1]);
        }
    }
    if (optind == argc && isatty(STDIN_FILENO))
        return extract_usage_error("no input: give FILEs or '-' for standard input");
    int n = argc - optind, rc = 0;
    if (n == 0)
        return extract_one("-", forced, json, false, limit);
    for (int i = optind; i < argc; i++) {
        int r = extract_one(argv[i], forced, json, n > 1 && !json, limit);
        if (r > rc)
            rc = r;
    }
    if (fflush(stdout) != 0 || ferror(stdout)) {
        if (errno == EPIPE)
            return rc;
        precis_cli_error("standard output: %s\n", strerror(errno));
        return EXIT_INTERNAL;
    }
    return rc;
}
