/*
 * kind_changes.c - rows of territorial changes: in a year (the first on
 * the new boundaries) a successor took over (part of) a predecessor's
 * territory (kind split), or a region was renamed (kind rename).
 */
#include <string.h>

#include "import/field.h"

static const char *const REQUIRED[] = { "year", "predecessor", "successor", "kind", NULL };
static const char *const OPTIONAL[] = { "note", NULL };

static void changes_row(import_ctx *ctx, const import_row *row)
{
    strbuf predecessor = STRBUF_INIT, successor = STRBUF_INIT;
    change_record r = { 0 };
    bool ok = field_year(ctx, row, "year", true, &r.year);
    ok &= field_region(ctx, row, "predecessor", &predecessor);
    ok &= field_region(ctx, row, "successor", &successor);
    ok &= field_text(ctx, row, "kind", &r.kind);
    if (r.kind && strcmp(r.kind, "split") != 0 && strcmp(r.kind, "rename") != 0) {
        ctx_error(ctx, row, "kind", "unknown kind \"%s\" (expected split or rename)", r.kind);
        ok = false;
    }
    if (ok && strcmp(r.kind, "rename") == 0
        && strcmp(strbuf_str(&predecessor), strbuf_str(&successor)) != 0) {
        ctx_error(ctx, row, "successor", "a rename keeps the region's code: predecessor and "
                  "successor must be the same region (a new code is a split)");
        ok = false;
    }
    if (ok) {
        r.predecessor = strbuf_str(&predecessor);
        r.successor = strbuf_str(&successor);
        r.note = field_optional(row, "note");
        r.line = (long long)row->line;
        r.where = strbuf_str(&ctx->where);
        ctx_store_result(ctx, row, store_change(ctx->store, &r, &ctx->detail),
                         "year, predecessor and successor");
    } else {
        store_counts_of(ctx->store)->rejected++;
    }
    strbuf_free(&predecessor);
    strbuf_free(&successor);
}

const import_kind kind_changes = {
    .name = "changes",
    .json_key = "changes",
    .required = REQUIRED,
    .optional = OPTIONAL,
    .handle_row = changes_row,
};
