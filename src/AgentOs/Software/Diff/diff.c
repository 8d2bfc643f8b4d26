/* diff for the VM: the published diffutils (a Rust build) does not split bundled short options (`diff -rq a b` failed
 * with "unknown option: -rq") and lacks several GNU options. This one follows GNU diffutils 3.8 in output and exit
 * status (0 same, 1 different, 2 trouble): normal, unified (-u, -U N) and context (-c, -C N) formats, -q, -s, -r
 * (Only in / Common subdirectories / file-type mismatch lines, sorted names), -N, -i, -w, -b, -Z, -E, -B, -I RE, -a,
 * -p/-F RE, -t, -T, -d, --label, -x/-X, --strip-trailing-cr, --color, stdin as "-". The comparison is the same
 * algorithm GNU uses (its own code here): identical prefix and suffix set aside, lines that match nothing in the other
 * file discarded first, Myers' O(ND) search from both ends with a cost cap, then change groups slid to merge, so hunks
 * come out as GNU prints them. */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <limits.h>
#include <regex.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* Options. */
enum { OUT_NORMAL, OUT_UNIFIED, OUT_CONTEXT, OUT_ED, OUT_SDIFF, OUT_RCS };
static int out_style = OUT_NORMAL, out_style_set, context = -1, brief, report_identical, recursive, new_file, unidir_new_file;
static int ign_case, ign_all_space, ign_space_change, ign_trailing_space, ign_tab_expansion, ign_blank_lines;
static int width = 130, left_column, suppress_common, sdiff_half_width, sdiff_column2_offset;
static int text_mode, minimal, expand_tabs, initial_tab, strip_cr, suppress_blank_empty, tabsize = 8;
static const char *labels[2];
static int nlabels;
static char **excludes;
static size_t nexcludes;
static regex_t *ignore_res, function_re;
static size_t nignore_res;
static int have_ignore_re, have_function_re;
static char *switch_string; /* the options as given, for "diff OPTIONS A B" lines in directory comparisons */
static FILE *out;

static void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) {
        fputs("diff: memory exhausted\n", stderr);
        exit(2);
    }
    return p;
}

static void *xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p) {
        fputs("diff: memory exhausted\n", stderr);
        exit(2);
    }
    return p;
}

static void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n ? n : 1);
    if (!p) {
        fputs("diff: memory exhausted\n", stderr);
        exit(2);
    }
    return p;
}

static char *xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    return memcpy(xmalloc(n), s, n);
}

static void error_path(const char *name, int err)
{
    fflush(out);
    fprintf(stderr, "diff: %s: %s\n", name, strerror(err));
}

static void try_help(const char *fmt, const char *arg)
{
    if (fmt) {
        fputs("diff: ", stderr);
        fprintf(stderr, fmt, arg);
        fputc('\n', stderr);
    }
    fputs("diff: Try 'diff --help' for more information.\n", stderr);
    exit(2);
}

/* ---- Files and lines ---- */

typedef struct {
    const char *name;   /* as shown */
    char *data;         /* contents, with a '\n' appended when the last line lacks one */
    size_t len;         /* including that '\n' */
    int missing_nl;
    int absent;         /* -N: does not exist, compared as empty */
    int is_stdin;
    struct stat st;
    size_t nlines;
    size_t *ls;         /* line starts, nlines + 1 entries */
    int *eq;            /* equivalence class of each line in [b, e) */
    char *chg_buf, *chg; /* chg[-1 .. nlines]: line changed */
    size_t b, e;        /* the lines the comparison considers; the rest is identical prefix and suffix */
} File;

static const char *line_ptr(const File *f, size_t i) { return f->data + f->ls[i]; }
static size_t line_len(const File *f, size_t i) { return f->ls[i + 1] - f->ls[i] - 1; }
static int line_incomplete(const File *f, size_t i) { return f->missing_nl && i + 1 == f->nlines; }

static int read_fd(int fd, char **data, size_t *length)
{
    size_t cap = 65536, len = 0;
    char *buf = xmalloc(cap + 2);
    for (;;) {
        if (len == cap) {
            cap *= 2;
            buf = xrealloc(buf, cap + 2);
        }
        ssize_t r = read(fd, buf + len, cap - len);
        if (r < 0) {
            if (errno == EINTR)
                continue;
            int saved = errno;
            free(buf);
            errno = saved;
            return -1;
        }
        if (r == 0)
            break;
        len += (size_t)r;
    }
    *data = buf;
    *length = len;
    return 0;
}

/* Reads f->data (f->name already stat'ed). Returns 0, or -1 with errno. */
static int load(File *f, const char *path)
{
    char *data = NULL;
    size_t len = 0;
    if (f->absent) {
        data = xmalloc(2);
    } else if (f->is_stdin) {
        if (read_fd(0, &data, &len) < 0)
            return -1;
    } else {
        int fd = open(path, O_RDONLY);
        if (fd < 0)
            return -1;
        int r = read_fd(fd, &data, &len);
        int saved = errno;
        close(fd);
        if (r < 0) {
            errno = saved;
            return -1;
        }
    }
    f->data = data;
    f->len = len;
    return 0;
}

static void split_lines(File *f)
{
    if (strip_cr) {
        size_t w = 0;
        for (size_t r = 0; r < f->len; r++) {
            if (f->data[r] == '\r' && (r + 1 == f->len || f->data[r + 1] == '\n'))
                continue;
            f->data[w++] = f->data[r];
        }
        f->len = w;
    }
    f->missing_nl = f->len > 0 && f->data[f->len - 1] != '\n';
    if (f->missing_nl)
        f->data[f->len++] = '\n';
    size_t n = 0;
    for (size_t i = 0; i < f->len; i++)
        if (f->data[i] == '\n')
            n++;
    f->nlines = n;
    f->ls = xmalloc((n + 1) * sizeof *f->ls);
    size_t k = 0;
    f->ls[0] = 0;
    for (size_t i = 0; i < f->len; i++)
        if (f->data[i] == '\n')
            f->ls[++k] = i + 1;
    f->chg_buf = xcalloc(n + 2, 1);
    f->chg = f->chg_buf + 1;
}

static void free_file(File *f)
{
    free(f->data);
    free(f->ls);
    free(f->eq);
    free(f->chg_buf);
    f->data = NULL;
    f->ls = NULL;
    f->eq = NULL;
    f->chg_buf = NULL;
}

/* ---- Line equivalence ---- */

static int any_space_option(void) { return ign_all_space || ign_space_change || ign_trailing_space || ign_tab_expansion; }

static int ws(unsigned char c) { return c == ' ' || c == '\t' || c == '\v' || c == '\f' || c == '\r'; }

/* The line as compared: case folded and white space normalized as the options say, into *buf. */
static size_t normalize(const char *p, size_t n, char **buf, size_t *cap)
{
    if (*cap < n + 16) {
        *cap = n + 16;
        *buf = xrealloc(*buf, *cap);
    }
    char *o = *buf;
    size_t w = 0, col = 0;
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)p[i];
        /* room for this character: a tab may expand to tabsize spaces */
        if (*cap - w < (size_t)tabsize + 2) {
            *cap = *cap * 2 + (size_t)tabsize + 2;
            *buf = xrealloc(*buf, *cap);
            o = *buf;
        }
        if (ws(c) && (ign_all_space || ign_space_change || ign_trailing_space)) {
            size_t j = i;
            while (j < n && ws((unsigned char)p[j]))
                j++;
            if (ign_all_space) {
                i = j;
                continue;
            }
            if (j == n) /* trailing white space */
                break;
            if (ign_space_change) {
                o[w++] = ' ';
                col++;
                i = j;
                continue;
            }
        }
        if (ign_tab_expansion && (c == '\t' || c == ' ')) {
            size_t nc = c == '\t' ? col + tabsize - col % tabsize : col + 1;
            while (col < nc) {
                o[w++] = ' ';
                col++;
            }
            i++;
            continue;
        }
        o[w++] = ign_case ? (char)tolower(c) : (char)c;
        col = c == '\b' ? (col ? col - 1 : 0) : col + 1;
        i++;
    }
    return w;
}

static int plain_compare(void) { return !ign_case && !any_space_option(); }

typedef struct {
    uint32_t hash;
    int cls;
    int file;
    size_t line;
} Slot;

static char *nbuf[2];
static size_t ncap[2];

static const char *key_of(File *f, size_t i, int which, size_t *n)
{
    if (plain_compare()) {
        *n = line_len(f, i);
        return line_ptr(f, i);
    }
    *n = normalize(line_ptr(f, i), line_len(f, i), &nbuf[which], &ncap[which]);
    return nbuf[which];
}

/* An incomplete last line matches only the other file's incomplete line unless trailing white space is ignored. */
static int incomplete_key(File *f, size_t i)
{
    return out_style != OUT_ED && line_incomplete(f, i) && !(ign_all_space || ign_space_change || ign_trailing_space);
}

static int equiv_max;

