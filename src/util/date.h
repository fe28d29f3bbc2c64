/*
 * date.h - years and calendar dates as statistics files and users write
 * them: "2021", "2021 г." and YYYY-MM-DD, checked for being real days.
 */
#ifndef OBLYS_DATE_H
#define OBLYS_DATE_H

#include <stdbool.h>

/* True when text starts with a real date YYYY-MM-DD; sets *year. Nothing
 * may follow, unless allow_rest and what follows is a time ("T10:00:00Z"). */
bool date_parse(const char *text, bool allow_rest, int *year);

/* True when text is a year: four digits, alone or followed by the Russian
 * or Kazakh word for year as tables head their columns ("2021 г.",
 * "2021г", "2021 год", "2021 ж.", "2021 жыл"), or as the World Bank's
 * DataBank does ("2021 [YR2021]"), or, when allow_date, a real
 * date YYYY-MM-DD (a date stands for its year). Sets *year; the range is
 * the caller's to check. */
bool year_parse(const char *text, bool allow_date, int *year);

#endif
