/* Running a stage's independent pieces on all cores: each job is a contiguous slice of the
 * input, results are joined in slice order, so the output never depends on the thread count. */
#include <assert.h>
#include <pthread.h>
#include <unistd.h>

#include "internal.h"

size_t precis_thread_count(size_t wanted)
{
    if (wanted > 0)
        return wanted > PRECIS_MAX_THREADS ? PRECIS_MAX_THREADS : wanted;
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    size_t t = cpus > 0 ? (size_t)cpus : 1;
    return t > PRECIS_MAX_THREADS ? PRECIS_MAX_THREADS : t;
}

void precis_run_jobs(size_t n_jobs, void *(*fn)(void *), void *jobs, size_t job_size)
{
    assert(n_jobs <= PRECIS_MAX_THREADS);
    if (n_jobs == 0)
        return;
    pthread_t tid[PRECIS_MAX_THREADS];
    bool started[PRECIS_MAX_THREADS] = {false};
    char *base = jobs;
    for (size_t j = 1; j < n_jobs && j < PRECIS_MAX_THREADS; j++)
        started[j] = pthread_create(&tid[j], NULL, fn, base + j * job_size) == 0;
    fn(base);
    for (size_t j = 1; j < n_jobs && j < PRECIS_MAX_THREADS; j++) {
        if (started[j])
            pthread_join(tid[j], NULL);
        else
            fn(base + j * job_size); // no thread to be had: do that share here
    }
}

size_t precis_slice_documents(const precis_doc *docs, size_t n, size_t threads, size_t *bounds)
{
    size_t total = 0;
    for (size_t d = 0; d < n; d++)
        total += docs[d].len;
    // Threads pay only on large inputs; small ones stay on the calling thread.
    size_t jobs = total < PRECIS_PARALLEL_MIN_BYTES || n < 2 ? 1 : threads;
    if (jobs > n)
        jobs = n;
    // Consecutive ranges of about equal bytes: range j ends once the bytes so far reach j/jobs.
    size_t j = 1, sum = 0;
    bounds[0] = 0;
    for (size_t d = 0; d < n && j < jobs; d++) {
        sum += docs[d].len;
        while (j < jobs && sum >= total / jobs * j)
            bounds[j++] = d + 1;
    }
    while (j < jobs)
        bounds[j++] = n;
    bounds[jobs] = n;
    return jobs;
}
