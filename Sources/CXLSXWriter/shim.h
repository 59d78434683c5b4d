// Shim over Debian's libxlsxwriter (libxlsxwriter-dev, pkg-config "xlsxwriter").
#ifndef MENTORBASE_CXLSXWRITER_SHIM_H
#define MENTORBASE_CXLSXWRITER_SHIM_H
#include <xlsxwriter.h>
#endif
