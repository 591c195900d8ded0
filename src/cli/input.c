/* Reading the command's input: files, directories walked in path order, standard input, and
 * the --date given to each. Shared by the summary, 'precis split' and 'precis rouge'. */
#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <precis.h>

#include "cli.h"

bool precis_cli_is_dir(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0 && S_ISDIR(sb.st_mode);
}

const char *precis_cli_base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash && slash[1] ? slash + 1 : path;
}

const char *precis_cli_input_name(const precis_cli_paths *files)
{
    if (files->n != 1)
        return "input";
    return strcmp(files->v[0], "-") == 0 ? "(stdin)" : files->v[0];
}

int precis_cli_input_failed(precis_status st, const precis_cli_paths *files)
{
    precis_cli_error("%s: %s\n", precis_cli_input_name(files),
                     st == PRECIS_ERR_TOO_LARGE
                         ? "input exceeds a limit (see --max-bytes, --max-sentences)"
                         : precis_strerror(st));
    return st == PRECIS_ERR_NOMEM ? EXIT_INTERNAL : EXIT_FAILURE;
}

bool precis_cli_paths_push(precis_cli_paths *p, const char *s)
{
    if (p->n == p->cap) {
        size_t cap = p->cap ? p->cap * 2 : 16;
        char **v = realloc(p->v, cap * sizeof *v);
        if (v == NULL)
            return false;
        p->v = v;
        p->cap = cap;
    }
    if ((p->v[p->n] = strdup(s)) == NULL)
        return false;
    p->n++;
    return true;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The directories and files a walk has reached, by device and inode: each is taken once, so
 * that a DAG of symlinks (every level linking twice to the next) costs its size, not 2^depth,
 * and a file reached by two paths is one document. Open addressing, doubled at half full. */
typedef struct seen_set {
    struct seen_key {
        dev_t dev;
        ino_t ino;
        bool used;
    } *v;
    size_t n, cap;
} seen_set;

static size_t seen_hash(const seen_set *s, dev_t dev, ino_t ino)
{
    return ((size_t)ino * (size_t)0x9E3779B97F4A7C15u ^ (size_t)dev) & (s->cap - 1);
}

static bool seen_has(const seen_set *s, dev_t dev, ino_t ino)
{
    for (size_t h = s->cap ? seen_hash(s, dev, ino) : 0; s->cap && s->v[h].used;
         h = (h + 1) & (s->cap - 1))
        if (s->v[h].dev == dev && s->v[h].ino == ino)
            return true;
    return false;
}

/* Adds (dev, ino); 1 when it is new, 0 when it was there, -1 when out of memory. */
static int seen_add(seen_set *s, dev_t dev, ino_t ino)
{
    if (2 * (s->n + 1) > s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 64;
        struct seen_key *v = calloc(cap, sizeof *v);
        if (v == NULL)
            return -1;
        for (size_t i = 0; i < s->cap; i++) {
            if (!s->v[i].used)
                continue;
            seen_set grown = {v, 0, cap};
            size_t h = seen_hash(&grown, s->v[i].dev, s->v[i].ino);
            while (v[h].used)
                h = (h + 1) & (cap - 1);
            v[h] = s->v[i];
        }
        free(s->v);
        s->v = v;
        s->cap = cap;
    }
    size_t h = seen_hash(s, dev, ino);
    for (; s->v[h].used; h = (h + 1) & (s->cap - 1))
        if (s->v[h].dev == dev && s->v[h].ino == ino)
            return 0;
    s->v[h] = (struct seen_key){dev, ino, true};
    s->n++;
    return 1;
}

/* Collects the regular files below 'dir', sorted by path, each directory and file once
 * (symlink loops and links to what was already reached are skipped). 'depth' counts the
 * directories on the current path. */
static int walk(const char *dir, precis_cli_paths *out, seen_set *seen, int depth)
{
    struct stat sb;
    if (stat(dir, &sb) != 0) {
        precis_cli_error("%s: %s", dir, strerror(errno));
        return 1;
    }
    int fresh = seen_add(seen, sb.st_dev, sb.st_ino);
    if (fresh <= 0) {
        if (fresh < 0)
            precis_cli_error("%s: out of memory", dir);
        return fresh < 0 ? EXIT_INTERNAL : 0; // a loop, or reached before
    }
    if (depth == 64) {
        precis_cli_error("%s: directories nested too deeply", dir);
        return 1;
    }
    DIR *d = opendir(dir);
    if (d == NULL) {
        precis_cli_error("%s: %s", dir, strerror(errno));
        return 1;
    }
    precis_cli_paths here = {0};
    int rc = 0;
    struct dirent *e;
    while (rc == 0 && (e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        size_t n = strlen(dir) + strlen(e->d_name) + 2;
        char *p = malloc(n);
        if (p != NULL)
            snprintf(p, n, "%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/", e->d_name);
        if (p == NULL || !precis_cli_paths_push(&here, p)) {
            precis_cli_error("%s: out of memory", dir);
            rc = EXIT_INTERNAL;
        }
        free(p);
    }
    closedir(d);
    if (here.n > 1)
        qsort(here.v, here.n, sizeof *here.v, cmp_str);
    for (size_t i = 0; i < here.n && rc == 0; i++) {
        if (stat(here.v[i], &sb) != 0) {
            if (lstat(here.v[i], &sb) == 0 && S_ISLNK(sb.st_mode))
                continue; // a dangling symlink is not a document
            precis_cli_error("%s: %s", here.v[i], strerror(errno));
            rc = 1;
        } else if (S_ISDIR(sb.st_mode)) {
            rc = walk(here.v[i], out, seen, depth + 1);
        } else if (S_ISREG(sb.st_mode)) {
            int added = seen_add(seen, sb.st_dev, sb.st_ino);
            if (added < 0 || (added > 0 && !precis_cli_paths_push(out, here.v[i]))) {
                precis_cli_error("%s: out of memory", dir);
                rc = EXIT_INTERNAL;
            }
        }
    }
    for (size_t i = 0; i < here.n; i++)
        free(here.v[i]);
    free(here.v);
    return rc;
}

/* Reads one input ('-' is stdin), at most 'limit' bytes, into the corpus; adds what it read to
 * '*used'. Returns 0 or the exit status. */
static int add_input(precis_corpus *corpus, const char *path, size_t limit, size_t *used,
                     precis_cli_paths *files)
{
    bool is_stdin = strcmp(path, "-") == 0;
    const char *name = is_stdin ? "(stdin)" : path;
    precis_cli_limit lim = {.bytes = limit, .hint = "see --max-bytes", .text = false};
    precis_cli_buf b;
    int rc = precis_cli_read(is_stdin ? NULL : path, &lim, &b);
    if (rc != 0)
        return rc;
    *used += b.len;
    int page_rc = precis_cli_add_page(corpus, name, b.data, b.len, files);
    if (page_rc >= 0) { // a web page or Markdown (src/cli_pages.c)
        free(b.data);
        return page_rc;
    }
    precis_status st = precis_corpus_add(corpus, name, b.data, b.len);
    free(b.data);
    if (st != PRECIS_OK) {
        const char *detail = precis_corpus_error(corpus);
        precis_cli_error("%s: %s", name, *detail ? detail : precis_strerror(st));
        return st == PRECIS_ERR_NOMEM ? EXIT_INTERNAL : 1;
    }
    return 0;
}

int precis_cli_load(precis_corpus *corpus, int n, char **args, size_t limit,
                    precis_cli_paths *files)
{
    if (n == 0 && !precis_cli_paths_push(files, "-")) {
        precis_cli_error("out of memory");
        return EXIT_INTERNAL;
    }
    seen_set seen = {0};
    int rc = 0;
    for (int i = 0; i < n && rc == 0; i++) {
        if (strcmp(args[i], "-") != 0 && precis_cli_is_dir(args[i])) {
            size_t before = files->n;
            struct stat sb;
            if (stat(args[i], &sb) == 0 && seen_has(&seen, sb.st_dev, sb.st_ino))
                continue; // walked already (given twice, or below another argument)
            rc = walk(args[i], files, &seen, 0);
            if (rc == 0 && files->n == before) {
                precis_cli_error("%s: directory holds no files", args[i]);
                rc = 1;
            }
        } else if (!precis_cli_paths_push(files, args[i])) {
            precis_cli_error("out of memory");
            rc = EXIT_INTERNAL;
        }
    }
    free(seen.v);
    if (rc != 0)
        return rc;
    // The limit holds for all inputs together: the files' sizes are added up before any is
    // read, and what each read takes is what the others left (a pipe or a growing file).
    uintmax_t total = 0;
    for (size_t i = 0; i < files->n; i++) {
        struct stat sb;
        if (strcmp(files->v[i], "-") == 0 || stat(files->v[i], &sb) != 0 || !S_ISREG(sb.st_mode))
            continue;
        total += (uintmax_t)sb.st_size;
        if (total > limit) {
            precis_cli_error("%s: input exceeds the size limit (see --max-bytes)", files->v[i]);
            return 1;
        }
    }
    size_t used = 0;
    for (size_t i = 0; i < files->n; i++)
        if ((rc = add_input(corpus, files->v[i], limit - used, &used, files)) != 0)
            return rc;
    return 0;
}

void precis_cli_paths_free(precis_cli_paths *p)
{
    precis_cli_pages_free(p);
    for (size_t i = 0; i < p->n; i++)
        free(p->v[i]);
    free(p->v);
    p->v = NULL;
    p->n = p->cap = 0;
}

int precis_cli_apply_dates(precis_corpus *corpus, const precis_cli_paths *files,
                           const char *const *dates, size_t n_dates)
{
    for (size_t i = 0; i < n_dates; i++) {
        const char *arg = dates[i], *date = strrchr(arg, '=') + 1;
        size_t name_len = (size_t)(date - 1 - arg), found = SIZE_MAX, matches = 0;
        for (size_t d = 0; d < files->n; d++) {
            const char *path = files->v[d];
            size_t len = strlen(path);
            if (len < name_len || memcmp(path + len - name_len, arg, name_len) != 0 ||
                (len > name_len && path[len - name_len - 1] != '/'))
                continue;
            if (len == name_len) { // the path itself beats one that merely ends with it
                found = d;
                matches = 1;
                break;
            }
            found = d;
            matches++;
        }
        if (matches != 1)
            return precis_cli_usage_error(
                NULL, "invalid value '%s' for --date: %s input file is named '%.*s'", arg,
                matches == 0 ? "no" : "more than one", (int)name_len, arg);
        precis_status st = precis_corpus_set_date(corpus, found, date);
        if (st == PRECIS_ERR_DATE)
            return precis_cli_usage_error(NULL, "invalid value '%s' for --date: %s", arg,
                                          precis_corpus_error(corpus));
        if (st != PRECIS_OK) {
            precis_cli_error("%s\n", precis_strerror(st));
            return EXIT_INTERNAL;
        }
    }
    return -1;
}
