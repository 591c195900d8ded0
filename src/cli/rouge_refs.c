/* precis rouge's files: a reference data set on disk -> its clusters, each with the paths of
 * its references; and a system's summary of one cluster. Found as ../shared/tools/rouge.py
 * finds them. Files starting with '.' and meta.json are never references. */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <precis.h>

#include "cli.h"

static char *join_path(const char *dir, const char *name)
{
    size_t a = strlen(dir), b = strlen(name);
    char *p = malloc(a + b + 2);
    if (!p)
        return NULL;
    memcpy(p, dir, a);
    p[a] = '/';
    memcpy(p + a + 1, name, b + 1);
    return p;
}

/* Appends 'dir'/'name' to 'out'; false when out of memory. */
static bool push_joined(precis_cli_paths *out, const char *dir, const char *name)
{
    char *path = join_path(dir, name);
    bool ok = path && precis_cli_paths_push(out, path);
    free(path);
    return ok;
}

static bool is_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names in 'dir' (sorted, without '.'-names) that are directories ('dirs') or regular files
 * other than meta.json. Returns 0 or an errno value. */
static int list_dir(const char *dir, bool dirs, precis_cli_paths *out)
{
    DIR *d = opendir(dir);
    if (!d)
        return errno;
    int err = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.' || (!dirs && strcmp(e->d_name, "meta.json") == 0))
            continue;
        char *path = join_path(dir, e->d_name);
        if (!path) {
            err = ENOMEM;
            break;
        }
        bool keep = dirs ? precis_cli_is_dir(path) : is_file(path);
        free(path);
        if (keep && !precis_cli_paths_push(out, e->d_name)) {
            err = ENOMEM;
            break;
        }
    }
    closedir(d);
    if (!err && out->n)
        qsort(out->v, out->n, sizeof *out->v, cmp_str);
    return err;
}

/* Adds every file of 'names' (in 'dir') to 'refs'. */
static int add_paths(precis_cli_paths *refs, const char *dir, const precis_cli_paths *names)
{
    for (size_t i = 0; i < names->n; i++)
        if (!push_joined(refs, dir, names->v[i]))
            return ENOMEM;
    return 0;
}

int precis_cli_refs_list(const char *refs, precis_cli_paths *out)
{
    if (!precis_cli_is_dir(refs))
        return precis_cli_paths_push(out, refs) ? 0 : ENOMEM;
    precis_cli_paths names = {0};
    int err = list_dir(refs, false, &names);
    if (err == 0)
        err = add_paths(out, refs, &names);
    precis_cli_paths_free(&names);
    return err;
}

void precis_cli_dataset_free(precis_cli_dataset *ds)
{
    for (size_t i = 0; i < ds->n; i++) {
        free(ds->v[i].id);
        precis_cli_paths_free(&ds->v[i].refs);
    }
    free(ds->v);
    memset(ds, 0, sizeof *ds);
}

static int add_cluster(precis_cli_dataset *ds, const char *id, size_t id_len,
                       precis_cli_cluster **out)
{
    precis_cli_cluster *v = realloc(ds->v, (ds->n + 1) * sizeof *v);
    if (!v)
        return ENOMEM;
    ds->v = v;
    precis_cli_cluster *c = &ds->v[ds->n];
    memset(c, 0, sizeof *c);
    if (!(c->id = strndup(id, id_len)))
        return ENOMEM;
    ds->n++;
    *out = c;
    return 0;
}

static int cmp_cluster(const void *a, const void *b)
{
    return strcmp(((const precis_cli_cluster *)a)->id, ((const precis_cli_cluster *)b)->id);
}

/* Without subdirectories: files named <cluster>.<anything>, in 'names' (sorted). */
static int load_flat(const char *root, const precis_cli_paths *names, precis_cli_dataset *ds)
{
    int err = 0;
    // sorted names put each cluster's files together
    for (size_t i = 0; !err && i < names->n; i++) {
        const char *dot = strchr(names->v[i], '.');
        if (!dot || dot == names->v[i])
            continue;
        size_t id_len = (size_t)(dot - names->v[i]);
        precis_cli_cluster *c = ds->n ? &ds->v[ds->n - 1] : NULL;
        if (!c || strlen(c->id) != id_len || strncmp(c->id, names->v[i], id_len) != 0)
            err = add_cluster(ds, names->v[i], id_len, &c);
        if (!err && !push_joined(&c->refs, root, names->v[i]))
            err = ENOMEM;
    }
    // "a.x" sorts after "a-b.x" but the clusters must come in id order, as rouge.py's do
    if (!err && ds->n > 1)
        qsort(ds->v, ds->n, sizeof *ds->v, cmp_cluster);
    return err;
}

