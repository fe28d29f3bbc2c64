/*
 * date.c - reading years and checking YYYY-MM-DD dates (see date.h).
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

/* What may follow the digits of a year: the word for year, in Russian
 * ("г." is "год") and Kazakh ("ж." is "жыл"), as column headings write it. */
static const char *const year_words[] = {
    "г.", "г", "год", "Г.", "Г", "Год", "ГОД", "ж.", "ж", "жыл", "Ж.", "Ж", "Жыл", "ЖЫЛ", NULL
};

static bool is_year_word(const char *rest)
{
    for (;;) {                              /* spaces, also no-break spaces */
        if (*rest == ' ')
            rest++;
        else if ((unsigned char)rest[0] == 0xC2 && (unsigned char)rest[1] == 0xA0)
            rest += 2;
        else
            break;
    }
    if (!*rest)
        return true;
    for (const char *const *w = year_words; *w; w++)
        if (strcmp(rest, *w) == 0)
            return true;
    return false;
}

/* The World Bank's DataBank heads its year columns "2021 [YR2021]". */
static bool is_databank_year(const char *text)
{
    return strncmp(text + 4, " [YR", 4) == 0 && strncmp(text + 8, text, 4) == 0
        && strcmp(text + 12, "]") == 0;
}

bool year_parse(const char *text, bool allow_date, int *year)
{
    if (!digits(text, 4) || (text[4] && !is_year_word(text + 4) && !is_databank_year(text)))
        return allow_date && date_parse(text, false, year);
    *year = number(text, 4);
    return true;
}
