/*
 * cube.c - dimensions to oblys roles, status codes to flags, and the
 * observations of a cube handed on as series rows (see cube.h).
 */
#include "import/cube.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "import/field.h"

typedef enum { ROLE_OTHER, ROLE_REGION, ROLE_YEAR, ROLE_SEX, ROLE_INDICATOR } cube_role;

/* One distinct value of a dimension, with where it first occurs. */
typedef struct {
    char *text;
    size_t first_obs;
    bool used;          /* by an observation that is not skipped */
    bool ok;            /* resolved: a known region, an annual year, ... */
    char *resolved;     /* region code, year text, sex or indicator code */
} dim_value;

typedef struct {
    char *name, *json_role, *path;
    cube_loc loc;
    cube_role role;
    dim_value *values;
    size_t nvalues, cap;
} cube_dim;

typedef struct {
    size_t *value_of;   /* per dimension: index into its values */
    cube_loc *locs;     /* per dimension */
    char *value, *status, *path;
    cube_loc value_loc, status_loc;
} cube_obs;

/* A distinct status code and what it means. */
typedef struct {
    char *text;
    bool ok;
    char *flags;
    const char *missing;
} status_entry;

struct cube {
    import_session *s;
    cube_status_scheme scheme;
    cube_dim *dims;
    size_t ndims;
    cube_obs *obs;
    size_t nobs, cap;
    status_entry *statuses;
    size_t nstatuses;
    bool failed;
};

cube *cube_new(import_session *s, cube_status_scheme scheme)
{
    cube *c = xcalloc(1, sizeof *c);
    c->s = s;
    c->scheme = scheme;
    return c;
}

void cube_free(cube *c)
{
    if (!c)
        return;
    for (size_t d = 0; d < c->ndims; d++) {
        for (size_t v = 0; v < c->dims[d].nvalues; v++) {
            free(c->dims[d].values[v].text);
            free(c->dims[d].values[v].resolved);
        }
        free(c->dims[d].values);
        free(c->dims[d].name);
        free(c->dims[d].json_role);
        free(c->dims[d].path);
    }
    for (size_t i = 0; i < c->nobs; i++) {
        free(c->obs[i].value_of);
        free(c->obs[i].locs);
        free(c->obs[i].value);
        free(c->obs[i].status);
        free(c->obs[i].path);
    }
    for (size_t i = 0; i < c->nstatuses; i++) {
        free(c->statuses[i].text);
        free(c->statuses[i].flags);
    }
    free(c->statuses);
    free(c->dims);
    free(c->obs);
    free(c);
}

void cube_add_dim(cube *c, const char *name, const char *json_role, cube_loc loc,
                  const char *path)
{
    c->dims = xrealloc(c->dims, (c->ndims + 1) * sizeof *c->dims);
    cube_dim *d = &c->dims[c->ndims++];
    memset(d, 0, sizeof *d);
    d->name = xstrdup(name);
    d->json_role = xstrdup(json_role);
    d->path = xstrdup(path);
    d->loc = loc;
}

static size_t intern(cube_dim *d, const char *text, size_t obs)
{
    /* Few distinct values per dimension, and the last one usually repeats. */
    for (size_t i = d->nvalues; i-- > 0;)
        if (strcmp(d->values[i].text, text) == 0)
            return i;
    if (d->nvalues == d->cap) {
        d->cap = d->cap ? d->cap * 2 : 16;
        d->values = xrealloc(d->values, d->cap * sizeof *d->values);
    }
    d->values[d->nvalues] = (dim_value){ xstrdup(text), obs, false, false, NULL };
    return d->nvalues++;
}

void cube_add_obs(cube *c, const char *const *dim_values, const cube_loc *dim_locs,
                  const char *value, cube_loc value_loc, const char *status,
                  cube_loc status_loc, const char *path)
{
    if (c->nobs == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 256;
        c->obs = xrealloc(c->obs, c->cap * sizeof *c->obs);
    }
    cube_obs *o = &c->obs[c->nobs];
    o->value_of = xcalloc(c->ndims ? c->ndims : 1, sizeof *o->value_of);
    o->locs = xcalloc(c->ndims ? c->ndims : 1, sizeof *o->locs);
    for (size_t d = 0; d < c->ndims; d++) {
        o->value_of[d] = intern(&c->dims[d], dim_values[d], c->nobs);
        o->locs[d] = dim_locs ? dim_locs[d] : (cube_loc){ 0, 0 };
    }
    o->value = xstrdup(value);
    o->status = xstrdup(status ? status : "");
    o->path = xstrdup(path);
    o->value_loc = value_loc;
    o->status_loc = status_loc;
    c->nobs++;
}

