/*
 * import_map.c - reading and checking the mapping file (see import_map.h).
 * Strict on purpose: a misspelt key would otherwise be a mapping silently
 * not applied, and a file loaded with the wrong meaning.
 */
#include "import/import_map.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

static const char *const ROLES[] = { "region", "year", "value", "sex", "status", "indicator",
                                     NULL };

static void pairs_add(map_pairs *p, const char *key, const char *value)
{
    p->keys = xrealloc(p->keys, (p->n + 1) * sizeof *p->keys);
    p->values = xrealloc(p->values, (p->n + 1) * sizeof *p->values);
    p->keys[p->n] = xstrdup(key);
    p->values[p->n] = xstrdup(value);
    p->n++;
}

static void pairs_free(map_pairs *p)
{
    for (size_t i = 0; i < p->n; i++) {
        free(p->keys[i]);
        free(p->values[i]);
    }
    free(p->keys);
    free(p->values);
    memset(p, 0, sizeof *p);
}

const char *map_lookup(const map_pairs *pairs, const char *key)
{
    for (size_t i = 0; i < pairs->n; i++)
        if (strcmp(pairs->keys[i], key) == 0)
            return pairs->values[i];
    return NULL;
}

const char *map_column(const import_map *map, const char *role)
{
    return map ? map_lookup(&map->columns, role) : NULL;
}

int map_skips(const import_map *map, const char *dimension, const char *value)
{
    if (!map)
        return 0;
    for (size_t i = 0; i < map->skip.n; i++)
        if (strcmp(map->skip.keys[i], dimension) == 0 && strcmp(map->skip.values[i], value) == 0)
            return 1;
    return 0;
}

void import_map_free(import_map *map)
{
    pairs_free(&map->columns);
    pairs_free(&map->indicator_codes);
    pairs_free(&map->regions);
    pairs_free(&map->skip);
    free(map->indicator);
    free(map->indicator_dimension);
    memset(map, 0, sizeof *map);
}

static int in_list(const char *const *list, const char *name)
{
    for (; *list; list++)
        if (strcmp(*list, name) == 0)
            return 1;
    return 0;
}

/* Reads an object of non-empty strings at path into pairs; allowed lists
 * the keys it may have (NULL: any). */
static oblys_status read_strings(const char *file, const cJSON *obj, const char *path,
                                 const char *const *allowed, map_pairs *pairs, oblys_error *err)
{
    if (!cJSON_IsObject(obj))
        return error_set(err, OBLYS_EUSAGE, "%s: %s: must be an object", file, path);
    for (const cJSON *m = obj->child; m; m = m->next) {
        if (allowed && !in_list(allowed, m->string))
            return error_set(err, OBLYS_EUSAGE, "%s: %s.%s: unknown key (expected region, year, "
                             "value, sex, status or indicator)", file, path, m->string);
        if (map_lookup(pairs, m->string))
            return error_set(err, OBLYS_EUSAGE, "%s: %s.%s: appears twice", file, path,
                             m->string);
        if (!cJSON_IsString(m) || !*m->valuestring)
            return error_set(err, OBLYS_EUSAGE, "%s: %s.%s: must be a non-empty string", file,
                             path, m->string);
        pairs_add(pairs, m->string, m->valuestring);
    }
    return OBLYS_OK;
}

static oblys_status read_indicator(const char *file, const cJSON *item, import_map *map,
                                   oblys_error *err)
{
    if (cJSON_IsString(item) && *item->valuestring) {
        map->indicator = xstrdup(item->valuestring);
        return OBLYS_OK;
    }
    if (!cJSON_IsObject(item))
        return error_set(err, OBLYS_EUSAGE, "%s: indicator: must be an indicator code, or an "
                         "object with \"dimension\" and \"codes\"", file);
    const cJSON *dim = NULL, *codes = NULL;
    for (const cJSON *m = item->child; m; m = m->next) {
        if (strcmp(m->string, "dimension") == 0 && !dim)
            dim = m;
        else if (strcmp(m->string, "codes") == 0 && !codes)
            codes = m;
        else
            return error_set(err, OBLYS_EUSAGE, "%s: indicator.%s: unknown key (expected "
                             "dimension and codes)", file, m->string);
    }
    if (!cJSON_IsString(dim) || !*dim->valuestring)
        return error_set(err, OBLYS_EUSAGE, "%s: indicator.dimension: must be the name of a "
                         "dimension or column", file);
    if (!codes)
        return error_set(err, OBLYS_EUSAGE, "%s: indicator.codes: missing (an object: code in "
                         "the file -> oblys indicator)", file);
    map->indicator_dimension = xstrdup(dim->valuestring);
    return read_strings(file, codes, "indicator.codes", NULL, &map->indicator_codes, err);
}

