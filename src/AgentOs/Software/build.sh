#!/usr/bin/env bash
# Rebuilds the library's own commands (Grep, Tac, Cat, Mkfifo, Diff: NAME/name.c -> NAME/name.wasm) for wasm32-wasip1 with
# Debian 12's clang 14 + lld 14 + wasi-libc (apt-get install clang lld wasi-libc). The library embeds the committed
# .wasm files, so a machine without a wasm toolchain still has these commands; run this after changing a source and
# commit the result. .ci/run rebuilds them and fails when they differ. The output is byte-for-byte reproducible with
# that toolchain: no debug info, and each source is compiled by relative name.
# Usage: build.sh [OUTDIR]   (default: each program's own directory, replacing the committed .wasm)
set -euo pipefail
export LC_ALL=C
here="$(cd "$(dirname "$0")" && pwd)"
for dir in Grep Tac Cat Mkfifo Diff; do
  name=${dir,,}
  out="$(mkdir -p "${1:-$here/$dir}" && cd "${1:-$here/$dir}" && pwd)"
  # -nodefaultlibs: Debian ships no compiler-rt builtins for wasm32 and none of these needs one. -msimd128: grep's
  # literal search runs 32 positions per step.
  (cd "$here/$dir" && clang --target=wasm32-wasi -O2 -msimd128 -Wall -Wextra -Werror -Wl,--strip-debug -nodefaultlibs \
    "$name.c" -lc -o "$out/$name.wasm.tmp")
  chmod 644 "$out/$name.wasm.tmp"
  mv "$out/$name.wasm.tmp" "$out/$name.wasm"
done
