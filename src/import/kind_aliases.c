/*
 * kind_aliases.c - rows of other spellings of regions, as found in real
 * files ("Akmolinskaya", "г. Нур-Султан", "Shimkent city"): the spelling,
 * the region it names (by code or any spelling already known) and where
 * it was seen.
 */
#include "import/field.h"

static const char *const REQUIRED[] = { "alias", "region", NULL };
static const char *const OPTIONAL[] = { "source", NULL };

static void aliases_row(import_ctx *ctx, const import_row *row)
{
    strbuf region = STRBUF_INIT;
    alias_record r = { 0 };
    bool ok = field_text(ctx, row, "alias", &r.alias);
    ok &= field_region(ctx, row, "region", &region);
    if (ok) {
        r.region = strbuf_str(&region);
        r.source = field_optional(row, "source");
        r.line = (long long)row->line;
        r.where = strbuf_str(&ctx->where);
        ctx_store_result(ctx, row, store_alias(ctx->store, &r, &ctx->detail), "spelling");
    } else {
        store_counts_of(ctx->store)->rejected++;
    }
    strbuf_free(&region);
}

const import_kind kind_aliases = {
    .name = "aliases",
    .json_key = "aliases",
    .required = REQUIRED,
    .optional = OPTIONAL,
    .handle_row = aliases_row,
};
