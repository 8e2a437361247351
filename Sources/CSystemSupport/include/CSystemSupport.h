#ifndef DIGEST_CSYSTEMSUPPORT_H
#define DIGEST_CSYSTEMSUPPORT_H

/// Atomically exchanges two paths (both must exist), so that a reader sees either the
/// old or the new folder at `b`, never neither. Returns 0, or -1 with errno set
/// (ENOSYS or EINVAL where the system or file system cannot do it).
int digest_exchange_paths(const char *a, const char *b);

#endif
