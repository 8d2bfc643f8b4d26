/*
 * grep for AgentOs: a plain wasm32-wasip1 program (stock wasi-libc, its POSIX <regex.h>), written for this repository
 * because agentOS publishes no grep binary. It follows GNU grep 3.8 in output and exit status for the options agents
 * use: -r/-R -n -c -l -L -i -y -v -w -x -o -q -s -h/-H -m -e -f -E/-F/-G -A/-B/-C/-NUM (with "--" group separators)
 * -a -I --binary-files --include/--exclude/--exclude-dir --label --color (never colours). Exit status: 0 a
 * line was selected, 1 none, 2 an error (unless -q selected a line). Built by build.sh next to it.
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

enum { BIN_BINARY, BIN_TEXT, BIN_WITHOUT_MATCH };

typedef struct {
    char *text;   /* fixed string (lower-cased under -i) */
    size_t len;
    int fixed;
    regex_t re;
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
        return;
    }
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

/* Searches one open descriptor; returns 1 when a line was selected. */
static int grep_fd(int fd, const char *name, int show_name) {
    size_t cap = 65536, start = 0, end = 0;
    char *buf = xrealloc(NULL, cap + 1);
    int eof = 0, binary = 0;
    long long lineno = 0, count = 0, pending_after = 0;
    saved_line_t *ring = before_ctx > 0 ? xrealloc(NULL, (size_t)before_ctx * sizeof *ring) : NULL;
    size_t ring_n = 0, ring_head = 0;
    int quiet_lines = opt_q || opt_c || opt_l || opt_L;
    last_printed = 0;
    for (;;) {
        char *nl = memchr(buf + start, '\n', end - start);
        if (!nl && !eof) {
            if (start > 0) {
                memmove(buf, buf + start, end - start);
                end -= start;
                start = 0;
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
            else if (!binary && binary_files != BIN_TEXT && memchr(buf + end, 0, (size_t)n)) {
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

static void grep_path(const char *path, const char *shown, int top, int show_name);

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
        size_t pl = strlen(path), sl = strlen(shown), nl = strlen(e->d_name);
        char *child = xrealloc(NULL, pl + nl + 2);
        int slash = pl > 0 && path[pl - 1] != '/';
        sprintf(child, "%s%s%s", path, slash ? "/" : "", e->d_name);
        /* "grep -r x" with no operand searches "." but names files without the "./" */
        char *child_shown = xrealloc(NULL, sl + nl + 2);
        if (sl == 0) strcpy(child_shown, e->d_name);
        else sprintf(child_shown, "%s%s%s", shown, shown[sl - 1] != '/' ? "/" : "", e->d_name);
        grep_path(child, child_shown, 0, show_name);
        free(child);
        free(child_shown);
    }
    closedir(d);
}

static void grep_path(const char *path, const char *shown, int top, int show_name) {
    struct stat st;
    int follow = top || opt_R;
    if ((follow ? stat(path, &st) : lstat(path, &st)) != 0) {
        if (!top && errno == ENOENT && lstat(path, &st) == 0) return; /* dangling symlink found by -R */
        if (!opt_s) fprintf(stderr, "grep: %s: %s\n", shown, strerror(errno));
        any_error = 1;
        return;
    }
    if (S_ISLNK(st.st_mode)) return; /* -r skips symlinks it finds */
    if (S_ISDIR(st.st_mode)) {
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
    if (!top && !S_ISREG(st.st_mode)) return; /* devices and fifos found by recursion are skipped */
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
        if (recursive) grep_path(".", "", 1, show);
        else if (grep_fd(0, label, show > 0)) any_selected = 1;
    } else {
        for (int i = optind; i < argc; i++) {
            if (strcmp(argv[i], "-") == 0) {
                if (grep_fd(0, label, show > 0)) any_selected = 1;
            } else {
                grep_path(argv[i], argv[i], 1, show);
            }
        }
    }
    if (fflush(stdout) != 0 && !opt_q) any_error = 1;
    return any_error && !(opt_q && any_selected) ? 2 : any_selected ? 0 : 1;
}
