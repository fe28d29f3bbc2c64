/*
 * field.c - typed, validated fields of an import_row (see field.h).
 */
#include "import/field.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "import/breakdown.h"
#include "import/number.h"
#include "util/date.h"

/* The most decimals a stored value keeps: the CHECK on the decimals
 * column of the observation and published tables. */
enum { MAX_DECIMALS = 15 };

bool field_decimals_kept(import_ctx *ctx, const import_row *row, const char *name,
                         int decimals)
{
    if (decimals <= MAX_DECIMALS)
        return true;
    ctx_error(ctx, row, name, "\"%s\" needs %d decimals to be shown as written; oblys keeps "
              "at most %d: round it in the file", row_get(row, name), decimals, MAX_DECIMALS);
    return false;
}

bool field_text(import_ctx *ctx, const import_row *row, const char *name, const char **out)
{
    const char *text = row_get(row, name);
    if (!text || !*text) {
        ctx_error(ctx, row, name, "%s is empty", name);
        return false;
    }
    *out = text;
    return true;
}

const char *field_optional(const import_row *row, const char *name)
{
    const char *text = row_get(row, name);
    return text && *text ? text : NULL;
}

bool field_year(import_ctx *ctx, const import_row *row, const char *name, bool required, int *out)
{
    const char *text = field_optional(row, name);
    *out = 0;
    if (!text) {
        if (required)
            ctx_error(ctx, row, name, "%s is empty", name);
        return !required;
    }
    int year = 0;
    if (!year_parse(text, true, &year)) {
        ctx_error(ctx, row, name, "\"%s\" is not a year (expected e.g. 2021, 2021 г. or "
                  "2021-12-31)", text);
        return false;
    }
    if (year < 1900 || year > 2100) {
        ctx_error(ctx, row, name, "year %d is outside 1900..2100", year);
        return false;
    }
    *out = year;
    return true;
}

bool field_int(import_ctx *ctx, const import_row *row, const char *name, int min, int max,
               bool required, bool *present, int *out)
{
    const char *text = field_optional(row, name);
    *present = false;
    if (!text) {
        if (required)
            ctx_error(ctx, row, name, "%s is empty", name);
        return !required;
    }
    char *end = NULL;
    long v = strtol(text, &end, 10);
    if (end == text || *end != '\0' || v < min || v > max) {
        ctx_error(ctx, row, name, "\"%s\" is not a whole number from %d to %d", text, min, max);
        return false;
    }
    *present = true;
    *out = (int)v;
    return true;
}

bool field_bool(import_ctx *ctx, const import_row *row, const char *name, int dflt, int *out)
{
    const char *text = field_optional(row, name);
    *out = dflt;
    if (!text)
        return true;
    static const char *const yes[] = { "true", "1", "yes" };
    static const char *const no[] = { "false", "0", "no" };
    for (size_t i = 0; i < 3; i++) {
        if (strcmp(text, yes[i]) == 0) {
            *out = 1;
            return true;
        }
        if (strcmp(text, no[i]) == 0) {
            *out = 0;
            return true;
        }
    }
    ctx_error(ctx, row, name, "\"%s\" is not true or false", text);
    return false;
}

static const char *missing_code(num_missing m)
{
    switch (m) {
    case NUM_MISSING_EMPTY:
        return "empty";
    case NUM_MISSING_NIL:
        return "nil";
    case NUM_MISSING_NOT_AVAILABLE:
        return "not_available";
    case NUM_MISSING_CONFIDENTIAL:
        return "confidential";
    case NUM_MISSING_NONE:
        break;
    }
    return NULL;
}

/* The number before a footnote mark ("4,9*" -> 4.9); NUM_INVALID when the
 * cell has no mark or the text before it is no number. */
static num_status parse_before_footnote(const char *text, num_decimal_mark mark,
                                        num_result *res)
{
    const char *at = num_footnote_mark(text);
    if (!at)
        return NUM_INVALID;
    char *number = xstrndup(text, (size_t)(at - text));
    num_status st = num_parse(number, mark, res);
    free(number);
    return st;
}

bool field_value(import_ctx *ctx, const import_row *row, const char *name, bool *has_value,
                 double *value, int *decimals, const char **missing, bool *footnote)
{
    const char *text = row_get(row, name);
    num_result res;
    num_status st = num_parse(text ? text : "", ctx->decimal, &res);
    bool marked = false;
    if (st == NUM_INVALID && text && (st = parse_before_footnote(text, ctx->decimal, &res))
                                         != NUM_INVALID) {
        marked = true;
        if (!footnote) {
            ctx_error(ctx, row, name, "\"%s\" carries a footnote mark (\"%s\"), which only "
                      "series values can keep (as the flag footnote): remove it", text,
                      num_footnote_mark(text));
            return false;
        }
    }
    if (footnote)
        *footnote = marked;
    switch (st) {
    case NUM_VALUE:
        *has_value = true;
        *value = res.value;
        *decimals = res.decimals;
        *missing = NULL;
        return true;
    case NUM_MISSING:
        *has_value = false;
        *missing = missing_code(res.missing);
        return true;
    case NUM_AMBIGUOUS:
        ctx_error(ctx, row, name, "\"%s\" is ambiguous: the separator may be a decimal mark or "
                  "group thousands; say which with --decimal point or --decimal comma", text);
        return false;
    case NUM_OUT_OF_RANGE:
        ctx_error(ctx, row, name, "\"%s\" is too large or too small for a number oblys can "
                  "store (a double: about 1e-308 to 1e308)", text);
        return false;
    case NUM_INVALID:
        break;
    }
    ctx_error(ctx, row, name, "\"%s\" is not a number or a missing-value marker (such as -, .., "
              "x, н/д or an empty cell)", text);
    return false;
}