static void classify(File *files)
{
    size_t total = (files[0].e - files[0].b) + (files[1].e - files[1].b);
    size_t size = 16;
    while (size < total * 2)
        size <<= 1;
    Slot *table = xcalloc(size, sizeof *table);
    int next_class = 1;
    for (int fi = 0; fi < 2; fi++) {
        File *f = &files[fi];
        f->eq = xmalloc((f->nlines + 1) * sizeof *f->eq);
        for (size_t i = f->b; i < f->e; i++) {
            size_t n;
            const char *k = key_of(f, i, 0, &n);
            int inc = incomplete_key(f, i);
            uint32_t h = 2166136261u ^ (uint32_t)inc;
            for (size_t j = 0; j < n; j++)
                h = (h ^ (unsigned char)k[j]) * 16777619u;
            h |= 1; /* 0 marks an empty slot */
            size_t s = h & (size - 1);
            for (;; s = (s + 1) & (size - 1)) {
                Slot *sl = &table[s];
                if (!sl->hash) {
                    sl->hash = h;
                    sl->cls = next_class++;
                    sl->file = fi;
                    sl->line = i;
                    f->eq[i] = sl->cls;
                    break;
                }
                if (sl->hash != h)
                    continue;
                File *g = &files[sl->file];
                if (incomplete_key(g, sl->line) != inc)
                    continue;
                size_t m;
                const char *k2 = key_of(g, sl->line, 1, &m);
                if (m == n && memcmp(k, k2, n) == 0) {
                    f->eq[i] = sl->cls;
                    break;
                }
            }
        }
    }
    equiv_max = next_class;
    free(table);
}

/* ---- The comparison (Myers' O(ND) search, as GNU runs it) ---- */

typedef struct {
    const int *xv, *yv;
    long *fd, *bd;
    long too_expensive;
    const size_t *xreal, *yreal;
    char *xchg, *ychg;
} Ctx;

typedef struct {
    long xmid, ymid;
    int lo_minimal, hi_minimal;
} Part;

static void diag(long xoff, long xlim, long yoff, long ylim, int find_minimal, Part *part, Ctx *c)
{
    long *const fd = c->fd, *const bd = c->bd;
    const int *xv = c->xv, *yv = c->yv;
    const long dmin = xoff - ylim, dmax = xlim - yoff;
    const long fmid = xoff - yoff, bmid = xlim - ylim;
    long fmin = fmid, fmax = fmid, bmin = bmid, bmax = bmid;
    int odd = (fmid - bmid) & 1;
    fd[fmid] = xoff;
    bd[bmid] = xlim;
    for (long cost = 1;; cost++) {
        long d;
        if (fmin > dmin)
            fd[--fmin - 1] = -1;
        else
            ++fmin;
        if (fmax < dmax)
            fd[++fmax + 1] = -1;
        else
            --fmax;
        for (d = fmax; d >= fmin; d -= 2) {
            long x, y, tlo = fd[d - 1], thi = fd[d + 1];
            long x0 = tlo >= thi ? tlo + 1 : thi;
            for (x = x0, y = x0 - d; x < xlim && y < ylim && xv[x] == yv[y]; x++, y++)
                ;
            fd[d] = x;
            if (odd && bmin <= d && d <= bmax && bd[d] <= x) {
                part->xmid = x;
                part->ymid = y;
                part->lo_minimal = part->hi_minimal = 1;
                return;
            }
        }
        if (bmin > dmin)
            bd[--bmin - 1] = LONG_MAX;
        else
            ++bmin;
        if (bmax < dmax)
            bd[++bmax + 1] = LONG_MAX;
        else
            --bmax;
        for (d = bmax; d >= bmin; d -= 2) {
            long x, y, tlo = bd[d - 1], thi = bd[d + 1];
            long x0 = tlo < thi ? tlo : thi - 1;
            for (x = x0, y = x0 - d; xoff < x && yoff < y && xv[x - 1] == yv[y - 1]; x--, y--)
                ;
            bd[d] = x;
            if (!odd && fmin <= d && d <= fmax && x <= fd[d]) {
                part->xmid = x;
                part->ymid = y;
                part->lo_minimal = part->hi_minimal = 1;
                return;
            }
        }
        if (find_minimal)
            continue;
        if (cost >= c->too_expensive) {
            long fxybest = -1, fxbest = 0, bxybest = LONG_MAX, bxbest = 0;
            for (d = fmax; d >= fmin; d -= 2) {
                long x = fd[d] < xlim ? fd[d] : xlim, y = x - d;
                if (ylim < y) {
                    x = ylim + d;
                    y = ylim;
                }
                if (fxybest < x + y) {
                    fxybest = x + y;
                    fxbest = x;
                }
            }
            for (d = bmax; d >= bmin; d -= 2) {
                long x = bd[d] > xoff ? bd[d] : xoff, y = x - d;
                if (y < yoff) {
                    x = yoff + d;
                    y = yoff;
                }
                if (x + y < bxybest) {
                    bxybest = x + y;
                    bxbest = x;
                }
            }
            if ((xlim + ylim) - bxybest < fxybest - (xoff + yoff)) {
                part->xmid = fxbest;
                part->ymid = fxybest - fxbest;
                part->lo_minimal = 1;
                part->hi_minimal = 0;
            } else {
                part->xmid = bxbest;
                part->ymid = bxybest - bxbest;
                part->lo_minimal = 0;
                part->hi_minimal = 1;
            }
            return;
        }
    }
}

typedef struct {
    long xoff, xlim, yoff, ylim;
    int minimal;
} Range;

/* GNU's recursive compareseq, with an explicit stack (the wasm stack is small). */
static void compareseq(long xoff, long xlim, long yoff, long ylim, int find_minimal, Ctx *c)
{
    size_t cap = 64, top = 0;
    Range *stack = xmalloc(cap * sizeof *stack);
    stack[top++] = (Range){xoff, xlim, yoff, ylim, find_minimal};
    while (top) {
        Range r = stack[--top];
        while (r.xoff < r.xlim && r.yoff < r.ylim && c->xv[r.xoff] == c->yv[r.yoff])
            r.xoff++, r.yoff++;
        while (r.xoff < r.xlim && r.yoff < r.ylim && c->xv[r.xlim - 1] == c->yv[r.ylim - 1])
            r.xlim--, r.ylim--;
        if (r.xoff == r.xlim) {
            for (long y = r.yoff; y < r.ylim; y++)
                c->ychg[c->yreal[y]] = 1;
        } else if (r.yoff == r.ylim) {
            for (long x = r.xoff; x < r.xlim; x++)
                c->xchg[c->xreal[x]] = 1;
        } else {
            Part part;
            diag(r.xoff, r.xlim, r.yoff, r.ylim, r.minimal, &part, c);
            if (top + 2 > cap) {
                cap *= 2;
                stack = xrealloc(stack, cap * sizeof *stack);
            }
            stack[top++] = (Range){part.xmid, r.xlim, part.ymid, r.ylim, part.hi_minimal};
            stack[top++] = (Range){r.xoff, part.xmid, r.yoff, part.ymid, part.lo_minimal};
        }
    }
    free(stack);
}

/* Lines that match nothing in the other file are changes for sure; lines with very many matches are set aside when
 * they sit among those. The search then runs on the rest only. */
static void discard_confusing_lines(File *files, int **undiscarded, size_t **realidx, long *nondiscarded)
{
    size_t len[2] = {files[0].e - files[0].b, files[1].e - files[1].b};
    long *counts[2];
    counts[0] = xcalloc((size_t)equiv_max, sizeof(long));
    counts[1] = xcalloc((size_t)equiv_max, sizeof(long));
    for (int f = 0; f < 2; f++)
        for (size_t i = 0; i < len[f]; i++)
            counts[f][files[f].eq[files[f].b + i]]++;
    char *discarded[2];
    for (int f = 0; f < 2; f++) {
        discarded[f] = xcalloc(len[f] + 1, 1);
        size_t end = len[f];
        char *discards = discarded[f];
        long *cnt = counts[1 - f];
        const int *eq = files[f].eq + files[f].b;
        size_t many = 5, tem = end / 64;
        while ((tem = tem >> 2) > 0)
            many *= 2;
        for (size_t i = 0; i < end; i++) {
            long nmatch = cnt[eq[i]];
            if (nmatch == 0)
                discards[i] = 1;
            else if ((size_t)nmatch > many)
                discards[i] = 2;
        }
    }
    for (int f = 0; f < 2; f++) {
        long end = (long)len[f];
        char *discards = discarded[f];
        for (long i = 0; i < end; i++) {
            if (discards[i] == 2)
                discards[i] = 0;
            else if (discards[i] != 0) {
                long j, length, provisional = 0;
                for (j = i; j < end; j++) {
                    if (discards[j] == 0)
                        break;
                    if (discards[j] == 2)
                        ++provisional;
                }
                while (j > i && discards[j - 1] == 2)
                    discards[--j] = 0, --provisional;
                length = j - i;
                if (provisional * 4 > length) {
                    while (j > i)
                        if (discards[--j] == 2)
                            discards[j] = 0;
                } else {
                    long consec, minimum = 1, tm = length >> 2;
                    while (0 < (tm >>= 2))
                        minimum <<= 1;
                    minimum++;
                    for (j = 0, consec = 0; j < length; j++)
                        if (discards[i + j] != 2)
                            consec = 0;
                        else if (minimum == ++consec)
                            j -= consec;
                        else if (minimum < consec)
                            discards[i + j] = 0;
                    for (j = 0, consec = 0; j < length; j++) {
                        if (j >= 8 && discards[i + j] == 1)
                            break;
                        if (discards[i + j] == 2)
                            consec = 0, discards[i + j] = 0;
                        else if (discards[i + j] == 0)
                            consec = 0;
                        else
                            consec++;
                        if (consec == 3)
                            break;
                    }
                    i += length - 1;
                    for (j = 0, consec = 0; j < length; j++) {
                        if (j >= 8 && discards[i - j] == 1)
                            break;
                        if (discards[i - j] == 2)
                            consec = 0, discards[i - j] = 0;
                        else if (discards[i - j] == 0)
                            consec = 0;
                        else
                            consec++;
                        if (consec == 3)
                            break;
                    }
                }
            }
        }
    }
    for (int f = 0; f < 2; f++) {
        undiscarded[f] = xmalloc((len[f] + 1) * sizeof(int));
        realidx[f] = xmalloc((len[f] + 1) * sizeof(size_t));
        long j = 0;
        for (size_t i = 0; i < len[f]; i++)
            if (minimal || discarded[f][i] == 0) {
                undiscarded[f][j] = files[f].eq[files[f].b + i];
                realidx[f][j++] = files[f].b + i;
            } else
                files[f].chg[files[f].b + i] = 1;
        nondiscarded[f] = j;
        free(discarded[f]);
    }
    free(counts[0]);
    free(counts[1]);
}

