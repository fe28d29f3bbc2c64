/*
 * strbuf.h - a small growable string, used everywhere oblys builds text
 * (error messages, report cells, output lines) instead of hand-rolled
 * strcat and fixed buffers.
 *
 * A strbuf is always NUL-terminated once anything was appended. Memory is
 * owned by the strbuf; strbuf_free() releases it, strbuf_detach() hands it
 * to the caller. Out-of-memory aborts: there is nothing sensible a command
 * line tool can do with half a message.
 */
#ifndef OBLYS_STRBUF_H
#define OBLYS_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct {
    char *data;
    size_t len;
    size_t cap;
} strbuf;

#define STRBUF_INIT { NULL, 0, 0 }

void strbuf_append(strbuf *sb, const char *text);
void strbuf_append_len(strbuf *sb, const char *text, size_t len);
void strbuf_append_char(strbuf *sb, char c);
void strbuf_printf(strbuf *sb, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void strbuf_vprintf(strbuf *sb, const char *fmt, va_list ap);
void strbuf_reset(strbuf *sb);
/* The text so far; "" for an empty strbuf (never NULL). */
const char *strbuf_str(const strbuf *sb);
/* Hands the text to the caller (free() it); the strbuf becomes empty. */
char *strbuf_detach(strbuf *sb);
void strbuf_free(strbuf *sb);

/* strdup that aborts on out-of-memory; NULL stays NULL. */
char *xstrdup(const char *s);
/* The first n bytes of s (fewer when s is shorter), NUL-terminated. */
char *xstrndup(const char *s, size_t n);
void *xmalloc(size_t size);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t size);

#endif
