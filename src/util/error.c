/*
 * error.c - recording an oblys_error (see error.h).
 */
#include "util/error.h"

#include <stdarg.h>

oblys_status error_set(oblys_error *err, oblys_status status, const char *fmt, ...)
{
    if (!err)
        return status;
    strbuf_reset(&err->message);
    va_list ap;
    va_start(ap, fmt);
    strbuf_vprintf(&err->message, fmt, ap);
    va_end(ap);
    err->status = status;
    return status;
}

const char *error_message(const oblys_error *err)
{
    return strbuf_str(&err->message);
}

void error_clear(oblys_error *err)
{
    strbuf_free(&err->message);
    err->status = OBLYS_OK;
}

void error_prefix(oblys_error *err, const char *prefix)
{
    strbuf sb = STRBUF_INIT;
    strbuf_printf(&sb, "%s: %s", prefix, strbuf_str(&err->message));
    strbuf_free(&err->message);
    err->message = sb;
}
