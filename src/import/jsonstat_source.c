/*
 * jsonstat_source.c - reads JSON-stat datasets: version 2.0
 *   { "class": "dataset", "id": [...], "size": [...], "role": {...},
 *     "dimension": { ID: { "category": { "index": ..., "label": ... } } },
 *     "value": [...] or {"7": ...}, "status": "e" or [...] or {"10": "e"} }
 * and the 1.x form still served by some offices, where the dataset is the
 * value of a top-level key and id, size and role sit inside "dimension".
 *
 * The values are a flat array in row-major order of the dimensions (the
 * last dimension varies fastest). Each observation goes to a cube
 * (cube.c) with its category code in every dimension; a null value is a
 * missing one, an index absent from a sparse value object is no
 * observation at all. Locations are JSON paths ("value[12]").
 */
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "import/cube.h"
#include "import/number.h"

bool jsonstat_detect(const cJSON *root)
{
    const cJSON *cls = cJSON_GetObjectItemCaseSensitive(root, "class");
    if (cJSON_IsString(cls) && strcmp(cls->valuestring, "dataset") == 0)
        return true;
    if (!cJSON_IsObject(root) || !root->child || cls)
        return false;
    for (const cJSON *m = root->child; m; m = m->next)
        if (!cJSON_IsObject(m) || !cJSON_HasObjectItem(m, "dimension")
            || !cJSON_HasObjectItem(m, "value"))
            return false;
    return true;
}

typedef struct {
    const char *id;
    size_t size;
    char **codes;       /* size entries, by position */
    const char *role;   /* "geo", "time" or NULL */
} js_dim;

typedef struct {
    import_session *s;
    const cJSON *dataset, *dimension, *ids, *sizes, *roles;
    js_dim *dims;
    size_t ndims, nvalues;
} jsonstat;

static void fail(jsonstat *j, const char *path, const char *fmt, const char *a, size_t x,
                 size_t y)
{
    strbuf msg = STRBUF_INIT;
    strbuf_printf(&msg, fmt, a, x, y);
    diag_error(j->s->diag, j->s->path, 0, 0, "%s: %s", path, strbuf_str(&msg));
    strbuf_free(&msg);
}

static const char *role_of(const jsonstat *j, const char *id)
{
    static const char *const roles[] = { "geo", "time" };
    for (size_t r = 0; r < 2; r++) {
        const cJSON *list = cJSON_GetObjectItemCaseSensitive(j->roles, roles[r]);
        const cJSON *item;
        cJSON_ArrayForEach(item, list)
            if (cJSON_IsString(item) && strcmp(item->valuestring, id) == 0)
                return roles[r];
    }
    return NULL;
}

/* The category codes of dimension d, by position. */
static bool read_categories(jsonstat *j, js_dim *d, strbuf *path)
{
    const cJSON *dim = cJSON_GetObjectItemCaseSensitive(j->dimension, d->id);
    const cJSON *cat = cJSON_GetObjectItemCaseSensitive(dim, "category");
    const cJSON *index = cJSON_GetObjectItemCaseSensitive(cat, "index");
    const cJSON *label = cJSON_GetObjectItemCaseSensitive(cat, "label");
    strbuf_reset(path);
    strbuf_printf(path, "dimension.%s", d->id);
    if (!cJSON_IsObject(cat)) {
        fail(j, strbuf_str(path), "has no \"category\" object%s", "", 0, 0);
        return false;
    }
    const cJSON *list = cJSON_IsArray(index) || cJSON_IsObject(index) ? index : label;
    size_t n = (size_t)cJSON_GetArraySize(list);
    if (!list || n != d->size) {
        fail(j, strbuf_str(path), "has %.0s%zu categories but \"size\" says %zu", "", n,
             d->size);
        return false;
    }
    d->codes = xcalloc(n ? n : 1, sizeof *d->codes);
    size_t k = 0;
    const cJSON *item;
    cJSON_ArrayForEach(item, list) {
        size_t pos = k++;
        const char *code = list == index && cJSON_IsArray(index) ? item->valuestring
                                                                 : item->string;
        if (cJSON_IsObject(list) && list == index) {
            if (!cJSON_IsNumber(item) || item->valuedouble < 0 || item->valuedouble >= (double)n
                || d->codes[(size_t)item->valuedouble]) {
                fail(j, strbuf_str(path), "category.index.%s is not a free position from 0 to "
                     "%zu", item->string, n - 1, 0);
                return false;
            }
            pos = (size_t)item->valuedouble;
        }
        if (!code) {
            fail(j, strbuf_str(path), "category %.0s%zu is not a string", "", pos, 0);
            return false;
        }
        d->codes[pos] = xstrdup(code);
    }
    return true;
}

