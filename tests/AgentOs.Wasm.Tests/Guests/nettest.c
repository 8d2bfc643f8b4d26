/* Test guest for the host_net ABI: one binary, one scenario per argv[1]. Exit status = 0 or a WASI errno. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <wasi/api.h>
#include "host_net.h"

#define CHECK(call) do { int32_t e_ = (call); if (e_ != 0) { fprintf(stderr, "%s: errno %d\n", #call, e_); exit(e_); } } while (0)

static char addr_buf[64];

static const char *loopback(const char *port) {
    snprintf(addr_buf, sizeof addr_buf, "127.0.0.1:%s", port);
    return addr_buf;
}

static int listen_on(const char *addr) {
    uint32_t fd;
    CHECK(hn_socket(HN_AF_INET, HN_SOCK_STREAM, 0, &fd));
    CHECK(hn_bind(fd, addr, strlen(addr)));
    CHECK(hn_listen(fd, 16));
    return fd;
}

static int accept_one(int listener) {
    uint32_t fd, len = sizeof addr_buf;
    CHECK(hn_accept(listener, &fd, addr_buf, &len));
    return fd;
}

static int connect_to(const char *addr) {
    uint32_t fd;
    CHECK(hn_socket(HN_AF_INET, HN_SOCK_STREAM, 0, &fd));
    CHECK(hn_connect(fd, addr, strlen(addr)));
    return fd;
}

static void send_all(int fd, const void *data, uint32_t len) {
    const char *p = data;
    while (len > 0) {
        uint32_t sent;
        CHECK(hn_send(fd, p, len, HN_MSG_NOSIGNAL, &sent));
        p += sent;
        len -= sent;
    }
}

/* FNV-1a over a stream. */
static uint32_t fnv(uint32_t h, const unsigned char *p, uint32_t n) {
    while (n--) { h ^= *p++; h *= 16777619u; }
    return h;
}

static unsigned char pattern(uint32_t i) { return (unsigned char)(i * 31u + (i >> 8)); }

/* echo-server PORT N: accepts N connections one after another and echoes each until EOF. */
static int echo_server(const char *port, int n) {
    int listener = listen_on(loopback(port));
    printf("listening\n");
    fflush(stdout);
    for (int c = 0; c < n; c++) {
        int fd = accept_one(listener);
        char buf[512];
        for (;;) {
            uint32_t got;
            CHECK(hn_recv(fd, buf, sizeof buf, 0, &got));
            if (got == 0) break;
            send_all(fd, buf, got);
        }
        hn_close(fd);
    }
    return 0;
}

/* echo-client PORT MESSAGE: sends MESSAGE, reads the echo with MSG_WAITALL, prints it. */
static int echo_client(const char *port, const char *message) {
    int fd = connect_to(loopback(port));
    uint32_t len = strlen(message), got;
    send_all(fd, message, len);
    char buf[512] = {0};
    CHECK(hn_recv(fd, buf, len, HN_MSG_WAITALL, &got));
    char peer[64] = {0};
    uint32_t plen = sizeof peer - 1;
    CHECK(hn_getpeername(fd, peer, &plen));
    printf("echo:%.*s peer:%s\n", (int)got, buf, peer);
    hn_close(fd);
    return 0;
}

/* client ADDR MESSAGE: like echo-client but to any address text (host:port); prints the echo or the errno. */
static int client(const char *addr, const char *message) {
    uint32_t fd, len = strlen(message), got;
    CHECK(hn_socket(HN_AF_INET, HN_SOCK_STREAM, 0, &fd));
    int32_t e = hn_connect(fd, addr, strlen(addr));
    if (e != 0) {
        printf("connect errno %d\n", e);
        return 0;
    }
    send_all(fd, message, len);
    char buf[512] = {0};
    CHECK(hn_recv(fd, buf, len, HN_MSG_WAITALL, &got));
    printf("echo:%.*s\n", (int)got, buf);
    hn_close(fd);
    return 0;
}

