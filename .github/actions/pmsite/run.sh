#!/usr/bin/env bash
# The PmSite GitHub Action's work (action.yml): lint, build the site, build the public edition when asked, and write the
# step's outputs. It reads the action's inputs from INPUT_* variables and runs the pmsite on the PATH, from the folder
# the workflow runs in (the repository root), so annotations name files relative to the repository.
set -euo pipefail

input="${INPUT_INPUT:-.}"
output="${INPUT_OUTPUT:-_site}"
public="${INPUT_PUBLIC:-false}"
public_base_url="${INPUT_PUBLIC_BASE_URL:-}"
strict="${INPUT_STRICT:-false}"
base_url="${INPUT_BASE_URL:-}"
lint="${INPUT_LINT:-annotations}"

fail_usage() {
  echo "::error title=pmsite action::$1"
  exit 2
}

# A boolean input is true or false (in any case); anything else is a mistake in the workflow, not a silent false.
check_flag() {
  case "$2" in
    true | false) ;;
    *) fail_usage "input '$1' must be true or false, not '$2'" ;;
  esac
}

if [ -z "${GITHUB_OUTPUT:-}" ]; then
  fail_usage "GITHUB_OUTPUT is not set: this script runs as a step of a GitHub workflow"
fi
public="${public,,}"
strict="${strict,,}"
check_flag public "$public"
check_flag strict "$strict"
case "$lint" in
  annotations | sarif | off) ;;
  *) fail_usage "input 'lint' must be annotations, sarif or off, not '$lint'" ;;
esac
if [ -z "$output" ]; then
  fail_usage "input 'output' must name a folder"
fi

status=0
# Every annotation printed so far, so that the same finding annotates the pull request once.
seen=$(mktemp)
printed=$(mktemp)
stage=$(mktemp -d "${RUNNER_TEMP:-${TMPDIR:-/tmp}}/pmsite.XXXXXX")
trap 'rm -f "$seen" "$printed"; rm -rf "$stage"' EXIT

build_args=(build --input "$input")
if [ "$strict" = true ]; then
  build_args+=(--strict)
fi
# With annotations, the build's warnings and errors annotate the pull request too; it reports the lint findings again,
# so the annotations lint already printed are left out. Otherwise the build reports in text, in the log.
if [ "$lint" = annotations ]; then
  build_args+=(--format github)
fi

# Keeps the annotations just printed (in $printed), to leave them out of later output.
remember() {
  grep -E '^::(error|warning|notice)( |::)' "$printed" >> "$seen" || true
}

# Prints the lines of $printed but the annotations already in $seen. An annotation is known by its level, file, position,
# rule and message without the hint, which lint writes on a second line and build after " — hint: ".
unseen() {
  awk 'function key(line) { sub(/(%0Ahint: | — hint: ).*$/, "", line); return line }
       FILENAME == ARGV[1] { seen[key($0)] = 1; next }
       !(key($0) in seen)' "$seen" "$printed"
}

# Whether folder $1 is folder $2 or inside it (neither needs to exist).
inside() {
  local folder parent
  folder=$(realpath -m -- "$1")
  parent=$(realpath -m -- "$2")
  [ "$folder" = "$parent" ] || [ "${folder#"$parent"/}" != "$folder" ]
}

# pmsite refuses an output folder inside the input folder (a later build would read the site as input), and the action's
# defaults, input . and output _site, are just that. Such a site is built in a folder of its own outside the input and
# moved into place (from $stage); like pmsite, the move replaces only an empty folder or one that pmsite made.
# Runs one build into folder $1 (further arguments go to pmsite build); prints what pmsite printed less the annotations
# already printed; returns the build's exit code.
build() {
  local target="$1" built code=0
  shift
  built="$target"
  if inside "$target" "$input"; then
    if [ "$(realpath -m -- "$target")" = "$(realpath -m -- "$input")" ]; then
      echo "::error title=pmsite action::the output folder '$target' is the input folder"
      return 2
    fi
    if [ -e "$target" ] && [ -n "$(ls -A -- "$target")" ] && [ ! -e "$target/.pmsite-output" ]; then
      echo "::error title=pmsite action::'$target' is not empty and was not made by pmsite; choose another output"
      return 2
    fi
    built="$stage/$(basename -- "$target")"
  fi
  pmsite "${build_args[@]}" --output "$built" "$@" > "$printed" || code=$?
  unseen
  remember
  if [ "$code" -eq 0 ] && [ "$built" != "$target" ]; then
    rm -rf -- "$target"
    mkdir -p -- "$(dirname -- "$target")"
    mv -- "$built" "$target"
    # The public edition's redaction report, written beside the output folder.
    for report in "$built".redaction.*; do
      if [ -e "$report" ]; then
        mv -- "$report" "$target${report#"$built"}"
      fi
    done
  fi
  return "$code"
}

# Lint runs without --strict, so its findings alone do not fail the step (a strict build fails on them), and the build runs
# whatever lint said, to report everything in one go.
case "$lint" in
  annotations)
    echo "::group::pmsite lint"
    pmsite lint --input "$input" --format github | tee "$printed" || status=$?
    remember
    echo "::endgroup::"
    ;;
  sarif)
    pmsite lint --input "$input" --format sarif > pmsite.sarif || status=$?
    echo "sarif=pmsite.sarif" >> "$GITHUB_OUTPUT"
    ;;
esac

site_args=("$output")
if [ -n "$base_url" ]; then
  site_args+=(--base-url "$base_url")
fi
echo "::group::pmsite build"
if build "${site_args[@]}"; then
  echo "site=$output" >> "$GITHUB_OUTPUT"
else
  code=$?
  echo "::error title=pmsite build::the site did not build (exit code $code)"
  status=$code
fi
echo "::endgroup::"

if [ "$public" = true ]; then
  public_args=("$output-public" --public)
  if [ -n "$public_base_url" ]; then
    public_args+=(--base-url "$public_base_url")
  fi
  echo "::group::pmsite build --public"
  if build "${public_args[@]}"; then
    echo "public-site=$output-public" >> "$GITHUB_OUTPUT"
  else
    code=$?
    echo "::error title=pmsite build --public::the public edition did not build (exit code $code)"
    status=$code
  fi
  echo "::endgroup::"
fi

exit "$status"
