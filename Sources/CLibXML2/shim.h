// Shim over Debian's libxml2 (libxml2-dev, pkg-config "libxml-2.0") and zlib (zlib1g-dev),
// the two C libraries the XLSX reader streams through.
#ifndef MENTORBASE_CLIBXML2_SHIM_H
#define MENTORBASE_CLIBXML2_SHIM_H
#include <libxml/xmlversion.h>
// Debian builds libxml2 with ICU; its UErrorCode clashes with Foundation's copy
// in clean debug builds. mentorbase never uses libxml2's ICU encoders.
#ifdef LIBXML_ICU_ENABLED
#undef LIBXML_ICU_ENABLED
#endif
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlerror.h>
#include <libxml/SAX2.h>
#include <zlib.h>

// xmlFree is a global function pointer; Swift 6 rejects it as shared mutable state.
static inline void mb_xml_free(void *p) { xmlFree(p); }

// Swift cannot spell a variadic C function, so the silent generic handler lives here.
static inline void mb_xml_silent_generic(void *ctx, const char *msg, ...) { (void)ctx; (void)msg; }
static inline void mb_xml_silent_structured(void *ctx, xmlErrorPtr err) { (void)ctx; (void)err; }

// Refuses every external entity, DTD or XInclude load: nothing outside the zip is ever read.
static inline xmlParserInputPtr mb_xml_refuse_loader(const char *url, const char *id, xmlParserCtxtPtr ctxt) {
    (void)url; (void)id; (void)ctxt;
    return NULL;
}

// Once per process: initialise the parser and install the refusing entity loader.
static inline void mb_xml_process_init(void) {
    xmlInitParser();
    xmlSetExternalEntityLoader(mb_xml_refuse_loader);
}

// Per thread (libxml2 keeps these handlers in thread-local state): errors that have no
// parser context must not reach stderr either.
static inline void mb_xml_silence_thread(void) {
    xmlSetGenericErrorFunc(NULL, mb_xml_silent_generic);
    xmlSetStructuredErrorFunc(NULL, mb_xml_silent_structured);
}

// inflateInit2 is a macro; raw deflate (no zlib header) is what zip entries hold.
static inline int mb_inflate_init_raw(z_stream *s) { return inflateInit2(s, -MAX_WBITS); }
#endif
