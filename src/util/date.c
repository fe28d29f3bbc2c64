/*
 * date.c - checking YYYY-MM-DD dates (see date.h).
 */
#include "util/date.h"

#include <ctype.h>
#include <string.h>

static bool digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!isdigit((unsigned char)s[i]))
            return false;
    return true;
}

static int number(const char *s, size_t n)
{
    int v = 0;
    for (size_t i = 0; i < n; i++)
        v = v * 10 + (s[i] - '0');
    return v;
}

static bool real_day(int year, int month, int day)
{
    static const int days[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    if (month < 1 || month > 12 || day < 1 || day > days[month - 1])
        return false;
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return !(month == 2 && day == 29 && !leap);
}

bool date_parse(const char *text, bool allow_rest, int *year)
{
    size_t n = strlen(text);
    if (n < 10 || (n > 10 && (!allow_rest || text[10] != 'T')))
        return false;
    if (!digits(text, 4) || text[4] != '-' || !digits(text + 5, 2) || text[7] != '-'
        || !digits(text + 8, 2))
        return false;
    *year = number(text, 4);
    return real_day(*year, number(text + 5, 2), number(text + 8, 2));
}
