/*
 * strmap.c - a small hash map from text to text (see strmap.h).
 */
#include "util/strmap.h"

#include <stdlib.h>
#include <string.h>

#include "util/strbuf.h"

size_t strmap_hash(const char *text)
{
    size_t h = (size_t)14695981039346656037ULL;
    for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
        h ^= *p;
        h *= (size_t)1099511628211ULL;
    }
    return h;
}

/* The slot that holds key, or the empty slot where it would go. */
static strmap_slot *find_slot(strmap_slot *slots, size_t cap, const char *key)
{
    size_t mask = cap - 1;
    for (size_t i = strmap_hash(key) & mask;; i = (i + 1) & mask)
        if (!slots[i].key || strcmp(slots[i].key, key) == 0)
            return &slots[i];
}

bool strmap_get(const strmap *m, const char *key, const char **value)
{
    if (m->count == 0)
        return false;
    const strmap_slot *slot = find_slot(m->slots, m->cap, key);
    if (!slot->key)
        return false;
    if (value)
        *value = slot->value;
    return true;
}

static void grow(strmap *m)
{
    size_t cap = m->cap ? m->cap * 2 : 16;
    strmap_slot *slots = xcalloc(cap, sizeof *slots);
    for (size_t i = 0; i < m->cap; i++)
        if (m->slots[i].key)
            *find_slot(slots, cap, m->slots[i].key) = m->slots[i];
    free(m->slots);
    m->slots = slots;
    m->cap = cap;
}

void strmap_put(strmap *m, const char *key, const char *value)
{
    if (2 * (m->count + 1) > m->cap)
        grow(m);
    strmap_slot *slot = find_slot(m->slots, m->cap, key);
    if (slot->key) {
        free(slot->value);
    } else {
        slot->key = xstrdup(key);
        m->count++;
    }
    slot->value = xstrdup(value);
}

void strmap_free(strmap *m)
{
    for (size_t i = 0; i < m->cap; i++) {
        free(m->slots[i].key);
        free(m->slots[i].value);
    }
    free(m->slots);
    m->slots = NULL;
    m->cap = m->count = 0;
}