/* ---- status codes ---- */

typedef struct {
    char code;
    const char *flag;       /* oblys flag, or NULL */
    const char *missing;    /* missing marker when the value is missing, or NULL */
} status_code;

/* Eurostat's flags (https://ec.europa.eu/eurostat/data/database/information). */
static const status_code EUROSTAT_CODES[] = {
    { 'b', "break", NULL }, { 'c', "confidential", "x" }, { 'd', "definition_differs", NULL },
    { 'e', "estimated", NULL }, { 'f', "forecast", NULL }, { 'n', "not_significant", NULL },
    { 'p', "provisional", NULL }, { 'r', "revised", NULL }, { 's', "estimated", NULL },
    { 'u', "low_reliability", NULL }, { 'z', "not_applicable", "-" },
    { ':', NULL, ":" },     /* not available: Eurostat's JSON-stat writes it as a status */
};

/* SDMX CL_OBS_STATUS. */
static const status_code SDMX_CODES[] = {
    { 'A', NULL, NULL }, { 'B', "break", NULL }, { 'C', "confidential", "x" },
    { 'D', "definition_differs", NULL }, { 'E', "estimated", NULL }, { 'F', "forecast", NULL },
    { 'I', "estimated", NULL }, { 'L', NULL, ":" }, { 'M', "not_applicable", "-" },
    { 'N', "confidential", "x" }, { 'O', NULL, ":" }, { 'P', "provisional", NULL },
    { 'Q', "confidential", "x" }, { 'R', "revised", NULL }, { 'U', "low_reliability", NULL },
};

static const status_code *find_code(const status_code *codes, size_t n, char code)
{
    for (size_t i = 0; i < n; i++)
        if (codes[i].code == code)
            return &codes[i];
    return NULL;
}

