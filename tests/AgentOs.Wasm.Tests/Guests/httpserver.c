/* A small HTTP/1.1 test server over the host_net ABI. Usage: httpserver PORT N — serves N connections, one request
 * each, then exits (N = 0: forever). GET /hello → 200 with a fixed body and Content-Length; GET /chunked → the
 * same body in chunked coding; GET /eof → the body delimited by closing the connection; POST /echo → the request
 * body back; anything else → 404. */
#include <stdio.h>
#include <string.h>
#include "host_net.h"

#define HELLO "hello from the guest\n"

static char req[16384];

static void send_all(int fd, const void *data, uint32_t len) {
    const char *p = data;
    while (len > 0) {
        uint32_t sent;
        if (hn_send(fd, p, len, HN_MSG_NOSIGNAL, &sent) != 0) return;
        p += sent;
        len -= sent;
    }
}

static void send_str(int fd, const char *s) { send_all(fd, s, strlen(s)); }

static uint32_t num(const char *s) {
    uint32_t v = 0;
    while (*s >= '0' && *s <= '9') v = v * 10 + (uint32_t)(*s++ - '0');
    return v;
}

/* Case-insensitive search for a header's value in the request head; returns a pointer after "Name:" or NULL. */
static const char *header(const char *head, const char *name) {
    size_t n = strlen(name);
    for (const char *p = strstr(head, "\r\n"); p; p = strstr(p + 2, "\r\n")) {
        const char *line = p + 2;
        size_t i = 0;
        while (i < n && line[i] && ((line[i] | 32) == (name[i] | 32))) i++;
        if (i == n && line[n] == ':') {
            line += n + 1;
            while (*line == ' ') line++;
            return line;
        }
    }
    return NULL;
}

static void serve(int fd) {
    uint32_t used = 0, got;
    char *end = NULL;
    while (!end && used < sizeof req - 1) {
        if (hn_recv(fd, req + used, sizeof req - 1 - used, 0, &got) != 0 || got == 0) return;
        used += got;
        req[used] = 0;
        end = strstr(req, "\r\n\r\n");
    }
    if (!end) return;
    char out[512];
    if (!strncmp(req, "GET /hello ", 11)) {
        snprintf(out, sizeof out, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nX-Guest: httpserver\r\nContent-Length: %u\r\n\r\n%s",
                 (unsigned)strlen(HELLO), HELLO);
        send_str(fd, out);
    } else if (!strncmp(req, "GET /chunked ", 13)) {
        send_str(fd, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n6\r\nhello \r\nf;ext=1\r\nfrom the guest\n\r\n0\r\nX-Trailer: t\r\n\r\n");
    } else if (!strncmp(req, "GET /eof ", 9)) {
        send_str(fd, "HTTP/1.0 200 OK\r\n\r\n" HELLO);
    } else if (!strncmp(req, "POST /echo ", 11)) {
        const char *cl = header(req, "Content-Length");
        uint32_t want = cl ? num(cl) : 0, have = used - (uint32_t)(end + 4 - req);
        static char body[65536];
        if (want > sizeof body) want = sizeof body;
        memcpy(body, end + 4, have < want ? have : want);
        while (have < want) {
            if (hn_recv(fd, body + have, want - have, 0, &got) != 0 || got == 0) return;
            have += got;
        }
        snprintf(out, sizeof out, "HTTP/1.1 201 Created\r\nContent-Length: %u\r\n\r\n", (unsigned)want);
        send_str(fd, out);
        send_all(fd, body, want);
    } else {
        send_str(fd, "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n");
    }
}

int main(int argc, char **argv) {
    if (argc != 3) return 28;
    char addr[32];
    snprintf(addr, sizeof addr, "127.0.0.1:%s", argv[1]);
    uint32_t listener, fd, len;
    if (hn_socket(HN_AF_INET, HN_SOCK_STREAM, 0, &listener) || hn_bind(listener, addr, strlen(addr)) || hn_listen(listener, 16)) return 1;
    printf("listening\n");
    fflush(stdout);
    uint32_t n = num(argv[2]);
    for (uint32_t c = 0; n == 0 || c < n; c++) {
        char peer[64];
        len = sizeof peer;
        if (hn_accept(listener, &fd, peer, &len) != 0) return 2;
        serve(fd);
        hn_close(fd);
    }
    return 0;
}
