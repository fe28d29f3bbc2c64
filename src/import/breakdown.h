/*
 * breakdown.h - the words tables use for breakdowns ("город", "село",
 * "мужчины", "ерлер", "Women"), read as oblys's codes (urban, rural,
 * male, female, total), in any case and punctuation (namekey.h).
 */
#ifndef OBLYS_BREAKDOWN_H
#define OBLYS_BREAKDOWN_H

#include <stdbool.h>

/* True when text is a word for one part of a breakdown: sets *breakdown
 * ("settlement" or "sex") and *code ("urban", "rural", "male" or
 * "female"). */
bool breakdown_label(const char *text, const char **breakdown, const char **code);

/* True when text is a word for a whole population ("всего", "барлығы",
 * "Total"): the total of any breakdown. */
bool breakdown_total_word(const char *text);

/* The code that text stands for in a breakdown column ("settlement" or
 * "sex"): its part (as breakdown_label) or "total" for a word for the
 * whole ("всего", "барлығы", "Total"); NULL when it is none of these. */
const char *breakdown_code(const char *breakdown, const char *text);

#endif
