#!/usr/bin/env bash
# Rebuilds tac.wasm from tac.c for wasm32-wasip1 with Debian 12's clang 14 + lld 14 + wasi-libc (apt-get install clang
# lld wasi-libc). The library embeds the committed tac.wasm, so a machine without a wasm toolchain still has tac; run
# this after changing tac.c and commit the result. .ci/run rebuilds it and fails when it differs. The output is
# byte-for-byte reproducible with that toolchain: no debug info, and the source is compiled by relative name.
# Usage: build.sh [OUTDIR]   (default: this directory, replacing the committed tac.wasm)
set -euo pipefail
export LC_ALL=C
here="$(cd "$(dirname "$0")" && pwd)"
out="$(mkdir -p "${1:-$here}" && cd "${1:-$here}" && pwd)"
cd "$here"
# -nodefaultlibs: Debian ships no compiler-rt builtins for wasm32 and tac needs none.
clang --target=wasm32-wasi -O2 -Wall -Wextra -Werror -Wl,--strip-debug -nodefaultlibs tac.c -lc -o "$out/tac.wasm.tmp"
chmod 644 "$out/tac.wasm.tmp"
mv "$out/tac.wasm.tmp" "$out/tac.wasm"
