/* The C peer of the export benchmark: writes the rows of a TSV file (the export's own rows, dumped
   as text) with libxlsxwriter in constant-memory mode, as one sheet with a bold, frozen,
   autofiltered header; ISO dates become date cells shown dd.mm.yyyy and plain integers numbers,
   like mentorbase's writer.  usage: write_rows IN.tsv OUT.xlsx */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

static int is_date(const char *s) {
    if (strlen(s) != 10) return 0;
    for (int i = 0; i < 10; i++) {
        if (i == 4 || i == 7) { if (s[i] != '-') return 0; }
        else if (s[i] < '0' || s[i] > '9') return 0;
    }
    return 1;
}

static int is_int(const char *s) {
    if (!*s || strlen(s) > 9) return 0;
    for (; *s; s++) if (*s < '0' || *s > '9') return 0;
    return 1;
}

int main(int argc, char **argv) {
    if (argc != 3) { fprintf(stderr, "usage: %s IN.tsv OUT.xlsx\n", argv[0]); return 2; }
    FILE *in = fopen(argv[1], "r");
    if (!in) { perror(argv[1]); return 1; }
    lxw_workbook_options opts = {.constant_memory = 1, .tmpdir = NULL, .use_zip64 = 0};
    lxw_workbook *wb = workbook_new_opt(argv[2], &opts);
    lxw_worksheet *ws = workbook_add_worksheet(wb, "Текущие участники");
    lxw_format *bold = workbook_add_format(wb);
    format_set_bold(bold);
    lxw_format *date = workbook_add_format(wb);
    format_set_num_format(date, "dd.mm.yyyy");
    size_t cap = 1 << 16;
    char *line = malloc(cap);
    lxw_row_t row = 0;
    int cols = 0;
    ssize_t len;
    while ((len = getline(&line, &cap, in)) > 0) {
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r')) line[--len] = 0;
        if (row == 0 && (unsigned char)line[0] == 0xEF) memmove(line, line + 3, (size_t)len - 2);
        lxw_col_t col = 0;
        char *p = line;
        for (;;) {
            char *tab = strchr(p, '\t');
            if (tab) *tab = 0;
            lxw_error e = LXW_NO_ERROR;
            if (row == 0) e = worksheet_write_string(ws, row, col, p, bold);
            else if (*p == 0) { /* empty cell */ }
            else if (is_date(p)) {
                lxw_datetime dt = {atoi(p), atoi(p + 5), atoi(p + 8), 0, 0, 0};
                e = worksheet_write_datetime(ws, row, col, &dt, date);
            } else if (is_int(p)) e = worksheet_write_number(ws, row, col, atof(p), NULL);
            else e = worksheet_write_string(ws, row, col, p, NULL);
            if (e) { fprintf(stderr, "row %u: %s\n", row, lxw_strerror(e)); return 1; }
            col++;
            if (!tab) break;
            p = tab + 1;
        }
        if (row == 0) cols = col;
        row++;
    }
    worksheet_freeze_panes(ws, 1, 0);
    if (cols > 0) worksheet_autofilter(ws, 0, 0, row > 0 ? row - 1 : 0, (lxw_col_t)(cols - 1));
    lxw_error e = workbook_close(wb);
    if (e) { fprintf(stderr, "%s\n", lxw_strerror(e)); return 1; }
    free(line);
    fclose(in);
    return 0;
}