/* Slides each run of changes back to merge with earlier runs, then forward as far as it goes, then back to line up
 * with a run in the other file when it can. */
static void shift_boundaries(File *files)
{
    for (int f = 0; f < 2; f++) {
        char *changed = files[f].chg + files[f].b;
        char *other_changed = files[1 - f].chg + files[1 - f].b;
        const int *equivs = files[f].eq + files[f].b;
        long i = 0, j = 0, i_end = (long)(files[f].e - files[f].b);
        for (;;) {
            long runlength, start, corresponding;
            while (i < i_end && !changed[i]) {
                while (other_changed[j++])
                    continue;
                i++;
            }
            if (i == i_end)
                break;
            start = i;
            while (changed[++i])
                continue;
            while (other_changed[j])
                j++;
            do {
                runlength = i - start;
                while (start && equivs[start - 1] == equivs[i - 1]) {
                    changed[--start] = 1;
                    changed[--i] = 0;
                    while (changed[start - 1])
                        start--;
                    while (other_changed[--j])
                        continue;
                }
                corresponding = other_changed[j - 1] ? i : i_end;
                while (i != i_end && equivs[start] == equivs[i]) {
                    changed[start++] = 0;
                    changed[i++] = 1;
                    while (changed[i])
                        i++;
                    while (other_changed[++j])
                        corresponding = i;
                }
            } while (runlength != i - start);
            while (corresponding < i) {
                changed[--start] = 1;
                changed[--i] = 0;
                while (other_changed[--j])
                    continue;
            }
        }
    }
}

/* Sets aside the identical prefix and suffix (keeping `context` lines of each), as GNU does before comparing. */
static void find_identical_ends(File *files)
{
    File *f0 = &files[0], *f1 = &files[1];
    const char *b0 = f0->data, *b1 = f1->data;
    size_t n0 = f0->len, n1 = f1->len, m = n0 < n1 ? n0 : n1;
    size_t horizon = context > 0 ? (size_t)context : 0;
    size_t p = 0;
    while (p < m && b0[p] == b1[p])
        p++;
    int robust = out_style != OUT_ED;
    if (robust && ((n0 - (size_t)f0->missing_nl) < p) != ((n1 - (size_t)f1->missing_nl) < p))
        p--;
    size_t i = horizon;
    while (p != 0 && (b0[p - 1] != '\n' || i--))
        p--;
    size_t prefix0 = p, prefix1 = p;
    size_t s0 = n0, s1 = n1;
    if (!robust || f0->missing_nl == f1->missing_nl) {
        size_t beg0 = prefix0 + (n0 < n1 ? 0 : n0 - n1);
        while (s0 != beg0)
            if (b0[--s0] != b1[--s1]) {
                ++s0, ++s1;
                beg0 = s0;
                break;
            }
        i = horizon + !((s0 == 0 || b0[s0 - 1] == '\n') && (s1 == 0 || b1[s1 - 1] == '\n'));
        while (i-- && s0 != n0)
            while (b0[s0++] != '\n')
                continue;
        s1 += s0 - beg0;
    }
    size_t cuts[2][2] = {{prefix0, s0}, {prefix1, s1}};
    for (int f = 0; f < 2; f++) {
        File *g = &files[f];
        size_t lb = 0, le = 0;
        for (size_t k = 0; k < cuts[f][0]; k++)
            if (g->data[k] == '\n')
                lb++;
        le = lb;
        for (size_t k = cuts[f][0]; k < cuts[f][1]; k++)
            if (g->data[k] == '\n')
                le++;
        g->b = lb;
        g->e = le;
    }
}

typedef struct Change {
    long line0, line1, deleted, inserted;
    int ignore;
    struct Change *link;
} Change;

static Change *build_script(File *files)
{
    Change *script = NULL;
    char *c0 = files[0].chg, *c1 = files[1].chg;
    long i0 = (long)files[0].nlines, i1 = (long)files[1].nlines;
    while (i0 >= 0 || i1 >= 0) {
        if ((i0 > 0 && c0[i0 - 1]) || (i1 > 0 && c1[i1 - 1])) {
            long line0 = i0, line1 = i1;
            while (i0 > 0 && c0[i0 - 1])
                --i0;
            while (i1 > 0 && c1[i1 - 1])
                --i1;
            Change *c = xmalloc(sizeof *c);
            *c = (Change){i0, i1, line0 - i0, line1 - i1, 0, script};
            script = c;
        }
        i0--, i1--;
    }
    return script;
}

static Change *diff_lines(File *files)
{
    find_identical_ends(files);
    classify(files);
    int *und[2];
    size_t *real[2];
    long nd[2];
    discard_confusing_lines(files, und, real, nd);
    long diags = nd[0] + nd[1] + 3;
    long *fdiag = xmalloc((size_t)diags * 2 * sizeof(long));
    Ctx c;
    c.xv = und[0];
    c.yv = und[1];
    c.fd = fdiag + nd[1] + 1;
    c.bd = fdiag + diags + nd[1] + 1;
    long te = 1;
    for (long d = diags; d != 0; d >>= 2)
        te <<= 1;
    c.too_expensive = te < 4096 ? 4096 : te;
    c.xreal = real[0];
    c.yreal = real[1];
    c.xchg = files[0].chg;
    c.ychg = files[1].chg;
    compareseq(0, nd[0], 0, nd[1], minimal, &c);
    free(fdiag);
    for (int f = 0; f < 2; f++) {
        free(und[f]);
        free(real[f]);
    }
    shift_boundaries(files);
    return build_script(files);
}

/* ---- Output ---- */

static int line_blank_or_ignored(File *f, size_t i)
{
    const char *p = line_ptr(f, i);
    size_t n = line_len(f, i);
    if (ign_blank_lines) {
        size_t k = 0;
        if (ign_all_space || ign_space_change || ign_trailing_space)
            while (k < n && isspace((unsigned char)p[k]))
                k++;
        if (k == n)
            return 1;
    }
    if (have_ignore_re) {
        char *s = xmalloc(n + 1);
        memcpy(s, p, n);
        s[n] = 0;
        int m = 0;
        for (size_t k = 0; k < nignore_res && !m; k++)
            m = regexec(&ignore_res[k], s, 0, NULL, 0) == 0;
        free(s);
        if (m)
            return 1;
    }
    return 0;
}

enum { UNCHANGED = 0, OLD = 1, NEW = 2 };

/* The lines a hunk (changes from hunk up to and including last) spans and what it shows. */
static int analyze_hunk(File *files, Change *hunk, Change *last, long *first0, long *last0, long *first1, long *last1)
{
    int trivial = ign_blank_lines || have_ignore_re;
    long show_from = 0, show_to = 0;
    *first0 = hunk->line0;
    *first1 = hunk->line1;
    for (Change *n = hunk;; n = n->link) {
        long l0 = n->line0 + n->deleted - 1, l1 = n->line1 + n->inserted - 1;
        show_from += n->deleted;
        show_to += n->inserted;
        for (long i = n->line0; i <= l0 && trivial; i++)
            if (!line_blank_or_ignored(&files[0], (size_t)i))
                trivial = 0;
        for (long i = n->line1; i <= l1 && trivial; i++)
            if (!line_blank_or_ignored(&files[1], (size_t)i))
                trivial = 0;
        *last0 = l0;
        *last1 = l1;
        if (n == last)
            break;
    }
    if (trivial)
        return UNCHANGED;
    return (show_from ? OLD : 0) | (show_to ? NEW : 0);
}

