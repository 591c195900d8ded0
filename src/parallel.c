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