int precis_cli_dataset_load(const char *root, precis_cli_dataset *ds)
{
    precis_cli_paths subdirs = {0}, names = {0};
    char *dir = NULL;
    int err = list_dir(root, true, &subdirs);
    for (size_t i = 0; !err && i < subdirs.n; i++) {
        free(dir);
        dir = join_path(root, subdirs.v[i]);
        char *refs = dir ? join_path(dir, "refs") : NULL;
        if (!refs) {
            err = ENOMEM;
            break;
        }
        if (precis_cli_is_dir(refs)) {
            free(dir);
            dir = refs;
        } else {
            free(refs);
        }
        precis_cli_paths_free(&names);
        if ((err = list_dir(dir, false, &names)) != 0 || names.n == 0)
            continue;
        precis_cli_cluster *c;
        if (!(err = add_cluster(ds, subdirs.v[i], strlen(subdirs.v[i]), &c)))
            err = add_paths(&c->refs, dir, &names);
    }
    if (!err && subdirs.n == 0) {
        precis_cli_paths_free(&names);
        if ((err = list_dir(root, false, &names)) == 0)
            err = load_flat(root, &names, ds);
    }
    free(dir);
    precis_cli_paths_free(&subdirs);
    precis_cli_paths_free(&names);
    if (err)
        precis_cli_dataset_free(ds);
    return err;
}

/* A directory holding just one file: that file's path, or NULL. */
static char *only_file(const char *dir)
{
    precis_cli_paths files = {0};
    char *one = NULL;
    if (list_dir(dir, false, &files) == 0 && files.n == 1)
        one = join_path(dir, files.v[0]);
    precis_cli_paths_free(&files);
    return one;
}

char *precis_cli_find_summary(const char *sysdir, const char *id, int *err)
{
    size_t id_len = strlen(id);
    char *name = malloc(id_len + 5);
    char *path = NULL;
    *err = 0;
    if (!name)
        goto nomem;
    memcpy(name, id, id_len);
    memcpy(name + id_len, ".txt", 5);
    if (!(path = join_path(sysdir, name)))
        goto nomem;
    if (is_file(path))
        goto found;
    free(path);
    if (!(path = join_path(sysdir, id)))
        goto nomem;
    if (is_file(path))
        goto found;
    char *one = precis_cli_is_dir(path) ? only_file(path) : NULL;
    free(path);
    path = one;
    if (path)
        goto found;
    precis_cli_paths all = {0};
    if (list_dir(sysdir, false, &all) == ENOMEM) {
        precis_cli_paths_free(&all);
        goto nomem;
    }
    for (size_t i = 0; i < all.n && !path; i++)
        if (strncmp(all.v[i], id, id_len) == 0 && all.v[i][id_len] == '.')
            path = join_path(sysdir, all.v[i]);
    precis_cli_paths_free(&all);
found:
    free(name);
    return path;
nomem:
    free(name);
    free(path);
    *err = ENOMEM;
    return NULL;
}

static int cmp_cluster_id(const void *key, const void *elem)
{
    return strcmp((const char *)key, ((const precis_cli_cluster *)elem)->id);
}

/* Whether the file or directory 'name' of a summary directory is some cluster's summary as
 * precis_cli_find_summary() looks for it: ID, ID.txt or ID.anything. */
static bool names_a_cluster(const char *name, const precis_cli_dataset *ds, char *tmp)
{
    size_t len = strlen(name);
    for (size_t cut = 0; cut <= len; cut++) {
        if (name[cut] != '.' && name[cut] != '\0')
            continue;
        memcpy(tmp, name, cut);
        tmp[cut] = '\0';
        if (bsearch(tmp, ds->v, ds->n, sizeof *ds->v, cmp_cluster_id) != NULL)
            return true;
    }
    return false;
}

int precis_cli_orphan_summaries(const char *sysdir, const precis_cli_dataset *ds,
                                precis_cli_paths *out)
{
    precis_cli_paths names = {0};
    int err = list_dir(sysdir, false, &names);
    if (err == 0)
        err = list_dir(sysdir, true, &names);
    for (size_t i = 0; err == 0 && i < names.n; i++) {
        char *tmp = malloc(strlen(names.v[i]) + 1);
        if (tmp == NULL ||
            (!names_a_cluster(names.v[i], ds, tmp) && !precis_cli_paths_push(out, names.v[i])))
            err = ENOMEM;
        free(tmp);
    }
    precis_cli_paths_free(&names);
    return err;
}
