/*
 * fuzz_map.c - libFuzzer harness for the mapping file of `oblys import
 * --map` (src/import/import_map.h): any bytes, written to a temporary
 * file, must give OBLYS_OK with a map, or OBLYS_EUSAGE with a message and
 * an empty map - never a crash, a leak or another status.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "import/import_map.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[4096];
    const char *tmp = getenv("TMPDIR");
    snprintf(path, sizeof path, "%s/oblys-fuzz-map-%ld.json",
             tmp && *tmp ? tmp : "/tmp", (long)getpid());
    FILE *f = fopen(path, "wb");
    if (!f)
        abort();
    fwrite(data, 1, size, f);
    fclose(f);
    import_map map;
    oblys_error err = OBLYS_ERROR_INIT;
    oblys_status st = import_map_load(path, &map, &err);
    if (st != OBLYS_OK && st != OBLYS_EUSAGE) {
        fprintf(stderr, "fuzz_map: status %d: %s\n", (int)st, error_message(&err));
        abort();
    }
    if (st != OBLYS_OK && (map.columns.n || map.indicator || map.regions.n))
        abort();
    import_map_free(&map);
    error_clear(&err);
    unlink(path);
    return 0;
}
