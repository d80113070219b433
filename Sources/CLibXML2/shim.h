#ifndef TCE_CLIBXML2_SHIM_H
#define TCE_CLIBXML2_SHIM_H

/* Debian builds libxml2 with ICU; its <unicode/*.h> clash with Foundation's own ICU module.
   tce touches no ICU-dependent field, so the ICU parts of the headers are left out. */
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlschemastypes.h>
#include <libxml/xmlIO.h>
#include <libxml/HTMLparser.h>

/// `xmlFree` is a global function pointer, which Swift 6 treats as shared mutable state.
static inline void tce_xmlFree(void *ptr) { xmlFree(ptr); }

/// libxml2 reports some problems (encoding conversion failures among them) only through its
/// varargs generic handler, which prints to stderr; Swift cannot write a varargs function, so
/// the silent handler lives here. The same problems also reach the structured handlers.
static void tce_silentGenericError(void *ctx, const char *msg, ...) { (void)ctx; (void)msg; }

/// Silences the generic handler for this thread and every thread created afterwards.
static inline void tce_silenceGenericErrors(void) {
    xmlThrDefSetGenericErrorFunc(NULL, tce_silentGenericError);
    xmlSetGenericErrorFunc(NULL, tce_silentGenericError);
}

#endif