static int compare_strings(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

bool cube_status(const char *status, cube_status_scheme scheme, strbuf *flags,
                 const char **missing_marker, char *bad)
{
    strbuf_reset(flags);
    *missing_marker = NULL;
    size_t n = strlen(status);
    if (n == 0)
        return true;
    if (scheme == STATUS_ANY) {
        bool lower = true;
        for (size_t i = 0; i < n; i++)
            lower &= islower((unsigned char)status[i]) || status[i] == ':';
        scheme = lower ? STATUS_EUROSTAT : STATUS_SDMX;
    }
    const status_code *codes = scheme == STATUS_SDMX ? SDMX_CODES : EUROSTAT_CODES;
    size_t ncodes = scheme == STATUS_SDMX ? sizeof SDMX_CODES / sizeof SDMX_CODES[0]
                                          : sizeof EUROSTAT_CODES / sizeof EUROSTAT_CODES[0];
    if (scheme == STATUS_SDMX && n != 1) {
        *bad = status[0];
        return false;
    }
    const char *found[16];
    size_t nfound = 0;
    for (size_t i = 0; i < n; i++) {
        const status_code *sc = find_code(codes, ncodes, status[i]);
        if (!sc || nfound == 16) {
            *bad = status[i];
            return false;
        }
        if (sc->flag)
            found[nfound++] = sc->flag;
        if (sc->missing && !*missing_marker)
            *missing_marker = sc->missing;
    }
    qsort(found, nfound, sizeof found[0], compare_strings);
    for (size_t i = 0; i < nfound; i++)
        if (i == 0 || strcmp(found[i], found[i - 1]) != 0)
            strbuf_printf(flags, "%s%s", flags->len ? "," : "", found[i]);
    return true;
}

/* ---- locations ---- */

/* A one-field row at loc (CSV) or at path (JSON), for problems that
 * concern a code rather than a row. */
static import_row code_row(const cube *c, const char *const *name, const char *const *text,
                           const cube_loc *loc, const char *path)
{
    return (import_row){
        .file = c->s->path, .line = loc->line, .path = path, .nfields = 1, .names = name,
        .values = text, .cols = path ? NULL : &loc->col, .lines = path ? NULL : &loc->line,
    };
}

static void report_at(cube *c, const cube_loc *loc, const char *path, const char *msg)
{
    if (path)
        diag_error(c->s->diag, c->s->path, 0, 0, "%s: %s", path, msg);
    else
        diag_error(c->s->diag, c->s->path, loc->line, loc->col, "%s", msg);
    c->failed = true;
}

/* ---- roles ---- */

static bool name_is(const char *name, const char *const *list)
{
    for (; *list; list++)
        if (strcmp(name, *list) == 0)
            return true;
    return false;
}

static cube_role default_role(const cube_dim *d)
{
    static const char *const region[] = { "REF_AREA", "GEO", "geo", "area", NULL };
    static const char *const year[] = { "TIME_PERIOD", "TIME", "time", "year", NULL };
    static const char *const sex[] = { "SEX", "sex", NULL };
    if ((d->json_role && strcmp(d->json_role, "geo") == 0) || name_is(d->name, region))
        return ROLE_REGION;
    if ((d->json_role && strcmp(d->json_role, "time") == 0) || name_is(d->name, year))
        return ROLE_YEAR;
    return name_is(d->name, sex) ? ROLE_SEX : ROLE_OTHER;
}

static int find_dim(const cube *c, const char *name)
{
    for (size_t d = 0; d < c->ndims; d++)
        if (strcmp(c->dims[d].name, name) == 0)
            return (int)d;
    return -1;
}

static void list_dims(const cube *c, strbuf *out)
{
    for (size_t d = 0; d < c->ndims; d++)
        strbuf_printf(out, "%s%s", d ? ", " : "", c->dims[d].name);
}

/* Applies the map's column roles over the default ones. */
static void assign_roles(cube *c)
{
    static const char *const roles[] = { "region", "year", "sex" };
    static const cube_role role_of[] = { ROLE_REGION, ROLE_YEAR, ROLE_SEX };
    const import_map *map = c->s->opt->map;
    for (size_t d = 0; d < c->ndims; d++)
        c->dims[d].role = default_role(&c->dims[d]);
    for (size_t r = 0; r < 3; r++) {
        const char *name = map_column(map, roles[r]);
        if (!name)
            continue;
        int d = find_dim(c, name);
        if (d < 0) {
            strbuf dims = STRBUF_INIT, msg = STRBUF_INIT;
            list_dims(c, &dims);
            strbuf_printf(&msg, "the mapping says the %s is \"%s\", but the file has no such "
                          "dimension (it has %s)", roles[r], name, strbuf_str(&dims));
            diag_error(c->s->diag, c->s->path, 0, 0, "%s", strbuf_str(&msg));
            c->failed = true;
            strbuf_free(&dims);
            strbuf_free(&msg);
            continue;
        }
        for (size_t o = 0; o < c->ndims; o++)
            if (c->dims[o].role == role_of[r])
                c->dims[o].role = ROLE_OTHER;
        c->dims[d].role = role_of[r];
    }
    const char *ind = map && map->indicator_dimension ? map->indicator_dimension
                                                      : map_column(map, "indicator");
    if (ind) {
        int d = find_dim(c, ind);
        if (d >= 0) {
            c->dims[d].role = ROLE_INDICATOR;
        } else {
            strbuf dims = STRBUF_INIT;
            list_dims(c, &dims);
            diag_error(c->s->diag, c->s->path, 0, 0, "the mapping says the indicator is "
                       "dimension \"%s\", but the file has no such dimension (it has %s)", ind,
                       strbuf_str(&dims));
            c->failed = true;
            strbuf_free(&dims);
        }
    }
}

static int dim_with_role(const cube *c, cube_role role)
{
    for (size_t d = 0; d < c->ndims; d++)
        if (c->dims[d].role == role)
            return (int)d;
    return -1;
}

/* Marks the values of observations that no "skip" of the map leaves out. */
static bool obs_skipped(const cube *c, const cube_obs *o)
{
    const import_map *map = c->s->opt->map;
    for (size_t d = 0; map && d < c->ndims; d++)
        if (map_skips(map, c->dims[d].name, c->dims[d].values[o->value_of[d]].text))
            return true;
    return false;
}

static void mark_used(cube *c)
{
    for (size_t i = 0; i < c->nobs; i++)
        if (!obs_skipped(c, &c->obs[i]))
            for (size_t d = 0; d < c->ndims; d++)
                c->dims[d].values[c->obs[i].value_of[d]].used = true;
}

static size_t used_values(const cube_dim *d, strbuf *list)
{
    size_t n = 0;
    for (size_t v = 0; v < d->nvalues; v++) {
        if (!d->values[v].used)
            continue;
        if (n < 5)
            strbuf_printf(list, "%s%s", n ? ", " : "", d->values[v].text);
        else if (n == 5)
            strbuf_append(list, ", ...");
        n++;
    }
    return n;
}

/* A dimension oblys has no place for may keep one value; one that varies
 * must be the indicator (by the map) or be narrowed by "skip". */
static void check_other_dims(cube *c)
{
    for (size_t d = 0; d < c->ndims; d++) {
        cube_dim *dim = &c->dims[d];
        strbuf list = STRBUF_INIT, msg = STRBUF_INIT;
        size_t n = used_values(dim, &list);
        if (dim->role == ROLE_OTHER && n > 1) {
            strbuf_printf(&msg, "dimension \"%s\" takes %zu values (%s): say which oblys "
                          "indicator each is in a mapping file, or which to skip (--map FILE, "
                          "docs/data-format.md)", dim->name, n, strbuf_str(&list));
            report_at(c, &dim->loc, dim->path, strbuf_str(&msg));
        }
        strbuf_free(&list);
        strbuf_free(&msg);
    }
    static const char *const needed[] = { "region", "year" };
    static const cube_role roles[] = { ROLE_REGION, ROLE_YEAR };
    for (size_t r = 0; r < 2; r++)
        if (dim_with_role(c, roles[r]) < 0) {
            strbuf dims = STRBUF_INIT;
            list_dims(c, &dims);
            diag_error(c->s->diag, c->s->path, 0, 0, "no dimension holds the %s (the file has "
                       "%s): name it in a mapping file, \"columns\": {\"%s\": \"...\"}",
                       needed[r], strbuf_str(&dims), needed[r]);
            c->failed = true;
            strbuf_free(&dims);
        }
}

/* ---- resolving codes, once each ---- */

/* "2017-Q1", "2017Q1", "2017-M01", "2017-01", "2017-S1", "2017-W01": periods
 * shorter than a year. */
static bool sub_annual(const char *text)
{
    size_t n = strlen(text);
    if (n < 5 || !isdigit((unsigned char)text[0]) || !isdigit((unsigned char)text[3]))
        return false;
    const char *rest = text + 4 + (text[4] == '-');
    if (strchr("QMSWHBD", rest[0]) && isdigit((unsigned char)rest[1]))
        return true;
    return text[4] == '-' && strlen(rest) == 2 && isdigit((unsigned char)rest[0]);
}

static const char *sex_of(const char *code)
{
    static const char *const pairs[][2] = {
        { "F", "female" }, { "M", "male" }, { "_T", "total" }, { "T", "total" },
        { "female", "female" }, { "male", "male" }, { "total", "total" },
    };
    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++)
        if (strcmp(code, pairs[i][0]) == 0)
            return pairs[i][1];
    return NULL;
}

