/* A set of byte strings (stopwords, abbreviations): open addressing with linear probing,
 * kept at most half full so look-ups stay O(1). */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

uint64_t precis_hash(const char *s, size_t len)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ull;
    }
    return h;
}

void precis_strset_init(precis_strset *s)
{
    s->slots = NULL;
    s->n = s->cap = 0;
    precis_arena_init(&s->arena);
}

void precis_strset_destroy(precis_strset *s)
{
    free(s->slots);
    precis_arena_destroy(&s->arena);
    precis_strset_init(s);
}

/* Entries are stored as a 4-byte length followed by the bytes, so strings may hold NULs. */
static bool slot_equals(const char *slot, const char *w, size_t len)
{
    uint32_t n;
    memcpy(&n, slot, sizeof n);
    return n == len && memcmp(slot + sizeof n, w, len) == 0;
}

bool precis_strset_has(const precis_strset *s, const char *w, size_t len)
{
    if (s->cap == 0)
        return false;
    size_t mask = s->cap - 1;
    for (size_t i = precis_hash(w, len) & mask;; i = (i + 1) & mask) {
        if (s->slots[i] == NULL)
            return false;
        if (slot_equals(s->slots[i], w, len))
            return true;
    }
}

static bool rehash(precis_strset *s, size_t cap)
{
    char **slots = precis_calloc(cap, sizeof *slots);
    if (slots == NULL)
        return false;
    for (size_t i = 0; i < s->cap; i++) {
        char *e = s->slots[i];
        if (e == NULL)
            continue;
        uint32_t n;
        memcpy(&n, e, sizeof n);
        size_t j = precis_hash(e + sizeof n, n) & (cap - 1);
        while (slots[j] != NULL)
            j = (j + 1) & (cap - 1);
        slots[j] = e;
    }
    free(s->slots);
    s->slots = slots;
    s->cap = cap;
    return true;
}

precis_status precis_strset_add(precis_strset *s, const char *w, size_t len)
{
    if (len > UINT32_MAX)
        return PRECIS_ERR_INVALID_ARG;
    if (precis_strset_has(s, w, len))
        return PRECIS_OK;
    if ((s->n + 1) * 2 > s->cap && !rehash(s, s->cap ? s->cap * 2 : 64))
        return PRECIS_ERR_NOMEM;
    char *e = precis_arena_alloc(&s->arena, sizeof(uint32_t) + len);
    if (e == NULL)
        return PRECIS_ERR_NOMEM;
    uint32_t n = (uint32_t)len;
    memcpy(e, &n, sizeof n);
    memcpy(e + sizeof n, w, len);
    size_t mask = s->cap - 1;
    size_t i = precis_hash(w, len) & mask;
    while (s->slots[i] != NULL)
        i = (i + 1) & mask;
    s->slots[i] = e;
    s->n++;
    return PRECIS_OK;
}

size_t precis_list_entry(const char **line, size_t len)
{
    const char *p = *line;
    const char *hash = memchr(p, '#', len);
    if (hash != NULL)
        len = (size_t)(hash - p);
    while (len > 0 && (*p == ' ' || *p == '\t')) {
        p++;
        len--;
    }
    while (len > 0 && (p[len - 1] == ' ' || p[len - 1] == '\t' || p[len - 1] == '\r'))
        len--;
    *line = p;
    return len;
}

static precis_status add_line(precis_strset *s, const char *p, size_t len)
{
    len = precis_list_entry(&p, len);
    return len == 0 ? PRECIS_OK : precis_strset_add(s, p, len);
}

precis_status precis_strset_add_array(precis_strset *s, const char *const *lines, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        precis_status st = add_line(s, lines[i], strlen(lines[i]));
        if (st != PRECIS_OK)
            return st;
    }
    return PRECIS_OK;
}
