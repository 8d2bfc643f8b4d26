/*
 * grep for AgentOs: a plain wasm32-wasip1 program (stock wasi-libc, its POSIX <regex.h>), written for this repository
 * because agentOS publishes no grep binary. It follows GNU grep 3.8 in output and exit status for the options agents
 * use: -r/-R -n -c -l -L -i -y -v -w -x -o -q -s -h/-H -m -e -f -E/-F/-G -A/-B/-C/-NUM (with "--" group separators)
 * -a -I --binary-files --include/--exclude/--exclude-dir --label --color (never colours). Exit status: 0 a
 * line was selected, 1 none, 2 an error (unless -q selected a line). Built by ../build.sh.
 */
#define _GNU_SOURCE /* memmem */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <getopt.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <wasm_simd128.h>

enum { BIN_BINARY, BIN_TEXT, BIN_WITHOUT_MATCH };

typedef struct {
    char *text;   /* fixed string (lower-cased under -i) */
    size_t len;
    int fixed;
    regex_t re;
    char *must;   /* a literal every match contains (lower-cased under -i), searched for before any line is split */
    size_t must_len;
} pattern_t;

typedef struct {
    char *text;
    size_t len;
    long long lineno;
} saved_line_t;

static pattern_t *pats;
static size_t npats, cappats;
static int opt_E, opt_F, opt_i, opt_v, opt_w, opt_x, opt_o, opt_q, opt_s, opt_c, opt_l, opt_L, opt_n, opt_r, opt_R;
static int with_filename = -2; /* -2 unset, 0 -h, 1 -H */
static long long max_count = -1;
static long after_ctx = -1, before_ctx = -1, both_ctx = -1;
static int binary_files = BIN_BINARY;
static const char *label = "(standard input)";
static char **includes, **excludes, **exclude_dirs;
static size_t nincludes, nexcludes, nexclude_dirs;
static int any_selected, any_error;
static char *fold_buf;
static size_t fold_cap;
static long long last_printed = 0; /* line number of the last line printed in the current file, for "--" */
static int printed_any_group;

static void die(const char *msg) {
    fprintf(stderr, "grep: %s\n", msg);
    exit(2);
}

static void *xrealloc(void *p, size_t n) {
    void *q = realloc(p, n ? n : 1);
    if (!q) die("memory exhausted");
    return q;
}

static void push_str(char ***list, size_t *n, const char *s) {
    *list = xrealloc(*list, (*n + 1) * sizeof **list);
    (*list)[(*n)++] = (char *)s;
}

static int is_word(unsigned char c) { return isalnum(c) || c == '_'; }

static int has_meta(const char *p, size_t len) {
    const char *meta = opt_E ? "\\.[]*^$+?(){}|" : "\\.[]*^$";
    for (size_t i = 0; i < len; i++)
        if (strchr(meta, p[i])) return 1;
    return 0;
}

/*
 * The longest literal that every match of the regex p contains, found conservatively: only outside groups, a
 * character made optional by * ? {} is dropped, bracket expressions, '.', anchors and escapes like \w end a run, and
 * a pattern with alternation has none. Its length is 0 when there is no such literal.
 */
