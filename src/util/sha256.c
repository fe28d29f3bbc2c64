/*
 * sha256.c - SHA-256 of a file or of bytes in memory, with Nettle (see sha256.h).
 */
#include "util/sha256.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <nettle/sha2.h>

static void digest_to_hex(struct sha256_ctx *ctx, char hex[65])
{
    unsigned char digest[SHA256_DIGEST_SIZE];
    sha256_digest(ctx, sizeof digest, digest);
    for (size_t i = 0; i < sizeof digest; i++)
        snprintf(hex + 2 * i, 3, "%02x", digest[i]);
}

void sha256_hex(const void *data, size_t len, char hex[65])
{
    struct sha256_ctx ctx;
    sha256_init(&ctx);
    sha256_update(&ctx, len, data);
    digest_to_hex(&ctx, hex);
}

oblys_status sha256_file(const char *path, char hex[65], oblys_error *err)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return error_set(err, OBLYS_EIO, "%s: cannot open: %s", path, strerror(errno));
    struct sha256_ctx ctx;
    sha256_init(&ctx);
    unsigned char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        sha256_update(&ctx, n, buf);
    bool failed = ferror(f);
    fclose(f);
    if (failed)
        return error_set(err, OBLYS_EIO, "%s: read error", path);
    digest_to_hex(&ctx, hex);
    return OBLYS_OK;
}