static bool read_dimensions(jsonstat *j)
{
    if (!cJSON_IsArray(j->ids) || !cJSON_IsArray(j->sizes)
        || cJSON_GetArraySize(j->ids) != cJSON_GetArraySize(j->sizes)
        || !cJSON_IsObject(j->dimension)) {
        fail(j, "id", "\"id\" and \"size\" must be arrays of the same length, and \"dimension\" "
             "an object%s", "", 0, 0);
        return false;
    }
    j->ndims = (size_t)cJSON_GetArraySize(j->ids);
    j->dims = xcalloc(j->ndims ? j->ndims : 1, sizeof *j->dims);
    j->nvalues = 1;
    strbuf path = STRBUF_INIT;
    bool ok = true;
    for (size_t d = 0; d < j->ndims && ok; d++) {
        const cJSON *id = cJSON_GetArrayItem(j->ids, (int)d);
        const cJSON *size = cJSON_GetArrayItem(j->sizes, (int)d);
        if (!cJSON_IsString(id) || !cJSON_IsNumber(size) || size->valuedouble < 1
            || size->valuedouble > 1e7) {
            fail(j, "size", "entry %.0s%zu is not a dimension id with a size from 1 up", "", d, 0);
            ok = false;
            break;
        }
        j->dims[d].id = id->valuestring;
        j->dims[d].size = (size_t)size->valuedouble;
        j->dims[d].role = role_of(j, id->valuestring);
        if (j->nvalues > 100000000 / j->dims[d].size) {
            fail(j, "size", "the dataset would have more than 10^8 cells%s", "", 0, 0);
            ok = false;
            break;
        }
        j->nvalues *= j->dims[d].size;
        ok = read_categories(j, &j->dims[d], &path);
    }
    strbuf_free(&path);
    return ok;
}

/* The flat index a key of a sparse object names, or false. */
static bool flat_index(const char *key, size_t limit, size_t *out)
{
    char *end = NULL;
    if (!*key || *key == '-' || *key == '+')
        return false;
    unsigned long long v = strtoull(key, &end, 10);
    if (*end || v >= limit)
        return false;
    *out = (size_t)v;
    return true;
}

/* Eurostat's JSON-stat 1.x API wrote status as an object holding a
 * "value" array and a "category" of labels. */
static bool eurostat_status(const cJSON *status)
{
    return cJSON_IsObject(status) && cJSON_IsArray(cJSON_GetObjectItemCaseSensitive(status, "value"))
        && cJSON_HasObjectItem(status, "category");
}

/* Checks status: a string, an array as long as the values, or an object
 * keyed by flat index. */
static bool check_status(jsonstat *j, const cJSON *status)
{
    if (eurostat_status(status))
        status = cJSON_GetObjectItemCaseSensitive(status, "value");
    if (!status || cJSON_IsNull(status) || cJSON_IsString(status))
        return true;
    if (cJSON_IsArray(status)) {
        size_t n = (size_t)cJSON_GetArraySize(status);
        if (n != j->nvalues && n != 1) {
            fail(j, "status", "has %.0s%zu entries but the dataset has %zu cells", "", n,
                 j->nvalues);
            return false;
        }
        return true;
    }
    if (!cJSON_IsObject(status)) {
        fail(j, "status", "must be a string, an array or an object%s", "", 0, 0);
        return false;
    }
    const cJSON *m;
    cJSON_ArrayForEach(m, status) {
        size_t i;
        if (!flat_index(m->string, j->nvalues, &i)) {
            strbuf path = STRBUF_INIT;
            strbuf_printf(&path, "status.%s", m->string);
            fail(j, strbuf_str(&path), "is not a cell index from 0 to %.0s%zu", "",
                 j->nvalues - 1, 0);
            strbuf_free(&path);
            return false;
        }
    }
    return true;
}

static const char *status_at(const cJSON *status, size_t i)
{
    if (eurostat_status(status))
        status = cJSON_GetObjectItemCaseSensitive(status, "value");
    const cJSON *item = status;
    char key[32];
    if (cJSON_IsArray(status)) {
        item = cJSON_GetArraySize(status) == 1 ? status->child
                                                : cJSON_GetArrayItem(status, (int)i);
    } else if (cJSON_IsObject(status)) {
        snprintf(key, sizeof key, "%zu", i);
        item = cJSON_GetObjectItemCaseSensitive(status, key);
    }
    return cJSON_IsString(item) ? item->valuestring : "";
}