static size_t required_literal(const char *p, size_t len, char *out) {
    size_t best = 0, run = 0, depth = 0;
    char *cur = xrealloc(NULL, len + 1);
    for (size_t i = 0; i < len; i++)
        if ((opt_E && p[i] == '|') || (p[i] == '\\' && i + 1 < len && p[++i] == '|')) {
            free(cur);
            return 0;
        }
#define END_RUN() do { if (run > best) { best = run; memcpy(out, cur, run); } run = 0; } while (0)
    for (size_t i = 0; i < len; i++) {
        char c = p[i];
        int literal = 0, quantifier = 0, group = 0;
        if (c == '\\' && i + 1 < len) {
            char e = p[++i];
            if (!opt_E && (e == '(' || e == ')')) group = e == '(' ? 1 : -1;
            else if (!opt_E && (e == '{' || e == '?' || e == '+')) quantifier = e;
            else if (!isalnum((unsigned char)e) && e != '<' && e != '>' && e != '`' && e != '\'') { literal = 1; c = e; }
        } else if (c == '[') {
            size_t j = i + 1;
            if (j < len && p[j] == '^') j++;
            if (j < len && p[j] == ']') j++;
            while (j < len && p[j] != ']') {
                if (p[j] == '[' && j + 1 < len && (p[j + 1] == ':' || p[j + 1] == '.' || p[j + 1] == '=')) {
                    char close = p[j + 1];
                    j += 2;
                    while (j + 1 < len && !(p[j] == close && p[j + 1] == ']')) j++;
                    j += 2;
                } else {
                    j++;
                }
            }
            i = j < len ? j : len;
        } else if (opt_E && (c == '(' || c == ')')) {
            group = c == '(' ? 1 : -1;
        } else if (c == '*' || (opt_E && (c == '?' || c == '+' || c == '{'))) {
            quantifier = c;
        } else if (c != '.' && c != '^' && c != '$') {
            literal = 1;
        }
        if (group) {
            END_RUN();
            depth = group > 0 ? depth + 1 : depth ? depth - 1 : 0;
        } else if (quantifier) {
            if (quantifier != '+' && run > 0) run--; /* the character before it may be absent */
            END_RUN();
            if (quantifier == '{') { /* skip the bounds */
                while (i < len && p[i] != '}') i++;
            }
        } else if (literal && depth == 0) {
            cur[run++] = opt_i ? (char)tolower((unsigned char)c) : c;
        } else {
            END_RUN();
        }
    }
    END_RUN();
#undef END_RUN
    free(cur);
    return best;
}

static void add_pattern(const char *p, size_t len) {
    if (npats == cappats) {
        cappats = cappats ? cappats * 2 : 8;
        pats = xrealloc(pats, cappats * sizeof *pats);
    }
    pattern_t *pt = &pats[npats++];
    memset(pt, 0, sizeof *pt);
    pt->fixed = opt_F || !has_meta(p, len);
    if (pt->fixed) {
        pt->text = xrealloc(NULL, len + 1);
        for (size_t i = 0; i < len; i++) pt->text[i] = opt_i ? (char)tolower((unsigned char)p[i]) : p[i];
        pt->text[len] = 0;
        pt->len = len;
        pt->must = pt->text;
        pt->must_len = len;
        return;
    }
    pt->must = xrealloc(NULL, len + 1);
    pt->must_len = required_literal(p, len, pt->must);
    /* -x anchors the whole pattern: ^(p)$ keeps alternation inside the anchors. */
    size_t cap = len + 8;
    char *src = xrealloc(NULL, cap);
    size_t k = 0;
    if (opt_x) k += (size_t)sprintf(src, opt_E ? "^(" : "^\\(");
    memcpy(src + k, p, len);
    k += len;
    if (opt_x) k += (size_t)sprintf(src + k, opt_E ? ")$" : "\\)$");
    src[k] = 0;
    int rc = regcomp(&pt->re, src, (opt_E ? REG_EXTENDED : 0) | (opt_i ? REG_ICASE : 0));
    if (rc != 0) {
        char msg[256];
        regerror(rc, &pt->re, msg, sizeof msg);
        die(msg);
    }
    free(src);
}

/* A pattern argument holds one pattern per line, as in GNU grep. */
static void add_patterns(const char *arg, size_t len) {
    size_t start = 0;
    for (size_t i = 0; i <= len; i++) {
        if (i == len || arg[i] == '\n') {
            add_pattern(arg + start, i - start);
            start = i + 1;
        }
    }
}

