/*
 * csv.c - a streaming reader for delimited text; see csv.h for the contract.
 *
 * Design, chosen for files with millions of rows:
 *   - input is read with fread() into one fixed-size chunk, so no more than
 *     that chunk plus the current record is ever held in memory;
 *   - the bytes of every field of the current record go into one growing
 *     text buffer, each followed by a NUL, and only the field's offset is
 *     remembered; the fields[] pointers are set once the record is complete,
 *     because the text buffer may move while it grows. Nothing is allocated
 *     per field or per record once the buffers have reached their working
 *     size;
 *   - runs of ordinary bytes are copied in bulk, not one call per byte.
 *
 * Decisions where csv.h leaves room:
 *   - a quote inside an unquoted field (a"b) is kept as an ordinary byte,
 *     as most real-world writers and readers do;
 *   - a NUL byte in the input is an error, because fields are handed out
 *     as NUL-terminated strings and would otherwise be silently cut short;
 *   - errors are sticky: after CSV_ERROR every later csv_next() returns
 *     CSV_ERROR again with the same message and position;
 *   - a delimiter of '"', CR, LF or NUL cannot work; csv_open() still
 *     succeeds (it may only fail for memory) and the first csv_next()
 *     reports the error at 1:1;
 *   - csv_error() before any error returns "no error" at 0:0.
 */
#include "import/csv.h"

#include <assert.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum {
    CSV_CHUNK_SIZE = 64 * 1024,     /* bytes requested from fread at a time */
    CSV_INITIAL_TEXT = 256,         /* first size of the record text buffer */
    CSV_INITIAL_FIELDS = 16         /* first size of the per-field arrays */
};

struct csv_reader {
    FILE *f;
    unsigned char delim;

    /* Input chunk: bytes in[pos..len) are read from f but not consumed. */
    unsigned char *in;
    size_t pos, len;
    bool eof;               /* fread has returned 0: do not ask again */
    bool started;           /* the byte-order mark has been checked for */

    /* Position of the next unconsumed byte: its line, and how many
     * characters (UTF-8 lead bytes) of that line are already consumed. */
    size_t line;
    size_t chars;

    /* Current record: field texts, each NUL-terminated, back to back. */
    char *text;
    size_t text_len, text_cap;

    /* Per-field arrays, all with room for field_cap entries. */
    size_t *offsets;
    char **fields;
    size_t *lines;
    size_t *cols;
    size_t nfields, field_cap;

    /* Set once by csv_fail(); non-NULL means the reader is stuck. */
    const char *err;
    size_t err_line, err_col;
};

/* ---- errors and memory ------------------------------------------------ */

static csv_status csv_fail(csv_reader *r, const char *msg, size_t line, size_t col)
{
    assert(msg != NULL);
    r->err = msg;
    r->err_line = line;
    r->err_col = col;
    return CSV_ERROR;
}

/* Fails at the position of the next unconsumed byte. */
static csv_status csv_fail_here(csv_reader *r, const char *msg)
{
    return csv_fail(r, msg, r->line, r->chars + 1);
}

/* Grows *buf (of *cap elements of size elem) to hold at least need
 * elements, at least doubling so that appends cost amortised O(1). */
static bool csv_grow(void **buf, size_t *cap, size_t need, size_t elem, size_t initial)
{
    if (need <= *cap)
        return true;
    size_t cap2 = *cap > 0 ? *cap : initial;
    while (cap2 < need) {
        if (cap2 > SIZE_MAX / 2)
            return false;
        cap2 *= 2;
    }
    if (cap2 > SIZE_MAX / elem)
        return false;
    void *p = realloc(*buf, cap2 * elem);
    if (p == NULL)
        return false;
    *buf = p;
    *cap = cap2;
    return true;
}

static bool csv_append(csv_reader *r, const void *bytes, size_t n)
{
    if (n == 0)
        return true;    /* r->text may still be NULL, and memcpy forbids that */
    if (n > SIZE_MAX - r->text_len)
        return false;
    void *text = r->text;
    if (!csv_grow(&text, &r->text_cap, r->text_len + n, 1, CSV_INITIAL_TEXT))
        return false;
    r->text = text;
    memcpy(r->text + r->text_len, bytes, n);
    r->text_len += n;
    return true;
}

/* The four per-field arrays always share one capacity. Each is grown
 * separately; a failure part-way only leaves some arrays larger. */
