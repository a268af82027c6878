// libxml2 built with ICU would include the system's ICU headers, which clash with the
// copy Foundation carries. Nothing here needs ICU, so its declarations are left out.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlwriter.h>

// libxml2 prints some messages (e.g. "Unimplemented block" from the schema module) through its
// generic handler, which is variadic and so cannot be written in Swift. This one drops them:
// every problem StatReturn reports reaches it through the structured handler instead.
static void statreturn_ignore_generic_error(void *context, const char *message, ...) { (void)context; (void)message; }
static inline void statreturn_silence_generic_errors(void) { xmlSetGenericErrorFunc(NULL, statreturn_ignore_generic_error); }
