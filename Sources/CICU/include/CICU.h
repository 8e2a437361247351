// ICU's CLDR plural rules for Swift, from Debian's libicu-dev (see plural_rules.c).
// Only plain C types cross this header: Foundation carries its own copy of ICU, whose
// types Swift would otherwise see twice.
#ifndef CICU_H
#define CICU_H

/// The plural rules of a locale (`de`, `zh_Hans`), or NULL.
void *digest_plural_rules_open(const char *locale);

/// The CLDR category of `number` (`one`, `few`, `other` …) written into `buffer` as ASCII
/// without a terminator; its length, or 0 on failure.
int digest_plural_select(const void *rules, double number, char *buffer, int capacity);

void digest_plural_rules_close(void *rules);

#endif