static void resolve_value(cube *c, cube_dim *dim, dim_value *v)
{
    const cube_obs *o = &c->obs[v->first_obs];
    const cube_loc *loc = &o->locs[dim - c->dims];
    const char *path = o->path ? dim->path : NULL;
    strbuf msg = STRBUF_INIT;
    v->ok = true;
    if (dim->role == ROLE_REGION) {
        const char *mapped = c->s->opt->map ? map_lookup(&c->s->opt->map->regions, v->text)
                                            : NULL;
        const char *name = "region", *text = mapped ? mapped : v->text;
        import_row row = code_row(c, &name, &text, loc, path ? path : NULL);
        strbuf code = STRBUF_INIT;
        v->ok = field_region(&c->s->ctx, &row, "region", &code);
        ctx_flush_row(&c->s->ctx);
        v->resolved = strbuf_detach(&code);
        c->failed |= !v->ok;
    } else if (dim->role == ROLE_YEAR) {
        if (sub_annual(v->text)) {
            strbuf_printf(&msg, "period \"%s\" is not a year: only annual data is supported",
                          v->text);
            report_at(c, loc, path, strbuf_str(&msg));
            v->ok = false;
        }
        v->resolved = xstrdup(v->text);
    } else if (dim->role == ROLE_SEX) {
        const char *sex = sex_of(v->text);
        if (!sex) {
            strbuf_printf(&msg, "unknown sex code \"%s\" (expected F, M, _T or T)", v->text);
            report_at(c, loc, path, strbuf_str(&msg));
            v->ok = false;
        }
        v->resolved = xstrdup(sex ? sex : "total");
    } else if (dim->role == ROLE_INDICATOR) {
        const char *code = c->s->opt->map ? map_lookup(&c->s->opt->map->indicator_codes, v->text)
                                          : NULL;
        if (!code && c->s->opt->map && !c->s->opt->map->indicator_dimension)
            code = v->text;         /* columns.indicator: the codes are oblys indicators */
        if (!code) {
            strbuf_printf(&msg, "code \"%s\" of dimension \"%s\" is not in the mapping's "
                          "indicator.codes (add it, or list it under \"skip\")", v->text,
                          dim->name);
            report_at(c, loc, path, strbuf_str(&msg));
            v->ok = false;
        } else if (!store_code_exists(c->s->ctx.store, CODE_INDICATOR, code)) {
            strbuf_printf(&msg, "unknown indicator \"%s\" (for code \"%s\"): import the "
                          "indicator's metadata first", code, v->text);
            report_at(c, loc, path, strbuf_str(&msg));
            v->ok = false;
        }
        v->resolved = xstrdup(code ? code : "");
    }
    strbuf_free(&msg);
}

