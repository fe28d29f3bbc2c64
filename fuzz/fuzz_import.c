/*
 * fuzz_import.c - libFuzzer harness for the whole import path:
 * import_file() (src/import/import.h) with its format readers (long and
 * wide CSV, SDMX-CSV, Eurostat TSV, JSON, JSON-stat; the cube formats are
 * recognised by their content, whatever the file's name), the kind
 * handlers and the store, on an in-memory database.
 *
 * Start-up (LLVMFuzzerInitialize): a temporary folder ($TMPDIR or /tmp)
 * gets a small fixed regions file (the regions of seeds/regions.csv),
 * their Russian short names as aliases and an indicators file; an
 * in-memory database is created (db_open(":memory:", DB_CREATE),
 * migrate_apply) and they are imported into it. That database, as bytes,
 * is the reference image every input starts from. The folder is removed
 * between inputs, so that nothing is left behind however the process ends
 * (except the last input, after a crash).
 *
 * Input layout: byte 0 chooses the options, the rest is the file, written
 * to <tmp>/input.csv or <tmp>/input.json and handed to import_file().
 *   bit 0      file name ends in .json (else .csv; the reader also sniffs
 *              a leading { or [)
 *   bits 1-2   decimal mark: 0 auto, 1 point, 2 comma; 3 auto and
 *              --indicator doctors_per_1000 (for wide tables and files
 *              without an indicator column)
 *   bit 3      --replace
 *   bits 4-7   v = byte >> 4:
 *              v 0-6: kind detected from the file; delimiter by v & 3
 *                     (0 detected, 1 ',', 2 ';', 3 '\t'); v & 4: --dry-run
 *              v 7-15: kind forced (--kind) to the (v-7)th of published,
 *                     series, indicators, regions, aliases, rates, prices,
 *                     population, changes
 * The seed corpus uses byte 0x00 for CSV files, 0x01 for JSON files and
 * 0x06 for the real tables that need --indicator.
 *
 * After each input it abort()s with a message when a promise of
 * import.h / store.h is broken:
 *   - the status is OBLYS_OK with no problem listed, or OBLYS_EDATA with
 *     at least one; OBLYS_EDB and OBLYS_EIO (SQL failure, unreadable file)
 *     never come from a file's content;
 *   - no transaction is left open;
 *   - a rejected (or dry-run) import leaves the database byte for byte as
 *     it was;
 *   - a committed one leaves it sound: PRAGMA integrity_check says "ok"
 *     and PRAGMA foreign_key_check finds nothing;
 *   - importing the same file again succeeds and changes nothing, not
 *     even a byte (README: "importing the same file twice changes
 *     nothing").
 * After a committed import the reference image is loaded back, so every
 * input starts from the same database. OBLYS_FUZZ_VERBOSE=1 in the
 * environment prints the options, status and problems of every input
 * (for running one input again: fuzz_import crash-...).
 */
#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include "db/db.h"
#include "db/migrate.h"
#include "import/import.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char REGIONS_CSV[] =
    "code,name,kind,kato,iso_3166_2,name_ru,name_kk,valid_from,valid_to\n"
    "110000000,Akmola,region,110000000,KZ-11,Акмолинская область,Ақмола облысы,,\n"
    "150000000,Aktobe,region,150000000,KZ-15,Актюбинская область,Ақтөбе облысы,,\n"
    "190000000,Almaty,region,190000000,KZ-19,Алматинская область,Алматы облысы,,\n"
    "230000000,Atyrau,region,230000000,KZ-23,Атырауская область,Атырау облысы,,\n"
    "270000000,West Kazakhstan,region,270000000,KZ-27,Западно-Казахстанская область,Батыс Қазақстан облысы,,\n"
    "310000000,Zhambyl,region,310000000,KZ-31,Жамбылская область,Жамбыл облысы,,\n"
    "350000000,Karaganda,region,350000000,KZ-35,Карагандинская область,Қарағанды облысы,,\n"
    "390000000,Kostanay,region,390000000,KZ-39,Костанайская область,Қостанай облысы,,\n"
    "430000000,Kyzylorda,region,430000000,KZ-43,Кызылординская область,Қызылорда облысы,,\n"
    "470000000,Mangystau,region,470000000,KZ-47,Мангистауская область,Маңғыстау облысы,,\n"
    "550000000,Pavlodar,region,550000000,KZ-55,Павлодарская область,Павлодар облысы,,\n"
    "590000000,North Kazakhstan,region,590000000,KZ-59,Северо-Казахстанская область,Солтүстік Қазақстан облысы,,\n"
    "610000000,Turkestan,region,610000000,KZ-61,Туркестанская область,Түркістан облысы,2018,\n"
    "630000000,East Kazakhstan,region,630000000,KZ-63,Восточно-Казахстанская область,Шығыс Қазақстан облысы,,\n"
    "710000000,Astana city,city,710000000,KZ-71,г.Астана,Астана қ.,,\n"
    "750000000,Almaty city,city,750000000,KZ-75,г.Алматы,Алматы қ.,,\n"
    "790000000,Shymkent city,city,790000000,KZ-79,г.Шымкент,Шымкент қ.,2018,\n"
    "100000000,Abai,region,100000000,KZ-10,область Абай,Абай облысы,2022,\n"
    "330000000,Jetisu,region,330000000,KZ-33,область Жетісу,Жетісу облысы,2022,\n"
    "620000000,Ulytau,region,620000000,KZ-62,область Ұлытау,Ұлытау облысы,2022,\n"
    "KZ-YUZ,South Kazakhstan,region,,,Южно-Казахстанская область,,,2017\n"
    "KZ,Republic of Kazakhstan,country,,KZ,Республика Казахстан,Қазақстан Республикасы,,\n"
    "R2,Бета,city,,,,,,\n";

