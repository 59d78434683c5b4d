/* Writes the benchmark rows with libxlsxwriter: the data generator (shared strings, the
   layout Excel saves) and the write peer (constant-memory mode).
   usage: write_libxlsxwriter OUT.xlsx ROWS constant|shared */
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>
#include "rows.h"

int main(int argc, char **argv) {
    if (argc != 4) { fprintf(stderr, "usage: %s OUT ROWS constant|shared\n", argv[0]); return 2; }
    long rows = atol(argv[2]);
    lxw_workbook_options opts = {.constant_memory = strcmp(argv[3], "constant") == 0, .tmpdir = NULL, .use_zip64 = 0};
    lxw_workbook *wb = workbook_new_opt(argv[1], &opts);
    lxw_worksheet *ws = workbook_add_worksheet(wb, "Анкеты");
    lxw_format *bold = workbook_add_format(wb);
    format_set_bold(bold);
    for (int c = 0; c < 13; c++) worksheet_write_string(ws, 0, c, HEADER[c], bold);
    char cols[13][160];
    for (long i = 0; i < rows; i++) {
        make_row(i, cols);
        for (int c = 0; c < 13; c++) {
            lxw_error e = worksheet_write_string(ws, (lxw_row_t)(i + 1), c, cols[c], NULL);
            if (e) { fprintf(stderr, "%s\n", lxw_strerror(e)); return 1; }
        }
    }
    lxw_error e = workbook_close(wb);
    if (e) { fprintf(stderr, "%s\n", lxw_strerror(e)); return 1; }
    return 0;
}