static void resolve_values(cube *c)
{
    for (size_t d = 0; d < c->ndims; d++)
        for (size_t v = 0; v < c->dims[d].nvalues; v++)
            if (c->dims[d].values[v].used && c->dims[d].role != ROLE_OTHER)
                resolve_value(c, &c->dims[d], &c->dims[d].values[v]);
}

static status_entry *status_of(cube *c, const cube_obs *o)
{
    for (size_t i = 0; i < c->nstatuses; i++)
        if (strcmp(c->statuses[i].text, o->status) == 0)
            return &c->statuses[i];
    c->statuses = xrealloc(c->statuses, (c->nstatuses + 1) * sizeof *c->statuses);
    status_entry *e = &c->statuses[c->nstatuses++];
    strbuf flags = STRBUF_INIT;
    char bad = 0;
    e->text = xstrdup(o->status);
    e->ok = cube_status(o->status, c->scheme, &flags, &e->missing, &bad);
    e->flags = strbuf_detach(&flags);
    if (!e->ok) {
        strbuf msg = STRBUF_INIT;
        strbuf_printf(&msg, "unknown status code \"%c\" in \"%s\" (%s)", bad, o->status,
                      c->scheme == STATUS_EUROSTAT
                          ? "Eurostat flags are b, c, d, e, f, n, p, r, s, u, z and :"
                          : "SDMX OBS_STATUS codes known are A, B, C, D, E, F, I, L, M, N, O, "
                            "P, Q, R and U");
        report_at(c, &o->status_loc, o->path, strbuf_str(&msg));
        strbuf_free(&msg);
    }
    return e;
}

/* ---- emitting rows ---- */

static bool is_missing_text(const char *value)
{
    return !*value || strcmp(value, ":") == 0;
}

