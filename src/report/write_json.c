/*
 * write_json.c - a report as one JSON document:
 *   {"report": "gaps", "title": "...",
 *    "tables": [{"name": ..., "title": ..., "columns": [...],
 *                "rows": [{"column": value, ...}, ...]}],
 *    "notes": ["...", ...]}
 * Numbers are JSON numbers at full precision, missing values null.
 */
#include <math.h>
#include <stdlib.h>

#include <cjson/cJSON.h>

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

void write_json(const report *r, FILE *out)
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
    char *text = cJSON_Print(root);
    fputs(text, out);
    fputc('\n', out);
    free(text);
    cJSON_Delete(root);
}
