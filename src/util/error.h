/*
 * error.h - how oblys library code reports failure.
 *
 * A function that can fail returns an oblys_status and, when it is not
 * OBLYS_OK, leaves a one-line human message in an oblys_error supplied by
 * the caller. Library code never prints and never exits: the command-line
 * edge (src/cli/) prints the message once and turns the status into the
 * process exit code, so the numeric values below are part of the CLI's
 * contract with scripts (see docs/cli.md).
 */
#ifndef OBLYS_ERROR_H
#define OBLYS_ERROR_H

#include "util/strbuf.h"

typedef enum {
    OBLYS_OK = 0,
    OBLYS_EDATA = 1,    /* input data rejected (import), or check --strict found problems */
    OBLYS_EUSAGE = 2,   /* bad command line */
    OBLYS_EDB = 3,      /* database cannot be opened, is too new, or SQL failed */
    OBLYS_EIO = 4       /* a file cannot be read or written */
} oblys_status;

typedef struct {
    oblys_status status;
    strbuf message;
} oblys_error;

#define OBLYS_ERROR_INIT { OBLYS_OK, STRBUF_INIT }

/* Records status and a printf-style message (replacing any earlier one)
 * and returns status, so callers can write `return error_set(...)`. */
oblys_status error_set(oblys_error *err, oblys_status status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
const char *error_message(const oblys_error *err);
/* Puts "prefix: " in front of the message, e.g. the file it is about. */
void error_prefix(oblys_error *err, const char *prefix);
void error_clear(oblys_error *err);

#endif