static void put_line(char flag, File *f, size_t i)
{
    const char *p = line_ptr(f, i);
    size_t n = line_len(f, i);
    int bare = suppress_blank_empty && n == 0;
    if (!flag) {
        /* RCS: the line alone */
    } else if (out_style == OUT_UNIFIED) {
        if (flag == ' ') {
            if (!bare)
                fputc(initial_tab ? '\t' : ' ', out);
        } else {
            fputc(flag, out);
            if (initial_tab && !bare)
                fputc('\t', out);
        }
    } else {
        fputc(flag, out);
        if (!bare)
            fputc(initial_tab ? '\t' : ' ', out);
    }
    if (expand_tabs) {
        size_t col = 0;
        for (size_t k = 0; k < n; k++) {
            char c = p[k];
            if (c == '\t') {
                size_t nc = col + tabsize - col % tabsize;
                while (col < nc) {
                    fputc(' ', out);
                    col++;
                }
            } else {
                fputc(c, out);
                col = c == '\b' ? (col ? col - 1 : 0) : col + 1;
            }
        }
    } else
        fwrite(p, 1, n, out);
    if (!flag && line_incomplete(f, i))
        return;
    fputc('\n', out);
    if (line_incomplete(f, i))
        fputs("\\ No newline at end of file\n", out);
}

static void normal_range(long a, long b)
{
    /* a..b are 0-based inclusive; an empty range prints the line before */
    if (b < a)
        fprintf(out, "%ld", b + 1);
    else if (a == b)
        fprintf(out, "%ld", a + 1);
    else
        fprintf(out, "%ld,%ld", a + 1, b + 1);
}

static void unified_range(long a, long b)
{
    if (b < a)
        fprintf(out, "%ld,0", b + 1);
    else if (a == b)
        fprintf(out, "%ld", a + 1);
    else
        fprintf(out, "%ld,%ld", a + 1, b - a + 1);
}

static void context_range(long a, long b)
{
    if (b > a)
        fprintf(out, "%ld,%ld", a + 1, b + 1);
    else
        fprintf(out, "%ld", b + 1);
}

static long fn_last_search, fn_last_match;

static const char *find_function(File *f, long linenum, size_t *len)
{
    long i = linenum, last = fn_last_search;
    fn_last_search = i;
    while (last <= --i) {
        size_t n = line_len(f, (size_t)i);
        char *s = xmalloc(n + 1);
        memcpy(s, line_ptr(f, (size_t)i), n);
        s[n] = 0;
        int m = regexec(&function_re, s, 0, NULL, 0) == 0;
        free(s);
        if (m) {
            fn_last_match = i;
            *len = n;
            return line_ptr(f, (size_t)i);
        }
    }
    if (fn_last_match >= 0) {
        *len = line_len(f, (size_t)fn_last_match);
        return line_ptr(f, (size_t)fn_last_match);
    }
    return NULL;
}

static void print_function(File *f, long first0)
{
    if (!have_function_re)
        return;
    size_t n;
    const char *fn = find_function(f, first0, &n);
    if (!fn)
        return;
    size_t i = 0, j;
    fputc(' ', out);
    while (i < n && isspace((unsigned char)fn[i]))
        i++;
    for (j = i; j < i + 40 && j < n; j++)
        ;
    while (i < j && isspace((unsigned char)fn[j - 1]))
        j--;
    fwrite(fn + i, 1, j - i, out);
}

static void format_time(const File *f, char *buf, size_t size)
{
    struct timespec ts;
    if (f->absent) {
        ts.tv_sec = 0;
        ts.tv_nsec = 0;
    } else if (f->is_stdin && !S_ISREG(f->st.st_mode)) {
        clock_gettime(CLOCK_REALTIME, &ts);
    } else {
        ts = f->st.st_mtim;
    }
    time_t t = ts.tv_sec;
    struct tm tm;
    gmtime_r(&t, &tm);
    snprintf(buf, size, "%04d-%02d-%02d %02d:%02d:%02d.%09ld +0000", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
             tm.tm_hour, tm.tm_min, tm.tm_sec, (long)ts.tv_nsec);
}

static void header_line(const char *mark, int which, File *f)
{
    if (which < nlabels && labels[which]) {
        fprintf(out, "%s %s\n", mark, labels[which]);
        return;
    }
    char t[96];
    format_time(f, t, sizeof t);
    fprintf(out, "%s %s\t%s\n", mark, f->name, t);
}

static int depth;

static int c_quote_needed(const char *s)
{
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c <= ' ' || c >= 127 || c == '"' || c == '\\')
            return 1;
    }
    return 0;
}

static void put_c_quoted(const char *s)
{
    if (!c_quote_needed(s)) {
        fputs(s, out);
        return;
    }
    fputc('"', out);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        switch (c) {
        case '"': fputs("\\\"", out); break;
        case '\\': fputs("\\\\", out); break;
        case '\a': fputs("\\a", out); break;
        case '\b': fputs("\\b", out); break;
        case '\f': fputs("\\f", out); break;
        case '\n': fputs("\\n", out); break;
        case '\r': fputs("\\r", out); break;
        case '\t': fputs("\\t", out); break;
        case '\v': fputs("\\v", out); break;
        default:
            if (c < ' ' || c >= 127)
                fprintf(out, "\\%03o", c);
            else
                fputc(c, out);
        }
    }
    fputc('"', out);
}

static int output_begun;

static void begin_output(File *files)
{
    if (output_begun)
        return;
    output_begun = 1;
    if (depth > 0) {
        fputs("diff", out);
        fputs(switch_string, out);
        for (int f = 0; f < 2; f++) {
            fputc(' ', out);
            put_c_quoted(f < nlabels && labels[f] ? labels[f] : files[f].name);
        }
        fputc('\n', out);
    }
    if (out_style == OUT_UNIFIED) {
        header_line("---", 0, &files[0]);
        header_line("+++", 1, &files[1]);
    } else if (out_style == OUT_CONTEXT) {
        header_line("***", 0, &files[0]);
        header_line("---", 1, &files[1]);
    }
}

static void print_normal(File *files, Change *script)
{
    for (Change *c = script; c; c = c->link) {
        long f0, l0, f1, l1;
        int ch = analyze_hunk(files, c, c, &f0, &l0, &f1, &l1);
        if (!ch)
            continue;
        begin_output(files);
        normal_range(f0, l0);
        fputc(ch == OLD ? 'd' : ch == NEW ? 'a' : 'c', out);
        normal_range(f1, l1);
        fputc('\n', out);
        if (ch & OLD)
            for (long i = f0; i <= l0; i++)
                put_line('<', &files[0], (size_t)i);
        if (ch == (OLD | NEW))
            fputs("---\n", out);
        if (ch & NEW)
            for (long i = f1; i <= l1; i++)
                put_line('>', &files[1], (size_t)i);
    }
}

/* -e: an ed script, last change first. */
static void print_ed(File *files, Change *script)
{
    size_t n = 0;
    for (Change *c = script; c; c = c->link)
        n++;
    Change **v = xmalloc((n + 1) * sizeof *v);
    n = 0;
    for (Change *c = script; c; c = c->link)
        v[n++] = c;
    while (n-- > 0) {
        Change *c = v[n];
        long f0, l0, f1, l1;
        int ch = analyze_hunk(files, c, c, &f0, &l0, &f1, &l1);
        if (!ch)
            continue;
        begin_output(files);
        normal_range(f0, l0);
        fputc(ch == OLD ? 'd' : ch == NEW ? 'a' : 'c', out);
        fputc('\n', out);
        if (ch & NEW) {
            int inserting = 1;
            for (long i = f1; i <= l1; i++) {
                const char *p = line_ptr(&files[1], (size_t)i);
                size_t len = line_len(&files[1], (size_t)i);
                if (!inserting) {
                    fputs("a\n", out);
                    inserting = 1;
                }
                if (len == 1 && p[0] == '.') {
                    fputs("..\n.\ns/.//\n", out);
                    inserting = 0;
                } else {
                    fwrite(p, 1, len, out);
                    fputc('\n', out);
                }
            }
            if (inserting)
                fputs(".\n", out);
        }
    }
    free(v);
}

/* -n: RCS format. */
static void print_rcs(File *files, Change *script)
{
    for (Change *c = script; c; c = c->link) {
        long f0, l0, f1, l1;
        int ch = analyze_hunk(files, c, c, &f0, &l0, &f1, &l1);
        if (!ch)
            continue;
        begin_output(files);
        if (ch & OLD)
            fprintf(out, "d%ld %ld\n", f0 + 1, l0 - f0 + 1);
        if (ch & NEW) {
            fprintf(out, "a%ld %ld\n", l0 + 1, l1 - f1 + 1);
            for (long i = f1; i <= l1; i++)
                put_line(0, &files[1], (size_t)i);
        }
    }
}

/* -y: side by side, as GNU's side.c lays it out. */
static size_t tab_from_to(size_t from, size_t to)
{
    if (!expand_tabs)
        for (size_t tab = from + tabsize - from % tabsize; tab <= to; tab += tabsize) {
            fputc('\t', out);
            from = tab;
        }
    while (from++ < to)
        fputc(' ', out);
    return to;
}

