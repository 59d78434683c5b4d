/*
 * What SQLite alone costs for the store's writes of a mentee base: the floor under
 * `mentorbase import`. For every row of the CSV it inserts what the import inserts — a person
 * (with its name and initials keys), a mentee profile and a pairing membership, plus one pairing
 * per mentor, start date and form — through prepared statements in one transaction, into an
 * empty store made by mentorbase itself (so the schema, indexes and foreign keys are the real
 * ones, and its page size), with the settings of mentorbase's first load: rollback journal,
 * synchronous NORMAL, 128 MB page cache, SQLite's memory statistics off, and foreign keys checked
 * once before the commit (PRAGMA foreign_key_check) instead of row by row. Nothing is validated
 * or normalised: values go in as the file spells them (the name keys are the name as written),
 * which keeps the B-tree work the same.
 *
 *   sqlite_floor STORE.sqlite MENTEES.csv      (prints the rows inserted and the seconds)
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAXF 32

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

static void die(sqlite3 *db, const char *what) {
    fprintf(stderr, "%s: %s\n", what, sqlite3_errmsg(db));
    exit(1);
}

static void exec(sqlite3 *db, const char *sql) {
    if (sqlite3_exec(db, sql, 0, 0, 0) != SQLITE_OK) die(db, sql);
}

/* Splits one CSV record in place (RFC 4180 quotes, "" inside quotes); returns the field count. */
static int split(char *line, char **f) {
    int n = 0;
    char *p = line;
    while (n < MAXF) {
        if (*p == '"') {
            char *w = ++p;
            f[n++] = w;
            while (*p) {
                if (*p == '"' && p[1] == '"') { *w++ = '"'; p += 2; }
                else if (*p == '"') { p++; break; }
                else *w++ = *p++;
            }
            *w = 0;
            if (*p == ',') p++; else break;
        } else {
            f[n++] = p;
            char *c = strpbrk(p, ",\r\n");
            if (!c) break;
            int more = *c == ',';
            *c = 0;
            if (!more) break;
            p = c + 1;
        }
    }
    return n;
}

static void text(sqlite3_stmt *s, int i, const char *v) {
    if (v && *v) sqlite3_bind_text(s, i, v, -1, SQLITE_STATIC); else sqlite3_bind_null(s, i);
}

static void step(sqlite3 *db, sqlite3_stmt *s, const char *what) {
    if (sqlite3_step(s) != SQLITE_DONE) die(db, what);
    sqlite3_reset(s);
}

