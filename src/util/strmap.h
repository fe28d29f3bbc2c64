/*
 * strmap.h - a small hash map from text to text, for look-ups an import
 * repeats on every row (a region's spelling to its code, a code known to
 * exist). Open addressing with linear probing, FNV-1a hashing; the table
 * doubles when it is more than half full.
 *
 * The map owns copies of its keys and values. Values may be NULL (a key
 * that only needs to be present). Out-of-memory aborts, like strbuf.
 */
#ifndef OBLYS_STRMAP_H
#define OBLYS_STRMAP_H

#include <stdbool.h>
#include <stddef.h>

typedef struct {
    char *key;              /* NULL: empty slot */
    char *value;
} strmap_slot;

typedef struct {
    strmap_slot *slots;
    size_t cap;             /* 0 or a power of two */
    size_t count;
} strmap;

#define STRMAP_INIT { NULL, 0, 0 }

/* FNV-1a of text (exposed for the tests). */
size_t strmap_hash(const char *text);

/* True when key is in the map; *value (may be NULL) gets its value, owned
 * by the map and valid until the map is freed. */
bool strmap_get(const strmap *m, const char *key, const char **value);

/* Adds key with value (copied; NULL allowed), or replaces the value of a
 * key already there. */
void strmap_put(strmap *m, const char *key, const char *value);

void strmap_free(strmap *m);

#endif
