// Shim over Debian's libxml2 (libxml2-dev, pkg-config "libxml-2.0").
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

// xmlFree is a global function pointer; Swift 6 rejects it as shared mutable state.
static inline void mb_xml_free(void *p) { xmlFree(p); }
#endif