static size_t print_half_line(File *f, size_t li, size_t indent, size_t out_bound)
{
    const char *p = line_ptr(f, li), *end = p + line_len(f, li);
    size_t in_pos = 0, out_pos = 0;
    while (p < end) {
        unsigned char c = (unsigned char)*p++;
        switch (c) {
        case '\t': {
            size_t spaces = tabsize - in_pos % tabsize;
            if (in_pos == out_pos) {
                size_t tabstop = out_pos + spaces;
                if (expand_tabs) {
                    if (out_bound < tabstop)
                        tabstop = out_bound;
                    for (; out_pos < tabstop; out_pos++)
                        fputc(' ', out);
                } else if (tabstop < out_bound) {
                    out_pos = tabstop;
                    fputc(c, out);
                }
            }
            in_pos += spaces;
            break;
        }
        case '\r':
            fputc(c, out);
            tab_from_to(0, indent);
            in_pos = out_pos = 0;
            break;
        case '\b':
            if (in_pos != 0 && --in_pos < out_pos) {
                out_pos = in_pos;
                fputc(c, out);
            }
            break;
        default:
            if (c >= 0xc0 && c < 0xf8) {
                /* a UTF-8 character: one column */
                const char *q = p;
                while (q < end && ((unsigned char)*q & 0xc0) == 0x80)
                    q++;
                if (in_pos < out_bound && in_pos + 1 <= out_bound) {
                    fwrite(p - 1, 1, (size_t)(q - p + 1), out);
                    out_pos = in_pos + 1;
                }
                in_pos++;
                p = q;
            } else if (c < ' ' || c == 127 || c >= 0x80) {
                if (in_pos < out_bound)
                    fputc(c, out);
            } else {
                if (in_pos++ < out_bound) {
                    out_pos = in_pos;
                    fputc(c, out);
                }
            }
        }
    }
    return out_pos;
}

static void print_1sdiff_line(File *files, long left, char sep, long right)
{
    size_t hw = (size_t)sdiff_half_width, c2o = (size_t)sdiff_column2_offset, col = 0;
    int put_newline = 0;
    if (left >= 0) {
        put_newline |= !line_incomplete(&files[0], (size_t)left);
        col = print_half_line(&files[0], (size_t)left, 0, hw);
    }
    if (sep != ' ') {
        col = tab_from_to(col, (hw + c2o - 1) / 2) + 1;
        if (sep == '|' && put_newline != !line_incomplete(&files[1], (size_t)right))
            sep = put_newline ? '/' : '\\';
        fputc(sep, out);
    }
    if (right >= 0) {
        put_newline |= !line_incomplete(&files[1], (size_t)right);
        if (line_len(&files[1], (size_t)right) != 0) {
            col = tab_from_to(col, c2o);
            print_half_line(&files[1], (size_t)right, col, hw);
        }
    }
    if (put_newline)
        fputc('\n', out);
}

static long next0, next1;

static void print_sdiff_common_lines(File *files, long limit0, long limit1)
{
    long i0 = next0, i1 = next1;
    if (!suppress_common && (i0 != limit0 || i1 != limit1)) {
        if (!left_column) {
            while (i0 != limit0 && i1 != limit1)
                print_1sdiff_line(files, i0++, ' ', i1++);
            while (i1 != limit1)
                print_1sdiff_line(files, -1, ')', i1++);
        }
        while (i0 != limit0)
            print_1sdiff_line(files, i0++, '(', -1);
    }
    next0 = limit0;
    next1 = limit1;
}

static void print_sdiff(File *files, Change *script)
{
    next0 = next1 = 0;
    for (Change *c = script; c; c = c->link) {
        long first0, last0, first1, last1, i, j;
        int ch = analyze_hunk(files, c, c, &first0, &last0, &first1, &last1);
        if (!ch)
            continue;
        print_sdiff_common_lines(files, first0, first1);
        if (ch == (OLD | NEW)) {
            for (i = first0, j = first1; i <= last0 && j <= last1; i++, j++)
                print_1sdiff_line(files, i, '|', j);
            ch = (i <= last0 ? OLD : 0) | (j <= last1 ? NEW : 0);
            next0 = first0 = i;
            next1 = first1 = j;
        }
        if (ch & NEW) {
            for (j = first1; j <= last1; ++j)
                print_1sdiff_line(files, -1, '>', j);
            next1 = j;
        }
        if (ch & OLD) {
            for (i = first0; i <= last0; ++i)
                print_1sdiff_line(files, i, '<', -1);
            next0 = i;
        }
    }
    print_sdiff_common_lines(files, (long)files[0].nlines, (long)files[1].nlines);
}

static void mark_ignorable(File *files, Change *script)
{
    for (Change *c = script; c; c = c->link) {
        long a, b, d, e;
        c->ignore = analyze_hunk(files, c, c, &a, &b, &d, &e) == UNCHANGED;
    }
}

static Change *find_hunk(Change *start)
{
    Change *prev;
    long top0, thresh;
    do {
        top0 = start->line0 + start->deleted;
        prev = start;
        start = start->link;
        thresh = start && start->ignore ? context : 2L * context + 1;
    } while (start && start->line0 - top0 < thresh);
    return prev;
}

static void print_hunks(File *files, Change *script)
{
    if (ign_blank_lines || have_ignore_re)
        mark_ignorable(files, script);
    fn_last_search = 0;
    fn_last_match = -1;
    for (Change *hunk = script; hunk;) {
        Change *end = find_hunk(hunk);
        Change *next_hunk = end->link;
        long first0, last0, first1, last1;
        int ch = analyze_hunk(files, hunk, end, &first0, &last0, &first1, &last1);
        if (ch) {
            begin_output(files);
            first0 = first0 - context < 0 ? 0 : first0 - context;
            first1 = first1 - context < 0 ? 0 : first1 - context;
            last0 = last0 + context < (long)files[0].nlines - 1 ? last0 + context : (long)files[0].nlines - 1;
            last1 = last1 + context < (long)files[1].nlines - 1 ? last1 + context : (long)files[1].nlines - 1;
            if (out_style == OUT_UNIFIED) {
                fputs("@@ -", out);
                unified_range(first0, last0);
                fputs(" +", out);
                unified_range(first1, last1);
                fputs(" @@", out);
                print_function(&files[0], first0);
                fputc('\n', out);
                Change *n = hunk;
                long i = first0, j = first1;
                while (i <= last0 || j <= last1) {
                    if (!n || i < n->line0) {
                        put_line(' ', &files[0], (size_t)i++);
                        j++;
                    } else {
                        for (long k = n->deleted; k > 0; k--)
                            put_line('-', &files[0], (size_t)i++);
                        for (long k = n->inserted; k > 0; k--)
                            put_line('+', &files[1], (size_t)j++);
                        n = n == end ? NULL : n->link;
                    }
                }
            } else {
                fputs("***************", out);
                print_function(&files[0], first0);
                fputs("\n*** ", out);
                context_range(first0, last0);
                fputs(" ****\n", out);
                if (ch & OLD) {
                    Change *n = hunk;
                    for (long i = first0; i <= last0; i++) {
                        while (n && n->line0 + n->deleted <= i)
                            n = n == end ? NULL : n->link;
                        char prefix = ' ';
                        if (n && n->line0 <= i)
                            prefix = n->inserted > 0 ? '!' : '-';
                        put_line(prefix, &files[0], (size_t)i);
                    }
                }
                fputs("--- ", out);
                context_range(first1, last1);
                fputs(" ----\n", out);
                if (ch & NEW) {
                    Change *n = hunk;
                    for (long i = first1; i <= last1; i++) {
                        while (n && n->line1 + n->inserted <= i)
                            n = n == end ? NULL : n->link;
                        char prefix = ' ';
                        if (n && n->line1 <= i)
                            prefix = n->deleted > 0 ? '!' : '+';
                        put_line(prefix, &files[1], (size_t)i);
                    }
                }
            }
        }
        hunk = next_hunk;
    }
}

/* ---- Comparing two files ---- */

static int is_binary(const File *f)
{
    size_t n = f->len < 4096 ? f->len : 4096;
    return memchr(f->data, 0, n) != NULL;
}

static int identical_files(const File *a, const File *b)
{
    if (a->is_stdin && b->is_stdin)
        return 1;
    return !a->absent && !b->absent && !a->is_stdin && !b->is_stdin && a->st.st_dev == b->st.st_dev &&
           a->st.st_ino == b->st.st_ino && S_ISREG(a->st.st_mode);
}

static void report_same(File *files)
{
    if (report_identical) {
        fflush(out);
        fprintf(out, "Files %s and %s are identical\n", files[0].name, files[1].name);
    }
}

