#!/usr/bin/env bash
# Packs every package with a fresh version into a local folder feed and runs the samples as a user would: the
# library sample through PackageReference, the Python and Node clients against `agentos` installed by
# `dotnet tool install`. Needs the guest software in $AGENTOS_CACHE_DIR.
set -euo pipefail
cd "$(dirname "$0")/.."

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
feed="$work/feed"
# A version no earlier run used, so no package cache can answer with stale bits.
version="0.1.0-ci.$(date +%s)"
# Not --no-build: the tool's linux-x64 (ReadyToRun) and any packages are built per runtime identifier here.
dotnet pack AgentOs.slnx -c Release -o "$feed" -p:Version="$version" >"$work/pack.log" || { cat "$work/pack.log"; exit 1; }

# Every package says what it is; the in-process library does not drag in the sidecar's JSON-RPC stack.
for nupkg in "$feed"/*.nupkg; do
  nuspec=$(unzip -p "$nupkg" '*.nuspec')
  for field in description license readme repository tags; do
    grep -q "<$field" <<<"$nuspec" || { echo "$(basename "$nupkg"): no <$field> in its nuspec" >&2; exit 1; }
  done
done
if unzip -p "$feed/AgentOs.$version.nupkg" '*.nuspec' | grep -Eq 'StreamJsonRpc|StringTools|ModelContextProtocol|Microsoft\.Extensions\.AI|Microsoft\.AspNetCore|Orleans'; then
  echo "the AgentOs package depends on the sidecar's JSON-RPC stack, MCP, ASP.NET Core, AI or Orleans packages" >&2
  exit 1
fi
echo "packages: metadata ok, AgentOs without StreamJsonRpc, MCP, ASP.NET Core, AI or Orleans packages"

# The consumer restores into its own folder: ours come from the feed, the rest from the machine's package cache
# or the configured sources.
restore=(-p:AgentOsVersion="$version" -p:RestoreAdditionalProjectSources="$feed"
  -p:RestorePackagesPath="$work/packages" -p:RestoreFallbackFolders="${NUGET_PACKAGES:-$HOME/.nuget/packages}")
out=$(dotnet run -c Release --project samples/library "${restore[@]}")
[ "$out" = $'kernel\n3' ] || { echo "library sample printed: $out" >&2; exit 1; }
echo "sample library: ok"

out=$(dotnet run -c Release --project samples/ai "${restore[@]}")
[ "$out" = 'The poem has 7 words.' ] || { echo "ai sample printed: $out" >&2; exit 1; }
echo "sample ai: ok"

dotnet tool install AgentOs.Cli --version "$version" --tool-path "$work/tool" --add-source "$feed" >/dev/null
export AGENTOS="$work/tool/agentos"
[ "$("$AGENTOS" exec 'echo installed')" = installed ]
echo "sample dotnet tool: ok"

out=$(python3 samples/python/agentos_sidecar.py)
grep -qx 'HELLO FROM PYTHON' <<<"$out" && grep -q '^as expected: .*ENOENT' <<<"$out" || { echo "python sample printed: $out" >&2; exit 1; }
echo "sample python: ok"

out=$(node samples/node/agentos-sidecar.mjs)
grep -qx 'words: 3' <<<"$out" && grep -qx 'streamed output' <<<"$out" && grep -qx 'echo exited with 0' <<<"$out" \
  || { echo "node sample printed: $out" >&2; exit 1; }
echo "sample node: ok"