static const char ALIASES_CSV[] =
    "alias,region,source\n"
    "Akmola Region,110000000,fuzz\n"
    "Акмолинская,110000000,fuzz\n"
    "Актюбинская,150000000,fuzz\n"
    "Алматинская,190000000,fuzz\n"
    "Атырауская,230000000,fuzz\n"
    "Западно-Казахстанская,270000000,fuzz\n"
    "Жамбылская,310000000,fuzz\n"
    "Карагандинская,350000000,fuzz\n"
    "Костанайская,390000000,fuzz\n"
    "Кызылординская,430000000,fuzz\n"
    "Мангистауская,470000000,fuzz\n"
    "Павлодарская,550000000,fuzz\n"
    "Северо-Казахстанская,590000000,fuzz\n"
    "Туркестанская,610000000,fuzz\n"
    "Восточно-Казахстанская,630000000,fuzz\n"
    "город Астана,710000000,fuzz\n"
    "Nur-Sultan,710000000,fuzz\n"
    "г. Нур-Султан,710000000,fuzz\n"
    "город Алматы,750000000,fuzz\n"
    "город Шымкент,790000000,fuzz\n"
    "South Kazakhstan Region,KZ-YUZ,fuzz\n"
    "Абай,100000000,fuzz\n"
    "Жетісу,330000000,fuzz\n"
    "Ұлытау,620000000,fuzz\n"
    "Kazakhstan,KZ,fuzz\n";

static const char INDICATORS_JSON[] =
    "{\"indicators\": [\n"
    " {\"code\": \"income_per_capita\", \"name\": \"Income per capita\", \"unit\": \"US dollars"
    " per month\", \"polarity\": \"higher_is_better\", \"decimals\": 0, \"in_index\": true,"
    " \"position\": 1, \"kind\": \"money\", \"currency\": \"USD\", \"price_basis\": \"nominal\"},\n"
    " {\"code\": \"poverty_rate\", \"name\": \"Poverty\", \"unit\": \"%\", \"polarity\":"
    " \"higher_is_worse\", \"decimals\": 1, \"in_index\": true, \"position\": 2, \"kind\":"
    " \"percentage\"},\n"
    " {\"code\": \"funds_ratio\", \"name\": \"Funds ratio\", \"unit\": \"times\", \"polarity\":"
    " \"higher_is_worse\", \"decimals\": 2, \"in_index\": true, \"position\": 3, \"kind\":"
    " \"ratio\"},\n"
    " {\"code\": \"doctors_per_1000\", \"name\": \"Doctors\", \"unit\": \"per 1000 population\","
    " \"polarity\": \"higher_is_better\", \"decimals\": 1, \"in_index\": true, \"position\": 4,"
    " \"kind\": \"rate_per_1000\"},\n"
    " {\"code\": \"consumption_income\", \"name\": \"Income used for consumption\", \"unit\":"
    " \"US dollars per month\", \"polarity\": \"higher_is_better\", \"decimals\": 0,"
    " \"in_index\": false, \"position\": 5, \"kind\": \"money\", \"currency\": \"USD\","
    " \"price_basis\": \"nominal\"},\n"
    " {\"code\": \"wage_nominal\", \"name\": \"Nominal wage\", \"unit\": \"tenge per month\","
    " \"polarity\": \"higher_is_better\", \"decimals\": 0, \"in_index\": false, \"position\": 6,"
    " \"kind\": \"money\", \"currency\": \"KZT\", \"price_basis\": \"nominal\"}\n"
    "]}\n";

static const char *const KIND_NAMES[9] = {
    "published", "series", "indicators", "regions", "aliases", "rates", "prices",
    "population", "changes",
};

static char g_dir[64];
static char g_path_csv[128], g_path_json[128];
static sqlite3 *g_db;
static unsigned char *g_image;          /* the reference database, as bytes */
static sqlite3_int64 g_image_size;
static bool g_verbose;                  /* OBLYS_FUZZ_VERBOSE=1: print each result */

