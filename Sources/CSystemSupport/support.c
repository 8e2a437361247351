#define _GNU_SOURCE
#include "CSystemSupport.h"
#include <errno.h>
#include <fcntl.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif
#include <stdio.h>
#include <unistd.h>
#if defined(__linux__)
#include <sys/syscall.h>
#include <linux/fs.h>
#endif

int digest_exchange_paths(const char *a, const char *b) {
#if defined(__linux__) && defined(SYS_renameat2)
    // glibc has a renameat2 wrapper, but Swift's Glibc module does not expose it.
    return (int)syscall(SYS_renameat2, AT_FDCWD, a, AT_FDCWD, b, RENAME_EXCHANGE);
#else
    errno = ENOSYS;
    return -1;
#endif
}

void digest_return_large_frees(size_t threshold) {
#if defined(__GLIBC__)
    // Setting the threshold turns off glibc's sliding one, which rises to the size of each
    // large block freed until blocks of up to 32 MB come from the heap, where freeing them
    // rarely gives the memory back.
    mallopt(M_MMAP_THRESHOLD, (int)threshold);
#else
    (void)threshold;
#endif
}

void digest_trim_heap(void) {
#if defined(__GLIBC__)
    malloc_trim(0);
#endif
}