static void add_obs(jsonstat *j, cube *c, size_t i, const cJSON *v, const cJSON *status,
                    const char *path)
{
    const char **codes = xcalloc(j->ndims ? j->ndims : 1, sizeof *codes);
    size_t rest = i;
    for (size_t d = j->ndims; d-- > 0;) {
        codes[d] = j->dims[d].codes[rest % j->dims[d].size];
        rest /= j->dims[d].size;
    }
    char text[64] = "";
    if (cJSON_IsNumber(v))
        num_shortest_text(v->valuedouble, text, sizeof text);
    else if (cJSON_IsString(v))
        snprintf(text, sizeof text, "%s", v->valuestring);
    else if (!cJSON_IsNull(v))
        snprintf(text, sizeof text, "%s", cJSON_IsBool(v) ? "true" : "an array or object");
    cube_loc none = { 0, 0 };
    cube_add_obs(c, codes, NULL, cJSON_IsNull(v) ? ":" : text, none, status_at(status, i),
                 none, path);
    free(codes);
}

static oblys_status read_values(jsonstat *j, cube *c)
{
    const cJSON *value = cJSON_GetObjectItemCaseSensitive(j->dataset, "value");
    const cJSON *status = cJSON_GetObjectItemCaseSensitive(j->dataset, "status");
    if (!check_status(j, status))
        return OBLYS_EDATA;
    char path[64];
    if (cJSON_IsArray(value)) {
        size_t n = (size_t)cJSON_GetArraySize(value);
        if (n != j->nvalues) {
            fail(j, "value", "has %.0s%zu entries but the sizes of the dimensions make %zu", "",
                 n, j->nvalues);
            return OBLYS_EDATA;
        }
        size_t i = 0;
        const cJSON *v;
        cJSON_ArrayForEach(v, value) {
            snprintf(path, sizeof path, "value[%zu]", i);
            add_obs(j, c, i++, v, status, path);
        }
        return OBLYS_OK;
    }
    if (!cJSON_IsObject(value)) {
        fail(j, "value", "must be an array or an object%s", "", 0, 0);
        return OBLYS_EDATA;
    }
    const cJSON *v;
    cJSON_ArrayForEach(v, value) {
        size_t i;
        snprintf(path, sizeof path, "value.%.40s", v->string);
        if (!flat_index(v->string, j->nvalues, &i)) {
            fail(j, path, "is not a cell index from 0 to %.0s%zu", "", j->nvalues - 1, 0);
            return OBLYS_EDATA;
        }
        add_obs(j, c, i, v, status, path);
    }
    return OBLYS_OK;
}

/* Finds the dataset: the root (2.0), or the only member of the root (1.x). */
static bool find_dataset(jsonstat *j, const cJSON *root)
{
    if (cJSON_HasObjectItem(root, "class")) {
        j->dataset = root;
        j->dimension = cJSON_GetObjectItemCaseSensitive(root, "dimension");
        j->ids = cJSON_GetObjectItemCaseSensitive(root, "id");
        j->sizes = cJSON_GetObjectItemCaseSensitive(root, "size");
        j->roles = cJSON_GetObjectItemCaseSensitive(root, "role");
        return true;
    }
    if (root->child->next) {
        fail(j, root->child->next->string, "this JSON-stat file holds %.0s%zu datasets; oblys "
             "imports one per file", "", (size_t)cJSON_GetArraySize(root), 0);
        return false;
    }
    j->dataset = root->child;
    j->dimension = cJSON_GetObjectItemCaseSensitive(j->dataset, "dimension");
    j->ids = cJSON_GetObjectItemCaseSensitive(j->dimension, "id");
    j->sizes = cJSON_GetObjectItemCaseSensitive(j->dimension, "size");
    j->roles = cJSON_GetObjectItemCaseSensitive(j->dimension, "role");
    return true;
}

oblys_status jsonstat_read(import_session *s, const cJSON *root)
{
    jsonstat j = { .s = s };
    oblys_status st = OBLYS_EDATA;
    if (find_dataset(&j, root) && read_dimensions(&j)) {
        cube *c = cube_new(s, STATUS_ANY);
        strbuf path = STRBUF_INIT;
        for (size_t d = 0; d < j.ndims; d++) {
            strbuf_reset(&path);
            strbuf_printf(&path, "dimension.%s", j.dims[d].id);
            cube_add_dim(c, j.dims[d].id, j.dims[d].role, (cube_loc){ 0, 0 }, strbuf_str(&path));
        }
        strbuf_free(&path);
        st = read_values(&j, c);
        if (st == OBLYS_OK)
            st = cube_finish(c);
        cube_free(c);
    }
    for (size_t d = 0; d < j.ndims; d++) {
        for (size_t k = 0; j.dims[d].codes && k < j.dims[d].size; k++)
            free(j.dims[d].codes[k]);
        free(j.dims[d].codes);
    }
    free(j.dims);
    return st;
}
