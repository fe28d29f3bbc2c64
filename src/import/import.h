/*
 * import.h - loading one input file into the database, all or nothing.
 *
 * import_file() finds out what the file holds (series, regions,
 * indicators or published figures) from its header or top-level JSON key,
 * reads every row through the handler of that kind, and commits only when
 * no row had a problem. Problems go to the diag_list, each with its
 * location; on any problem the transaction is rolled back and the database
 * is exactly as it was.
 */
#ifndef OBLYS_IMPORT_H
#define OBLYS_IMPORT_H

#include <stdbool.h>
#include <sqlite3.h>

#include "db/store.h"
#include "import/diag.h"
#include "import/import_map.h"
#include "import/number.h"
#include "util/error.h"

typedef struct {
    bool replace;               /* overwrite stored values that differ */
    bool dry_run;               /* validate and count, then roll back */
    bool back_cast;             /* accept (and flag recast) values of regions in
                                   years outside their valid_from..valid_to */
    bool old_boundaries;        /* a region named before it was formed stands for
                                   the region it was split from */
    num_decimal_mark decimal;   /* decimal mark of numbers; AUTO by default */
    char delimiter;             /* CSV delimiter; 0 = detect from the header */
    const char *kind;           /* "series", "regions", ...; NULL = detect */
    const char *indicator;      /* the indicator of a file without an indicator
                                   column (wide tables, region/date/value files) */
    const import_map *map;      /* --map FILE.json: column roles, indicator
                                   codes, regions, values to skip; or NULL */
    bool progress;              /* a progress line on stderr for a long file */
} import_options;

typedef struct {
    const char *kind;           /* what the file was read as (static string) */
    store_counts counts;
    bool written;               /* false when the file changed nothing */
} import_summary;

/* Returns OBLYS_OK (committed, or validated under dry_run), OBLYS_EDATA
 * (problems listed in diag; nothing written), OBLYS_EIO (cannot read the
 * file) or OBLYS_EDB. */
oblys_status import_file(sqlite3 *db, const char *path, const import_options *opt,
                         diag_list *diag, import_summary *summary, oblys_error *err);

#endif