static void die(const char *what, const char *detail)
{
    fprintf(stderr, "fuzz_import: %s%s%s\n", what, detail ? ": " : "", detail ? detail : "");
    abort();
}

static void write_file(const char *path, const void *data, size_t size)
{
    FILE *f = fopen(path, "wb");
    if (f == NULL || (size > 0 && fwrite(data, 1, size, f) != size) || fclose(f) != 0)
        die("cannot write", path);
}

/* Runs a PRAGMA whose healthy answer is the single row "ok" (ok_text) or
 * no row at all (ok_text NULL). */
static void check_pragma(const char *sql, const char *ok_text)
{
    sqlite3_stmt *stmt = NULL;
    if (sqlite3_prepare_v2(g_db, sql, -1, &stmt, NULL) != SQLITE_OK)
        die(sql, sqlite3_errmsg(g_db));
    int rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW) {
        const char *text = (const char *)sqlite3_column_text(stmt, 0);
        if (ok_text == NULL || text == NULL || strcmp(text, ok_text) != 0
            || sqlite3_step(stmt) != SQLITE_DONE) {
            fprintf(stderr, "fuzz_import: %s: %s\n", sql, text ? text : "(null)");
            die("the database is not sound after an import", sql);
        }
    } else if (rc != SQLITE_DONE) {
        die(sql, sqlite3_errmsg(g_db));
    } else if (ok_text != NULL) {
        die(sql, "no answer");
    }
    sqlite3_finalize(stmt);
}

static void check_sound(void)
{
    check_pragma("PRAGMA integrity_check", "ok");
    check_pragma("PRAGMA foreign_key_check", NULL);
}

/* Loads the reference image into the connection (it becomes an in-memory
 * "memdb" database that sqlite3_serialize can show without copying). */
static void load_image(void)
{
    unsigned char *copy = sqlite3_malloc64((sqlite3_uint64)g_image_size);
    if (copy == NULL)
        die("out of memory", NULL);
    memcpy(copy, g_image, (size_t)g_image_size);
    if (sqlite3_deserialize(g_db, "main", copy, g_image_size, g_image_size,
                            SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_RESIZEABLE)
        != SQLITE_OK)
        die("sqlite3_deserialize", sqlite3_errmsg(g_db));
}

/* True when the database is byte for byte image[0..size). */
static bool is_image(const unsigned char *image, sqlite3_int64 image_size)
{
    sqlite3_int64 size = 0;
    unsigned char *now = sqlite3_serialize(g_db, "main", &size, SQLITE_SERIALIZE_NOCOPY);
    bool owned = false;
    if (now == NULL) {
        now = sqlite3_serialize(g_db, "main", &size, 0);
        owned = true;
    }
    if (now == NULL)
        die("sqlite3_serialize", sqlite3_errmsg(g_db));
    bool same = size == image_size && memcmp(now, image, (size_t)size) == 0;
    if (owned)
        sqlite3_free(now);
    return same;
}

static bool is_reference(void)
{
    return is_image(g_image, g_image_size);
}

static oblys_status import_path(const char *path, const import_options *opt, diag_list *diag,
                                import_summary *summary, oblys_error *err)
{
    diag_init(diag, DIAG_DEFAULT_LIMIT);
    return import_file(g_db, path, opt, diag, summary, err);
}

static void import_fixture(const char *name, const char *text)
{
    char path[160];
    snprintf(path, sizeof path, "%s/%s", g_dir, name);
    write_file(path, text, strlen(text));
    import_options opt = { 0 };
    diag_list diag;
    import_summary summary;
    oblys_error err = OBLYS_ERROR_INIT;
    oblys_status st = import_path(path, &opt, &diag, &summary, &err);
    unlink(path);
    if (st != OBLYS_OK) {
        fputs(strbuf_str(&diag.lines), stderr);
        die("cannot import the fixed file", error_message(&err));
    }
    diag_free(&diag);
    error_clear(&err);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    const char *tmp = getenv("TMPDIR");
    snprintf(g_dir, sizeof g_dir, "%s/oblys-fuzz-XXXXXX",
             tmp && *tmp && strlen(tmp) < 40 ? tmp : "/tmp");
    if (mkdtemp(g_dir) == NULL)
        die("mkdtemp failed", g_dir);
    const char *verbose = getenv("OBLYS_FUZZ_VERBOSE");
    g_verbose = verbose && *verbose && strcmp(verbose, "0") != 0;
    snprintf(g_path_csv, sizeof g_path_csv, "%s/input.csv", g_dir);
    snprintf(g_path_json, sizeof g_path_json, "%s/input.json", g_dir);

    oblys_error err = OBLYS_ERROR_INIT;
    if (db_open(":memory:", DB_CREATE, &g_db, &err) != OBLYS_OK
        || migrate_apply(g_db, NULL, &err) != OBLYS_OK)
        die("cannot create the database", error_message(&err));
    import_fixture("regions.csv", REGIONS_CSV);
    import_fixture("region_aliases.csv", ALIASES_CSV);
    import_fixture("indicators.json", INDICATORS_JSON);
    check_sound();

    g_image = sqlite3_serialize(g_db, "main", &g_image_size, 0);
    if (g_image == NULL)
        die("sqlite3_serialize", sqlite3_errmsg(g_db));
    load_image();
    if (!is_reference())
        die("the database differs from its own image", NULL);
    error_clear(&err);
    /* libFuzzer may end the process without running atexit handlers: the
     * folder exists only while an input is being imported. */
    rmdir(g_dir);
    return 0;
}

