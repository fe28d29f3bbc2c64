/*
 * breakdown.c - words for breakdowns, read as codes (see breakdown.h).
 */
#include "import/breakdown.h"

#include <string.h>

#include "util/namekey.h"

/* Words for the parts of breakdowns, as name keys (namekey.h: lower case,
 * no spaces or punctuation), and what they mean. */
static const struct {
    const char *key, *breakdown, *code;
} BREAKDOWN_LABELS[] = {
    { "urban", "settlement", "urban" }, { "rural", "settlement", "rural" },
    { "город", "settlement", "urban" }, { "села", "settlement", "rural" },
    { "село", "settlement", "rural" }, { "городскаяместность", "settlement", "urban" },
    { "сельскаяместность", "settlement", "rural" }, { "қала", "settlement", "urban" },
    { "ауыл", "settlement", "rural" }, { "male", "sex", "male" }, { "female", "sex", "female" },
    { "men", "sex", "male" }, { "women", "sex", "female" }, { "мужчины", "sex", "male" },
    { "женщины", "sex", "female" }, { "ерлер", "sex", "male" }, { "әйелдер", "sex", "female" },
};

/* Words for a whole population, as name keys. */
static const char *const TOTAL_WORDS[] = { "total", "всего", "итого", "барлығы", "жиыны" };

static bool label_of_key(const char *key, const char **breakdown, const char **code)
{
    for (size_t i = 0; i < sizeof BREAKDOWN_LABELS / sizeof BREAKDOWN_LABELS[0]; i++)
        if (strcmp(key, BREAKDOWN_LABELS[i].key) == 0) {
            *breakdown = BREAKDOWN_LABELS[i].breakdown;
            *code = BREAKDOWN_LABELS[i].code;
            return true;
        }
    return false;
}

static bool total_key(const char *key)
{
    for (size_t i = 0; i < sizeof TOTAL_WORDS / sizeof TOTAL_WORDS[0]; i++)
        if (strcmp(key, TOTAL_WORDS[i]) == 0)
            return true;
    return false;
}

bool breakdown_label(const char *text, const char **breakdown, const char **code)
{
    strbuf key = STRBUF_INIT;
    name_key(text, &key);
    bool found = label_of_key(strbuf_str(&key), breakdown, code);
    strbuf_free(&key);
    return found;
}

bool breakdown_total_word(const char *text)
{
    strbuf key = STRBUF_INIT;
    name_key(text, &key);
    bool found = total_key(strbuf_str(&key));
    strbuf_free(&key);
    return found;
}

const char *breakdown_code(const char *breakdown, const char *text)
{
    strbuf key = STRBUF_INIT;
    name_key(text, &key);
    const char *part = NULL, *code = NULL;
    if (label_of_key(strbuf_str(&key), &part, &code))
        code = strcmp(part, breakdown) == 0 ? code : NULL;
    else
        code = total_key(strbuf_str(&key)) ? "total" : NULL;
    strbuf_free(&key);
    return code;
}
