/*
 * region.c - the region report: one region's profile. For every indicator
 * (and breakdown) it has: the value in the year asked for (default: the
 * latest it has), its rank among the regions that year (1 = best by the
 * indicator's polarity), the previous year with a value, the change and
 * whether it is an improvement; then what improved and worsened most, by
 * rank places and by relative change.
 */
#include <stdlib.h>
#include <string.h>

#include "report/reports.h"
#include "util/namekey.h"

/* The region a text names: its code (KATO or ISO), or any registered
 * spelling compared as a key (namekey.h), as the import resolves it. */
static const char SQL_FIND_REGION[] =
    "SELECT code, name FROM region WHERE code = ?1 OR kato = ?1 OR iso_3166_2 = ?1 "
    "UNION SELECT r.code, r.name FROM region_alias a JOIN region r ON r.code = a.region "
    "WHERE a.alias_key = ?2 LIMIT 1";
static const char SQL_ALIASES[] =
    "SELECT a.alias_key, a.alias, r.name FROM region_alias a JOIN region r ON r.code = a.region "
    "ORDER BY a.alias";

/* Every value of the region ?1 with its rank and its previous value; the
 * rows of year ?2 (0: each series' latest year). */
#define PROFILE_CTE \
    "WITH ranked AS (" \
    "  SELECT o.region, o.indicator, o.year, o.settlement, o.sex, o.value, i.polarity, " \
    "         CASE WHEN r.kind <> 'country' THEN rank() OVER (PARTITION BY o.indicator, " \
    "           o.year, o.settlement, o.sex, r.kind = 'country' " \
    "           ORDER BY o.value * i.polarity DESC) END AS rank, " \
    "         CASE WHEN r.kind <> 'country' THEN count(*) OVER (PARTITION BY o.indicator, " \
    "           o.year, o.settlement, o.sex, r.kind = 'country') END AS n_regions " \
    "  FROM observation o JOIN region r ON r.code = o.region " \
    "  JOIN indicator i ON i.code = o.indicator WHERE o.value IS NOT NULL), " \
    "mine AS (" \
    "  SELECT x.*, lag(x.year) OVER w AS prev_year, lag(x.value) OVER w AS prev_value, " \
    "         lag(x.rank) OVER w AS prev_rank, " \
    "         max(x.year) OVER (PARTITION BY x.indicator, x.settlement, x.sex) AS last_year " \
    "  FROM ranked x WHERE x.region = ?1 " \
    "  WINDOW w AS (PARTITION BY x.indicator, x.settlement, x.sex ORDER BY x.year)), " \
    "profile AS (" \
    "  SELECT m.indicator, m.settlement, m.sex, m.year, m.value, m.rank, m.n_regions, " \
    "         m.prev_year, m.prev_value, m.value - m.prev_value AS change, " \
    "         100.0 * (m.value / nullif(m.prev_value, 0) - 1) AS change_pct, " \
    "         m.prev_rank, m.prev_rank - m.rank AS rank_change, " \
    "         CASE WHEN m.prev_value IS NULL THEN NULL " \
    "              WHEN (m.value - m.prev_value) * m.polarity > 0 THEN 'improved' " \
    "              WHEN (m.value - m.prev_value) * m.polarity < 0 THEN 'worsened' " \
    "              ELSE 'unchanged' END AS verdict, " \
    "         m.polarity, i.position " \
    "  FROM mine m JOIN indicator i ON i.code = m.indicator " \
    "  WHERE (?2 = 0 AND m.year = m.last_year) OR m.year = ?2) "

static const char SQL_PROFILE[] = PROFILE_CTE
    "SELECT indicator, settlement, sex, year, value, rank, n_regions, prev_year, prev_value, "
    "       change, change_pct, prev_rank, rank_change, verdict "
    "FROM profile ORDER BY position, indicator, settlement, sex";

/* Every row tied for the most rank places gained or lost, and for the
 * largest relative change for the better or the worse. */
#define HIGHLIGHT(what, score) \
    "SELECT '" what "' AS what, indicator, settlement, sex, prev_year, year, prev_value, " \
    "       value, change_pct, prev_rank, rank, rank_change, position FROM profile " \
    "WHERE " score " > 0 AND " score " = (SELECT max(" score ") FROM profile) "
static const char SQL_HIGHLIGHTS[] = PROFILE_CTE
    "SELECT what, indicator, settlement, sex, prev_year, year, prev_value, value, change_pct, "
    "       prev_rank, rank, rank_change FROM ("
    HIGHLIGHT("improved most in rank", "rank_change") " UNION ALL "
    HIGHLIGHT("worsened most in rank", "-rank_change") " UNION ALL "
    HIGHLIGHT("improved most in value", "change_pct * polarity") " UNION ALL "
    HIGHLIGHT("worsened most in value", "-change_pct * polarity") ") "
    "ORDER BY CASE what WHEN 'improved most in rank' THEN 0 WHEN 'worsened most in rank' THEN 1 "
    "         WHEN 'improved most in value' THEN 2 ELSE 3 END, position, indicator, "
    "         settlement, sex";