static int compare_contents(File *files, const char *paths[2])
{
    if (identical_files(&files[0], &files[1])) {
        report_same(files);
        return 0;
    }
    for (int f = 0; f < 2; f++)
        if (load(&files[f], paths[f]) < 0) {
            error_path(files[f].name, errno);
            return 2;
        }
    /* GNU refuses an incomplete last line in an ed script, even for equal files */
    int trouble = 0;
    if (out_style == OUT_ED && !brief)
        for (int f = 0; f < 2; f++)
            if (files[f].len > 0 && files[f].data[files[f].len - 1] != '\n') {
                fflush(out);
                fprintf(stderr, "diff: %s: No newline at end of file\n\n", files[f].name);
                trouble = 1;
            }
    int same_bytes = files[0].len == files[1].len && memcmp(files[0].data, files[1].data, files[0].len) == 0;
    if (same_bytes && (out_style != OUT_SDIFF || brief)) {
        report_same(files);
        return trouble ? 2 : 0;
    }
    if (!text_mode && (is_binary(&files[0]) || is_binary(&files[1]))) {
        fprintf(out, brief ? "Files %s and %s differ\n" : "Binary files %s and %s differ\n", files[0].name,
                files[1].name);
        return 1;
    }
    if (brief && plain_compare() && !ign_blank_lines && !have_ignore_re && !strip_cr) {
        fprintf(out, "Files %s and %s differ\n", files[0].name, files[1].name);
        return 1;
    }
    for (int f = 0; f < 2; f++)
        split_lines(&files[f]);
    Change *script = diff_lines(files);
    int changes = 0;
    if (ign_blank_lines || have_ignore_re) {
        for (Change *c = script; c && !changes; c = c->link) {
            long a, b, d, e;
            if (analyze_hunk(files, c, c, &a, &b, &d, &e))
                changes = 1;
        }
    } else
        changes = script != NULL;
    if (!changes && out_style == OUT_SDIFF && !brief) {
        if (report_identical && same_bytes)
            report_same(files);
        else {
            output_begun = 0;
            begin_output(files);
            print_sdiff(files, script);
        }
    } else if (!changes)
        report_same(files);
    else if (brief)
        fprintf(out, "Files %s and %s differ\n", files[0].name, files[1].name);
    else {
        output_begun = 0;
        if (out_style == OUT_NORMAL)
            print_normal(files, script);
        else if (out_style == OUT_ED)
            print_ed(files, script);
        else if (out_style == OUT_SDIFF)
            print_sdiff(files, script);
        else if (out_style == OUT_RCS)
            print_rcs(files, script);
        else
            print_hunks(files, script);
    }
    while (script) {
        Change *n = script->link;
        free(script);
        script = n;
    }
    return trouble ? 2 : changes ? 1 : 0;
}

/* ---- Directories ---- */

static char *join(const char *dir, const char *name)
{
    size_t dl = strlen(dir);
    while (dl > 1 && dir[dl - 1] == '/')
        dl--;
    size_t nl = strlen(name);
    char *p = xmalloc(dl + nl + 2);
    memcpy(p, dir, dl);
    size_t k = dl;
    if (!(dl == 1 && dir[0] == '/'))
        p[k++] = '/';
    memcpy(p + k, name, nl + 1);
    return p;
}

static const char *base_name(const char *s)
{
    size_t n = strlen(s);
    while (n > 1 && s[n - 1] == '/')
        n--;
    size_t i = n;
    while (i > 0 && s[i - 1] != '/')
        i--;
    static char buf[4096];
    size_t len = n - i;
    if (len >= sizeof buf)
        len = sizeof buf - 1;
    memcpy(buf, s + i, len);
    buf[len] = 0;
    return buf;
}

static int excluded(const char *name)
{
    for (size_t i = 0; i < nexcludes; i++)
        if (fnmatch(excludes[i], name, 0) == 0)
            return 1;
    return 0;
}

