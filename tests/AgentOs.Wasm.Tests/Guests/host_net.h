/* The agentOS host_net imports (spec §2.8), declared by hand: Debian's wasi-libc has no socket layer. */
#ifndef AGENTOS_HOST_NET_H
#define AGENTOS_HOST_NET_H
#include <stdint.h>

#define HN_IMPORT(name) __attribute__((import_module("host_net"), import_name(#name)))

#define HN_AF_INET 1
#define HN_AF_UNIX 3
#define HN_SOCK_DGRAM 5
#define HN_SOCK_STREAM 6
#define HN_SOCK_NONBLOCK 0x4000
#define HN_MSG_DONTWAIT 0x40
#define HN_MSG_WAITALL 0x100
#define HN_MSG_NOSIGNAL 0x4000

HN_IMPORT(net_socket) int32_t hn_socket(int32_t domain, int32_t type, int32_t protocol, uint32_t *fd);
HN_IMPORT(net_bind) int32_t hn_bind(int32_t fd, const char *addr, uint32_t len);
HN_IMPORT(net_listen) int32_t hn_listen(int32_t fd, int32_t backlog);
HN_IMPORT(net_accept) int32_t hn_accept(int32_t fd, uint32_t *newfd, char *addr, uint32_t *len);
HN_IMPORT(net_connect) int32_t hn_connect(int32_t fd, const char *addr, uint32_t len);
HN_IMPORT(net_send) int32_t hn_send(int32_t fd, const void *buf, uint32_t len, int32_t flags, uint32_t *sent);
HN_IMPORT(net_recv) int32_t hn_recv(int32_t fd, void *buf, uint32_t len, int32_t flags, uint32_t *received);
HN_IMPORT(net_sendto) int32_t hn_sendto(int32_t fd, const void *buf, uint32_t len, int32_t flags, const char *addr, uint32_t addr_len, uint32_t *sent);
HN_IMPORT(net_recvfrom) int32_t hn_recvfrom(int32_t fd, void *buf, uint32_t len, int32_t flags, uint32_t *received, char *addr, uint32_t *addr_len);
HN_IMPORT(net_getsockname) int32_t hn_getsockname(int32_t fd, char *buf, uint32_t *len);
HN_IMPORT(net_getpeername) int32_t hn_getpeername(int32_t fd, char *buf, uint32_t *len);
HN_IMPORT(net_close) int32_t hn_close(int32_t fd);
HN_IMPORT(net_getaddrinfo) int32_t hn_getaddrinfo(const char *host, uint32_t host_len, const char *serv, uint32_t serv_len, int32_t family, char *out, uint32_t *out_len);
HN_IMPORT(net_tls_connect) int32_t hn_tls_connect(int32_t fd, const char *host, uint32_t host_len);
HN_IMPORT(net_dns_query_rr_v1) int32_t hn_dns_query_rr(const char *name, uint32_t name_len, int32_t rrtype, void *out, uint32_t cap, uint32_t *len_out, uint32_t *ttl_out, uint32_t *flags_out);
HN_IMPORT(net_poll) int32_t hn_poll(void *fds, uint32_t nfds, int32_t timeout_ms, uint32_t *ready);

/* Kernel Unix sockets and SCM_RIGHTS (spec §2.8.10), in host_process. */
#define HP_IMPORT(name) __attribute__((import_module("host_process"), import_name(#name)))
#define HP_SOCKETPAIR_STREAM 1
#define HP_SOCKETPAIR_DGRAM 2
#define HP_SOCKETPAIR_SEQPACKET 3
HP_IMPORT(fd_pipe) int32_t hp_pipe(uint32_t *read_fd, uint32_t *write_fd);
HP_IMPORT(fd_socketpair) int32_t hp_socketpair(uint32_t kind, uint32_t nonblock, uint32_t cloexec, uint32_t *fd0, uint32_t *fd1);
HP_IMPORT(fd_sendmsg_rights) int32_t hp_sendmsg_rights(uint32_t fd, const void *data, uint32_t len, const uint32_t *rights, uint32_t rights_len, uint32_t flags, uint32_t *sent);
HP_IMPORT(fd_recvmsg_rights) int32_t hp_recvmsg_rights(uint32_t fd, void *data, uint32_t cap, uint32_t *rights, uint32_t rights_cap, uint32_t flags, uint32_t *received, uint32_t *rights_len, uint32_t *msg_flags);

#endif
