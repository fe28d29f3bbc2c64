/*
 * json_source.c - reads a JSON file of the form
 *     { "observations": [ {"region": "Akmola", "indicator": ..., ...}, ... ] }
 * (or "regions", "indicators", "published", ...) and hands each object to
 * the import session as a named row. The top-level key says the kind; a
 * bare array [ {...}, ... ] holds observations (or what --kind says).
 *
 * Strings are taken as they are; numbers are turned into their shortest
 * exact text (so 5.9 stays "5.9"); true/false become "true"/"false"; null
 * is an empty field. Nested arrays or objects inside a row are errors,
 * except in the fields a kind declares nested (an index definition's
 * components), which are handed over as their JSON text.
 * Locations are element paths ("observations[3].value"), because JSON
 * values have no useful line of their own once parsed; syntax errors give
 * a line and column. A JSON-stat dataset goes to jsonstat_source.c.
 */
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "import/number.h"

#include "import/session.h"

static oblys_status read_all(import_session *s, FILE *f, strbuf *out)
{
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        strbuf_append_len(out, chunk, n);
    if (ferror(f))
        return error_set(s->err, OBLYS_EIO, "%s: read error", s->path);
    return OBLYS_OK;
}

static void report_syntax_error(import_session *s, const char *text, size_t len)
{
    const char *at = cJSON_GetErrorPtr();
    size_t offset = at && at >= text && at <= text + len ? (size_t)(at - text) : 0;
    /* cJSON sometimes stops one past the offending character, on a line
     * break or at the end: point at the last character it read instead. */
    while (offset > 0 && (offset == len || strchr(" \t\r\n", text[offset])))
        offset--;
    size_t line = 1, col = 1;
    for (size_t i = 0; i < offset; i++) {
        if (text[i] == '\n') {
            line++;
            col = 1;
        } else if (((unsigned char)text[i] & 0xC0) != 0x80) {
            col++;
        }
    }
    diag_error(s->diag, s->path, line, col, "invalid JSON: the parser stopped here (the mistake "
               "is here or just before)");
}

/* nested: the member may be an array, handed over as its JSON text. */
static char *member_text(const cJSON *item, bool nested)
{
    if (nested && cJSON_IsArray(item))
        return cJSON_PrintUnformatted(item);
    if (cJSON_IsString(item)) {
        /* Spaces around a string are trimmed, as around a CSV field. */
        const char *start = item->valuestring;
        while (*start == ' ' || *start == '\t')
            start++;
        size_t n = strlen(start);
        while (n > 0 && (start[n - 1] == ' ' || start[n - 1] == '\t'))
            n--;
        strbuf text = STRBUF_INIT;
        strbuf_append_len(&text, start, n);
        return strbuf_detach(&text);
    }
    if (cJSON_IsNumber(item)) {
        char buf[32];
        num_shortest_text(item->valuedouble, buf, sizeof buf);
        return xstrdup(buf);
    }
    if (cJSON_IsBool(item))
        return xstrdup(cJSON_IsTrue(item) ? "true" : "false");
    if (cJSON_IsNull(item))
        return xstrdup("");
    return NULL;
}

static void read_object(import_session *s, const cJSON *obj, const char *prefix, size_t index)
{
    strbuf path = STRBUF_INIT, where = STRBUF_INIT;
    strbuf_printf(&path, "%s[%zu]", prefix, index);
    strbuf_printf(&where, "%s: %s", s->path, strbuf_str(&path));
    size_t n = (size_t)cJSON_GetArraySize(obj);
    const char **names = xcalloc(n, sizeof *names);
    char **values = xcalloc(n, sizeof *values);
    bool ok = true;
    size_t i = 0;
    for (const cJSON *m = obj->child; m; m = m->next, i++) {
        names[i] = m->string;
        values[i] = member_text(m, kind_nests(s->kind, m->string));
        if (!kind_allows(s->kind, m->string)) {
            diag_error_at(s->diag, strbuf_str(&where), "unknown field \"%s\" in a %s file",
                          m->string, s->kind->name);
            ok = false;
        } else if (!values[i]) {
            diag_error(s->diag, s->path, 0, 0, "%s.%s: must be a string, number, true, "
                          "false or null", strbuf_str(&path), m->string);
            ok = false;
        }
        for (size_t j = 0; j < i; j++)
            if (strcmp(names[j], m->string) == 0) {
                diag_error_at(s->diag, strbuf_str(&where), "field \"%s\" appears twice",
                              m->string);
                ok = false;
            }
    }
    for (const char *const *req = s->kind->required; *req; req++)
        if (!cJSON_HasObjectItem(obj, *req)) {
            diag_error_at(s->diag, strbuf_str(&where), "missing field \"%s\"%s", *req,
                          strcmp(*req, "value") == 0
                              ? " (write \"value\": null for a missing value)" : "");
            ok = false;
        }
    import_row row = {
        .file = s->path, .line = 0, .path = strbuf_str(&path), .nfields = n,
        .names = names, .values = (const char *const *)values, .cols = NULL,
        .lines = NULL,
    };
    if (ok) {
        session_row(s, &row);
    } else {
        store_counts_of(s->ctx.store)->read++;
        store_counts_of(s->ctx.store)->rejected++;
    }
    for (i = 0; i < n; i++)
        free(values[i]);
    free(values);
    free(names);
    strbuf_free(&path);
    strbuf_free(&where);
}

