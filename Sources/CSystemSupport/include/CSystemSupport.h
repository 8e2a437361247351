#ifndef DIGEST_CSYSTEMSUPPORT_H
#define DIGEST_CSYSTEMSUPPORT_H

#include <stddef.h>

/// Atomically exchanges two paths (both must exist), so that a reader sees either the
/// old or the new folder at `b`, never neither. Returns 0, or -1 with errno set
/// (ENOSYS or EINVAL where the system or file system cannot do it).
int digest_exchange_paths(const char *a, const char *b);

/// Makes every later allocation of at least `threshold` bytes a mapping of its own, given
/// back to the system when it is freed (glibc; elsewhere it does nothing).
void digest_return_large_frees(size_t threshold);

/// Gives the system back the whole free pages inside the heap (glibc; elsewhere nothing).
void digest_trim_heap(void);

#endif
