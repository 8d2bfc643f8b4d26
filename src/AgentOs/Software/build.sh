#!/usr/bin/env bash
# Rebuilds the library's own commands (Grep, Tac, Cat, Mkfifo, Diff: NAME/name.c -> NAME/name.wasm; Awk: The One True
# Awk's sources in Awk/, see Awk/README.md -> Awk/awk.wasm) for wasm32-wasip1 with
# Debian 12's clang 14 + lld 14 + wasi-libc (apt-get install clang lld wasi-libc), and Gzip (Rust: Gzip/gzip.wasm) with
# Debian 12's rustc 1.63 and packaged crates (apt-get install rustc cargo libstd-rust-dev-wasm32 librust-miniz-oxide-dev
# librust-crc32fast-dev). The library embeds the committed
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
# awk: the vendored BWK awk with its generated parser (awkgram.tab.c/h, proctab.c) committed, so no bison is needed
# here (Awk/regen.sh makes them). Upstream code, so without -Wall -Werror; agentos.c supplies what wasi-libc lacks.
# awk functions recurse through the C stack (~750 bytes a level): 2 MiB instead of wasm-ld's 64 KiB allows about
# 2,500 levels; --stack-first makes an overflow trap instead of overwriting data.
out="$(mkdir -p "${1:-$here/Awk}" && cd "${1:-$here/Awk}" && pwd)"
(cd "$here/Awk" && clang --target=wasm32-wasi -O2 -msimd128 -Wl,--strip-debug -Wl,-z,stack-size=2097152 -Wl,--stack-first \
  -nodefaultlibs \
  awkgram.tab.c b.c lex.c lib.c main.c parse.c proctab.c run.c tran.c agentos.c -lc -o "$out/awk.wasm.tmp")
chmod 644 "$out/awk.wasm.tmp"
mv "$out/awk.wasm.tmp" "$out/awk.wasm"
# gzip: Debian's cargo and rustc by path (not a rustup toolchain earlier on PATH), offline and locked against Debian's
# crates in /usr/share/cargo/registry (Gzip/.cargo/config.toml), no user cargo configuration; paths remapped, no debug
# info, one codegen unit (Cargo.toml's release profile), so the module is byte-for-byte reproducible.
out="$(mkdir -p "${1:-$here/Gzip}" && cd "${1:-$here/Gzip}" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$here/Gzip" && CARGO_HOME="$work/home" RUSTC=/usr/bin/rustc RUSTDOC=/usr/bin/rustdoc \
  RUSTFLAGS="--remap-path-prefix=$here/Gzip=gzip --remap-path-prefix=/usr/share/cargo/registry=registry --remap-path-prefix=$work=build" \
  /usr/bin/cargo build -q --release --locked --offline --target wasm32-wasi --target-dir "$work/target")
cp "$work/target/wasm32-wasi/release/gzip.wasm" "$out/gzip.wasm.tmp"
chmod 644 "$out/gzip.wasm.tmp"
mv "$out/gzip.wasm.tmp" "$out/gzip.wasm"
