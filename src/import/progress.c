/*
 * progress.c - the progress line of a long import (see progress.h).
 */
#include "import/progress.h"

#include <time.h>

enum { CHECK_EVERY_ROWS = 1024 };
static const double SHOW_AFTER_S = 1.0, REDRAW_EVERY_S = 0.25;

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void progress_format(strbuf *out, const char *path, long long bytes, long long total_bytes,
                     long long rows, double seconds)
{
    strbuf_reset(out);
    strbuf_printf(out, "%s: %.1f", path, (double)bytes / 1e6);
    if (total_bytes > 0)
        strbuf_printf(out, " of %.1f", (double)total_bytes / 1e6);
    strbuf_printf(out, " MB, %lld row%s", rows, rows == 1 ? "" : "s");
    if (seconds > 0)
        strbuf_printf(out, ", %.0f rows/s", (double)rows / seconds);
}

void progress_begin(progress *p, FILE *out, const char *path, long long total_bytes,
                    bool enabled)
{
    *p = (progress){ .out = out, .path = path, .total_bytes = total_bytes,
                     .enabled = enabled, .shown = false, .rows = 0 };
    if (enabled)
        p->started = p->drawn = now_seconds();
}

static void draw(progress *p, FILE *in, double now)
{
    strbuf line = STRBUF_INIT;
    long pos = ftell(in);
    progress_format(&line, p->path, pos < 0 ? 0 : pos, p->total_bytes, p->rows,
                    now - p->started);
    fprintf(p->out, PROGRESS_ERASE "%s", strbuf_str(&line));
    fflush(p->out);
    strbuf_free(&line);
    p->shown = true;
    p->drawn = now;
}

void progress_row(progress *p, FILE *in)
{
    p->rows++;
    if (!p->enabled || p->rows % CHECK_EVERY_ROWS != 0)
        return;
    double now = now_seconds();
    if (now - p->started > SHOW_AFTER_S && (!p->shown || now - p->drawn >= REDRAW_EVERY_S))
        draw(p, in, now);
}

void progress_end(progress *p)
{
    if (p->shown) {
        fputs(PROGRESS_ERASE, p->out);
        fflush(p->out);
    }
    p->shown = false;
}