/* udp: two datagram sockets in one process exchange a request and a reply. */
static int udp(void) {
    uint32_t server, client, n;
    CHECK(hn_socket(HN_AF_INET, HN_SOCK_DGRAM, 0, &server));
    CHECK(hn_socket(HN_AF_INET, HN_SOCK_DGRAM, 0, &client));
    const char *at = "127.0.0.1:5300";
    CHECK(hn_bind(server, at, strlen(at)));
    CHECK(hn_sendto(client, "ping", 4, 0, at, strlen(at), &n));
    char buf[64] = {0}, from[64] = {0};
    uint32_t flen = sizeof from - 1;
    CHECK(hn_recvfrom(server, buf, sizeof buf, 0, &n, from, &flen));
    CHECK(hn_sendto(server, "pong", 4, 0, from, flen, &n));
    char reply[64] = {0}, rfrom[64] = {0};
    uint32_t rlen = sizeof rfrom - 1;
    CHECK(hn_recvfrom(client, reply, sizeof reply, 0, &n, rfrom, &rlen));
    printf("server got %s, client got %s from %s\n", buf, reply, rfrom);
    return 0;
}

/* unix: a Unix-domain stream listener and client in one process. */
static int unix_socket(void) {
    uint32_t listener, client, server, n;
    const char *path = "unix:/tmp/guest.sock";
    CHECK(hn_socket(HN_AF_UNIX, HN_SOCK_STREAM, 0, &listener));
    CHECK(hn_bind(listener, path, strlen(path)));
    CHECK(hn_listen(listener, 1));
    CHECK(hn_socket(HN_AF_UNIX, HN_SOCK_STREAM, 0, &client));
    CHECK(hn_connect(client, path, strlen(path)));
    server = accept_one(listener);
    send_all(client, "via unix", 8);
    char buf[32] = {0};
    CHECK(hn_recv(server, buf, sizeof buf, 0, &n));
    char name[64] = {0};
    uint32_t len = sizeof name - 1;
    CHECK(hn_getsockname(server, name, &len));
    printf("%s at %s\n", buf, name);
    return 0;
}

/* scm-rights: passes a pipe's write end over a socketpair of each kind to itself and writes through the received fd. */
static int scm_rights(void) {
    for (uint32_t kind = HP_SOCKETPAIR_STREAM; kind <= HP_SOCKETPAIR_SEQPACKET; kind++) {
        uint32_t a, b, pr, pw, sent, n, rights_len, msg_flags, rights[4];
        CHECK(hp_socketpair(kind, 0, 0, &a, &b));
        CHECK(hp_pipe(&pr, &pw));
        CHECK(hp_sendmsg_rights(a, "fd!", 3, &pw, 1, 0, &sent));
        close((int)pw);
        char msg[8] = {0};
        CHECK(hp_recvmsg_rights(b, msg, 2, rights, 4, 0, &n, &rights_len, &msg_flags));
        if (rights_len != 1) return 100;
        const char *text = "through passed fd";
        if (write((int)rights[0], text, strlen(text)) != (ssize_t)strlen(text)) return 101;
        close((int)rights[0]);
        char buf[32] = {0};
        ssize_t got = read((int)pr, buf, sizeof buf - 1);
        ssize_t eof = read((int)pr, buf + got, 1);
        printf("kind %u: got %u of %u bytes \"%s\", truncated %u, pipe says \"%s\", then %d\n",
            kind, n, msg_flags >> 2, msg, msg_flags & 1, buf, (int)eof);
        close((int)pr);
        close((int)a);
        close((int)b);
    }
    return 0;
}

/* unix-bind: binds a Unix socket at a path and exits; the node stays (the test stats it through the kernel). */
static int unix_bind(void) {
    uint32_t fd;
    const char *path = "unix:/tmp/stat.sock";
    CHECK(hn_socket(HN_AF_UNIX, HN_SOCK_STREAM, 0, &fd));
    CHECK(hn_bind(fd, path, strlen(path)));
    char name[64] = {0};
    uint32_t len = sizeof name - 1;
    CHECK(hn_getsockname(fd, name, &len));
    printf("bound %s\n", name);
    return 0;
}

/* bomb: opens sockets until failure, prints how many and the errno, then checks one more fits after a close. */
static int bomb(void) {
    uint32_t fd, last = 0;
    int count = 0;
    int32_t e;
    while ((e = hn_socket(HN_AF_INET, HN_SOCK_STREAM, 0, &fd)) == 0) { count++; last = fd; }
    printf("opened %d errno %d\n", count, e);
    CHECK(hn_close(last));
    CHECK(hn_socket(HN_AF_INET, HN_SOCK_STREAM, 0, &fd));
    printf("reopened\n");
    return 0;
}