static int cmp_names(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* The sorted names in dir (none when absent); -1 with errno on failure. */
static long list_dir(const char *dir, int absent, char ***names)
{
    *names = NULL;
    if (absent)
        return 0;
    DIR *d = opendir(dir);
    if (!d)
        return -1;
    size_t n = 0, cap = 16;
    char **v = xmalloc(cap * sizeof *v);
    struct dirent *e;
    errno = 0;
    while ((e = readdir(d))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        if (excluded(e->d_name))
            continue;
        if (n == cap) {
            cap *= 2;
            v = xrealloc(v, cap * sizeof *v);
        }
        v[n++] = xstrdup(e->d_name);
    }
    int err = errno;
    closedir(d);
    if (err) {
        for (size_t i = 0; i < n; i++)
            free(v[i]);
        free(v);
        errno = err;
        return -1;
    }
    qsort(v, n, sizeof *v, cmp_names);
    *names = v;
    return (long)n;
}

static const char *type_name(const struct stat *st)
{
    if (S_ISREG(st->st_mode))
        return st->st_size == 0 ? "regular empty file" : "regular file";
    if (S_ISDIR(st->st_mode))
        return "directory";
    if (S_ISLNK(st->st_mode))
        return "symbolic link";
    if (S_ISFIFO(st->st_mode))
        return "fifo";
    if (S_ISSOCK(st->st_mode))
        return "socket";
    if (S_ISCHR(st->st_mode))
        return "character special file";
    if (S_ISBLK(st->st_mode))
        return "block special file";
    return "weird file";
}

static int compare_paths(const char *name0, const char *name1, int absent0, int absent1);

/* The directory pairs being compared above the current one, to stop at a loop (a symlink to an ancestor). */
static struct { dev_t dev[2]; ino_t ino[2]; int absent[2]; } *ancestors;
static size_t nancestors, cap_ancestors;

static int dir_loop(File *files, int f)
{
    for (size_t k = 0; k < nancestors; k++)
        if (!ancestors[k].absent[f] && ancestors[k].dev[f] == files[f].st.st_dev &&
            ancestors[k].ino[f] == files[f].st.st_ino)
            return 1;
    return 0;
}

static int diff_dirs_listed(File *files);

static int diff_dirs(File *files)
{
    if ((files[0].absent || dir_loop(files, 0)) && (files[1].absent || dir_loop(files, 1))) {
        fflush(out);
        fprintf(stderr, "diff: %s: recursive directory loop\n", files[files[0].absent].name);
        return 2;
    }
    if (nancestors == cap_ancestors) {
        cap_ancestors = cap_ancestors ? cap_ancestors * 2 : 16;
        ancestors = xrealloc(ancestors, cap_ancestors * sizeof *ancestors);
    }
    for (int f = 0; f < 2; f++) {
        ancestors[nancestors].dev[f] = files[f].st.st_dev;
        ancestors[nancestors].ino[f] = files[f].st.st_ino;
        ancestors[nancestors].absent[f] = files[f].absent;
    }
    nancestors++;
    int status = diff_dirs_listed(files);
    nancestors--;
    return status;
}

static int diff_dirs_listed(File *files)
{
    char **v[2];
    long n[2];
    for (int f = 0; f < 2; f++) {
        n[f] = list_dir(files[f].name, files[f].absent, &v[f]);
        if (n[f] < 0) {
            error_path(files[f].name, errno);
            if (f == 1 && v[0]) {
                for (long i = 0; i < n[0]; i++)
                    free(v[0][i]);
                free(v[0]);
            }
            return 2;
        }
    }
    int status = 0;
    long i = 0, j = 0;
    while (i < n[0] || j < n[1]) {
        int c = i >= n[0] ? 1 : j >= n[1] ? -1 : strcmp(v[0][i], v[1][j]);
        int s;
        if (c == 0) {
            char *p0 = join(files[0].name, v[0][i]), *p1 = join(files[1].name, v[1][j]);
            s = compare_paths(p0, p1, 0, 0);
            free(p0);
            free(p1);
            i++, j++;
        } else {
            int f = c < 0 ? 0 : 1;
            const char *nm = f == 0 ? v[0][i] : v[1][j];
            if (new_file || (unidir_new_file && f == 1)) {
                char *p0 = join(files[0].name, nm), *p1 = join(files[1].name, nm);
                s = compare_paths(p0, p1, f == 1, f == 0);
                free(p0);
                free(p1);
            } else {
                fprintf(out, "Only in %s: %s\n", files[f].name, nm);
                s = 1;
            }
            if (f == 0)
                i++;
            else
                j++;
        }
        if (s > status)
            status = s;
    }
    for (int f = 0; f < 2; f++) {
        for (long k = 0; k < n[f]; k++)
            free(v[f][k]);
        free(v[f]);
    }
    return status;
}

static int stat_operand(File *f, const char *path)
{
    if (f->is_stdin)
        return fstat(0, &f->st);
    return stat(path, &f->st);
}

/* Compares two operands (depth 0) or two directory entries; absentN: -N says the entry does not exist. */
static int compare_paths(const char *name0, const char *name1, int absent0, int absent1)
{
    File files[2];
    memset(files, 0, sizeof files);
    const char *names[2] = {name0, name1};
    char *owned[2] = {NULL, NULL};
    int absent[2] = {absent0, absent1};
    int status = 0;
    int errs[2] = {0, 0};
    for (int f = 0; f < 2; f++) {
        files[f].name = names[f];
        files[f].is_stdin = depth == 0 && strcmp(names[f], "-") == 0;
        files[f].absent = absent[f];
        if (!absent[f] && stat_operand(&files[f], names[f]) != 0)
            errs[f] = errno;
    }
    /* -N: an operand that does not exist compares as empty, if the other one does */
    for (int f = 0; f < 2; f++)
        if (errs[f] == ENOENT && (new_file || (unidir_new_file && f == 0)) && !errs[1 - f] && depth == 0) {
            files[f].absent = 1;
            errs[f] = 0;
        }
    for (int f = 0; f < 2; f++)
        if (errs[f]) {
            error_path(names[f], errs[f]);
            status = 2;
        }
    if (status)
        return status;
    if (files[0].absent && files[1].absent)
        return 0;
    int dir0 = !files[0].absent && S_ISDIR(files[0].st.st_mode);
    int dir1 = !files[1].absent && S_ISDIR(files[1].st.st_mode);
    if (files[0].absent)
        dir0 = dir1 && !files[0].is_stdin;
    if (files[1].absent)
        dir1 = dir0 && !files[1].is_stdin;
    if (depth == 0 && dir0 != dir1) {
        /* diff DIR FILE compares DIR/FILE's base name with FILE */
        int d = dir0 ? 0 : 1;
        if (files[1 - d].is_stdin) {
            fflush(out);
            fputs("diff: cannot compare '-' to a directory\n", stderr);
            return 2;
        }
        owned[d] = join(names[d], base_name(names[1 - d]));
        names[d] = owned[d];
        files[d].name = names[d];
        if (stat(names[d], &files[d].st) != 0) {
            error_path(names[d], errno);
            free(owned[d]);
            return 2;
        }
        dir0 = S_ISDIR(files[0].st.st_mode);
        dir1 = S_ISDIR(files[1].st.st_mode);
    }
    if (dir0 && dir1 && !files[0].absent && !files[1].absent &&
        files[0].st.st_dev == files[1].st.st_dev && files[0].st.st_ino == files[1].st.st_ino) {
        status = 0; /* the same directory */
    } else if (dir0 && dir1) {
        if (depth > 0 && !recursive) {
            fprintf(out, "Common subdirectories: %s and %s\n", names[0], names[1]);
            status = 0;
        } else {
            depth++;
            status = diff_dirs(files);
            depth--;
        }
    } else if (dir0 != dir1) {
        fprintf(out, "File %s is a %s while file %s is a %s\n", names[0], type_name(&files[0].st), names[1],
                type_name(&files[1].st));
        status = 1;
    } else {
        status = compare_contents(files, names);
    }
    free_file(&files[0]);
    free_file(&files[1]);
    free(owned[0]);
    free(owned[1]);
    return status;
}

/* ---- Options ---- */

static void usage(void)
{
    fputs("Usage: diff [OPTION]... FILES\n"
          "Compare FILES line by line.\n\n"
          "  -q, --brief                   report only when files differ\n"
          "  -s, --report-identical-files  report when two files are the same\n"
          "  -e, --ed                      output an ed script\n"
          "  -n, --rcs                     output an RCS format diff\n"
          "  -y, --side-by-side            output in two columns\n"
          "  -W, --width=NUM               output at most NUM (default 130) print columns\n"
          "      --left-column             output only the left column of common lines\n"
          "      --suppress-common-lines   do not output common lines\n"
          "  -c, -C NUM, --context[=NUM]   output NUM (default 3) lines of copied context\n"
          "  -u, -U NUM, --unified[=NUM]   output NUM (default 3) lines of unified context\n"
          "  -p, --show-c-function         show which C function each change is in\n"
          "  -F, --show-function-line=RE   show the most recent line matching RE\n"
          "      --label LABEL             use LABEL instead of file name and timestamp\n"
          "  -r, --recursive               recursively compare any subdirectories found\n"
          "  -N, --new-file                treat absent files as empty\n"
          "  -x, --exclude=PAT             exclude files that match PAT\n"
          "  -X, --exclude-from=FILE       exclude files that match any pattern in FILE\n"
          "  -i, --ignore-case             ignore case differences in file contents\n"
          "  -E, --ignore-tab-expansion    ignore changes due to tab expansion\n"
          "  -Z, --ignore-trailing-space   ignore white space at line end\n"
          "  -b, --ignore-space-change     ignore changes in the amount of white space\n"
          "  -w, --ignore-all-space        ignore all white space\n"
          "  -B, --ignore-blank-lines      ignore changes where lines are all blank\n"
          "  -I, --ignore-matching-lines=RE  ignore changes where all lines match RE\n"
          "      --strip-trailing-cr       strip trailing carriage return on input\n"
          "  -a, --text                    treat all files as text\n"
          "  -t, --expand-tabs             expand tabs to spaces in output\n"
          "  -T, --initial-tab             make tabs line up by prepending a tab\n"
          "  -d, --minimal                 try hard to find a smaller set of changes\n"
          "      --color[=WHEN]            accepted; output is never coloured\n"
          "      --help                    display this help and exit\n"
          "  -v, --version                 output version information and exit\n\n"
          "FILES are 'FILE1 FILE2' or 'DIR1 DIR2' or 'DIR FILE' or 'FILE DIR'.\n"
          "If a FILE is '-', read standard input.\n"
          "Exit status is 0 if inputs are the same, 1 if different, 2 if trouble.\n",
          stdout);
}

enum {
    LO_NONE = 0, LO_LABEL = 256, LO_COLOR, LO_STRIP_CR, LO_NORMAL, LO_HELP, LO_TABSIZE, LO_SUPPRESS_BLANK,
    LO_UNIDIR, LO_LEFT_COLUMN, LO_SUPPRESS_COMMON, LO_NODEREF, LO_HORIZON, LO_SPEED, LO_IGNORE_FILE_CASE, LO_NO_IGNORE_FILE_CASE
};

typedef struct {
    const char *name;
    int arg; /* 0 none, 1 required, 2 optional */
    int code;
} LongOpt;

static const LongOpt long_opts[] = {
    {"brief", 0, 'q'}, {"report-identical-files", 0, 's'}, {"recursive", 0, 'r'}, {"new-file", 0, 'N'},
    {"unidirectional-new-file", 0, LO_UNIDIR}, {"ignore-case", 0, 'i'}, {"ignore-all-space", 0, 'w'},
    {"ignore-space-change", 0, 'b'}, {"ignore-trailing-space", 0, 'Z'}, {"ignore-tab-expansion", 0, 'E'},
    {"ignore-blank-lines", 0, 'B'}, {"ignore-matching-lines", 1, 'I'}, {"text", 0, 'a'}, {"label", 1, LO_LABEL},
    {"exclude", 1, 'x'}, {"exclude-from", 1, 'X'}, {"color", 2, LO_COLOR}, {"unified", 2, 'U'},
    {"context", 2, 'C'}, {"minimal", 0, 'd'}, {"expand-tabs", 0, 't'}, {"initial-tab", 0, 'T'},
    {"show-c-function", 0, 'p'}, {"show-function-line", 1, 'F'}, {"strip-trailing-cr", 0, LO_STRIP_CR},
    {"normal", 0, LO_NORMAL}, {"ed", 0, 'e'}, {"side-by-side", 0, 'y'}, {"rcs", 0, 'n'}, {"width", 1, 'W'},
    {"left-column", 0, LO_LEFT_COLUMN}, {"suppress-common-lines", 0, LO_SUPPRESS_COMMON}, {"help", 0, LO_HELP}, {"version", 0, 'v'}, {"tabsize", 1, LO_TABSIZE},
    {"suppress-blank-empty", 0, LO_SUPPRESS_BLANK}, {"no-dereference", 0, LO_NODEREF},
    {"horizon-lines", 1, LO_HORIZON}, {"speed-large-files", 0, LO_SPEED},
    {"ignore-file-name-case", 0, LO_IGNORE_FILE_CASE}, {"no-ignore-file-name-case", 0, LO_NO_IGNORE_FILE_CASE},
    {NULL, 0, 0},
};

static const char short_with_arg[] = "CUIxXFSLW";
static const char short_plain[] = "abBcdeEhiHnNpqrstTuvwyZ";

static int parse_count(const char *s, long *v)
{
    if (!*s)
        return -1;
    long n = 0;
    for (; *s; s++) {
        if (*s < '0' || *s > '9')
            return -1;
        n = n > 100000000 ? 1000000000 : n * 10 + (*s - '0'); /* saturates */
    }
    *v = n;
    return 0;
}

static void add_exclude(const char *pat)
{
    excludes = xrealloc(excludes, (nexcludes + 1) * sizeof *excludes);
    excludes[nexcludes++] = xstrdup(pat);
}

static void add_exclude_file(const char *path)
{
    int fd = strcmp(path, "-") == 0 ? 0 : open(path, O_RDONLY);
    char *data;
    size_t len;
    if (fd < 0 || read_fd(fd, &data, &len) < 0) {
        error_path(path, errno);
        exit(2);
    }
    if (fd > 0)
        close(fd);
    data[len] = 0;
    char *p = data;
    while (*p) {
        char *nl = strchr(p, '\n');
        if (nl)
            *nl = 0;
        if (*p)
            add_exclude(p);
        if (!nl)
            break;
        p = nl + 1;
    }
    free(data);
}

static void specify_style(int style)
{
    if (out_style_set && out_style != style)
        try_help("conflicting output style options", NULL);
    out_style = style;
    out_style_set = 1;
}

static void set_context(int style, const char *arg, const char *opt_text)
{
    specify_style(style);
    long n;
    if (arg) {
        if (parse_count(arg, &n) < 0)
            try_help("invalid context length '%s'", arg);
        /* more context than any file in memory has lines; keeps 2 * context + 1 within a 32-bit long */
        context = n > 100000000 ? 100000000 : (int)n;
    } else if (context < 3)
        context = 3;
    (void)opt_text;
    out_style = style;
}

static void compile_re(regex_t *re, const char *pattern)
{
    int r = regcomp(re, pattern, REG_NOSUB | REG_NEWLINE);
    if (r) {
        char msg[256];
        regerror(r, re, msg, sizeof msg);
        fprintf(stderr, "diff: %s\n", msg);
        exit(2);
    }
}

static void apply_option(int code, const char *arg)
{
    switch (code) {
    case 'a': text_mode = 1; break;
    case 'b': ign_space_change = 1; break;
    case 'B': ign_blank_lines = 1; break;
    case 'c': set_context(OUT_CONTEXT, NULL, "-c"); break;
    case 'C': set_context(OUT_CONTEXT, arg, "-C"); break;
    case 'u': set_context(OUT_UNIFIED, NULL, "-u"); break;
    case 'U': set_context(OUT_UNIFIED, arg, "-U"); break;
    case 'd': minimal = 1; break;
    case 'e': specify_style(OUT_ED); break;
    case 'y': specify_style(OUT_SDIFF); break;
    case 'n': specify_style(OUT_RCS); break;
    case 'W': {
        long n;
        if (parse_count(arg, &n) < 0 || n == 0)
            try_help("invalid width '%s'", arg);
        width = (int)n;
        break;
    }
    case LO_LEFT_COLUMN: left_column = 1; break;
    case LO_SUPPRESS_COMMON: suppress_common = 1; break;
    case 'E': ign_tab_expansion = 1; break;
    case 'h': case 'H': case LO_SPEED: case LO_NODEREF: case LO_HORIZON: case LO_IGNORE_FILE_CASE:
    case LO_NO_IGNORE_FILE_CASE:
        break;
    case 'i': ign_case = 1; break;
    case 'I':
        /* several -I: a line matching any of them is ignorable */
        ignore_res = xrealloc(ignore_res, (nignore_res + 1) * sizeof *ignore_res);
        compile_re(&ignore_res[nignore_res++], arg);
        have_ignore_re = 1;
        break;
    case 'F':
        if (have_function_re)
            regfree(&function_re);
        compile_re(&function_re, arg);
        have_function_re = 1;
        break;
    case 'p':
        if (have_function_re)
            regfree(&function_re);
        compile_re(&function_re, "^[[:alpha:]$_]");
        have_function_re = 1;
        break;
    case 'L': case LO_LABEL:
        if (nlabels >= 2) {
            fputs("diff: too many file label options\n", stderr);
            exit(2);
        }
        labels[nlabels++] = arg;
        break;
    case 'N': new_file = 1; break;
    case LO_UNIDIR: unidir_new_file = 1; break;
    case 'q': brief = 1; break;
    case 'r': recursive = 1; break;
    case 's': report_identical = 1; break;
    case 'S': break;
    case 't': expand_tabs = 1; break;
    case 'T': initial_tab = 1; break;
    case 'w': ign_all_space = 1; break;
    case 'Z': ign_trailing_space = 1; break;
    case 'x': add_exclude(arg); break;
    case 'X': add_exclude_file(arg); break;
    case LO_STRIP_CR: strip_cr = 1; break;
    case LO_NORMAL: specify_style(OUT_NORMAL); break;
    case LO_SUPPRESS_BLANK: suppress_blank_empty = 1; break;
    case LO_TABSIZE: {
        long n;
        if (parse_count(arg, &n) < 0 || n == 0)
            try_help("invalid tabsize '%s'", arg);
        tabsize = (int)n;
        break;
    }
    case LO_COLOR:
        if (arg && strcmp(arg, "never") && strcmp(arg, "always") && strcmp(arg, "auto"))
            try_help("invalid color '%s'", arg);
        break;
    case LO_HELP: usage(); exit(0);
    case 'v':
        fputs("diff (AgentOs, compatible with GNU diffutils) 3.8\n", stdout);
        exit(0);
    }
}

/* Appends one argument, shell-quoted as GNU shows it, to switch_string. */
static void append_switch(const char *a)
{
    size_t old = switch_string ? strlen(switch_string) : 0;
    size_t n = strlen(a);
    switch_string = xrealloc(switch_string, old + n * 4 + 4);
    char *p = switch_string + old;
    *p++ = ' ';
    int safe = n > 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)a[i];
        if (!(isalnum(c) || strchr("%+,-./:@_]{}", c) || ((c == '~' || c == '#') && i > 0)))
            safe = 0;
    }
    if (safe) {
        memcpy(p, a, n);
        p += n;
    } else {
        *p++ = '\'';
        for (size_t i = 0; i < n; i++) {
            if (a[i] == '\'') {
                memcpy(p, "'\\''", 4);
                p += 4;
            } else
                *p++ = a[i];
        }
        *p++ = '\'';
    }
    *p = 0;
}

