/*
 * diag.c - collecting the problems of one input file (see diag.h).
 */
#include "import/diag.h"

#include <stdarg.h>

void diag_init(diag_list *d, size_t limit)
{
    strbuf empty = STRBUF_INIT;
    d->lines = empty;
    d->warnings = empty;
    d->count = 0;
    d->nwarnings = 0;
    d->limit = limit ? limit : DIAG_DEFAULT_LIMIT;
}

void diag_free(diag_list *d)
{
    strbuf_free(&d->lines);
    strbuf_free(&d->warnings);
}

static void diag_vadd(strbuf *out, const char *location, const char *fmt, va_list ap)
{
    strbuf_append(out, location);
    strbuf_append(out, ": ");
    strbuf_vprintf(out, fmt, ap);
    strbuf_append_char(out, '\n');
}

void diag_error_at(diag_list *d, const char *location, const char *fmt, ...)
{
    d->count++;
    if (d->count > d->limit)
        return;
    va_list ap;
    va_start(ap, fmt);
    diag_vadd(&d->lines, location, fmt, ap);
    va_end(ap);
}

void diag_warning_at(diag_list *d, const char *location, const char *fmt, ...)
{
    d->nwarnings++;
    if (d->nwarnings > d->limit)
        return;
    va_list ap;
    va_start(ap, fmt);
    diag_vadd(&d->warnings, location, fmt, ap);
    va_end(ap);
}

void diag_error(diag_list *d, const char *file, size_t line, size_t col, const char *fmt, ...)
{
    d->count++;
    if (d->count > d->limit)
        return;
    strbuf location = STRBUF_INIT;
    strbuf_append(&location, file);
    if (line)
        strbuf_printf(&location, ":%zu", line);
    if (line && col)
        strbuf_printf(&location, ":%zu", col);
    va_list ap;
    va_start(ap, fmt);
    diag_vadd(&d->lines, strbuf_str(&location), fmt, ap);
    va_end(ap);
    strbuf_free(&location);
}

int diag_full(const diag_list *d)
{
    return d->count >= d->limit;
}