bool field_code(import_ctx *ctx, const import_row *row, const char *name, code_table table,
                const char *dflt, const char **out)
{
    const char *text = field_optional(row, name);
    if (!text) {
        if (!dflt) {
            ctx_error(ctx, row, name, "%s is empty", name);
            return false;
        }
        text = dflt;
    }
    bool known = store_code_exists(ctx->store, table, text);
    if (!known && (table == CODE_SETTLEMENT || table == CODE_SEX)) {
        /* "Мужчины" is male, "всего" total: looked up only when not a code */
        const char *word = breakdown_code(table == CODE_SETTLEMENT ? "settlement" : "sex", text);
        if (word && store_code_exists(ctx->store, table, word)) {
            text = word;
            known = true;
        }
    }
    if (!known) {
        strbuf close = STRBUF_INIT;
        if (table == CODE_INDICATOR)
            store_suggest_indicators(ctx->store, text, &close);
        if (close.len) {
            ctx_error(ctx, row, name, "unknown indicator \"%s\"; did you mean %s?", text,
                      strbuf_str(&close));
            strbuf_free(&close);
            return false;
        }
        strbuf_free(&close);
        static const char *const hint[] = {
            [CODE_SETTLEMENT] = "expected total, urban or rural, or a word for them such as "
                                "всего, город, село, қала, ауыл",
            [CODE_SEX] = "expected total, male or female, or a word for them such as всего, "
                         "мужчины, женщины, ерлер, әйелдер",
            [CODE_MEASURE] = "expected gap_ratio, max_value, min_value, index_base, ratio_pct, "
                             "index or rank",
            [CODE_INDICATOR] = LIST_INDICATORS "; a new one needs its metadata imported "
                               "first (docs/data-format.md)",
        };
        ctx_error(ctx, row, name, "unknown %s \"%s\" (%s)", name, text, hint[table]);
        return false;
    }
    *out = text;
    return true;
}

bool field_region(import_ctx *ctx, const import_row *row, const char *name, strbuf *code)
{
    const char *text = NULL;
    if (!field_text(ctx, row, name, &text))
        return false;
    const char *found = NULL;
    if (!store_find_region(ctx->store, text, &found) && store_no_regions(ctx->store)) {
        ctx_error(ctx, row, name, "unknown region \"%s\": no regions are loaded yet (import "
                  "seeds/regions.csv and seeds/region_aliases.csv first)", text);
        return false;
    }
    if (!found && breakdown_total_word(text)) {
        ctx_error(ctx, row, name, "unknown region \"%s\": a total row? The republic is the "
                  "region KZ (Republic of Kazakhstan, Республика Казахстан): name it so, or "
                  "delete the row",
                  text);
        return false;
    }
    if (!found) {
        strbuf close = STRBUF_INIT;
        if (!diag_full(ctx->diag))          /* past the limit, nobody reads it */
            store_suggest_regions(ctx->store, text, &close);
        if (close.len)
            ctx_error(ctx, row, name, "unknown region \"%s\"; did you mean %s?", text,
                      strbuf_str(&close));
        else
            ctx_error(ctx, row, name, "unknown region \"%s\" (no code, name or registered "
                      "spelling is close; docs/data-format.md says how to add one)", text);
        strbuf_free(&close);
        return false;
    }
    strbuf_reset(code);
    strbuf_append(code, found);
    return true;
}

static int compare_strings(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

void field_flags_add(strbuf *flags, const char *code)
{
    char *copy = xstrdup(strbuf_str(flags));
    const char *words[33] = { 0 };
    size_t n = 0;
    for (char *save = NULL, *w = strtok_r(copy, ",", &save); w && n < 32;
         w = strtok_r(NULL, ",", &save))
        words[n++] = w;
    words[n++] = code;
    qsort(words, n, sizeof words[0], compare_strings);
    strbuf_reset(flags);
    for (size_t i = 0; i < n; i++)
        if (i == 0 || strcmp(words[i], words[i - 1]) != 0)
            strbuf_printf(flags, "%s%s", flags->len ? "," : "", words[i]);
    free(copy);
}

bool field_flags(import_ctx *ctx, const import_row *row, const char *name, strbuf *out)
{
    strbuf_reset(out);
    const char *text = field_optional(row, name);
    if (!text)
        return true;
    char *copy = xstrdup(text);
    for (char *c = copy; *c; c++)
        *c = (char)tolower((unsigned char)*c);
    char *words[32] = { 0 };
    size_t n = 0;
    bool ok = true;
    for (char *save = NULL, *w = strtok_r(copy, ",; \t", &save); w;
         w = strtok_r(NULL, ",; \t", &save)) {
        if (!store_code_exists(ctx->store, CODE_FLAG, w)) {
            strbuf known = STRBUF_INIT;
            store_flag_codes(ctx->store, &known);
            ctx_error(ctx, row, name, "unknown flag \"%s\" (expected %s)", w, strbuf_str(&known));
            strbuf_free(&known);
            ok = false;
        } else if (n < sizeof words / sizeof words[0]) {
            words[n++] = w;
        } else {
            ctx_error(ctx, row, name, "more than %zu flags", sizeof words / sizeof words[0]);
            ok = false;
            break;
        }
    }
    qsort(words, n, sizeof words[0], compare_strings);
    for (size_t i = 0; ok && i < n; i++)
        if (i == 0 || strcmp(words[i], words[i - 1]) != 0)
            strbuf_printf(out, "%s%s", out->len ? "," : "", words[i]);
    free(copy);
    return ok;
}
