#!/usr/bin/env bash
# Self-contained, single-file binaries of pmsite, precompiled with ReadyToRun, one folder per platform:
#   scripts/publish.sh [rid ...]        (default: linux-x64 linux-arm64 osx-arm64 win-x64)
# Each lands in artifacts/<rid>/: the executable (pmsite, or pmsite.exe) with the default theme in theme/ beside it.
# The theme is not bundled into the executable: the build finds it at AppContext.BaseDirectory/theme, which for a
# single-file program is the executable's own folder. A platform whose runtime pack the NuGet feed does not serve is
# reported and skipped; the script fails if any platform failed.
set -euo pipefail
cd "$(dirname "$0")/.."

rids=("$@")
[ ${#rids[@]} -gt 0 ] || rids=(linux-x64 linux-arm64 osx-arm64 win-x64)

failed=()
for rid in "${rids[@]}"; do
  out="artifacts/$rid"
  rm -rf "$out"
  echo "publishing $rid → $out" >&2
  log=$(mktemp)
  # ReadyToRun: most of the program arrives compiled, so a small build does not spend its time in the JIT.
  if dotnet publish src/PmSite.Cli -c Release -r "$rid" --self-contained \
      -p:PublishSingleFile=true -p:PublishReadyToRun=true -o "$out" -nologo -v q >"$log" 2>&1; then
    exe=pmsite; [[ $rid == win-* ]] && exe=pmsite.exe
    if [ ! -f "$out/$exe" ] || [ ! -f "$out/theme/layout.liquid" ]; then
      echo "  $rid: published, but $out/$exe or $out/theme/layout.liquid is missing" >&2
      failed+=("$rid")
    else
      echo "  $rid: $(du -sh "$out/$exe" | cut -f1) $exe, theme/ beside it" >&2
    fi
  else
    echo "  $rid: dotnet publish failed:" >&2
    grep -E 'error|NU1' "$log" | sort -u | sed 's/^/    /' >&2 || cat "$log" >&2
    failed+=("$rid")
  fi
  rm -f "$log"
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "not published: ${failed[*]}" >&2
  exit 1
fi