/* "Importing the same file twice changes nothing" (README.md): imports the
 * file that was just committed once more, which must succeed, write
 * nothing and leave the database byte for byte as it was. */
static void import_again(const char *path, const import_options *opt)
{
    sqlite3_int64 size = 0;
    unsigned char *before = sqlite3_serialize(g_db, "main", &size, 0);
    if (before == NULL)
        die("sqlite3_serialize", sqlite3_errmsg(g_db));
    diag_list diag;
    import_summary summary;
    oblys_error err = OBLYS_ERROR_INIT;
    oblys_status st = import_path(path, opt, &diag, &summary, &err);
    if (st != OBLYS_OK) {
        fputs(strbuf_str(&diag.lines), stderr);
        die("the same file, imported twice, is rejected the second time", error_message(&err));
    }
    if (summary.written)
        die("the same file, imported twice, writes again the second time", NULL);
    if (!is_image(before, size))
        die("the same file, imported twice, changes the database the second time", NULL);
    sqlite3_free(before);
    diag_free(&diag);
    error_clear(&err);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    uint8_t sel = data[0];
    unsigned v = sel >> 4;
    import_options opt = { 0 };
    static const num_decimal_mark marks[4] = { NUM_DECIMAL_AUTO, NUM_DECIMAL_POINT,
                                               NUM_DECIMAL_COMMA, NUM_DECIMAL_AUTO };
    static const char delims[4] = { 0, ',', ';', '\t' };
    opt.decimal = marks[(sel >> 1) & 3];
    if (((sel >> 1) & 3) == 3)
        opt.indicator = "doctors_per_1000";
    opt.replace = (sel & 8) != 0;
    if (v < 7) {
        opt.delimiter = delims[v & 3];
        opt.dry_run = (v & 4) != 0;
    } else {
        opt.kind = KIND_NAMES[v - 7];
    }
    const char *path = (sel & 1) ? g_path_json : g_path_csv;
    if (mkdir(g_dir, 0700) != 0 && errno != EEXIST)
        die("cannot create the temporary folder", g_dir);
    write_file(path, data + 1, size - 1);

    diag_list diag;
    import_summary summary;
    oblys_error err = OBLYS_ERROR_INIT;
    oblys_status st = import_path(path, &opt, &diag, &summary, &err);

    if (g_verbose)
        fprintf(stderr, "fuzz_import: %s (kind %s, delimiter %d, decimal %d, replace %d, "
                "dry-run %d, indicator %s): status %d, %zu problems, written %d\n%s%s%s",
                path, opt.kind ? opt.kind : "detected", opt.delimiter, (int)opt.decimal,
                opt.replace, opt.dry_run, opt.indicator ? opt.indicator : "-", (int)st,
                diag.count, summary.written, strbuf_str(&diag.warnings), strbuf_str(&diag.lines),
                error_message(&err));
    if (st == OBLYS_OK && diag.count != 0)
        die("OBLYS_OK with problems listed", strbuf_str(&diag.lines));
    if (st == OBLYS_EDATA && diag.count == 0)
        die("OBLYS_EDATA without a problem listed", error_message(&err));
    if (st != OBLYS_OK && st != OBLYS_EDATA) {
        fputs(strbuf_str(&diag.lines), stderr);
        die(st == OBLYS_EDB ? "OBLYS_EDB from a file's content"
                            : "unexpected status from a file's content", error_message(&err));
    }
    if (!sqlite3_get_autocommit(g_db))
        die("a transaction is left open", NULL);

    bool committed = st == OBLYS_OK && !opt.dry_run;
    if (!committed && !is_reference())
        die(opt.dry_run ? "a dry run changed the database"
                        : "a rejected import changed the database", strbuf_str(&diag.lines));
    if (committed && !is_reference()) {
        check_sound();
        if (summary.written)
            import_again(path, &opt);
        load_image();
    }
    unlink(path);
    rmdir(g_dir);

    diag_free(&diag);
    error_clear(&err);
    return 0;
}
