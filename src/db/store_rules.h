/*
 * store_rules.h - validation rules in the store (table validation_rule,
 * migration 0009): what `oblys check` tests the stored values against.
 * Kept apart from store.h so that the rules' import stays one concept.
 */
#ifndef OBLYS_STORE_RULES_H
#define OBLYS_STORE_RULES_H

#include <stdbool.h>

#include "db/store.h"

typedef struct {
    const char *code;                   /* the rule's name, e.g. pct_within_0_100 */
    const char *kind;                   /* bounds, parts_sum, total_between, regions_sum, jump */
    const char *indicator;              /* NULL: every indicator of indicator_kind */
    const char *indicator_kind;         /* NULL: any kind */
    const char *breakdown;              /* settlement or sex (parts rules), else NULL */
    bool has_min, has_max, has_change;
    double min_value, max_value;        /* bounds */
    double max_change_pct;              /* jump */
    double tolerance_pct;               /* parts_sum, regions_sum */
    const char *description;
    long long line;
    const char *where;
} rule_record;

/* Stores a rule: inserted, unchanged, or (with --replace) updated; a
 * different rule under a stored code is a conflict. */
store_result store_rule(store *s, const rule_record *r, strbuf *detail);

#endif
