#ifndef SIEVE_CLAPACK_SHIM_H
#define SIEVE_CLAPACK_SHIM_H
#include <dlfcn.h>
#include <lapacke.h>

/* RTLD_DEFAULT (glibc defines it as 0 only under _GNU_SOURCE, which must not differ from Swift's Glibc module). */
#define SIEVE_RTLD_DEFAULT ((void *)0)

/* Debian's LAPACKE calls whichever liblapack.so.3 the alternatives system points at (OpenBLAS's by
   default). OpenBLAS starts its own thread pool; these look its controls up at run time, so Sieve
   links only LAPACKE and still works (single-threaded already) over the reference LAPACK. */

/* Sets OpenBLAS's thread count; returns 0 when the LAPACK in use is not OpenBLAS. */
static inline int sieve_blas_set_threads(int threads) {
    void (*set)(int) = (void (*)(int))dlsym(SIEVE_RTLD_DEFAULT, "openblas_set_num_threads");
    if (!set) return 0;
    set(threads);
    return 1;
}

/* OpenBLAS's thread count, or 0 when the LAPACK in use is not OpenBLAS. */
static inline int sieve_blas_threads(void) {
    int (*get)(void) = (int (*)(void))dlsym(SIEVE_RTLD_DEFAULT, "openblas_get_num_threads");
    return get ? get() : 0;
}

/* OpenBLAS's build description (e.g. "OpenBLAS 0.3.21 DYNAMIC_ARCH ... Haswell"), or NULL. */
static inline const char *sieve_blas_config(void) {
    char *(*config)(void) = (char *(*)(void))dlsym(SIEVE_RTLD_DEFAULT, "openblas_get_config");
    return config ? config() : 0;
}

/* OpenBLAS's kernel family for this CPU (e.g. "Haswell"), or NULL. */
static inline const char *sieve_blas_core(void) {
    char *(*core)(void) = (char *(*)(void))dlsym(SIEVE_RTLD_DEFAULT, "openblas_get_corename");
    return core ? core() : 0;
}
#endif
