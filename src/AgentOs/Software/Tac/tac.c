/* tac for the VM: the published uutils tac copies a pipe to a temp file and memory-maps it, which its wasm build
 * cannot do, so `cmd | tac` failed. This one reads each input into memory and prints its records last first, as GNU
 * tac 9.1 does: -b (separator before), -s SEP, -r (SEP is a basic regex), files and stdin/"-". */
#include <errno.h>
#include <fcntl.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int before, use_regex;
static const char *separator = "\n";
static regex_t pattern;

static void usage(void)
{
    fputs("Usage: tac [OPTION]... [FILE]...\n"
          "Write each FILE to standard output, last line first.\n\n"
          "With no FILE, or when FILE is -, read standard input.\n\n"
          "  -b, --before             attach the separator before instead of after\n"
          "  -r, --regex              interpret the separator as a regular expression\n"
          "  -s, --separator=STRING   use STRING as the separator instead of newline\n"
          "      --help        display this help and exit\n",
          stdout);
}

static int write_all(const char *p, size_t n)
{
    while (n > 0) {
        ssize_t w = write(1, p, n);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

/* Reads all of fd; returns NULL with errno set on failure. */
static char *read_all(int fd, size_t *length)
{
    size_t cap = 65536, len = 0;
    char *buf = malloc(cap + 1);
    for (;;) {
        if (!buf)
            return NULL;
        if (len == cap) {
            char *grown = realloc(buf, cap * 2 + 1);
            if (!grown) {
                free(buf);
                errno = ENOMEM;
                return NULL;
            }
            buf = grown;
            cap *= 2;
        }
        ssize_t r = read(fd, buf + len, cap - len);
        if (r < 0) {
            if (errno == EINTR)
                continue;
            int saved = errno;
            free(buf);
            errno = saved;
            return NULL;
        }
        if (r == 0)
            break;
        len += (size_t)r;
    }
    buf[len] = '\0';
    *length = len;
    return buf;
}

/* Finds the next separator at or after from: its start and end. */
static int next_separator(const char *data, size_t len, size_t from, size_t *start, size_t *end)
{
    if (use_regex) {
        regmatch_t m;
        /* An empty match would not advance; look for a non-empty one further on. */
        while (from < len && regexec(&pattern, data + from, 1, &m, from > 0 ? REG_NOTBOL : 0) == 0) {
            if (m.rm_eo > m.rm_so) {
                *start = from + (size_t)m.rm_so;
                *end = from + (size_t)m.rm_eo;
                return 1;
            }
            from += (size_t)m.rm_so + 1;
        }
        return 0;
    }
    size_t n = strlen(separator);
    if (n == 0 || len < n)
        return 0;
    for (size_t i = from; i + n <= len; i++) {
        if (data[i] == separator[0] && memcmp(data + i, separator, n) == 0) {
            *start = i;
            *end = i + n;
            return 1;
        }
    }
    return 0;
}

/* Prints data's records last first; a record ends with its separator (or, with -b, starts with it). */
static int tac_buffer(const char *data, size_t len)
{
    size_t count = 0, cap = 1024;
    size_t *cuts = malloc(cap * sizeof *cuts);
    size_t pos = 0, s, e;
    if (!cuts)
        return -1;
    cuts[count++] = 0;
    while (next_separator(data, len, pos, &s, &e)) {
        if (count + 2 > cap) {
            size_t *grown = realloc(cuts, cap * 2 * sizeof *cuts);
            if (!grown) {
                free(cuts);
                return -1;
            }
            cuts = grown;
            cap *= 2;
        }
        size_t cut = before ? s : e;
        if (cut > cuts[count - 1])
            cuts[count++] = cut;
        pos = e;
    }
    if (cuts[count - 1] < len)
        cuts[count++] = len;
    int rc = 0;
    for (size_t i = count - 1; i > 0 && rc == 0; i--)
        rc = write_all(data + cuts[i - 1], cuts[i] - cuts[i - 1]);
    free(cuts);
    return rc;
}

int main(int argc, char **argv)
{
    int i, status = 0, files = 0;
    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--") == 0) {
            i++;
            break;
        }
        if (a[0] != '-' || a[1] == '\0')
            break;
        if (strcmp(a, "--help") == 0) {
            usage();
            return 0;
        }
        if (strcmp(a, "--version") == 0) {
            puts("tac (agentOS) 1.0");
            return 0;
        }
        if (strcmp(a, "--before") == 0) {
            before = 1;
            continue;
        }
        if (strcmp(a, "--regex") == 0) {
            use_regex = 1;
            continue;
        }
        if (strncmp(a, "--separator=", 12) == 0) {
            separator = a + 12;
            continue;
        }
        if (strcmp(a, "--separator") == 0) {
            if (++i == argc) {
                fputs("tac: option '--separator' requires an argument\nTry 'tac --help' for more information.\n", stderr);
                return 1;
            }
            separator = argv[i];
            continue;
        }
        if (a[1] == '-') {
            fprintf(stderr, "tac: unrecognized option '%s'\nTry 'tac --help' for more information.\n", a);
            return 1;
        }
        for (const char *c = a + 1; *c; c++) {
            if (*c == 'b')
                before = 1;
            else if (*c == 'r')
                use_regex = 1;
            else if (*c == 's') {
                if (c[1])
                    separator = c + 1;
                else if (++i < argc)
                    separator = argv[i];
                else {
                    fputs("tac: option requires an argument -- 's'\nTry 'tac --help' for more information.\n", stderr);
                    return 1;
                }
                break;
            } else {
                fprintf(stderr, "tac: invalid option -- '%c'\nTry 'tac --help' for more information.\n", *c);
                return 1;
            }
        }
    }
    if (separator[0] == '\0') {
        fputs("tac: separator cannot be empty\n", stderr);
        return 1;
    }
    if (use_regex) {
        int rc = regcomp(&pattern, separator, 0);
        if (rc != 0) {
            char message[256];
            regerror(rc, &pattern, message, sizeof message);
            fprintf(stderr, "tac: %s\n", message);
            return 1;
        }
    }
    /* wasi-libc resolves relative paths against its own cwd, which starts at /; the shell exports PWD. */
    const char *pwd = getenv("PWD");
    if (pwd && pwd[0] == '/')
        chdir(pwd);
    files = argc - i;
    for (int k = files > 0 ? i : argc - 1; k < argc; k++) {
        const char *name = files > 0 ? argv[k] : "-";
        int stdin_input = strcmp(name, "-") == 0;
        int fd = stdin_input ? 0 : open(name, O_RDONLY);
        if (fd < 0) {
            fprintf(stderr, "tac: failed to open '%s' for reading: %s\n", name, strerror(errno));
            status = 1;
            continue;
        }
        size_t len = 0;
        char *data = read_all(fd, &len);
        if (!stdin_input)
            close(fd);
        if (!data) {
            fprintf(stderr, "tac: %s: read error: %s\n", stdin_input ? "-" : name, strerror(errno));
            status = 1;
            continue;
        }
        if (tac_buffer(data, len) != 0) {
            fprintf(stderr, "tac: write error: %s\n", strerror(errno));
            return 1;
        }
        free(data);
    }
    return status;
}