static const import_kind *top_level_kind(import_session *s, const cJSON *root, const cJSON **rows,
                                         const char **prefix)
{
    if (cJSON_IsArray(root)) {          /* a bare array: observations, or what --kind says */
        *rows = root;
        *prefix = "";
        const import_kind *kind = s->opt->kind ? kind_by_name(s->opt->kind) : &kind_series;
        if (!kind)
            diag_error(s->diag, s->path, 0, 0, "unknown --kind \"%s\"", s->opt->kind);
        return kind;
    }
    if (!cJSON_IsObject(root) || !root->child || root->child->next) {
        strbuf keys = STRBUF_INIT;
        kind_list_names(&keys, true);
        diag_error(s->diag, s->path, 0, 0, "expected an object with one key holding an array: %s",
                   strbuf_str(&keys));
        strbuf_free(&keys);
        return NULL;
    }
    const import_kind *kind = kind_by_json_key(root->child->string);
    if (kind && s->opt->kind && kind != kind_by_name(s->opt->kind)) {
        diag_error(s->diag, s->path, 0, 0, "this file holds \"%s\" (%s), but --kind says %s",
                   root->child->string, kind->name, s->opt->kind);
        return NULL;
    }
    if (!kind) {
        strbuf keys = STRBUF_INIT;
        kind_list_names(&keys, true);
        diag_error(s->diag, s->path, 0, 0, "unexpected top-level key \"%s\" (expected %s)",
                   root->child->string, strbuf_str(&keys));
        strbuf_free(&keys);
        return NULL;
    }
    if (!cJSON_IsArray(root->child)) {
        diag_error(s->diag, s->path, 0, 0, "\"%s\" must be an array of objects",
                   root->child->string);
        return NULL;
    }
    *rows = root->child;
    *prefix = kind->json_key;
    return kind;
}

oblys_status json_source_read(import_session *s, FILE *f)
{
    strbuf text = STRBUF_INIT;
    oblys_status st = read_all(s, f, &text);
    if (st != OBLYS_OK) {
        strbuf_free(&text);
        return st;
    }
    const char *json = strbuf_str(&text);
    size_t len = text.len;
    if (len >= 3 && memcmp(json, "\xEF\xBB\xBF", 3) == 0) {   /* a byte-order mark */
        json += 3;
        len -= 3;
    }
    cJSON *root = cJSON_ParseWithLength(json, len);
    if (!root) {
        report_syntax_error(s, json, len);
        strbuf_free(&text);
        return OBLYS_EDATA;
    }
    if (jsonstat_detect(root) && (!s->opt->kind || strcmp(s->opt->kind, "series") == 0)) {
        st = jsonstat_read(s, root);
        cJSON_Delete(root);
        strbuf_free(&text);
        return st;
    }
    const cJSON *rows = NULL;
    const char *prefix = "";
    const import_kind *kind = top_level_kind(s, root, &rows, &prefix);
    st = kind ? session_begin(s, kind) : OBLYS_EDATA;
    size_t index = 0;
    for (const cJSON *item = rows ? rows->child : NULL; st == OBLYS_OK && item;
         item = item->next, index++) {
        if (cJSON_IsObject(item)) {
            read_object(s, item, prefix, index);
        } else {
            diag_error(s->diag, s->path, 0, 0, "%s[%zu] is not an object", prefix, index);
            store_counts_of(s->ctx.store)->rejected++;
        }
    }
    cJSON_Delete(root);
    strbuf_free(&text);
    return st;
}
