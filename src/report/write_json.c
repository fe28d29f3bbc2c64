/*
 * write_json.c - a report as one JSON document:
 *   {"report": "gaps", "title": "...",
 *    "tables": [{"name": ..., "title": ..., "columns": [...],
 *                "rows": [{"column": value, ...}, ...]}],
 *    "notes": ["...", ...],
 *    "provenance": {"oblys_version": ..., "schema_version": ...,
 *                   "latest_load": {"id", "file", "kind", "sha256"} or null,
 *                   "as_of": ..., "geography": ..., "index": ...,
 *                   "query": ..., "parameters": [...], "data_sha256": ...}}
 * Numbers are JSON numbers at full precision, missing values null;
 * integers print as integers and reals always with a point or exponent
 * (10.0), so a reader gets the column's type back. The
 * provenance (when given) keeps only the keys that apply: no "index"
 * unless the report ranks by the index, no "query" outside `oblys sql`.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "report/provenance.h"
#include "report/report.h"

static cJSON *cell_json(const report_cell *c)
{
    switch (c->type) {
    case CELL_INT:
        return cJSON_CreateNumber((double)c->i);
    case CELL_REAL: {
        /* cJSON prints 15 significant digits when they read back "close
         * enough"; write the exact shortest text instead. */
        if (!isfinite(c->r))
            return cJSON_CreateNull();
        strbuf text = STRBUF_INIT;
        report_cell_text(c, -1, &text);
        if (!strpbrk(strbuf_str(&text), ".eE"))
            strbuf_append(&text, ".0");     /* a real stays a real: 10.0, not 10 */
        cJSON *raw = cJSON_CreateRaw(strbuf_str(&text));
        strbuf_free(&text);
        return raw;
    }
    case CELL_TEXT:
        return cJSON_CreateString(c->text);
    case CELL_NULL:
        break;
    }
    return cJSON_CreateNull();
}

static cJSON *table_json(const report_table *t)
{
    cJSON *obj = cJSON_CreateObject();
    cJSON_AddStringToObject(obj, "name", t->name);
    cJSON_AddStringToObject(obj, "title", t->title);
    cJSON *cols = cJSON_AddArrayToObject(obj, "columns");
    for (size_t c = 0; c < t->ncols; c++)
        cJSON_AddItemToArray(cols, cJSON_CreateString(t->cols[c].name));
    cJSON *rows = cJSON_AddArrayToObject(obj, "rows");
    for (size_t r = 0; r < t->nrows; r++) {
        cJSON *row = cJSON_CreateObject();
        for (size_t c = 0; c < t->ncols; c++)
            cJSON_AddItemToObject(row, t->cols[c].name, cell_json(report_cell_at(t, r, c)));
        cJSON_AddItemToArray(rows, row);
    }
    return obj;
}

static void add_string_or_null(cJSON *obj, const char *key, const char *value)
{
    cJSON_AddItemToObject(obj, key, value ? cJSON_CreateString(value) : cJSON_CreateNull());
}

static cJSON *provenance_json(const provenance *p)
{
    cJSON *obj = cJSON_CreateObject();
    cJSON_AddStringToObject(obj, "oblys_version", p->oblys_version);
    cJSON_AddNumberToObject(obj, "schema_version", p->schema_version);
    if (p->load_id) {
        cJSON *load = cJSON_AddObjectToObject(obj, "latest_load");
        cJSON_AddNumberToObject(load, "id", (double)p->load_id);
        cJSON_AddStringToObject(load, "file", p->load_file);
        cJSON_AddStringToObject(load, "kind", p->load_kind);
        add_string_or_null(load, "sha256", p->load_sha256);
    } else {
        cJSON_AddNullToObject(obj, "latest_load");
    }
    add_string_or_null(obj, "as_of", p->as_of);
    if (p->geography)
        cJSON_AddStringToObject(obj, "geography", p->geography);
    if (p->index_definition)
        cJSON_AddStringToObject(obj, "index", p->index_definition);
    if (p->query) {
        cJSON_AddStringToObject(obj, "query", p->query);
        cJSON *params = cJSON_AddArrayToObject(obj, "parameters");
        for (size_t i = 0; i < p->nparams; i++)
            cJSON_AddItemToArray(params, cJSON_CreateString(p->params[i]));
    }
    cJSON_AddStringToObject(obj, "data_sha256", p->data_sha256);
    return obj;
}

void write_json(const report *r, const provenance *p, FILE *out)
{
    cJSON *root = cJSON_CreateObject();
    cJSON_AddStringToObject(root, "report", r->name);
    cJSON_AddStringToObject(root, "title", r->title);
    cJSON *tables = cJSON_AddArrayToObject(root, "tables");
    for (size_t i = 0; i < r->ntables; i++)
        cJSON_AddItemToArray(tables, table_json(r->tables[i]));
    cJSON *notes = cJSON_AddArrayToObject(root, "notes");
    for (size_t i = 0; i < r->nnotes; i++)
        cJSON_AddItemToArray(notes, cJSON_CreateString(r->notes[i]));
    if (p)
        cJSON_AddItemToObject(root, "provenance", provenance_json(p));
    char *text = cJSON_Print(root);
    fputs(text, out);
    fputc('\n', out);
    free(text);
    cJSON_Delete(root);
}