int main(int argc, char **argv)
{
    out = stdout;
    static char obuf[1 << 16];
    setvbuf(stdout, obuf, _IOFBF, sizeof obuf);
    /* wasi-libc resolves relative paths against its own cwd, which starts at "/"; the shell's $PWD is the real one. */
    const char *pwd = getenv("PWD");
    if (pwd && pwd[0] == '/')
        chdir(pwd);
    switch_string = xstrdup("");
    char **operands = xmalloc((size_t)argc * sizeof *operands);
    int noperands = 0, dashdash = 0;
    int posixly = getenv("POSIXLY_CORRECT") != NULL;
    for (int i = 1; i < argc; i++) {
        char *a = argv[i];
        if (dashdash || a[0] != '-' || a[1] == 0) {
            operands[noperands++] = a;
            if (posixly)
                dashdash = 1;
            continue;
        }
        if (a[1] == '-' && a[2] == 0) {
            dashdash = 1;
            append_switch(a);
            continue;
        }
        append_switch(a);
        if (a[1] == '-') {
            const char *body = a + 2;
            const char *eq = strchr(body, '=');
            size_t len = eq ? (size_t)(eq - body) : strlen(body);
            const LongOpt *match = NULL;
            int ambiguous = 0;
            for (const LongOpt *o = long_opts; o->name; o++) {
                if (strncmp(o->name, body, len) != 0)
                    continue;
                if (strlen(o->name) == len) {
                    match = o;
                    ambiguous = 0;
                    break;
                }
                if (match && match->code != o->code)
                    ambiguous = 1;
                if (!match)
                    match = o;
            }
            if (!match) {
                char tmp[512];
                snprintf(tmp, sizeof tmp, "%.*s", (int)(eq ? eq - a : (long)strlen(a)), a);
                try_help("unrecognized option '%s'", tmp);
            }
            if (ambiguous) {
                fprintf(stderr, "diff: option '%.*s' is ambiguous; possibilities:", (int)(eq ? eq - a : (long)strlen(a)), a);
                const char *names[64];
                size_t nn = 0;
                for (const LongOpt *o = long_opts; o->name && nn < 64; o++)
                    if (strncmp(o->name, body, len) == 0)
                        names[nn++] = o->name;
                qsort(names, nn, sizeof *names, cmp_names);
                for (size_t k = 0; k < nn; k++)
                    fprintf(stderr, " '--%s'", names[k]);
                fputc('\n', stderr);
                try_help(NULL, NULL);
            }
            const char *arg = NULL;
            if (match->arg == 0 && eq) {
                fprintf(stderr, "diff: option '--%s' doesn't allow an argument\n", match->name);
                try_help(NULL, NULL);
            }
            if (eq)
                arg = eq + 1;
            else if (match->arg == 1) {
                if (i + 1 >= argc) {
                    fprintf(stderr, "diff: option '--%s' requires an argument\n", match->name);
                    try_help(NULL, NULL);
                }
                arg = argv[++i];
                append_switch(arg);
            }
            apply_option(match->code, arg);
            continue;
        }
        for (char *p = a + 1; *p; p++) {
            char c = *p;
            if (strchr(short_with_arg, c)) {
                const char *arg;
                if (p[1])
                    arg = p + 1;
                else if (i + 1 < argc) {
                    arg = argv[++i];
                    append_switch(arg);
                } else {
                    fprintf(stderr, "diff: option requires an argument -- '%c'\n", c);
                    try_help(NULL, NULL);
                }
                apply_option(c == 'L' ? LO_LABEL : c, arg);
                break;
            }
            if (c >= '0' && c <= '9') {
                /* -NUM: an obsolete context length */
                long n = 0;
                while (*p >= '0' && *p <= '9')
                    n = n * 10 + (*p++ - '0');
                p--;
                context = (int)n;
                continue;
            }
            if (!strchr(short_plain, c)) {
                char tmp[2] = {c, 0};
                if (c == 'D' || c == 'l' || c == 'f' || c == 'P') {
                    fprintf(stderr, "diff: option -%c is not supported by this diff\n", c);
                    exit(2);
                }
                try_help("invalid option -- '%s'", tmp);
            }
            apply_option(c, NULL);
        }
    }
    if (context < 0)
        context = 0;
    if (out_style == OUT_SDIFF) {
        long t = expand_tabs ? 1 : tabsize;
        long off = (width + t + 3) / (2 * t) * t;
        long hw = off - 3 < width - off ? off - 3 : width - off;
        sdiff_half_width = hw > 0 ? (int)hw : 0;
        sdiff_column2_offset = sdiff_half_width ? (int)off : width;
    }
    if (noperands < 2)
        try_help("missing operand after '%s'", noperands ? operands[noperands - 1] : argv[0]);
    if (noperands > 2)
        try_help("extra operand '%s'", operands[2]);
    int status = compare_paths(operands[0], operands[1], 0, 0);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fputs("diff: write error\n", stderr);
        return 2;
    }
    return status;
}