static oblys_status read_skip(const char *file, const cJSON *obj, import_map *map,
                              oblys_error *err)
{
    if (!cJSON_IsObject(obj))
        return error_set(err, OBLYS_EUSAGE, "%s: skip: must be an object: dimension -> list of "
                         "values", file);
    for (const cJSON *m = obj->child; m; m = m->next) {
        if (!cJSON_IsArray(m))
            return error_set(err, OBLYS_EUSAGE, "%s: skip.%s: must be an array of strings",
                             file, m->string);
        int i = 0;
        for (const cJSON *v = m->child; v; v = v->next, i++) {
            if (!cJSON_IsString(v))
                return error_set(err, OBLYS_EUSAGE, "%s: skip.%s[%d]: must be a string", file,
                                 m->string, i);
            pairs_add(&map->skip, m->string, v->valuestring);
        }
    }
    return OBLYS_OK;
}

static oblys_status read_map(const char *file, const cJSON *root, import_map *map,
                             oblys_error *err)
{
    if (!cJSON_IsObject(root))
        return error_set(err, OBLYS_EUSAGE, "%s: the mapping must be a JSON object", file);
    oblys_status st = OBLYS_OK;
    for (const cJSON *m = root->child; m && st == OBLYS_OK; m = m->next) {
        for (const cJSON *e = root->child; e != m; e = e->next)
            if (strcmp(e->string, m->string) == 0)
                return error_set(err, OBLYS_EUSAGE, "%s: %s: appears twice", file, m->string);
        if (strcmp(m->string, "columns") == 0)
            st = read_strings(file, m, "columns", ROLES, &map->columns, err);
        else if (strcmp(m->string, "indicator") == 0)
            st = read_indicator(file, m, map, err);
        else if (strcmp(m->string, "regions") == 0)
            st = read_strings(file, m, "regions", NULL, &map->regions, err);
        else if (strcmp(m->string, "skip") == 0)
            st = read_skip(file, m, map, err);
        else
            st = error_set(err, OBLYS_EUSAGE, "%s: %s: unknown key (expected columns, "
                           "indicator, regions or skip)", file, m->string);
    }
    if (st == OBLYS_OK && map->indicator && map_column(map, "indicator"))
        st = error_set(err, OBLYS_EUSAGE, "%s: indicator and columns.indicator both say where "
                       "the indicator is: keep one", file);
    return st;
}

oblys_status import_map_load(const char *path, import_map *map, oblys_error *err)
{
    memset(map, 0, sizeof *map);
    FILE *f = fopen(path, "rb");
    if (!f)
        return error_set(err, OBLYS_EIO, "%s: cannot open: %s", path, strerror(errno));
    strbuf text = STRBUF_INIT;
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        strbuf_append_len(&text, chunk, n);
    bool failed = ferror(f);
    fclose(f);
    if (failed) {
        strbuf_free(&text);
        return error_set(err, OBLYS_EIO, "%s: read error", path);
    }
    cJSON *root = cJSON_ParseWithLength(strbuf_str(&text), text.len);
    oblys_status st;
    if (!root) {
        const char *at = cJSON_GetErrorPtr();
        size_t line = 1;
        for (const char *c = strbuf_str(&text); at && c < at && *c; c++)
            line += *c == '\n';
        st = error_set(err, OBLYS_EUSAGE, "%s:%zu: invalid JSON in the mapping file", path, line);
    } else {
        st = read_map(path, root, map, err);
    }
    cJSON_Delete(root);
    strbuf_free(&text);
    if (st != OBLYS_OK)
        import_map_free(map);
    return st;
}