int main(int argc, char **argv) {
    if (argc != 3) { fprintf(stderr, "usage: sqlite_floor STORE.sqlite MENTEES.csv\n"); return 2; }
    FILE *in = fopen(argv[2], "r");
    if (!in) { perror(argv[2]); return 1; }
    sqlite3 *db;
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    if (sqlite3_open(argv[1], &db) != SQLITE_OK) die(db, "open");
    exec(db, "PRAGMA journal_mode = DELETE; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = OFF;"
             "PRAGMA cache_size = -131072;");
    double t0 = now();
    exec(db, "BEGIN IMMEDIATE");
    exec(db, "INSERT INTO import_batches (id, file_name, checksum, kind, started_at) VALUES (1, 'floor', '', 'mentees', '')");
    sqlite3_stmt *person, *profile, *member, *pairing;
    if (sqlite3_prepare_v2(db, "INSERT INTO people (id, last_name, first_name, patronymic, birth_year, birth_date, kind,"
                           " class_name, organization, position, teaching_experience_years, snils, phones, emails,"
                           " guardians, name_key, initials_key, snils_key, is_reference, created_batch, src_sheet, src_row)"
                           " VALUES (?,?,?,?,?,?,?,?,NULL,NULL,NULL,NULL,?,NULL,?,?,?,NULL,?,1,NULL,?)", -1, &person, 0)
        || sqlite3_prepare_v2(db, "INSERT INTO mentee_profiles (id, person_id, categories, request, entry_date, results,"
                              " case_link, status, school_year, created_batch, src_sheet, src_row)"
                              " VALUES (?,?,?,?,?,NULL,NULL,NULL,NULL,1,NULL,?)", -1, &profile, 0)
        || sqlite3_prepare_v2(db, "INSERT INTO pairing_members (id, pairing_id, person_id, created_batch, src_sheet, src_row)"
                              " VALUES (?,?,?,1,NULL,?)", -1, &member, 0)
        || sqlite3_prepare_v2(db, "INSERT INTO pairings (id, person_id, form, start_date, end_date, place, created_batch,"
                              " src_sheet, src_row) VALUES (?,?,?,?,?,?,1,NULL,?)", -1, &pairing, 0))
        die(db, "prepare");
    static char line[1 << 16], key[4096], initials[4096], guardians[4096], phones[512];
    char *f[MAXF];
    /* The pairings: one per mentor, start date and form (a few dozen in a mentee base). */
    enum { MAXP = 4096 };
    static char pkey[MAXP][256];
    static long long pid[MAXP], pmentor[MAXP];
    int npairings = 0;
    long long nextPerson = 1, nextMember = 1, rows = 0;
    if (!fgets(line, sizeof line, in)) return 1; /* header */
    while (fgets(line, sizeof line, in)) {
        int n = split(line, f);
        if (n < 13) continue;
        rows++;
        long long srcRow = rows + 1;
        /* The pairing of this row's mentor, start date and form (the mentor is a person too). */
        char pk[256];
        snprintf(pk, sizeof pk, "%s|%s|%s", f[9], f[8], f[10]);
        int p = 0;
        while (p < npairings && strcmp(pkey[p], pk) != 0) p++;
        if (p == npairings && npairings < MAXP) {
            long long mentor = -1;
            for (int q = 0; q < npairings; q++)
                if (strncmp(pkey[q], f[9], strlen(f[9])) == 0 && pkey[q][strlen(f[9])] == '|') mentor = pmentor[q];
            if (mentor < 0) {
                mentor = nextPerson++;
                sqlite3_bind_int64(person, 1, mentor);
                text(person, 2, f[9]);
                for (int i = 3; i <= 8; i++) sqlite3_bind_null(person, i);
                sqlite3_bind_null(person, 9);
                sqlite3_bind_null(person, 10);
                text(person, 11, f[9]);
                text(person, 12, f[9]);
                sqlite3_bind_int(person, 13, 1);
                sqlite3_bind_int64(person, 14, srcRow);
                step(db, person, "mentor");
            }
            strcpy(pkey[npairings], pk);
            pmentor[npairings] = mentor;
            pid[npairings] = npairings + 1;
            sqlite3_bind_int64(pairing, 1, pid[npairings]);
            sqlite3_bind_int64(pairing, 2, mentor);
            text(pairing, 3, f[10]);
            text(pairing, 4, f[8]);
            text(pairing, 5, f[12]);
            text(pairing, 6, f[11]);
            sqlite3_bind_int64(pairing, 7, srcRow);
            step(db, pairing, "pairing");
            npairings++;
        }
        /* The mentee: name parts, keys, contact and guardian as JSON text, like the store keeps them. */
        char *last = f[1], *first = strchr(last, ' '), *patronymic = NULL;
        if (first) { *first++ = 0; patronymic = strchr(first, ' '); if (patronymic) *patronymic++ = 0; }
        snprintf(key, sizeof key, "%s %s %s", last, first ? first : "", patronymic ? patronymic : "");
        snprintf(initials, sizeof initials, "%s %.2s %.2s", last, first ? first : "", patronymic ? patronymic : "");
        snprintf(phones, sizeof phones, "[\"%s\"]", f[4]);
        snprintf(guardians, sizeof guardians, "[{\"name\":\"%s\"}]", f[5]);
        long long id = nextPerson++;
        sqlite3_bind_int64(person, 1, id);
        text(person, 2, last);
        text(person, 3, first);
        text(person, 4, patronymic);
        sqlite3_bind_int(person, 5, atoi(f[2] + 6));
        text(person, 6, f[2]);
        text(person, 7, "student");
        text(person, 8, f[3]);
        text(person, 9, phones);
        text(person, 10, guardians);
        text(person, 11, key);
        text(person, 12, initials);
        sqlite3_bind_int(person, 13, 0);
        sqlite3_bind_int64(person, 14, srcRow);
        step(db, person, "person");
        sqlite3_bind_int64(profile, 1, id);
        sqlite3_bind_int64(profile, 2, id);
        text(profile, 3, f[6]);
        text(profile, 4, f[7]);
        text(profile, 5, f[8]);
        sqlite3_bind_int64(profile, 6, srcRow);
        step(db, profile, "profile");
        sqlite3_bind_int64(member, 1, nextMember++);
        sqlite3_bind_int64(member, 2, pid[p < MAXP ? p : 0]);
        sqlite3_bind_int64(member, 3, id);
        sqlite3_bind_int64(member, 4, srcRow);
        step(db, member, "member");
    }
    {
        sqlite3_stmt *check;
        if (sqlite3_prepare_v2(db, "PRAGMA foreign_key_check", -1, &check, 0)) die(db, "prepare");
        if (sqlite3_step(check) == SQLITE_ROW) { fprintf(stderr, "a dangling reference\n"); return 1; }
        sqlite3_finalize(check);
    }
    exec(db, "COMMIT");
    sqlite3_finalize(person);
    sqlite3_finalize(profile);
    sqlite3_finalize(member);
    sqlite3_finalize(pairing);
    exec(db, "PRAGMA journal_mode = WAL");
    sqlite3_close(db);
    printf("%lld rows, %d pairings, %.2f s\n", rows, npairings, now() - t0);
    return 0;
}
