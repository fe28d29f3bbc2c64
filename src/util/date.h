/*
 * date.h - calendar dates as statistics files and users write them
 * (YYYY-MM-DD), checked for being real days.
 */
#ifndef OBLYS_DATE_H
#define OBLYS_DATE_H

#include <stdbool.h>

/* True when text starts with a real date YYYY-MM-DD; sets *year. Nothing
 * may follow, unless allow_rest and what follows is a time ("T10:00:00Z"). */
bool date_parse(const char *text, bool allow_rest, int *year);

#endif