/* writer PORT BYTES: connects and sends BYTES pattern bytes in 64 KiB writes, prints the checksum. */
static int writer(const char *port, uint32_t total) {
    int fd = connect_to(loopback(port));
    static unsigned char chunk[65536];
    uint32_t h = 2166136261u;
    for (uint32_t off = 0; off < total;) {
        uint32_t n = total - off < sizeof chunk ? total - off : sizeof chunk;
        for (uint32_t i = 0; i < n; i++) chunk[i] = pattern(off + i);
        h = fnv(h, chunk, n);
        send_all(fd, chunk, n);
        off += n;
    }
    hn_close(fd);
    printf("sent %u sum %08x\n", total, h);
    return 0;
}

/* slow-reader PORT: accepts one connection and reads it in small pieces until EOF, prints count and checksum. */
static int slow_reader(const char *port) {
    int listener = listen_on(loopback(port));
    printf("listening\n");
    fflush(stdout);
    int fd = accept_one(listener);
    unsigned char buf[100];
    uint32_t h = 2166136261u, total = 0, got;
    do {
        CHECK(hn_recv(fd, buf, sizeof buf, 0, &got));
        h = fnv(h, buf, got);
        total += got;
    } while (got > 0);
    printf("received %u sum %08x\n", total, h);
    return 0;
}

/* external: connect to a public address; the default policy denies it. Prints the errno. */
static int external(void) {
    uint32_t fd;
    CHECK(hn_socket(HN_AF_INET, HN_SOCK_STREAM, 0, &fd));
    const char *to = "93.184.216.34:80";
    printf("connect errno %d\n", hn_connect(fd, to, strlen(to)));
    return 0;
}

/* resolve NAME: prints the getaddrinfo JSON or the errno. */
static int resolve(const char *name) {
    char out[4096];
    uint32_t len = sizeof out - 1;
    int32_t e = hn_getaddrinfo(name, strlen(name), "", 0, 0, out, &len);
    if (e != 0) printf("resolve errno %d\n", e);
    else printf("%.*s\n", (int)len, out);
    return 0;
}

/* udpclient HOST:PORT MSG: sends MSG in one datagram, prints the reply or the errno. */
static int udpclient(const char *addr, const char *message) {
    uint32_t fd, n;
    CHECK(hn_socket(HN_AF_INET, HN_SOCK_DGRAM, 0, &fd));
    int32_t e = hn_sendto(fd, message, strlen(message), 0, addr, strlen(addr), &n);
    if (e != 0) {
        printf("sendto errno %d\n", e);
        return 0;
    }
    char buf[512] = {0}, from[64] = {0};
    uint32_t flen = sizeof from - 1;
    CHECK(hn_recvfrom(fd, buf, sizeof buf - 1, 0, &n, from, &flen));
    printf("reply:%.*s\n", (int)n, buf);
    return 0;
}

/* sink PORT: accepts connections forever, draining each until EOF (benchmark server). */
static int sink(const char *port) {
    int listener = listen_on(loopback(port));
    printf("listening\n");
    fflush(stdout);
    static unsigned char buf[65536];
    for (;;) {
        int fd = accept_one(listener);
        uint32_t got;
        do { CHECK(hn_recv(fd, buf, sizeof buf, 0, &got)); } while (got > 0);
        hn_close(fd);
    }
}

/* connects PORT N: opens and closes N connections (benchmark client). */
static int connects(const char *port, int n) {
    for (int i = 0; i < n; i++) hn_close(connect_to(loopback(port)));
    printf("connected %d\n", n);
    return 0;
}

/* acceptor PORT: accepts connections forever and closes each at once (benchmark server for handshakes). */
static int acceptor(const char *port) {
    int listener = listen_on(loopback(port));
    printf("listening\n");
    fflush(stdout);
    for (;;) hn_close(accept_one(listener));
}

/* idle-poll PORT: an infinite net_poll on a listener nobody connects to (ends at maxBlockingReadMs). */
static int idle_poll(const char *port) {
    struct { int32_t fd; uint16_t events, revents; } entry = { listen_on(loopback(port)), 1, 0 };
    uint32_t ready = 99;
    int32_t e = hn_poll(&entry, 1, -1, &ready);
    printf("poll errno %d ready %u\n", e, ready);
    return 0;
}

