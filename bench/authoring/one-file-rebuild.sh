#!/usr/bin/env bash
# Times a one-file rebuild at N generated post-mortems, two ways:
#   - `pmsite build` run again after editing one file (a new process: everything is parsed again, unchanged pages are reused);
#   - `pmsite serve` rebuilding after the same kind of edit (parses, lint findings and pages kept in memory between rebuilds).
# Usage: bench/authoring/one-file-rebuild.sh N [WORKDIR]     (needs python3; builds pmsite in Release first)
#        SERVE_REBUILDS=8 bench/authoring/one-file-rebuild.sh N [WORKDIR]    (more serve rebuilds than the default three)
set -euo pipefail
n=${1:?usage: one-file-rebuild.sh N [WORKDIR]}
work=${2:-$(mktemp -d)}
root=$(cd "$(dirname "$0")/../.." && pwd)
dotnet build "$root/src/PmSite.Cli" -c Release -v quiet -nologo >/dev/null
pmsite="dotnet $root/src/PmSite.Cli/bin/Release/net10.0/pmsite.dll"
kb="$work/kb-$n"
[ -d "$kb" ] || python3 "$root/bench/authoring/generate.py" "$n" "$kb"
target=$(ls "$kb"/post-mortems/*/*.md | sort | sed -n "$((n / 2 + 1))p")
edit() { printf '\nA lesson added at %s.\n' "$1" >> "$target"; }
cpu() { /usr/bin/time -f "%e s wall, %U s user, %S s sys, %M KB max RSS" "$@"; }

echo "== $n post-mortems; editing $target"
rm -rf "$work/out-$n" "$work/out-$n.cache"
echo "-- pmsite build, clean (no cache yet)"
cpu $pmsite build -i "$kb" -o "$work/out-$n" --now 2026-11-27 --theme "$root/theme" 2>&1 | tail -2
for i in 1 2 3; do
  edit "build $i"
  echo "-- pmsite build after editing one file ($i)"
  cpu $pmsite build -i "$kb" -o "$work/out-$n" --now 2026-11-27 --theme "$root/theme" 2>&1 | tail -2
done

rebuilds=${SERVE_REBUILDS:-3}
echo "-- pmsite serve: initial build, then $rebuilds one-file rebuilds"
log="$work/serve-$n.log"
$pmsite serve -i "$kb" -o "$work/serve-$n" --port 0 --now 2026-11-27 --theme "$root/theme" >"$log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
until grep -q '^Serving' "$log"; do sleep 1; kill -0 $pid; done
grep '^Built' "$log"
# CPU time of the serve process (user + system, in clock ticks), to report each rebuild's CPU beside its wall time.
ticks() { awk '{ print $14 + $15 }' "/proc/$pid/stat"; }
hz=$(getconf CLK_TCK)
for i in $(seq "$rebuilds"); do
  before=$(grep -c '^Rebuilt' "$log" || true)
  sleep 3  # the debounce and the previous rebuild's background work are over
  cpu0=$(ticks)
  edit "serve $i"
  until [ "$(grep -c '^Rebuilt' "$log" || true)" -gt "$before" ]; do sleep 0.2; kill -0 $pid; done
  cpu1=$(ticks)
  echo "$(grep '^Rebuilt' "$log" | tail -1) [$(awk -v t=$((cpu1 - cpu0)) -v hz="$hz" 'BEGIN { printf "%.2f", t / hz }') s CPU]"
done
kill $pid
wait $pid 2>/dev/null || true
trap - EXIT