static void add_pattern_file(const char *path) {
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
    if (!f) {
        fprintf(stderr, "grep: %s: %s\n", path, strerror(errno));
        exit(2);
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    while ((n = getline(&line, &cap, f)) >= 0) {
        if (n > 0 && line[n - 1] == '\n') n--;
        add_pattern(line, (size_t)n);
    }
    free(line);
    if (f != stdin) fclose(f);
}

/* The lower-cased copy of s that fixed patterns are searched in under -i. */
static const char *folded(const char *s, size_t len) {
    if (!opt_i) return s;
    if (fold_cap < len + 1) {
        fold_cap = len + 1 > fold_cap * 2 ? len + 1 : fold_cap * 2;
        fold_buf = xrealloc(fold_buf, fold_cap);
    }
    for (size_t i = 0; i < len; i++) fold_buf[i] = (char)tolower((unsigned char)s[i]);
    fold_buf[len] = 0;
    return fold_buf;
}

/* The first match of pt in s (NUL-terminated, len bytes) starting at or after from, honouring -w and -x. */
static int match_one(pattern_t *pt, const char *s, const char *f, size_t len, size_t from, size_t *so, size_t *eo) {
    while (from <= len) {
        size_t ms, me;
        if (pt->fixed) {
            if (opt_x) {
                if (from != 0 || len != pt->len || memcmp(f, pt->text, len) != 0) return 0;
                ms = 0;
                me = len;
            } else {
                const char *hit = pt->len == 0 ? f + from : memmem(f + from, len - from, pt->text, pt->len);
                if (!hit) return 0;
                ms = (size_t)(hit - f);
                me = ms + pt->len;
            }
        } else {
            regmatch_t m[1];
            if (regexec(&pt->re, s + from, 1, m, from ? REG_NOTBOL : 0) != 0) return 0;
            ms = from + (size_t)m[0].rm_so;
            me = from + (size_t)m[0].rm_eo;
        }
        if (!opt_w || ((ms == 0 || !is_word((unsigned char)s[ms - 1])) && (me == len || !is_word((unsigned char)s[me])))) {
            *so = ms;
            *eo = me;
            return 1;
        }
        from = ms + 1;
    }
    return 0;
}

/* The leftmost (then longest) match of any pattern at or after from. */
static int match_any(const char *s, size_t len, size_t from, size_t *so, size_t *eo) {
    const char *f = NULL;
    int found = 0;
    for (size_t i = 0; i < npats; i++) {
        if (pats[i].fixed && !f) f = folded(s, len);
        size_t a, b;
        if (match_one(&pats[i], s, f ? f : s, len, from, &a, &b) && (!found || a < *so || (a == *so && b > *eo))) {
            *so = a;
            *eo = b;
            found = 1;
            if (!opt_o && !opt_w) return 1; /* any match selects the line */
        }
    }
    return found;
}

static void print_prefix(const char *name, int show_name, long long lineno, char sep) {
    if (show_name) {
        fputs(name, stdout);
        putchar(sep);
    }
    if (opt_n) printf("%lld%c", lineno, sep);
}

static void print_line(const char *name, int show_name, const char *s, size_t len, long long lineno, char sep) {
    if (after_ctx > 0 || before_ctx > 0) {
        if (printed_any_group && (last_printed == 0 || lineno > last_printed + 1)) fputs("--\n", stdout);
        printed_any_group = 1;
        last_printed = lineno;
    }
    print_prefix(name, show_name, lineno, sep);
    fwrite(s, 1, len, stdout);
    putchar('\n');
}

static int same_text(const char *h, const char *lit, size_t m, int icase) {
    if (!icase) return memcmp(h, lit, m) == 0;
    for (size_t k = 0; k < m; k++)
        if (tolower((unsigned char)h[k]) != (unsigned char)lit[k]) return 0;
    return 1;
}

/*
 * The first occurrence of lit (m > 0 bytes, lower-cased under icase) in h[0..n), 16 positions at a time: a position
 * is a candidate when its first and last bytes match (an ASCII letter's case bit is ignored under icase), and only
 * candidates are compared in full. This is what makes a search through 100 MB run near memory speed.
 */
static const char *find_literal(const char *h, size_t n, const char *lit, size_t m, int icase) {
    if (m > n) return NULL;
    unsigned char first = (unsigned char)lit[0], last = (unsigned char)lit[m - 1];
    v128_t fold_first = wasm_i8x16_splat(icase && isalpha(first) ? 0x20 : 0);
    v128_t fold_last = wasm_i8x16_splat(icase && isalpha(last) ? 0x20 : 0);
    v128_t want_first = wasm_i8x16_splat((char)first), want_last = wasm_i8x16_splat((char)last);
    size_t i = 0;
    /* 32 positions per step; the common step finds no candidate and costs one any_true. */
    for (; i + m - 1 + 32 <= n; i += 32) {
        v128_t lo = wasm_v128_and(wasm_i8x16_eq(wasm_v128_or(wasm_v128_load(h + i), fold_first), want_first),
                                  wasm_i8x16_eq(wasm_v128_or(wasm_v128_load(h + i + m - 1), fold_last), want_last));
        v128_t hi = wasm_v128_and(wasm_i8x16_eq(wasm_v128_or(wasm_v128_load(h + i + 16), fold_first), want_first),
                                  wasm_i8x16_eq(wasm_v128_or(wasm_v128_load(h + i + 16 + m - 1), fold_last), want_last));
        if (!wasm_v128_any_true(wasm_v128_or(lo, hi))) continue;
        uint32_t mask = (uint32_t)wasm_i8x16_bitmask(lo) | ((uint32_t)wasm_i8x16_bitmask(hi) << 16);
        while (mask) {
            size_t at = i + (size_t)__builtin_ctz(mask);
            if (same_text(h + at, lit, m, icase)) return h + at;
            mask &= mask - 1;
        }
    }
    for (; i + m <= n; i++)
        if (same_text(h + i, lit, m, icase)) return h + i;
    return NULL;
}

static int has_nul(const char *h, size_t n) {
    size_t i = 0;
    v128_t acc = wasm_i8x16_splat(0), zero = wasm_i8x16_splat(0);
    for (; i + 16 <= n; i += 16) acc = wasm_v128_or(acc, wasm_i8x16_eq(wasm_v128_load(h + i), zero));
    if (wasm_v128_any_true(acc)) return 1;
    for (; i < n; i++)
        if (h[i] == 0) return 1;
    return 0;
}

static size_t count_newlines(const char *h, size_t n) {
    size_t count = 0, i = 0;
    v128_t nl = wasm_i8x16_splat('\n');
    while (i + 16 <= n) {
        /* Each equal lane is -1: subtracting counts per lane, widened before a lane could pass 255. */
        v128_t lanes = wasm_i8x16_splat(0);
        for (int k = 0; k < 255 && i + 16 <= n; k++, i += 16) lanes = wasm_i8x16_sub(lanes, wasm_i8x16_eq(wasm_v128_load(h + i), nl));
        v128_t wide = wasm_u32x4_extadd_pairwise_u16x8(wasm_u16x8_extadd_pairwise_u8x16(lanes));
        count += (size_t)wasm_u32x4_extract_lane(wide, 0) + wasm_u32x4_extract_lane(wide, 1) + wasm_u32x4_extract_lane(wide, 2) + wasm_u32x4_extract_lane(wide, 3);
    }
    for (; i < n; i++) count += h[i] == '\n';
    return count;
}

/* Every pattern has a required literal, so lines without any of them can be skipped unseen (not under -v or -B). */
static int can_skip_lines(void) {
    if (opt_v || before_ctx > 0 || npats == 0 || npats > 64) return 0;
    for (size_t i = 0; i < npats; i++)
        if (pats[i].must_len == 0) return 0;
    return 1;
}

/* Searches one open descriptor; returns 1 when a line was selected. */
static int grep_fd(int fd, const char *name, int show_name) {
    size_t cap = 256 << 10, start = 0, end = 0;
    char *buf = xrealloc(NULL, cap + 1);
    int eof = 0, binary = 0;
    long long lineno = 0, count = 0, pending_after = 0;
    saved_line_t *ring = before_ctx > 0 ? xrealloc(NULL, (size_t)before_ctx * sizeof *ring) : NULL;
    size_t ring_n = 0, ring_head = 0;
    int quiet_lines = opt_q || opt_c || opt_l || opt_L;
    int skip = can_skip_lines();
    int numbered = opt_n || after_ctx > 0; /* line numbers are printed or tell context groups apart */
    /* Per pattern, the offset in buf of its next literal (SIZE_MAX: none found before scanned[i]); reset when buf moves. */
    size_t next_hit[64], scanned[64];
    for (size_t i = 0; skip && i < npats; i++) {
        next_hit[i] = SIZE_MAX;
        scanned[i] = 0;
    }
    last_printed = 0;
    for (;;) {
        if (skip && pending_after == 0 && start < end) {
            /* Only whole lines are searched (a literal holds no newline): up to the last newline read, or all at EOF. */
            size_t limit = end;
            if (!eof) {
                while (limit > start && buf[limit - 1] != '\n') limit--;
            }
            if (limit > start) {
                size_t hit = SIZE_MAX;
                for (size_t i = 0; i < npats; i++) {
                    if (next_hit[i] == SIZE_MAX || next_hit[i] < start) {
                        size_t from = next_hit[i] == SIZE_MAX && scanned[i] > start ? scanned[i] : start;
                        const char *found = from < limit ? find_literal(buf + from, limit - from, pats[i].must, pats[i].must_len, opt_i) : NULL;
                        next_hit[i] = found ? (size_t)(found - buf) : SIZE_MAX;
                        scanned[i] = limit;
                    }
                    if (next_hit[i] < hit) hit = next_hit[i];
                }
                if (hit == SIZE_MAX) {
                    if (numbered) lineno += (long long)count_newlines(buf + start, limit - start);
                    start = limit;
                    continue;
                }
                size_t line_start = hit;
                while (line_start > start && buf[line_start - 1] != '\n') line_start--;
                if (numbered) lineno += (long long)count_newlines(buf + start, line_start - start);
                start = line_start;
            }
        }
        char *nl = memchr(buf + start, '\n', end - start);
        if (!nl && !eof) {
            if (start > 0) {
                memmove(buf, buf + start, end - start);
                end -= start;
                start = 0;
                for (size_t i = 0; skip && i < npats; i++) {
                    next_hit[i] = SIZE_MAX;
                    scanned[i] = 0;
                }
            }
            if (end == cap) {
                cap *= 2;
                buf = xrealloc(buf, cap + 1);
            }
            ssize_t n = read(fd, buf + end, cap - end);
            if (n < 0) {
                if (errno == EINTR) continue;
                if (!opt_s) fprintf(stderr, "grep: %s: %s\n", name, strerror(errno));
                any_error = 1;
                break;
            }
            if (n == 0) eof = 1;
            else if (!binary && binary_files != BIN_TEXT && has_nul(buf + end, (size_t)n)) {
                binary = 1;
                if (binary_files == BIN_WITHOUT_MATCH) break;
            }
            end += (size_t)n;
            continue;
        }
        if (!nl && start == end) break;
        size_t len = nl ? (size_t)(nl - (buf + start)) : end - start;
        char *s = buf + start;
        start += len + (nl ? 1 : 0);
        s[len] = 0; /* regexec needs a terminated line; the '\n' (or the spare byte) takes it */
        lineno++;
        size_t so, eo;
        int selected = match_any(s, len, 0, &so, &eo) != opt_v;
        if (selected) {
            count++;
            if (opt_q) {
                exit(0);
            }
            if (opt_l || opt_L) break;
            if (!quiet_lines) {
                if (binary) {
                    fflush(stdout);
                    fprintf(stderr, "grep: %s: binary file matches\n", name);
                    break;
                }
                if (opt_o) {
                    size_t from = 0;
                    while (!opt_v && from <= len && match_any(s, len, from, &so, &eo)) {
                        if (eo == so) {
                            from = so + 1;
                            continue;
                        }
                        print_prefix(name, show_name, lineno, ':');
                        fwrite(s + so, 1, eo - so, stdout);
                        putchar('\n');
                        from = eo;
                    }
                } else {
                    for (size_t k = 0; k < ring_n; k++) {
                        saved_line_t *b = &ring[(ring_head + k) % (size_t)before_ctx];
                        if (b->lineno > last_printed) print_line(name, show_name, b->text, b->len, b->lineno, '-');
                    }
                    print_line(name, show_name, s, len, lineno, ':');
                }
                ring_n = 0;
                pending_after = after_ctx > 0 ? after_ctx : 0;
            }
            if (max_count >= 0 && count >= max_count) {
                /* GNU still prints the trailing context of the last selected line. */
                while (pending_after > 0 && !opt_o) {
                    char *n2 = memchr(buf + start, '\n', end - start);
                    if (!n2) break; /* context is best effort within what was read */
                    size_t l2 = (size_t)(n2 - (buf + start));
                    print_line(name, show_name, buf + start, l2, ++lineno, '-');
                    start += l2 + 1;
                    pending_after--;
                }
                break;
            }
        } else if (!quiet_lines && !opt_o) {
            if (pending_after > 0) {
                print_line(name, show_name, s, len, lineno, '-');
                pending_after--;
            } else if (before_ctx > 0) {
                saved_line_t *b;
                if (ring_n < (size_t)before_ctx) {
                    b = &ring[(ring_head + ring_n++) % (size_t)before_ctx];
                } else {
                    b = &ring[ring_head];
                    ring_head = (ring_head + 1) % (size_t)before_ctx;
                }
                b->text = xrealloc(b->text, len + 1);
                memcpy(b->text, s, len);
                b->len = len;
                b->lineno = lineno;
            }
        }
    }
    if (ring) {
        for (long i = 0; i < before_ctx; i++) free(ring[i].text);
    }
    free(ring);
    free(buf);
    if (opt_c) {
        if (show_name) printf("%s:", name);
        printf("%lld\n", count);
    }
    if (opt_l && count > 0) printf("%s\n", name);
    if (opt_L && count == 0) printf("%s\n", name);
    if (opt_L) return count == 0;
    return count > 0;
}

static int matches_any(char **globs, size_t n, const char *name) {
    for (size_t i = 0; i < n; i++)
        if (fnmatch(globs[i], name, 0) == 0) return 1;
    return 0;
}

static const char *base_name(const char *path) {
    const char *slash = strrchr(path, '/');
    return slash && slash[1] ? slash + 1 : path;
}

static void grep_path(const char *path, const char *shown, int top, int show_name, unsigned char type);

/* dir + "/" + name (no slash after an empty dir or one ending in '/'), without printf: -r builds two per file. */
static char *join_path(const char *dir, const char *name, size_t name_len) {
    size_t dl = strlen(dir);
    int slash = dl > 0 && dir[dl - 1] != '/';
    char *out = xrealloc(NULL, dl + (size_t)slash + name_len + 1);
    memcpy(out, dir, dl);
    if (slash) out[dl] = '/';
    memcpy(out + dl + (size_t)slash, name, name_len + 1);
    return out;
}

static void grep_dir(const char *path, const char *shown, int show_name) {
    DIR *d = opendir(path);
    if (!d) {
        if (!opt_s) fprintf(stderr, "grep: %s: %s\n", shown, strerror(errno));
        any_error = 1;
        return;
    }
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
        size_t nl = strlen(e->d_name);
        char *child = join_path(path, e->d_name, nl);
        /* "grep -r x" with no operand searches "." but names files without the "./" */
        char *child_shown = join_path(shown, e->d_name, nl);
        grep_path(child, child_shown, 0, show_name, e->d_type);
        free(child);
        free(child_shown);
    }
    closedir(d);
}

