/* mkfifo for the VM: the published coreutils has none. FIFOs come from the agentOS host call host_fs.path_mknod
 * (wasi-libc has no mknod), which also makes this an agentOS program rather than a plain WASI one; it uses no libc
 * path calls, so the hidden preopen does not matter. Follows GNU mkfifo 9.1: -m MODE (octal), --mode=MODE. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define S_IFIFO_BITS 0010000

/* (fd, path, len, mode, dev) → WASI errno; fd -1 resolves a relative path against the process's cwd. */
__attribute__((import_module("host_fs"), import_name("path_mknod")))
int32_t host_path_mknod(int32_t fd, const char *path, int32_t len, int32_t mode, int64_t dev);

__attribute__((import_module("host_fs"), import_name("chmod")))
int32_t host_chmod(int32_t fd, const char *path, int32_t len, int32_t mode);

static void usage(void)
{
    fputs("Usage: mkfifo [OPTION]... NAME...\n"
          "Create named pipes (FIFOs) with the given NAMEs.\n\n"
          "  -m, --mode=MODE    set file permission bits to MODE, not a=rw - umask\n"
          "      --help        display this help and exit\n",
          stdout);
}

/* Octal only (strtol would pull in compiler-rt, which Debian does not ship for wasm32). */
static int parse_mode(const char *text, int *mode)
{
    int value = 0;
    const char *c = text;
    for (; *c >= '0' && *c <= '7' && value <= 07777; c++)
        value = value * 8 + (*c - '0');
    if (c == text || *c != '\0' || value > 07777) {
        fprintf(stderr, "mkfifo: invalid mode '%s'\n", text);
        return -1;
    }
    *mode = value;
    return 0;
}

int main(int argc, char **argv)
{
    int mode = -1, status = 0, i, names = 0;
    char **files = calloc((size_t)argc + 1, sizeof *files);
    if (!files)
        return 1;
    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--") == 0) {
            while (++i < argc)
                files[names++] = argv[i];
            break;
        }
        if (strcmp(a, "--help") == 0) {
            usage();
            return 0;
        }
        if (strncmp(a, "--mode=", 7) == 0 || strcmp(a, "--mode") == 0 || strncmp(a, "-m", 2) == 0) {
            const char *value = a[1] == '-' ? (a[6] == '=' ? a + 7 : NULL) : (a[2] ? a + 2 : NULL);
            if (!value && ++i < argc)
                value = argv[i];
            if (!value) {
                fputs("mkfifo: option requires an argument -- 'm'\nTry 'mkfifo --help' for more information.\n", stderr);
                return 1;
            }
            if (parse_mode(value, &mode) != 0)
                return 1;
            continue;
        }
        if (a[0] == '-' && a[1] != '\0') {
            fprintf(stderr, "mkfifo: invalid option -- '%s'\nTry 'mkfifo --help' for more information.\n", a + 1);
            return 1;
        }
        files[names++] = argv[i];
    }
    if (names == 0) {
        fputs("mkfifo: missing operand\nTry 'mkfifo --help' for more information.\n", stderr);
        return 1;
    }
    for (int k = 0; k < names; k++) {
        const char *name = files[k];
        int32_t len = (int32_t)strlen(name);
        int32_t err = host_path_mknod(-1, name, len, S_IFIFO_BITS | 0666, 0);
        /* -m sets the bits exactly, past the umask, as GNU does with a chmod after creating. */
        if (err == 0 && mode >= 0)
            err = host_chmod(-1, name, len, mode);
        if (err != 0) {
            fprintf(stderr, "mkfifo: cannot create fifo '%s': %s\n", name, strerror(err));
            status = 1;
        }
    }
    return status;
}
