/* AgentOs: what wasi-libc lacks for awk (wasm32-wasip1 has no processes). Not part of the upstream sources. */
#include <stdio.h>
#include <stdlib.h>
#include "awk.h"

/* print | "cmd" and "cmd" | getline: a fatal error (exit status 2), as for any other file that cannot be opened. */
FILE *popen(const char *cmd, const char *mode)
{
	(void)mode;
	FATAL("pipes are not supported in this VM: cannot run \"%s\"", cmd);
}

/* Never called: popen never returns a stream. */
int pclose(FILE *fp)
{
	(void)fp;
	return -1;
}

/* system(""), which scripts call to flush their output, succeeds; any command is a fatal error like a pipe. */
int system(const char *cmd)
{
	if (cmd == NULL || *cmd == '\0')
		return 0;
	FATAL("system() is not supported in this VM: cannot run \"%s\"", cmd);
}

/* The 128-bit multiply that wasi-libc's strtol family (intscan.c) calls; Debian ships no compiler-rt builtins for
   wasm32. Little-endian halves, each product built from 32-bit parts so the compiler emits no call to itself. */
typedef unsigned long long u64;
typedef union {
	__int128 all;
	struct { u64 low, high; } s;
} ti;

static ti mul_64x64(u64 a, u64 b)
{
	const u64 mask = 0xffffffffULL;
	u64 a0 = a & mask, a1 = a >> 32, b0 = b & mask, b1 = b >> 32;
	u64 p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
	u64 mid = (p00 >> 32) + (p01 & mask) + (p10 & mask);
	ti r;
	r.s.low = (p00 & mask) | (mid << 32);
	r.s.high = p11 + (p01 >> 32) + (p10 >> 32) + (mid >> 32);
	return r;
}

__int128 __multi3(__int128 a, __int128 b);
__int128 __multi3(__int128 a, __int128 b)
{
	ti x, y, r;
	x.all = a;
	y.all = b;
	r = mul_64x64(x.s.low, y.s.low);
	r.s.high += x.s.high * y.s.low + x.s.low * y.s.high;
	return r.all;
}
