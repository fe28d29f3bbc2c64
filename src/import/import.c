/*
 * import.c - one file, one transaction: opens the file, lets the reader
 * for its format feed rows to the handler of its kind, then commits only
 * if no row had a problem (see import.h).
 */
#include "import/import.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include "import/session.h"
#include "util/sha256.h"

oblys_status session_begin(import_session *s, const import_kind *kind)
{
    s->kind = kind;
    store_source src = { s->path, kind->name, s->sha256, s->format };
    return store_open(s->db, &src, s->opt->replace, &s->ctx.store, s->err);
}

void session_row(import_session *s, const import_row *row)
{
    store_counts_of(s->ctx.store)->read++;
    progress_row(&s->progress, s->file);
    row_where(row, &s->ctx.where);
    s->kind->handle_row(&s->ctx, row);
    ctx_flush_row(&s->ctx);
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* JSON by extension, or by a first non-blank character of { or [. */
static bool looks_like_json(const char *path, FILE *f)
{
    if (ends_with(path, ".json") || ends_with(path, ".JSON"))
        return true;
    int c;
    while ((c = getc(f)) == ' ' || c == '\n' || c == '\r' || c == '\t')
        ;
    rewind(f);
    return c == '{' || c == '[';
}

static oblys_status finish(import_session *s, oblys_status st, import_summary *summary)
{
    store *st_store = s->ctx.store;
    if (st_store) {
        summary->counts = *store_counts_of(st_store);
        summary->kind = s->kind->name;
    }
    if (st == OBLYS_OK && s->diag->count > 0)
        st = OBLYS_EDATA;
    if (st_store) {
        if (st == OBLYS_OK && !s->opt->dry_run)
            st = store_commit(st_store, &summary->written, s->err);
        store_close(st_store);          /* rolls back unless committed */
        s->ctx.store = NULL;
    }
    return st;
}

oblys_status import_file(sqlite3 *db, const char *path, const import_options *opt,
                         diag_list *diag, import_summary *summary, oblys_error *err)
{
    memset(summary, 0, sizeof *summary);
    summary->kind = "unknown";
    char sha256[65];
    oblys_status st = sha256_file(path, sha256, err);
    if (st != OBLYS_OK)
        return st;
    FILE *f = fopen(path, "rb");
    if (!f)
        return error_set(err, OBLYS_EIO, "%s: cannot open: %s", path, strerror(errno));
    bool json = looks_like_json(path, f);
    struct stat info;
    long long size = fstat(fileno(f), &info) == 0 ? (long long)info.st_size : 0;
    import_session s = {
        .db = db, .path = path, .opt = opt, .diag = diag, .kind = NULL,
        .ctx = { .store = NULL, .diag = diag, .opt = opt, .decimal = opt->decimal,
                 .location = STRBUF_INIT, .detail = STRBUF_INIT, .where = STRBUF_INIT,
                 .problems = NULL, .nproblems = 0, .cap = 0 },
        .err = err,
        .sha256 = sha256,
        .format = json ? "json" : "csv",
        .file = f,
    };
    progress_begin(&s.progress, stderr, path, size, opt->progress);
    st = json ? json_source_read(&s, f) : csv_source_read(&s, f);
    if (st == OBLYS_OK && ferror(f))
        st = error_set(err, OBLYS_EIO, "%s: read error", path);
    progress_end(&s.progress);         /* before the summary and problems */
    st = finish(&s, st, summary);
    fclose(f);
    ctx_free(&s.ctx);
    return st;
}
