/* 'precis split': the sentences precis finds, one per line, as the summary's pipeline cuts them
 * (the pySBD / pragmatic_segmenter job on its own, and how the splitting benchmarks run the real
 * splitter). With -f json, one JSON object per sentence per line, with its provenance and the
 * filter's verdict. */
#include <errno.h>
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include <precis.h>

#include "cli.h"

/* The defaults shown are the program's own (src/cli/cli.h). */
static void print_usage(void)
{
    printf(
        "Usage: precis split [OPTIONS] [FILE...]\n"
        "Prints every sentence precis finds in the input, one per line, in document order: the\n"
        "sentences the summary chooses from, cut as the summary cuts them (white space folded,\n"
        "wire datelines taken off). Input as for 'precis': files, directories, '-' or stdin.\n"
        "\n"
        "      --lang CODE         language of every document (see 'precis --list-languages');\n"
        "                          'auto' (the default): detected for each document\n"
        "  -f, --format FMT        'text' (one sentence per line) or 'json' (JSON Lines: one\n"
        "                          object per sentence with document, paragraph, index, byte\n"
        "                          offset and length in the file, text, and 'dropped': the\n"
        "                          filter rule that keeps it out of summaries, or null)\n"
        "                          [default: %s]\n"
        "      --kept              only the sentences the filter keeps as summary material\n"
        "      --max-bytes N       refuse input larger than N bytes in all [default: %zu GiB]\n"
        "      --max-sentences N   refuse input with more than N sentences [default: %s]\n"
        "      --threads N         threads for large inputs, 1 to 8 [default: one per processor]\n"
        "  -h, --help              show this help and exit\n"
        "\n"
        "Exit status: 0 success; 1 bad input; 2 bad usage; 3 internal error.\n",
        "text", PRECIS_CLI_MAX_INPUT_BYTES >> 30, PRECIS_CLI_MAX_SENTENCES_TEXT);
}

enum { OPT_LANG = 256, OPT_KEPT, OPT_MAX_BYTES, OPT_MAX_SENTENCES, OPT_THREADS };

