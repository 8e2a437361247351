// Makes cmark-gfm 0.29.0.gfm.6 (Debian 12) safe to run on several threads at once.
//
// In this version the table of "special" inline characters that extensions register
// (':' and 'w' for autolinks, '~' for strikethrough, '|' for tables) is a global.
// cmark_parser_finish() adds the attached extensions' characters before parsing
// inlines and removes them afterwards, so a document finishing on one thread switches
// the characters off while another thread is still parsing: autolinks, strikethrough
// and table cells then go missing at random. (Later cmark-gfm releases make the table
// per-parser.)
//
// Every parser Digest creates attaches the same extensions, so the correct state is
// "added once, never removed". The library calls this function through its PLT, so the
// definition below, exported by the executable, takes its place: additions are passed
// on to the library's own implementation; removals are ignored.

#define _GNU_SOURCE
#include "CCmarkSupport.h"
#include <dlfcn.h>
#include <stddef.h>

struct cmark_parser;
typedef void (*manage_fn)(struct cmark_parser *, int);

static manage_fn library_implementation(void) {
    static manage_fn next = NULL;
    if (next == NULL) next = (manage_fn)dlsym(RTLD_NEXT, "cmark_manage_extensions_special_characters");
    return next;
}

__attribute__((visibility("default")))
void cmark_manage_extensions_special_characters(struct cmark_parser *parser, int add) {
    if (!add) return;
    manage_fn next = library_implementation();
    if (next != NULL) next(parser, add);
}

bool digest_cmark_concurrency_fix_active(void) {
    void *seen = dlsym(RTLD_DEFAULT, "cmark_manage_extensions_special_characters");
    return seen == (void *)&cmark_manage_extensions_special_characters && library_implementation() != NULL;
}
