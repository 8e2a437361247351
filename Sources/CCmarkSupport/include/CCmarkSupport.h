#ifndef DIGEST_CCMARKSUPPORT_H
#define DIGEST_CCMARKSUPPORT_H

#include <stdbool.h>

/// Whether this process's override of cmark_manage_extensions_special_characters is
/// the one cmark-gfm calls (see cmark_support.c). When false, Markdown must not be
/// rendered on several threads at once.
bool digest_cmark_concurrency_fix_active(void);

#endif
