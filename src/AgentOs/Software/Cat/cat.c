/* cat for the VM: the published uutils cat classifies each path by its preview1 file type and, built for wasm (not
 * unix), accepts only files, directories and symlinks, so `cat /dev/null`, `cat /dev/stdin` and `cat <(cmd)` failed
 * with "unknown filetype". This one opens and reads whatever the path is, as GNU cat 9.1 does: -A -b -e -E -n -s -t
 * -T -u -v and their long forms, files, stdin and "-". */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int number, number_nonblank, show_ends, show_tabs, show_nonprinting, squeeze_blank;

/* Formatting state carries across files, as GNU cat numbers and squeezes the concatenation. */
static int at_line_start = 1, blank_lines;
static unsigned long line_number;

static char out[65536 + 64];
static size_t out_len;

static void usage(void)
{
    fputs("Usage: cat [OPTION]... [FILE]...\n"
          "Concatenate FILE(s) to standard output.\n\n"
          "With no FILE, or when FILE is -, read standard input.\n\n"
          "  -A, --show-all           equivalent to -vET\n"
          "  -b, --number-nonblank    number nonempty output lines, overrides -n\n"
          "  -e                       equivalent to -vE\n"
          "  -E, --show-ends          display $ at end of each line\n"
          "  -n, --number             number all output lines\n"
          "  -s, --squeeze-blank      suppress repeated empty output lines\n"
          "  -t                       equivalent to -vT\n"
          "  -T, --show-tabs          display TAB characters as ^I\n"
          "  -u                       (ignored)\n"
          "  -v, --show-nonprinting   use ^ and M- notation, except for LFD and TAB\n"
          "      --help        display this help and exit\n"
          "      --version     output version information and exit\n",
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

static int flush_out(void)
{
    int rc = write_all(out, out_len);
    out_len = 0;
    return rc;
}

static void put(char c)
{
    out[out_len++] = c;
}

static void put_number(void)
{
    out_len += (size_t)snprintf(out + out_len, 32, "%6lu\t", ++line_number);
}

/* Appends one input byte with the requested transformations; the buffer always has room for one byte's worth. */
static void format_byte(unsigned char c)
{
    if (at_line_start) {
        if (c == '\n') {
            if (squeeze_blank && blank_lines > 0)
                return;
            blank_lines++;
            if (number && !number_nonblank)
                put_number();
            if (show_ends)
                put('$');
            put('\n');
            return;
        }
        blank_lines = 0;
        if (number || number_nonblank)
            put_number();
        at_line_start = 0;
    }
    if (c == '\n') {
        if (show_ends)
            put('$');
        put('\n');
        at_line_start = 1;
        return;
    }
    if (c == '\t') {
        if (show_tabs) {
            put('^');
            put('I');
        } else {
            put('\t');
        }
        return;
    }
    if (!show_nonprinting) {
        put((char)c);
        return;
    }
    if (c >= 128) {
        put('M');
        put('-');
        c -= 128;
    }
    if (c < 32) {
        put('^');
        put((char)(c + 64));
    } else if (c == 127) {
        put('^');
        put('?');
    } else {
        put((char)c);
    }
}

/* Copies fd to stdout; 0, or -1 after reporting the failure. */
static int cat_fd(int fd, const char *name)
{
    static char in[65536];
    int plain = !(number || number_nonblank || show_ends || show_tabs || show_nonprinting || squeeze_blank);
    for (;;) {
        ssize_t r = read(fd, in, plain ? sizeof in : 8192);
        if (r < 0) {
            if (errno == EINTR)
                continue;
            fprintf(stderr, "cat: %s: %s\n", name, strerror(errno));
            return -1;
        }
        if (r == 0)
            return 0;
        if (plain) {
            if (write_all(in, (size_t)r) != 0)
                goto write_error;
            continue;
        }
        /* One byte adds at most 26 output bytes (a line number, M-^X), within the buffer's 64-byte margin. */
        for (ssize_t i = 0; i < r; i++) {
            format_byte((unsigned char)in[i]);
            if (out_len >= 65536 && flush_out() != 0)
                goto write_error;
        }
        /* Output keeps pace with input, so `cmd | cat -n` shows each line as it arrives. */
        if (flush_out() != 0)
            goto write_error;
    }
write_error:
    fprintf(stderr, "cat: write error: %s\n", strerror(errno));
    exit(1);
}

static const struct {
    const char *name;
    char letter;
} long_options[] = {
    {"show-all", 'A'}, {"number-nonblank", 'b'}, {"show-ends", 'E'}, {"number", 'n'}, {"squeeze-blank", 's'},
    {"show-tabs", 'T'}, {"show-nonprinting", 'v'}, {"help", 'h'}, {"version", 'V'},
};

static int set_option(char letter)
{
    switch (letter) {
    case 'A':
        show_nonprinting = show_ends = show_tabs = 1;
        return 0;
    case 'b':
        number_nonblank = number = 1;
        return 0;
    case 'e':
        show_nonprinting = show_ends = 1;
        return 0;
    case 'E':
        show_ends = 1;
        return 0;
    case 'n':
        number = 1;
        return 0;
    case 's':
        squeeze_blank = 1;
        return 0;
    case 't':
        show_nonprinting = show_tabs = 1;
        return 0;
    case 'T':
        show_tabs = 1;
        return 0;
    case 'u':
        return 0;
    case 'v':
        show_nonprinting = 1;
        return 0;
    case 'h':
        usage();
        exit(0);
    case 'V':
        puts("cat (agentOS) 1.0");
        exit(0);
    default:
        return -1;
    }
}

/* A long option by its full name or an unambiguous prefix, as getopt_long accepts. */
static int long_option(const char *arg)
{
    size_t n = strlen(arg);
    int found = -1, matches = 0;
    for (size_t k = 0; k < sizeof long_options / sizeof long_options[0]; k++) {
        if (strcmp(long_options[k].name, arg) == 0)
            return set_option(long_options[k].letter);
        if (strncmp(long_options[k].name, arg, n) == 0) {
            found = (int)k;
            matches++;
        }
    }
    if (matches == 1)
        return set_option(long_options[found].letter);
    fprintf(stderr, matches > 1 ? "cat: option '--%s' is ambiguous\n" : "cat: unrecognized option '--%s'\n", arg);
    return -1;
}

int main(int argc, char **argv)
{
    /* GNU getopt permutes: options may follow file names until "--". */
    char **files = calloc((size_t)argc + 1, sizeof *files);
    int file_count = 0, options_done = 0, status = 0;
    if (!files)
        return 1;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (options_done || a[0] != '-' || a[1] == '\0') {
            files[file_count++] = argv[i];
            continue;
        }
        if (strcmp(a, "--") == 0) {
            options_done = 1;
            continue;
        }
        if (a[1] == '-') {
            if (long_option(a + 2) != 0) {
                fputs("Try 'cat --help' for more information.\n", stderr);
                return 1;
            }
            continue;
        }
        for (const char *c = a + 1; *c; c++) {
            if (*c == 'h' || *c == 'V' || set_option(*c) != 0) {
                fprintf(stderr, "cat: invalid option -- '%c'\nTry 'cat --help' for more information.\n", *c);
                return 1;
            }
        }
    }
    if (file_count == 0)
        files[file_count++] = "-";
    /* wasi-libc resolves relative paths against its own cwd, which starts at /; the shell exports PWD. */
    const char *pwd = getenv("PWD");
    if (pwd && pwd[0] == '/')
        chdir(pwd);
    for (int k = 0; k < file_count; k++) {
        const char *name = files[k];
        int stdin_input = strcmp(name, "-") == 0;
        int fd = stdin_input ? 0 : open(name, O_RDONLY);
        if (fd < 0) {
            fprintf(stderr, "cat: %s: %s\n", name, strerror(errno));
            status = 1;
            continue;
        }
        struct stat st;
        if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
            fprintf(stderr, "cat: %s: Is a directory\n", name);
            status = 1;
        } else if (cat_fd(fd, name) != 0) {
            status = 1;
        }
        if (!stdin_input)
            close(fd);
    }
    return status;
}
