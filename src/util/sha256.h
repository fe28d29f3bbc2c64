/*
 * sha256.h - the SHA-256 digest of a file (or of bytes in memory), recorded with every load so
 * that a load can be traced to the exact bytes it came from (computed with
 * Nettle, from Debian's nettle-dev).
 */
#ifndef OBLYS_SHA256_H
#define OBLYS_SHA256_H

#include <stddef.h>

#include "util/error.h"

/* Writes the lower-case hex digest of the file at path (64 characters and
 * a NUL) to hex. OBLYS_EIO when the file cannot be read. */
oblys_status sha256_file(const char *path, char hex[65], oblys_error *err);

/* Writes the lower-case hex digest of the len bytes at data to hex. */
void sha256_hex(const void *data, size_t len, char hex[65]);

#endif