/* type: the directory entry's d_type for files found by recursion (a regular file or directory needs no stat). */
static void grep_path(const char *path, const char *shown, int top, int show_name, unsigned char type) {
    struct stat st;
    int follow = top || opt_R;
    mode_t mode;
    if (!top && (type == DT_REG || type == DT_DIR)) {
        mode = type == DT_REG ? S_IFREG : S_IFDIR;
    } else if ((follow ? stat(path, &st) : lstat(path, &st)) != 0) {
        if (!top && errno == ENOENT && lstat(path, &st) == 0) return; /* dangling symlink found by -R */
        if (!opt_s) fprintf(stderr, "grep: %s: %s\n", shown, strerror(errno));
        any_error = 1;
        return;
    } else {
        mode = st.st_mode;
    }
    if (S_ISLNK(mode)) return; /* -r skips symlinks it finds */
    if (S_ISDIR(mode)) {
        if (!(opt_r || opt_R)) {
            if (!opt_s) fprintf(stderr, "grep: %s: Is a directory\n", shown);
            any_error = 1;
            return;
        }
        if (!top && matches_any(exclude_dirs, nexclude_dirs, base_name(path))) return;
        grep_dir(path, shown, show_name < 0 ? 1 : show_name);
        return;
    }
    const char *base = base_name(path);
    if (nincludes && !matches_any(includes, nincludes, base) && !(top && !(opt_r || opt_R))) return;
    if (matches_any(excludes, nexcludes, base)) return;
    if (!top && !S_ISREG(mode)) return; /* devices and fifos found by recursion are skipped */
    int fd = open(path, O_RDONLY);
    if (fd < 0) {
        if (!opt_s) fprintf(stderr, "grep: %s: %s\n", shown, strerror(errno));
        any_error = 1;
        return;
    }
    if (grep_fd(fd, shown, show_name > 0)) any_selected = 1;
    close(fd);
}

