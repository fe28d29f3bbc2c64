/*
 * kind_groups.c - rows of groupings of regions: in a grouping (e.g. the
 * paper's types of region), the group a region belongs to. Groupings are
 * data: the Theil decomposition (v_theil_decomposition) splits inequality
 * into between and within these groups.
 */
#include "import/field.h"

static const char *const REQUIRED[] = { "grouping", "group_name", "region", NULL };
static const char *const OPTIONAL[] = { "source", NULL };

static void groups_row(import_ctx *ctx, const import_row *row)
{
    strbuf region = STRBUF_INIT;
    group_record r = { 0 };
    bool ok = field_text(ctx, row, "grouping", &r.grouping);
    ok &= field_text(ctx, row, "group_name", &r.group_name);
    ok &= field_region(ctx, row, "region", &region);
    if (ok) {
        r.region = strbuf_str(&region);
        r.source = field_optional(row, "source");
        r.line = (long long)row->line;
        r.where = strbuf_str(&ctx->where);
        ctx_store_result(ctx, row, store_group(ctx->store, &r, &ctx->detail),
                         "grouping and region");
    } else {
        store_counts_of(ctx->store)->rejected++;
    }
    strbuf_free(&region);
}

const import_kind kind_groups = {
    .name = "groups",
    .json_key = "groups",
    .required = REQUIRED,
    .optional = OPTIONAL,
    .handle_row = groups_row,
};
