/* Arena allocator: many small pieces (spans, vocabulary strings) freed at once, and the
 * growable-buffer helper every stage uses. */
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#ifdef PRECIS_FAULT_INJECTION
#include <stdatomic.h>
#endif
#include <time.h>

#include "internal.h"

/* ---- allocation ---------------------------------------------------------------------- */

#ifdef PRECIS_FAULT_INJECTION
// Test builds only: which allocation fails, and how many were made (threads may allocate).
static atomic_ulong fault_at, fault_n;

bool precis_fault_next(void)
{
    unsigned long n = atomic_fetch_add(&fault_n, 1) + 1;
    return n == atomic_load(&fault_at);
}

void precis_fault_fail_at(unsigned long k)
{
    atomic_store(&fault_at, 0);
    atomic_store(&fault_n, 0);
    atomic_store(&fault_at, k);
}

unsigned long precis_fault_count(void)
{
    return atomic_load(&fault_n);
}

bool precis_fault_hit(void)
{
    unsigned long k = atomic_load(&fault_at);
    return k != 0 && atomic_load(&fault_n) >= k;
}
#endif

void *precis_malloc(size_t size)
{
    return precis_fault_next() ? NULL : malloc(size);
}

void *precis_calloc(size_t n, size_t size)
{
    return precis_fault_next() ? NULL : calloc(n, size);
}

void *precis_realloc(void *p, size_t size)
{
    return precis_fault_next() ? NULL : realloc(p, size);
}

char *precis_strdup(const char *s)
{
    return precis_fault_next() ? NULL : strdup(s);
}

/* ---- arena ----------------------------------------------------------------------------- */

struct precis_arena_block {
    precis_arena_block *next;
    max_align_t align[]; // payload starts suitably aligned
};

#define ARENA_MIN_BLOCK ((size_t)64 * 1024)

void precis_arena_init(precis_arena *a)
{
    a->head = NULL;
    a->used = a->cap = 0;
}

void *precis_arena_alloc(precis_arena *a, size_t size)
{
    size_t need = (size + 15) & ~(size_t)15;
    if (need < size)
        return NULL;
    if (a->head == NULL || a->cap - a->used < need) {
        size_t cap = need > ARENA_MIN_BLOCK ? need : ARENA_MIN_BLOCK;
        if (cap > SIZE_MAX - sizeof(precis_arena_block))
            return NULL;
        precis_arena_block *b = precis_malloc(sizeof *b + cap);
        if (b == NULL)
            return NULL;
        b->next = a->head;
        a->head = b;
        a->used = 0;
        a->cap = cap;
    }
    void *p = (char *)a->head->align + a->used;
    a->used += need;
    return p;
}

char *precis_arena_strndup(precis_arena *a, const char *s, size_t len)
{
    if (len == SIZE_MAX)
        return NULL;
    char *p = precis_arena_alloc(a, len + 1);
    if (p == NULL)
        return NULL;
    memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

void precis_arena_destroy(precis_arena *a)
{
    precis_arena_block *b = a->head;
    while (b != NULL) {
        precis_arena_block *next = b->next;
        free(b);
        b = next;
    }
    precis_arena_init(a);
}

bool precis_grow(void **buf, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return true;
    size_t n = *cap ? *cap : 16;
    while (n < need) {
        if (n > SIZE_MAX / 2)
            return false;
        n *= 2;
    }
    size_t bytes;
    if (!precis_mul_ok(n, size, &bytes))
        return false;
    void *p = precis_realloc(*buf, bytes);
    if (p == NULL)
        return false;
    *buf = p;
    *cap = n;
    return true;
}

double precis_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

void *precis_alloc_large(size_t bytes)
{
    const size_t huge = (size_t)2 << 20;
    if (bytes < 2 * huge)
        return precis_malloc(bytes ? bytes : 1);
    void *p = NULL;
    size_t rounded = (bytes + huge - 1) / huge * huge;
    if (rounded < bytes || precis_fault_next() || posix_memalign(&p, huge, rounded) != 0)
        return NULL;
#ifdef MADV_HUGEPAGE
    // Arrays read at random (scores, neighbour lists) miss the TLB on 4 KiB pages; a hint only.
    madvise(p, rounded, MADV_HUGEPAGE);
#endif
    return p;
}