/* A decimal count, saturated at INT_MAX as GNU treats huge values (strtoll would pull in 128-bit helpers). */
static long parse_num(const char *s, const char *what) {
    long v = 0;
    const char *p = s;
    for (; *p >= '0' && *p <= '9'; p++) v = v > 0x7fffffff / 10 ? 0x7fffffff : v * 10 + (*p - '0');
    if (*p || p == s) {
        fprintf(stderr, "grep: %s: invalid %s argument\n", s, what);
        exit(2);
    }
    return v > 0x7fffffff ? 0x7fffffff : v;
}

static void usage(void) {
    fputs("Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n", stderr);
    exit(2);
}

enum { OPT_INCLUDE = 256, OPT_EXCLUDE, OPT_EXCLUDE_DIR, OPT_COLOR, OPT_LABEL, OPT_BINARY_FILES, OPT_HELP };

int main(int argc, char **argv) {
    static const struct option longs[] = {
        {"extended-regexp", no_argument, 0, 'E'}, {"fixed-strings", no_argument, 0, 'F'},
        {"basic-regexp", no_argument, 0, 'G'}, {"regexp", required_argument, 0, 'e'},
        {"file", required_argument, 0, 'f'}, {"ignore-case", no_argument, 0, 'i'},
        {"no-ignore-case", no_argument, 0, 'Y'}, {"invert-match", no_argument, 0, 'v'},
        {"word-regexp", no_argument, 0, 'w'}, {"line-regexp", no_argument, 0, 'x'},
        {"count", no_argument, 0, 'c'}, {"files-with-matches", no_argument, 0, 'l'},
        {"files-without-match", no_argument, 0, 'L'}, {"max-count", required_argument, 0, 'm'},
        {"only-matching", no_argument, 0, 'o'}, {"quiet", no_argument, 0, 'q'}, {"silent", no_argument, 0, 'q'},
        {"no-messages", no_argument, 0, 's'}, {"line-number", no_argument, 0, 'n'},
        {"with-filename", no_argument, 0, 'H'}, {"no-filename", no_argument, 0, 'h'},
        {"recursive", no_argument, 0, 'r'}, {"dereference-recursive", no_argument, 0, 'R'},
        {"after-context", required_argument, 0, 'A'}, {"before-context", required_argument, 0, 'B'},
        {"context", required_argument, 0, 'C'}, {"text", no_argument, 0, 'a'},
        {"include", required_argument, 0, OPT_INCLUDE}, {"exclude", required_argument, 0, OPT_EXCLUDE},
        {"exclude-dir", required_argument, 0, OPT_EXCLUDE_DIR}, {"color", optional_argument, 0, OPT_COLOR},
        {"colour", optional_argument, 0, OPT_COLOR}, {"label", required_argument, 0, OPT_LABEL},
        {"binary-files", required_argument, 0, OPT_BINARY_FILES}, {"help", no_argument, 0, OPT_HELP},
        {"version", no_argument, 0, 'V'}, {0, 0, 0, 0},
    };
    const char **pattern_args = NULL, **pattern_files = NULL;
    size_t npattern_args = 0, npattern_files = 0;
    long digits = -1;
    int c, prev_digit_optind = -1;
    setvbuf(stdout, NULL, _IOFBF, 65536);
    /* wasi-libc resolves relative paths against its own cwd, which starts at "/"; the shell's $PWD is the real one. */
    const char *pwd = getenv("PWD");
    if (pwd && pwd[0] == '/') chdir(pwd);
    while ((c = getopt_long(argc, argv, "0123456789A:B:C:EFGHILRVace:f:hilm:noqrsvwxy", longs, NULL)) != -1) {
        switch (c) {
        case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': case '8': case '9':
            /* -NUM is -C NUM; digits of one argument accumulate */
            if (digits < 0 || prev_digit_optind != optind) digits = 0;
            digits = digits > 100000000 ? digits : digits * 10 + (c - '0');
            prev_digit_optind = optind;
            both_ctx = digits;
            break;
        case 'A': after_ctx = parse_num(optarg, "context length"); break;
        case 'B': before_ctx = parse_num(optarg, "context length"); break;
        case 'C': both_ctx = parse_num(optarg, "context length"); break;
        case 'E': opt_E = 1; opt_F = 0; break;
        case 'F': opt_F = 1; opt_E = 0; break;
        case 'G': opt_E = 0; opt_F = 0; break;
        case 'H': with_filename = 1; break;
        case 'h': with_filename = 0; break;
        case 'I': binary_files = BIN_WITHOUT_MATCH; break;
        case 'a': binary_files = BIN_TEXT; break;
        case 'L': opt_L = 1; opt_l = 0; break;
        case 'l': opt_l = 1; opt_L = 0; break;
        case 'R': opt_R = 1; break;
        case 'r': opt_r = 1; break;
        case 'V': puts("grep (AgentOs) 1.0\nGNU-compatible grep for wasm32-wasip1"); return 0;
        case 'c': opt_c = 1; break;
        case 'e':
            pattern_args = xrealloc(pattern_args, (npattern_args + 1) * sizeof *pattern_args);
            pattern_args[npattern_args++] = optarg;
            break;
        case 'f':
            pattern_files = xrealloc(pattern_files, (npattern_files + 1) * sizeof *pattern_files);
            pattern_files[npattern_files++] = optarg;
            break;
        case 'i': case 'y': opt_i = 1; break;
        case 'Y': opt_i = 0; break;
        case 'm': max_count = parse_num(optarg, "max count"); break;
        case 'n': opt_n = 1; break;
        case 'o': opt_o = 1; break;
        case 'q': opt_q = 1; break;
        case 's': opt_s = 1; break;
        case 'v': opt_v = 1; break;
        case 'w': opt_w = 1; break;
        case 'x': opt_x = 1; break;
        case OPT_INCLUDE: push_str(&includes, &nincludes, optarg); break;
        case OPT_EXCLUDE: push_str(&excludes, &nexcludes, optarg); break;
        case OPT_EXCLUDE_DIR: push_str(&exclude_dirs, &nexclude_dirs, optarg); break;
        case OPT_COLOR:
            if (optarg && strcmp(optarg, "never") && strcmp(optarg, "auto") && strcmp(optarg, "always") &&
                strcmp(optarg, "none") && strcmp(optarg, "tty") && strcmp(optarg, "if-tty") && strcmp(optarg, "yes") &&
                strcmp(optarg, "no") && strcmp(optarg, "force")) {
                fprintf(stderr, "grep: invalid argument '%s' for '--color'\n", optarg);
                usage();
            }
            break; /* output is never coloured */
        case OPT_LABEL: label = optarg; break;
        case OPT_BINARY_FILES:
            if (strcmp(optarg, "binary") == 0) binary_files = BIN_BINARY;
            else if (strcmp(optarg, "text") == 0) binary_files = BIN_TEXT;
            else if (strcmp(optarg, "without-match") == 0) binary_files = BIN_WITHOUT_MATCH;
            else die("unknown binary-files type");
            break;
        case OPT_HELP:
            puts("Usage: grep [OPTION]... PATTERNS [FILE]...\nSearch for PATTERNS in each FILE.\n"
                 "Options: -E -F -G -e -f -i -v -w -x -c -l -L -m NUM -o -q -s -n -H -h -r -R -A -B -C -NUM -a -I\n"
                 "         --include --exclude --exclude-dir --color --label --binary-files\n"
                 "Exit status is 0 if any line is selected, 1 otherwise; if any error occurs and -q is not given, 2.");
            return 0;
        default: usage();
        }
    }
    if (both_ctx >= 0) {
        if (after_ctx < 0) after_ctx = both_ctx;
        if (before_ctx < 0) before_ctx = both_ctx;
    }
    if (npattern_args == 0 && npattern_files == 0) {
        if (optind >= argc) usage();
        pattern_args = xrealloc(pattern_args, sizeof *pattern_args);
        pattern_args[npattern_args++] = argv[optind++];
    }
    for (size_t i = 0; i < npattern_args; i++) add_patterns(pattern_args[i], strlen(pattern_args[i]));
    for (size_t i = 0; i < npattern_files; i++) add_pattern_file(pattern_files[i]);
    if (max_count == 0) return 1;

    int nfiles = argc - optind;
    int recursive = opt_r || opt_R;
    /* -1: names only for files found inside a directory operand (GNU's default for one operand with -r) */
    int show = with_filename != -2 ? with_filename : nfiles > 1 ? 1 : recursive ? -1 : 0;
    if (nfiles == 0) {
        if (recursive) grep_path(".", "", 1, show, DT_UNKNOWN);
        else if (grep_fd(0, label, show > 0)) any_selected = 1;
    } else {
        for (int i = optind; i < argc; i++) {
            if (strcmp(argv[i], "-") == 0) {
                if (grep_fd(0, label, show > 0)) any_selected = 1;
            } else {
                grep_path(argv[i], argv[i], 1, show, DT_UNKNOWN);
            }
        }
    }
    if (fflush(stdout) != 0 && !opt_q) any_error = 1;
    return any_error && !(opt_q && any_selected) ? 2 : any_selected ? 0 : 1;
}
