// libxml2 built with ICU would include the system's ICU headers, which clash with the
// copy Foundation carries. Nothing here needs ICU, so its declarations are left out.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlwriter.h>