static const struct option split_opts[] = {
    {"lang", required_argument, NULL, OPT_LANG},
    {"format", required_argument, NULL, 'f'},
    {"kept", no_argument, NULL, OPT_KEPT},
    {"max-bytes", required_argument, NULL, OPT_MAX_BYTES},
    {"max-sentences", required_argument, NULL, OPT_MAX_SENTENCES},
    {"threads", required_argument, NULL, OPT_THREADS},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

/* One sentence as a JSON object on its own line. */
static int print_json_line(const precis_sentences *res, const precis_split_sentence *t,
                           char *const *names)
{
    // Words as the summary's budget counts them: the output form has single spaces.
    size_t words = t->text_len > 0;
    for (size_t i = 0; i < t->text_len; i++)
        words += t->text[i] == ' ';
    const char *name = strcmp(names[t->doc], "-") == 0 ? "(stdin)" : names[t->doc];
    json_t *o = json_pack("{s:s, s:s?, s:I, s:I, s:I, s:I, s:I, s:s%, s:s?, s:s?}", "document",
                          name, "language", precis_sentences_document_language(res, t->doc),
                          "paragraph", (json_int_t)t->paragraph, "index", (json_int_t)t->index,
                          "offset", (json_int_t)t->offset, "length", (json_int_t)t->length, "words",
                          (json_int_t)words, "text", t->text, t->text_len, "dropped", t->dropped,
                          "dateline", t->dateline);
    if (o == NULL)
        return -1;
    int rc = json_dumpf(o, stdout, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(o);
    putchar('\n');
    return rc;
}

typedef struct split_args {
    precis_options opt;
    bool json, kept_only;
} split_args;

/* Parses the command line into 'a'. Returns -1 to go on with the inputs from optind, or the
 * exit status. */
static int parse_args(split_args *a, int argc, char **argv)
{
    precis_options_init(&a->opt);
    a->json = a->kept_only = false;
    precis_options *o = &a->opt;
    int ch;
    optind = 1;
    opterr = 0;
    while ((ch = getopt_long(argc, argv, ":f:h", split_opts, NULL)) != -1) {
        unsigned long long v;
        switch (ch) {
        case OPT_LANG: o->language = strcmp(optarg, "auto") == 0 ? NULL : optarg; break;
        case 'f':
            if (strcmp(optarg, "text") == 0)
                a->json = false;
            else if (strcmp(optarg, "json") == 0)
                a->json = true;
            else
                return precis_cli_usage_error("split", "--format: '%s' is not 'text' or 'json'",
                                              optarg);
            break;
        case OPT_KEPT: a->kept_only = true; break;
        case OPT_MAX_BYTES:
            if (!precis_cli_parse_count(optarg, 1, (unsigned long long)SIZE_MAX >> 1, &v))
                return precis_cli_usage_error(
                    "split", "--max-bytes: '%s' is not a whole number of bytes >= 1", optarg);
            o->max_input_bytes = (size_t)v;
            break;
        case OPT_MAX_SENTENCES:
            if (!precis_cli_parse_count(optarg, 1, (unsigned long long)SIZE_MAX >> 1, &v))
                return precis_cli_usage_error(
                    "split", "--max-sentences: '%s' is not a whole number >= 1", optarg);
            o->max_sentences = (size_t)v;
            break;
        case OPT_THREADS:
            if (!precis_cli_parse_count(optarg, 1, 8, &v))
                return precis_cli_usage_error(
                    "split", "--threads: '%s' is not a whole number from 1 to 8", optarg);
            o->threads = (size_t)v;
            break;
        case 'h': print_usage(); return precis_cli_flush_stdout();
        case ':':
            return precis_cli_usage_error("split", "option '%s' needs a value", argv[optind - 1]);
        default: return precis_cli_usage_error("split", "unknown option '%s'", argv[optind - 1]);
        }
    }
    if (o->language != NULL) {
        precis_language lang;
        if (precis_language_find(o->language, &lang) != PRECIS_OK)
            return precis_cli_usage_error(
                "split", "--lang %s: unsupported language (see --list-languages)", o->language);
    }
    if (optind == argc && isatty(STDIN_FILENO))
        return precis_cli_usage_error(
            "split", "no input: give FILEs, a directory, or '-' for standard input");
    return -1;
}

int precis_cli_split(int argc, char **argv)
{
    split_args a;
    int rc = parse_args(&a, argc, argv);
    if (rc >= 0)
        return rc;
    size_t limit = a.opt.max_input_bytes ? a.opt.max_input_bytes : PRECIS_CLI_MAX_INPUT_BYTES;
    precis_corpus *corpus = NULL;
    precis_sentences *res = NULL;
    precis_cli_paths files = {0};
    rc = EXIT_INTERNAL;
    if (precis_corpus_new(&corpus) != PRECIS_OK) {
        precis_cli_error("out of memory\n");
        goto done;
    }
    if ((rc = precis_cli_load(corpus, argc - optind, argv + optind, limit, &files)) != 0)
        goto done;
    precis_status st = precis_split_corpus(corpus, &a.opt, &res);
    if (st != PRECIS_OK) {
        rc = precis_cli_input_failed(st, &files);
        goto done;
    }
    for (size_t i = 0; i < precis_sentences_count(res); i++) {
        const precis_split_sentence *t = precis_sentences_get(res, i);
        if (a.kept_only && t->dropped != NULL)
            continue;
        if (a.json) {
            if (print_json_line(res, t, files.v) != 0) {
                precis_cli_error("out of memory\n");
                rc = EXIT_INTERNAL;
                goto done;
            }
        } else {
            fwrite(t->text, 1, t->text_len, stdout);
            putchar('\n');
        }
        if (ferror(stdout))
            break;
    }
    rc = precis_cli_flush_stdout();
done:
    precis_sentences_free(res);
    precis_corpus_free(corpus);
    precis_cli_paths_free(&files);
    return rc;
}
