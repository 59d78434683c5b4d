/* The C peer of the export benchmark: writes the rows of a TSV file (the export's own rows, dumped
   as text) with libxlsxwriter in constant-memory mode, into the workbook mentorbase writes: a sheet
   «Текущие участники» with the rows and a sheet «Архив» with the header only (the benchmark's
   mentees are all current), each with a bold, frozen, autofiltered header and column widths fitted
   to the longest value (characters × 1.1 + 1, between 8.43 and 60); ISO dates become date cells
   shown dd.mm.yyyy and plain integers numbers, like mentorbase's writer.
   usage: write_rows IN.tsv OUT.xlsx */
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

/* Characters (not bytes) of UTF-8 text. */
static int chars(const char *s) {
    int n = 0;
    for (; *s; s++) if (((unsigned char)*s & 0xC0) != 0x80) n++;
    return n;
}

#define MAX_COLS 256

static void fit_columns(lxw_worksheet *ws, const int *width, int cols) {
    for (int c = 0; c < cols; c++) {
        double w = width[c] * 1.1 + 1;
        if (w < 8.43) w = 8.43;
        if (w > 60) w = 60;
        worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, w, NULL);
    }
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
    char *header = NULL;
    lxw_row_t row = 0;
    int cols = 0;
    int width[MAX_COLS] = {0};
    ssize_t len;
    while ((len = getline(&line, &cap, in)) > 0) {
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r')) line[--len] = 0;
        if (row == 0 && (unsigned char)line[0] == 0xEF) memmove(line, line + 3, (size_t)len - 2);
        if (row == 0) header = strdup(line);
        lxw_col_t col = 0;
        char *p = line;
        for (;;) {
            char *tab = strchr(p, '\t');
            if (tab) *tab = 0;
            if (col >= MAX_COLS) { fprintf(stderr, "row %u: more than %d columns\n", row, MAX_COLS); return 1; }
            lxw_error e = LXW_NO_ERROR;
            int w = 0;
            if (row == 0) { e = worksheet_write_string(ws, row, col, p, bold); w = chars(p) + 2; }
            else if (*p == 0) { /* empty cell */ }
            else if (is_date(p)) {
                lxw_datetime dt = {atoi(p), atoi(p + 5), atoi(p + 8), 0, 0, 0};
                e = worksheet_write_datetime(ws, row, col, &dt, date);
                w = 10;
            } else if (is_int(p)) { e = worksheet_write_number(ws, row, col, atof(p), NULL); w = (int)strlen(p); }
            else { e = worksheet_write_string(ws, row, col, p, NULL); w = chars(p); }
            if (e) { fprintf(stderr, "row %u: %s\n", row, lxw_strerror(e)); return 1; }
            if (w > width[col]) width[col] = w;
            col++;
            if (!tab) break;
            p = tab + 1;
        }
        if (row == 0) cols = col;
        row++;
    }
    worksheet_freeze_panes(ws, 1, 0);
    if (cols > 0) worksheet_autofilter(ws, 0, 0, row > 0 ? row - 1 : 0, (lxw_col_t)(cols - 1));
    fit_columns(ws, width, cols);

    /* «Архив»: the same header, no rows. */
    lxw_worksheet *archive = workbook_add_worksheet(wb, "Архив");
    int archive_width[MAX_COLS] = {0};
    lxw_col_t col = 0;
    for (char *p = header; p; col++) {
        char *tab = strchr(p, '\t');
        if (tab) *tab = 0;
        lxw_error e = worksheet_write_string(archive, 0, col, p, bold);
        if (e) { fprintf(stderr, "archive header: %s\n", lxw_strerror(e)); return 1; }
        archive_width[col] = chars(p) + 2;
        p = tab ? tab + 1 : NULL;
    }
    worksheet_freeze_panes(archive, 1, 0);
    if (col > 0) worksheet_autofilter(archive, 0, 0, 0, (lxw_col_t)(col - 1));
    fit_columns(archive, archive_width, col);
    free(header);

    lxw_error e = workbook_close(wb);
    if (e) { fprintf(stderr, "%s\n", lxw_strerror(e)); return 1; }
    free(line);
    fclose(in);
    return 0;
}
