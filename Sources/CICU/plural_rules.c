// ICU renames every C function with its version (uplrules_select → uplrules_select_72), so
// Swift calls these wrappers, whose names do not change with each Debian release.
#include "CICU.h"
#include <unicode/upluralrules.h>

void *digest_plural_rules_open(const char *locale) {
    UErrorCode status = U_ZERO_ERROR;
    UPluralRules *rules = uplrules_open(locale, &status);
    if (U_FAILURE(status)) return NULL;
    return rules;
}

int digest_plural_select(const void *rules, double number, char *buffer, int capacity) {
    UChar text[16];
    UErrorCode status = U_ZERO_ERROR;
    int32_t length = uplrules_select((const UPluralRules *)rules, number, text, 16, &status);
    if (U_FAILURE(status) || length <= 0 || length > 16 || length >= capacity) return 0;
    for (int32_t i = 0; i < length; i++) buffer[i] = (char)text[i];
    return length;
}

void digest_plural_rules_close(void *rules) {
    uplrules_close((UPluralRules *)rules);
}
