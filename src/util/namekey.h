/*
 * namekey.h - the key under which a name is looked up, so that the many
 * spellings of one region in real files meet: "г. Астана", "Г.АСТАНА" and
 * "г.Астана" are one key; so are "Туркестанская*", "Туркестанская 1" and
 * "ТУРКЕСТАНСКАЯ".
 *
 * The key is the name with
 *   - footnote marks removed: '*', superscript digits, and a number
 *     standing alone at the end ("Shymkent city 2");
 *   - letters in lower case: Latin (also Latin-1 and Latin Extended-A, as
 *     in the Kazakh Latin alphabet: Ä Ğ Ñ Ö Ş Ū Ü), Cyrillic, including the
 *     Kazakh letters (Ә Ғ Қ Ң Ө Ұ Ү Һ І), and ё read as е;
 *   - everything that is not a letter or a digit dropped: spaces (also
 *     no-break spaces), dots, commas, hyphens, dashes, quotes, brackets.
 * It never depends on the process locale.
 */
#ifndef OBLYS_NAMEKEY_H
#define OBLYS_NAMEKEY_H

#include <stdbool.h>
#include <stddef.h>

#include "util/strbuf.h"

/* Writes the key of text (UTF-8) to *out (replacing its content). */
void name_key(const char *text, strbuf *out);

/* Edit distance (insertions, deletions, substitutions of characters, not
 * bytes) between two UTF-8 strings; used to suggest the names closest to
 * an unknown one. */
size_t name_distance(const char *a, const char *b);

/* True when text, read as a code ("Poverty rate", "poverty-rate" and
 * "POVERTY_RATE" all read as "poverty_rate"), is within a few edits of
 * code: a typo worth suggesting code for. */
bool code_is_close(const char *text, const char *code);

/* The number of characters (code points) of a UTF-8 string. */
size_t name_length(const char *text);

#endif
