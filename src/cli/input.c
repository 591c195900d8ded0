/* Reading the command's input: files, directories walked in path order, standard input, and
 * the --date given to each. Shared by the summary, 'precis split' and 'precis rouge'. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <precis.h>

#include "cli.h"

bool precis_cli_read_all(int fd, precis_cli_buf *b, size_t limit)
{
    b->data = NULL;
    b->len = b->cap = 0;
    struct stat sb;
    bool regular = fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode);
    if (regular && (uintmax_t)sb.st_size > limit) { // refuse before allocating anything
        errno = EFBIG;
        return false;
    }
    size_t hint = regular ? (size_t)sb.st_size + 1 : 65536;
    for (;;) {
        if (b->len == b->cap) {
            size_t cap = b->cap ? b->cap * 2 : hint;
            char *p = realloc(b->data, cap);
            if (p == NULL) {
                errno = ENOMEM;
                return false;
            }
            b->data = p;
            b->cap = cap;
        }
        ssize_t k = read(fd, b->data + b->len, b->cap - b->len);
        if (k < 0) {
            if (errno == EINTR)
                continue;
            return false;
        }
        if (k == 0)
            return true;
        b->len += (size_t)k;
        if (b->len > limit) {
            errno = EFBIG;
            return false;
        }
    }
}

bool precis_cli_read_file(const char *path, precis_cli_buf *b, size_t limit)
{
    b->data = NULL;
    b->len = b->cap = 0;
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return false;
    bool ok = precis_cli_read_all(fd, b, limit);
    int err = errno;
    close(fd);
    errno = err;
    return ok;
}

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
    fprintf(stderr, "precis: %s: %s\n", precis_cli_input_name(files),
            st == PRECIS_ERR_TOO_LARGE ? "input exceeds a limit (see --max-bytes, --max-sentences)"
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

typedef struct visited {
    dev_t dev[64];
    ino_t ino[64];
    int depth;
} visited;

/* Collects the regular files below 'dir', sorted by path. Directories already on the current
 * path (symlink loops) are skipped. */
static int walk(const char *dir, precis_cli_paths *out, visited *vis)
{
    struct stat sb;
    if (stat(dir, &sb) != 0) {
        fprintf(stderr, "precis: %s: %s\n", dir, strerror(errno));
        return 1;
    }
    for (int i = 0; i < vis->depth; i++)
        if (vis->dev[i] == sb.st_dev && vis->ino[i] == sb.st_ino)
            return 0; // a loop
    if (vis->depth == 64) {
        fprintf(stderr, "precis: %s: directories nested too deeply\n", dir);
        return 1;
    }
    DIR *d = opendir(dir);
    if (d == NULL) {
        fprintf(stderr, "precis: %s: %s\n", dir, strerror(errno));
        return 1;
    }
    vis->dev[vis->depth] = sb.st_dev;
    vis->ino[vis->depth++] = sb.st_ino;
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
            fprintf(stderr, "precis: %s: out of memory\n", dir);
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
            fprintf(stderr, "precis: %s: %s\n", here.v[i], strerror(errno));
            rc = 1;
        } else if (S_ISDIR(sb.st_mode)) {
            rc = walk(here.v[i], out, vis);
        } else if (S_ISREG(sb.st_mode)) {
            if (!precis_cli_paths_push(out, here.v[i])) {
                fprintf(stderr, "precis: %s: out of memory\n", dir);
                rc = EXIT_INTERNAL;
            }
        }
    }
    vis->depth--;
    for (size_t i = 0; i < here.n; i++)
        free(here.v[i]);
    free(here.v);
    return rc;
}

/* Reads one input ('-' is stdin) into the corpus. */
static int add_input(precis_corpus *corpus, const char *path, size_t limit,
                     precis_cli_paths *files)
{
    bool is_stdin = strcmp(path, "-") == 0;
    int fd = is_stdin ? STDIN_FILENO : open(path, O_RDONLY);
    const char *name = is_stdin ? "(stdin)" : path;
    if (fd < 0) {
        fprintf(stderr, "precis: %s: %s\n", path, strerror(errno));
        return 1;
    }
    precis_cli_buf b;
    bool ok = precis_cli_read_all(fd, &b, limit);
    int err = errno;
    if (!is_stdin)
        close(fd);
    if (!ok) {
        fprintf(stderr, "precis: %s: %s\n", name,
                err == EFBIG ? "input exceeds the size limit (see --max-bytes)" : strerror(err));
        free(b.data);
        return err == ENOMEM ? EXIT_INTERNAL : 1;
    }
    int page_rc = precis_cli_add_page(corpus, name, b.data ? b.data : "", b.len, files);
    if (page_rc >= 0) { // a web page or Markdown (src/cli_pages.c)
        free(b.data);
        return page_rc;
    }
    precis_status st = precis_corpus_add(corpus, name, b.data, b.len);
    free(b.data);
    if (st != PRECIS_OK) {
        const char *detail = precis_corpus_error(corpus);
        fprintf(stderr, "precis: %s: %s\n", name, *detail ? detail : precis_strerror(st));
        return st == PRECIS_ERR_NOMEM ? EXIT_INTERNAL : 1;
    }
    return 0;
}

int precis_cli_load(precis_corpus *corpus, int n, char **args, size_t limit,
                    precis_cli_paths *files)
{
    if (n == 0 && !precis_cli_paths_push(files, "-")) {
        fprintf(stderr, "precis: out of memory\n");
        return EXIT_INTERNAL;
    }
    for (int i = 0; i < n; i++) {
        if (strcmp(args[i], "-") != 0 && precis_cli_is_dir(args[i])) {
            size_t before = files->n;
            visited vis = {.depth = 0};
            int rc = walk(args[i], files, &vis);
            if (rc != 0)
                return rc;
            if (files->n == before) {
                fprintf(stderr, "precis: %s: directory holds no files\n", args[i]);
                return 1;
            }
        } else if (!precis_cli_paths_push(files, args[i])) {
            fprintf(stderr, "precis: out of memory\n");
            return EXIT_INTERNAL;
        }
    }
    for (size_t i = 0; i < files->n; i++) {
        int rc = add_input(corpus, files->v[i], limit, files);
        if (rc != 0)
            return rc;
    }
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
            fprintf(stderr, "precis: %s\n", precis_strerror(st));
            return EXIT_INTERNAL;
        }
    }
    return -1;
}
