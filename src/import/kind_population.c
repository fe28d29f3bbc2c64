/*
 * kind_population.c - rows of population by region and year (persons,
 * optionally by settlement and sex), used to weigh regions merged back
 * into their predecessor on fixed boundaries.
 */
#include "import/field.h"

static const char *const REQUIRED[] = { "region", "year", "persons", NULL };
static const char *const OPTIONAL[] = { "settlement", "sex", "source", NULL };

static void population_row(import_ctx *ctx, const import_row *row)
{
    strbuf region = STRBUF_INIT;
    population_record r = { 0 };
    bool has_value = false;
    int decimals = 0;
    const char *missing = NULL;
    bool ok = field_region(ctx, row, "region", &region);
    ok &= field_year(ctx, row, "year", true, &r.year);
    ok &= field_code(ctx, row, "settlement", CODE_SETTLEMENT, "total", &r.settlement);
    ok &= field_code(ctx, row, "sex", CODE_SEX, "total", &r.sex);
    ok &= field_value(ctx, row, "persons", &has_value, &r.persons, &decimals, &missing, NULL);
    if (ok && (!has_value || r.persons < 0)) {
        ctx_error(ctx, row, "persons", "population must be a number of persons, 0 or more "
                  "(leave out years without one)");
        ok = false;
    }
    if (ok) {
        r.region = strbuf_str(&region);
        r.source = field_optional(row, "source");
        r.line = (long long)row->line;
        r.where = strbuf_str(&ctx->where);
        ctx_store_result(ctx, row, store_population(ctx->store, &r, &ctx->detail),
                         "region, year and breakdown");
    } else {
        store_counts_of(ctx->store)->rejected++;
    }
    strbuf_free(&region);
}

const import_kind kind_population = {
    .name = "population",
    .json_key = "population",
    .required = REQUIRED,
    .optional = OPTIONAL,
    .handle_row = population_row,
};