static void emit(cube *c, const cube_obs *o, const char *indicator)
{
    const char *names[7], *values[7];
    size_t cols[7], lines[7], n = 0;
    status_entry *st = status_of(c, o);
    bool ok = st->ok;
    int region = dim_with_role(c, ROLE_REGION), year = dim_with_role(c, ROLE_YEAR);
    int sex = dim_with_role(c, ROLE_SEX), ind = dim_with_role(c, ROLE_INDICATOR);
    const int dims[] = { region, ind, year, sex };
    const char *const dim_names[] = { "region", "indicator", "year", "sex" };
    for (size_t k = 0; k < 4; k++) {
        if (dims[k] < 0) {
            if (k == 1) {
                names[n] = "indicator";
                values[n] = indicator;
                lines[n] = 0;
                cols[n++] = 0;
            }
            continue;
        }
        const dim_value *v = &c->dims[dims[k]].values[o->value_of[dims[k]]];
        ok &= v->ok;
        names[n] = dim_names[k];
        values[n] = v->resolved;
        lines[n] = o->locs[dims[k]].line;
        cols[n++] = o->locs[dims[k]].col;
    }
    names[n] = "value";
    values[n] = is_missing_text(o->value) && st->missing ? st->missing : o->value;
    lines[n] = o->value_loc.line;
    cols[n++] = o->value_loc.col;
    names[n] = "flags";
    values[n] = st->flags;
    lines[n] = o->status_loc.line;
    cols[n++] = o->status_loc.col;
    names[n] = "status";         /* the status itself, kept as written */
    values[n] = o->status;
    lines[n] = o->status_loc.line;
    cols[n++] = o->status_loc.col;
    if (!ok) {                  /* reported once, where the code first occurs */
        store_counts_of(c->s->ctx.store)->read++;
        store_counts_of(c->s->ctx.store)->rejected++;
        return;
    }
    import_row row = {
        .file = c->s->path, .line = o->value_loc.line, .path = o->path, .nfields = n,
        .names = names, .values = values, .cols = o->path ? NULL : cols,
        .lines = o->path ? NULL : lines,
    };
    session_row(c->s, &row);
}

/* The indicator of a file whose dimensions do not give it. */
static const char *fixed_indicator(cube *c)
{
    const import_map *map = c->s->opt->map;
    const char *code = c->s->opt->indicator ? c->s->opt->indicator
                     : map && map->indicator ? map->indicator : NULL;
    if (dim_with_role(c, ROLE_INDICATOR) >= 0)
        return "";
    if (!code) {
        diag_error(c->s->diag, c->s->path, 0, 0, "say which indicator this file holds: "
                   "--indicator CODE, or \"indicator\" in a mapping file (--map FILE)");
        c->failed = true;
        return NULL;
    }
    if (!store_code_exists(c->s->ctx.store, CODE_INDICATOR, code)) {
        diag_error(c->s->diag, c->s->path, 0, 0, "unknown indicator \"%s\": import the "
                   "indicator's metadata first", code);
        c->failed = true;
        return NULL;
    }
    return code;
}

oblys_status cube_finish(cube *c)
{
    oblys_status st = session_begin(c->s, &kind_series);
    if (st != OBLYS_OK)
        return st;
    c->s->ctx.decimal = NUM_DECIMAL_POINT;      /* these formats write points only */
    if (c->s->opt->indicator && c->s->opt->map && (c->s->opt->map->indicator
                                                   || c->s->opt->map->indicator_dimension)) {
        diag_error(c->s->diag, c->s->path, 0, 0, "--indicator and the mapping's \"indicator\" "
                   "both say what the file holds: keep one");
        return OBLYS_EDATA;
    }
    assign_roles(c);
    if (c->failed)
        return OBLYS_EDATA;
    mark_used(c);
    check_other_dims(c);
    if (c->failed)
        return OBLYS_EDATA;
    const char *indicator = fixed_indicator(c);
    if (!indicator)
        return OBLYS_EDATA;
    resolve_values(c);
    size_t skipped = 0;
    for (size_t i = 0; i < c->nobs; i++)
        if (!obs_skipped(c, &c->obs[i]))
            emit(c, &c->obs[i], indicator);
        else
            skipped++;
    if (skipped)        /* asked for, but never silent */
        diag_warning_at(c->s->diag, c->s->path, "%zu observation%s left out, as the mapping "
                        "file's \"skip\" says", skipped, skipped == 1 ? "" : "s");
    return c->failed ? OBLYS_EDATA : OBLYS_OK;
}