static bool csv_reserve_field(csv_reader *r)
{
    size_t need = r->nfields + 1;
    if (need <= r->field_cap)
        return true;
    void *arrays[4] = { r->offsets, r->fields, r->lines, r->cols };
    size_t elems[4] = { sizeof *r->offsets, sizeof *r->fields, sizeof *r->lines,
                        sizeof *r->cols };
    size_t cap = 0;
    for (int i = 0; i < 4; i++) {
        cap = r->field_cap;
        bool ok = csv_grow(&arrays[i], &cap, need, elems[i], CSV_INITIAL_FIELDS);
        /* Store even on failure: the old block may already have moved. */
        r->offsets = arrays[0];
        r->fields = arrays[1];
        r->lines = arrays[2];
        r->cols = arrays[3];
        if (!ok)
            return false;
    }
    r->field_cap = cap;
    return true;
}

/* ---- input ------------------------------------------------------------ */

/* Reads more input after the unconsumed bytes. Returns false at end of
 * input or on a read error (which the caller tells apart with ferror). */
static bool csv_fill(csv_reader *r)
{
    if (r->eof)
        return false;
    if (r->pos == r->len) {
        r->pos = r->len = 0;
    } else if (r->pos > 0) {
        memmove(r->in, r->in + r->pos, r->len - r->pos);
        r->len -= r->pos;
        r->pos = 0;
    }
    if (r->len == CSV_CHUNK_SIZE)
        return true;
    size_t got = fread(r->in + r->len, 1, CSV_CHUNK_SIZE - r->len, r->f);
    if (got == 0) {
        r->eof = true;
        return false;
    }
    r->len += got;
    return true;
}

/* The next byte without consuming it, or EOF. */
static int csv_peek(csv_reader *r)
{
    if (r->pos == r->len && !csv_fill(r))
        return EOF;
    return r->in[r->pos];
}

/* Consumes one byte that is not a line break. */
static void csv_skip_byte(csv_reader *r)
{
    assert(r->pos < r->len);
    unsigned char b = r->in[r->pos++];
    assert(b != '\n' && b != '\r');
    if ((b & 0xC0) != 0x80)     /* continuation bytes do not start a character */
        r->chars++;
}

/* Consumes a line break (LF, CR or CRLF), appending its bytes to the
 * record text when keep is set. */
static bool csv_take_newline(csv_reader *r, bool keep)
{
    int c = csv_peek(r);
    assert(c == '\n' || c == '\r');
    r->pos++;
    if (keep && !csv_append(r, &(char){ (char)c }, 1))
        return false;
    if (c == '\r' && csv_peek(r) == '\n') {
        r->pos++;
        if (keep && !csv_append(r, "\n", 1))
            return false;
    }
    r->line++;
    r->chars = 0;
    return true;
}

/* Skips a UTF-8 byte-order mark at the very start of the input. */
static void csv_skip_bom(csv_reader *r)
{
    static const unsigned char bom[3] = { 0xEF, 0xBB, 0xBF };
    while (r->len - r->pos < sizeof bom && csv_fill(r))
        ;
    if (r->len - r->pos >= sizeof bom && memcmp(r->in + r->pos, bom, sizeof bom) == 0)
        r->pos += sizeof bom;   /* not a character: columns stay as they are */
}

/* True for bytes that end a run of plain field content. */
static bool csv_is_special(const csv_reader *r, unsigned char b, bool quoted)
{
    if (b == '\n' || b == '\r' || b == '\0')
        return true;
    return quoted ? b == '"' : b == r->delim;
}

/* Copies the longest run of plain bytes at the input into the record
 * text, refilling the chunk as needed. Stops before a special byte or at
 * end of input. */
static bool csv_copy_run(csv_reader *r, bool quoted)
{
    for (;;) {
        if (r->pos == r->len && !csv_fill(r))
            return true;
        const unsigned char *start = r->in + r->pos;
        const unsigned char *end = r->in + r->len;
        const unsigned char *p = start;
        size_t chars = 0;
        while (p < end && !csv_is_special(r, *p, quoted)) {
            chars += (*p & 0xC0) != 0x80;
            p++;
        }
        if (!csv_append(r, start, (size_t)(p - start)))
            return false;
        r->pos += (size_t)(p - start);
        r->chars += chars;
        if (p < end)
            return true;
    }
}

/* ---- fields and records ----------------------------------------------- */

static bool csv_begin_field(csv_reader *r)
{
    if (!csv_reserve_field(r))
        return false;
    r->offsets[r->nfields] = r->text_len;
    r->lines[r->nfields] = r->line;
    r->cols[r->nfields] = r->chars + 1;
    r->nfields++;
    return true;
}

static csv_status csv_read_unquoted(csv_reader *r)
{
    if (!csv_copy_run(r, false))
        return csv_fail_here(r, "out of memory");
    return CSV_OK;
}

/* Reads a quoted field, starting at its opening quote, up to and
 * including the closing quote. */
