/*
 * kind_regions.c - rows of the region table: a stable code, the English
 * name used in reports, the kind (region, city, country), the years it
 * existed, and other codes and names used to recognise it in input files.
 */
#include <string.h>

#include "import/field.h"

static const char *const REQUIRED[] = { "code", "name", "kind", NULL };
static const char *const OPTIONAL[] = { "kato", "iso_3166_2", "name_ru", "name_kk", "valid_from",
                                        "valid_to", NULL };

static bool valid_kind(const char *kind)
{
    return strcmp(kind, "region") == 0 || strcmp(kind, "city") == 0
        || strcmp(kind, "country") == 0;
}

static void regions_row(import_ctx *ctx, const import_row *row)
{
    region_record r = { 0 };
    bool ok = field_text(ctx, row, "code", &r.code);
    ok &= field_text(ctx, row, "name", &r.name);
    ok &= field_text(ctx, row, "kind", &r.kind);
    if (r.kind && !valid_kind(r.kind)) {
        ctx_error(ctx, row, "kind", "unknown kind \"%s\" (expected region, city or country)",
                  r.kind);
        ok = false;
    }
    r.kato = field_optional(row, "kato");
    r.iso_3166_2 = field_optional(row, "iso_3166_2");
    r.name_ru = field_optional(row, "name_ru");
    r.name_kk = field_optional(row, "name_kk");
    ok &= field_year(ctx, row, "valid_from", false, &r.valid_from);
    ok &= field_year(ctx, row, "valid_to", false, &r.valid_to);
    if (r.valid_from && r.valid_to && r.valid_to < r.valid_from) {
        ctx_error(ctx, row, "valid_to", "valid_to %d is before valid_from %d", r.valid_to,
                  r.valid_from);
        ok = false;
    }
    r.line = (long long)row->line;
    r.where = strbuf_str(&ctx->where);
    if (ok)
        ctx_store_result(ctx, row, store_region(ctx->store, &r, &ctx->detail), "region");
    else
        store_counts_of(ctx->store)->rejected++;
}

const import_kind kind_regions = {
    .name = "regions",
    .json_key = "regions",
    .required = REQUIRED,
    .optional = OPTIONAL,
    .handle_row = regions_row,
};