static uint64_t micros(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return ((uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec) / 1000u;
}

/* handshakes PORT N: N times connect, wait for the acceptor's close (EOF), close (benchmark client); prints the
 * microseconds taken. */
static int handshakes(const char *port, int n) {
    char b;
    uint32_t got;
    uint64_t t0 = micros();
    for (int i = 0; i < n; i++) {
        int fd = connect_to(loopback(port));
        CHECK(hn_recv(fd, &b, 1, 0, &got));
        hn_close(fd);
    }
    printf("%llu\n", (unsigned long long)(micros() - t0));
    return 0;
}

/* blast PORT MIB: connects and sends MIB MiB in 64 KiB sends without touching the bytes (benchmark client);
 * prints the microseconds from connect to the last send. */
static int blast(const char *port, uint32_t mib) {
    static unsigned char chunk[65536];
    uint64_t t0 = micros();
    int fd = connect_to(loopback(port));
    for (uint32_t i = 0; i < mib * 16; i++) send_all(fd, chunk, sizeof chunk);
    uint64_t us = micros() - t0;
    hn_close(fd);
    printf("%llu\n", (unsigned long long)us);
    return 0;
}

/* tls-echo ADDR SNI: connects, upgrades to TLS for SNI, sends "hello tls\n" and prints the echo. Exit status: 0, or the
 * errno of the first call that failed. */
static int tls_echo(const char *addr, const char *sni) {
    uint32_t fd, got;
    CHECK(hn_socket(HN_AF_INET, HN_SOCK_STREAM, 0, &fd));
    CHECK(hn_connect(fd, addr, strlen(addr)));
    CHECK(hn_tls_connect(fd, sni, strlen(sni)));
    send_all(fd, "hello tls\n", 10);
    char buf[64] = {0};
    CHECK(hn_recv(fd, buf, 15, HN_MSG_WAITALL, &got));
    printf("%.*s", (int)got, buf);
    hn_close(fd);
    return 0;
}

/* tls-loopback PORT: net_tls_connect on an in-VM loopback connection (to its own listener); exit status = its errno. */
static int tls_loopback(const char *port) {
    int listener = listen_on(loopback(port));
    int fd = connect_to(loopback(port));
    int32_t e = hn_tls_connect(fd, "localhost", 9);
    hn_close(fd);
    hn_close(listener);
    return e;
}

/* tls-unconnected: net_tls_connect on a fresh socket; exit status = its errno. */
static int tls_unconnected(void) {
    uint32_t fd;
    CHECK(hn_socket(HN_AF_INET, HN_SOCK_STREAM, 0, &fd));
    return hn_tls_connect(fd, "localhost", 9);
}

/* dnsrr NAME TYPE CAP: net_dns_query_rr_v1 into a CAP-byte buffer; prints count, length, ttl, flags and each
 * record in hex, or the errno, the reported length and whether anything else was written. */
static int dnsrr(const char *name, int32_t type, uint32_t cap) {
    static unsigned char out[65536];
    uint32_t len = 0xFFFFFFFFu, ttl = 0xFFFFFFFFu, flags = 0xFFFFFFFFu;
    if (cap > sizeof out) cap = sizeof out;
    memset(out, 0xAA, sizeof out);
    int32_t e = hn_dns_query_rr(name, strlen(name), type, out, cap, &len, &ttl, &flags);
    if (e != 0) {
        int touched = ttl != 0xFFFFFFFFu || flags != 0xFFFFFFFFu;
        for (uint32_t i = 0; i < cap; i++) touched |= out[i] != 0xAA;
        printf("dnsrr errno %d len %u %s\n", e, (unsigned)len, touched ? "touched" : "untouched");
        return 0;
    }
    uint32_t count, at = 4;
    memcpy(&count, out, 4);
    printf("count %u len %u ttl %u flags %u\n", (unsigned)count, (unsigned)len, (unsigned)ttl, (unsigned)flags);
    for (uint32_t r = 0; r < count; r++) {
        uint32_t n;
        memcpy(&n, out + at, 4);
        at += 4;
        printf("rr %u ", (unsigned)n);
        for (uint32_t i = 0; i < n; i++) printf("%02x", out[at + i]);
        printf("\n");
        at += n;
    }
    return 0;
}

/* unix-dgram: a datagram server bound at /tmp/dgram.sock answers a client bound at /tmp/client.sock at the
 * address recvfrom reported. */
static int unix_dgram(void) {
    uint32_t server, client, n;
    const char *at = "unix:/tmp/dgram.sock", *mine = "unix:/tmp/client.sock";
    CHECK(hn_socket(HN_AF_UNIX, HN_SOCK_DGRAM, 0, &server));
    CHECK(hn_bind(server, at, strlen(at)));
    CHECK(hn_socket(HN_AF_UNIX, HN_SOCK_DGRAM, 0, &client));
    CHECK(hn_bind(client, mine, strlen(mine)));
    __wasi_fdstat_t st;
    CHECK(__wasi_fd_fdstat_get(server, &st));
    CHECK(hn_sendto(client, "ping", 4, 0, at, strlen(at), &n));
    char buf[64] = {0}, from[128] = {0};
    uint32_t flen = sizeof from - 1;
    CHECK(hn_recvfrom(server, buf, sizeof buf, 0, &n, from, &flen));
    printf("server got %s from %s\n", buf, from);
    CHECK(hn_sendto(server, "pong", 4, 0, from, flen, &n));
    char reply[64] = {0}, rfrom[128] = {0};
    uint32_t rlen = sizeof rfrom - 1;
    CHECK(hn_recvfrom(client, reply, sizeof reply, 0, &n, rfrom, &rlen));
    printf("client got %s from %s, filetype %u\n", reply, rfrom, (unsigned)st.fs_filetype);
    hn_close(client);
    hn_close(server);
    return 0;
}

/* Decimal parse without libc's strtol (which needs compiler-rt builtins Debian does not ship for wasm32). */
static uint32_t num(const char *s) {
    uint32_t v = 0;
    while (*s >= '0' && *s <= '9') v = v * 10 + (uint32_t)(*s++ - '0');
    return v;
}

int main(int argc, char **argv) {
    if (argc < 2) return 28;
    const char *m = argv[1];
    if (!strcmp(m, "echo-server") && argc == 4) return echo_server(argv[2], (int)num(argv[3]));
    if (!strcmp(m, "echo-client") && argc == 4) return echo_client(argv[2], argv[3]);
    if (!strcmp(m, "client") && argc == 4) return client(argv[2], argv[3]);
    if (!strcmp(m, "udp")) return udp();
    if (!strcmp(m, "unix")) return unix_socket();
    if (!strcmp(m, "bomb")) return bomb();
    if (!strcmp(m, "writer") && argc == 4) return writer(argv[2], num(argv[3]));
    if (!strcmp(m, "slow-reader") && argc == 3) return slow_reader(argv[2]);
    if (!strcmp(m, "external")) return external();
    if (!strcmp(m, "resolve") && argc == 3) return resolve(argv[2]);
    if (!strcmp(m, "udpclient") && argc == 4) return udpclient(argv[2], argv[3]);
    if (!strcmp(m, "sink") && argc == 3) return sink(argv[2]);
    if (!strcmp(m, "acceptor") && argc == 3) return acceptor(argv[2]);
    if (!strcmp(m, "idle-poll") && argc == 3) return idle_poll(argv[2]);
    if (!strcmp(m, "handshakes") && argc == 4) return handshakes(argv[2], (int)num(argv[3]));
    if (!strcmp(m, "blast") && argc == 4) return blast(argv[2], num(argv[3]));
    if (!strcmp(m, "connects") && argc == 4) return connects(argv[2], (int)num(argv[3]));
    if (!strcmp(m, "tls-echo") && argc == 4) return tls_echo(argv[2], argv[3]);
    if (!strcmp(m, "tls-loopback") && argc == 3) return tls_loopback(argv[2]);
    if (!strcmp(m, "tls-unconnected")) return tls_unconnected();
    if (!strcmp(m, "dnsrr") && argc == 5) return dnsrr(argv[2], (int32_t)num(argv[3]), num(argv[4]));
    if (!strcmp(m, "scm-rights")) return scm_rights();
    if (!strcmp(m, "unix-bind")) return unix_bind();
    if (!strcmp(m, "unix-dgram")) return unix_dgram();
    return 28;
}
