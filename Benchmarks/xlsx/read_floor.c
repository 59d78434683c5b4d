/* The read floor: unzip (minizip) + one libxml2 SAX2 push pass over sharedStrings.xml and
   sheet1.xml, counting rows and value cells. No values are converted or kept.
   usage: read_floor FILE.xlsx */
#include <stdio.h>
#include <string.h>
#include <libxml/parser.h>
#include <minizip/unzip.h>

static long rows, cells, strings;

static void start(void *ctx, const xmlChar *name, const xmlChar *prefix, const xmlChar *uri, int nns,
                  const xmlChar **ns, int nattr, int ndef, const xmlChar **attrs) {
    if (name[0] == 'c' && name[1] == 0) cells++;
    else if (name[0] == 'r' && name[1] == 'o' && name[2] == 'w' && name[3] == 0) rows++;
    else if (name[0] == 's' && name[1] == 'i' && name[2] == 0) strings++;
}

static void chars(void *ctx, const xmlChar *ch, int len) {}

static int pass(unzFile zf, const char *part) {
    if (unzLocateFile(zf, part, 0) != UNZ_OK || unzOpenCurrentFile(zf) != UNZ_OK) return 0;
    xmlSAXHandler sax;
    memset(&sax, 0, sizeof sax);
    sax.initialized = XML_SAX2_MAGIC;
    sax.startElementNs = start;
    sax.characters = chars;
    xmlParserCtxtPtr ctx = xmlCreatePushParserCtxt(&sax, NULL, NULL, 0, NULL);
    xmlCtxtUseOptions(ctx, XML_PARSE_NONET);
    static char buf[1 << 16];
    int n;
    while ((n = unzReadCurrentFile(zf, buf, sizeof buf)) > 0) xmlParseChunk(ctx, buf, n, 0);
    xmlParseChunk(ctx, NULL, 0, 1);
    int ok = ctx->wellFormed;
    xmlFreeParserCtxt(ctx);
    unzCloseCurrentFile(zf);
    return ok;
}

int main(int argc, char **argv) {
    unzFile zf = unzOpen64(argv[1]);
    if (!zf) return 1;
    pass(zf, "xl/sharedStrings.xml");
    if (!pass(zf, "xl/worksheets/sheet1.xml")) return 1;
    unzClose(zf);
    printf("%ld rows, %ld cells, %ld shared strings\n", rows, cells, strings);
    return 0;
}