/* Up to three spellings closest to text, for the error message. */
static oblys_status suggest_regions(sqlite3 *db, const char *text, strbuf *out,
                                    oblys_error *err)
{
    sqlite3_stmt *stmt = NULL;
    oblys_status st = report_prepare(db, SQL_ALIASES, &stmt, err);
    if (st != OBLYS_OK)
        return st;
    strbuf key = STRBUF_INIT;
    name_key(text, &key);
    size_t limit = name_length(strbuf_str(&key)) / 3;
    if (limit < 2)
        limit = 2;
    for (size_t best = 0; best <= limit && out->len == 0; best++) {
        int shown = 0;
        sqlite3_reset(stmt);
        while (sqlite3_step(stmt) == SQLITE_ROW && shown < 3) {
            const char *alias_key = (const char *)sqlite3_column_text(stmt, 0);
            if (name_distance(strbuf_str(&key), alias_key) != best)
                continue;
            const char *alias = (const char *)sqlite3_column_text(stmt, 1);
            const char *name = (const char *)sqlite3_column_text(stmt, 2);
            strbuf_printf(out, "%s\"%s\"", shown ? " or " : "", alias);
            if (strcmp(alias, name) != 0)
                strbuf_printf(out, " (%s)", name);
            shown++;
        }
    }
    strbuf_free(&key);
    sqlite3_finalize(stmt);
    return OBLYS_OK;
}

/* The code and name of the region text names, or OBLYS_EUSAGE with the
 * closest spellings. *code and *name are malloc'd. */
static oblys_status resolve_region(sqlite3 *db, const char *text, char **code, char **name,
                                   oblys_error *err)
{
    sqlite3_stmt *stmt = NULL;
    oblys_status st = report_prepare(db, SQL_FIND_REGION, &stmt, err);
    if (st != OBLYS_OK)
        return st;
    strbuf key = STRBUF_INIT;
    name_key(text, &key);
    sqlite3_bind_text(stmt, 1, text, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 2, strbuf_str(&key), -1, SQLITE_STATIC);
    if (sqlite3_step(stmt) == SQLITE_ROW) {
        *code = strdup((const char *)sqlite3_column_text(stmt, 0));
        *name = strdup((const char *)sqlite3_column_text(stmt, 1));
    }
    sqlite3_finalize(stmt);
    strbuf_free(&key);
    if (*code)
        return OBLYS_OK;
    strbuf close = STRBUF_INIT;
    st = suggest_regions(db, text, &close, err);
    if (st == OBLYS_OK)
        st = error_set(err, OBLYS_EUSAGE, "unknown region \"%s\"%s%s%s", text,
                       close.len ? "; did you mean " : " (`oblys sql` or seeds/regions.csv "
                       "list the regions)", strbuf_str(&close), close.len ? "?" : "");
    strbuf_free(&close);
    return st;
}

static oblys_status add_region_table(sqlite3 *db, report *r, const char *sql, const char *code,
                                     int year, const char *name, const char *title,
                                     report_table **t, oblys_error *err)
{
    sqlite3_stmt *stmt = NULL;
    oblys_status st = report_prepare(db, sql, &stmt, err);
    if (st != OBLYS_OK)
        return st;
    sqlite3_bind_text(stmt, 1, code, -1, SQLITE_STATIC);
    sqlite3_bind_int(stmt, 2, year);
    st = report_add_query(r, name, title, stmt, t, err);
    sqlite3_finalize(stmt);
    if (st == OBLYS_OK) {
        report_set_decimals(*t, "value", -1);
        report_set_decimals(*t, "prev_value", -1);
        report_set_decimals(*t, "change", REPORT_SIGNIFICANT);
        report_set_decimals(*t, "change_pct", 1);
    }
    return st;
}

static void add_region_notes(report *r)
{
    report_add_note(r, "rank: 1 = best among the regions and cities that year, by the "
                    "indicator's polarity (the republic has no rank); n_regions ranked.");
    report_add_note(r, "prev_year is the previous year with a value; change = value - "
                    "prev_value, change_pct in %%; rank_change = prev_rank - rank (positive: "
                    "climbed). verdict: improved when the change goes the indicator's good way.");
    report_add_note(r, "Changes are of the values as published, in each indicator's own unit "
                    "(money in the currency it was published in); report trend "
                    "computes growth of money in tenge, so the two differ when the exchange "
                    "rate moved.");
    report_add_note(r, "Ranks of years with a different set of regions (the 2018 and 2022 "
                    "splits) are out of a different number of regions: compare n_regions.");
}

oblys_status report_region(sqlite3 *db, const report_params *p, report **out, oblys_error *err)
{
    *out = NULL;
    if (!p->region)
        return error_set(err, OBLYS_EUSAGE, "say which region: oblys report region REGION");
    char *code = NULL, *name = NULL;
    oblys_status st = resolve_region(db, p->region, &code, &name, err);
    if (st != OBLYS_OK)
        return st;
    strbuf title = STRBUF_INIT;
    if (p->year)
        strbuf_printf(&title, "Profile of %s, %d", name, p->year);
    else
        strbuf_printf(&title, "Profile of %s, latest year of each indicator", name);
    report *r = report_new("region", strbuf_str(&title));
    report_table *profile = NULL, *highlights = NULL;
    st = add_region_table(db, r, SQL_PROFILE, code, p->year, "profile",
                          "Every indicator: value, rank, change", &profile, err);
    if (st == OBLYS_OK)
        st = add_region_table(db, r, SQL_HIGHLIGHTS, code, p->year, "highlights",
                              "Improved and worsened most", &highlights, err);
    if (st == OBLYS_OK && profile->nrows == 0)
        st = error_set(err, OBLYS_EDATA, "%s has no values%s", name, p->year ? " that year" : "");
    if (st == OBLYS_OK) {
        add_region_notes(r);
        *out = r;
    } else {
        report_free(r);
    }
    strbuf_free(&title);
    free(code);
    free(name);
    return st;
}