static csv_status csv_read_quoted(csv_reader *r)
{
    size_t open_line = r->line, open_col = r->chars + 1;
    csv_skip_byte(r);   /* the opening quote */
    for (;;) {
        if (!csv_copy_run(r, true))
            return csv_fail_here(r, "out of memory");
        int c = csv_peek(r);
        if (c == EOF) {
            if (ferror(r->f))
                return csv_fail_here(r, "read error");
            return csv_fail(r, "unterminated quoted field", open_line, open_col);
        }
        if (c == '\0')
            return csv_fail_here(r, "NUL byte in input");
        if (c == '\n' || c == '\r') {
            if (!csv_take_newline(r, true))
                return csv_fail_here(r, "out of memory");
            continue;
        }
        assert(c == '"');
        csv_skip_byte(r);
        if (csv_peek(r) != '"')
            return CSV_OK;  /* that was the closing quote */
        csv_skip_byte(r);   /* "" stands for one quote */
        if (!csv_append(r, "\"", 1))
            return csv_fail_here(r, "out of memory");
    }
}

/* Points fields[] into the finished record text and fills *rec. */
static void csv_publish(csv_reader *r, csv_record *rec)
{
    assert(r->nfields > 0);
    for (size_t i = 0; i < r->nfields; i++) {
        assert(r->offsets[i] < r->text_len);
        r->fields[i] = r->text + r->offsets[i];
    }
    rec->nfields = r->nfields;
    rec->fields = r->fields;
    rec->field_line = r->lines;
    rec->field_col = r->cols;
    rec->line = r->lines[0];
}

csv_reader *csv_open(FILE *f, char delim)
{
    assert(f != NULL);
    csv_reader *r = calloc(1, sizeof *r);
    if (r == NULL)
        return NULL;
    r->in = malloc(CSV_CHUNK_SIZE);
    if (r->in == NULL) {
        free(r);
        return NULL;
    }
    r->f = f;
    r->delim = (unsigned char)delim;
    r->line = 1;
    return r;
}

/* Checks the delimiter and skips a BOM, once, before the first record.
 * The delimiter may come from the user, so it is refused with a message
 * here rather than asserted on in csv_open(). */
static csv_status csv_start(csv_reader *r)
{
    r->started = true;
    if (r->delim == '"' || r->delim == '\n' || r->delim == '\r' || r->delim == '\0')
        return csv_fail(r, "the delimiter cannot be a quote, a line break or NUL", 1, 1);
    csv_skip_bom(r);
    return CSV_OK;
}

/* Consumes what follows a field: a delimiter (CSV_OK: another field
 * follows), a line break or the end of input (CSV_END: the record is
 * complete), or reports what is wrong there (CSV_ERROR). */
static csv_status csv_after_field(csv_reader *r, bool quoted)
{
    int c = csv_peek(r);
    if (c == EOF)
        return ferror(r->f) ? csv_fail_here(r, "read error") : CSV_END;
    if (c == '\n' || c == '\r') {
        (void)csv_take_newline(r, false);   /* cannot fail: nothing is kept */
        return CSV_END;
    }
    if (c == r->delim) {
        csv_skip_byte(r);
        return CSV_OK;
    }
    if (c == '\0')
        return csv_fail_here(r, "NUL byte in input");
    /* An unquoted field only stops at the bytes handled above. */
    assert(quoted);
    return csv_fail_here(r, "unexpected character after closing quote");
}

csv_status csv_next(csv_reader *r, csv_record *rec)
{
    assert(r != NULL && rec != NULL);
    if (r->err != NULL)
        return CSV_ERROR;
    if (!r->started && csv_start(r) != CSV_OK)
        return CSV_ERROR;
    if (csv_peek(r) == EOF)
        return ferror(r->f) ? csv_fail_here(r, "read error") : CSV_END;

    r->text_len = 0;
    r->nfields = 0;
    csv_status more = CSV_OK;
    while (more == CSV_OK) {
        if (!csv_begin_field(r))
            return csv_fail_here(r, "out of memory");
        bool quoted = csv_peek(r) == '"';
        csv_status st = quoted ? csv_read_quoted(r) : csv_read_unquoted(r);
        if (st != CSV_OK)
            return st;
        if (!csv_append(r, "", 1))      /* the field's terminating NUL */
            return csv_fail_here(r, "out of memory");
        more = csv_after_field(r, quoted);
    }
    if (more == CSV_ERROR)
        return CSV_ERROR;
    csv_publish(r, rec);
    return CSV_OK;
}

const char *csv_error(const csv_reader *r, size_t *line, size_t *col)
{
    assert(r != NULL);
    if (line != NULL)
        *line = r->err != NULL ? r->err_line : 0;
    if (col != NULL)
        *col = r->err != NULL ? r->err_col : 0;
    return r->err != NULL ? r->err : "no error";
}

void csv_close(csv_reader *r)
{
    if (r == NULL)
        return;
    free(r->in);
    free(r->text);
    free(r->offsets);
    free(r->fields);
    free(r->lines);
    free(r->cols);
    free(r);
}
