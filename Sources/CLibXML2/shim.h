// Debian's libxml2 headers pull in ICU when LIBXML_ICU_ENABLED is set, and ICU's
// UErrorCode then clashes with Foundation's copy in the same build. Nothing here
// needs ICU, so switch it off before the other headers are read.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/HTMLparser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <libxml/xmlwriter.h>
#include <libxml/xmlerror.h>
