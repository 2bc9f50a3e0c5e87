#!/usr/bin/env bash
# Print the absolute path of a usable OpenTofu binary on stdout; nothing else goes there.
#
# Search order:
#   1. $TF_ACC_TOFU_PATH, if it is an executable that reports an OpenTofu version;
#   2. `tofu` on PATH;
#   3. $CACHE/tofu-v1.12.6/tofu from an earlier run, where
#      CACHE=${PINECONE_TF_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/terraform-provider-pinecone};
#   4. failing all of those, OpenTofu v1.12.6 is compiled from its Go module and cached there
#      (a few minutes, once).
#
# OpenTofu cannot be `go install`ed (its go.mod has replace directives), so step 4 fetches the
# module source with `go mod download`, copies it to a scratch directory, makes the copy
# writable and runs `go build ./cmd/tofu` inside it. The repository's go.mod and go.sum are
# never involved. Progress and errors go to stderr: tofu="$(scripts/ensure-tofu.sh)".
set -euo pipefail

readonly TOFU_VERSION="1.12.6"
readonly TOFU_MODULE="github.com/opentofu/opentofu"

say() { printf 'ensure-tofu: %s\n' "$*" >&2; }
fail() { say "error: $*"; exit 1; }

# to_abs PATH: PATH relative to the current directory made absolute (symlinks are kept).
to_abs() {
  if [[ "$1" == /* ]]; then printf '%s\n' "$1"; else printf '%s/%s\n' "$PWD" "$1"; fi
}

# is_tofu BIN: BIN is an executable file whose `version` output names OpenTofu. Both CLI
# config variables point at /dev/null, so a broken TF_CLI_CONFIG_FILE in the caller's
# environment cannot add a warning or make the check fail.
is_tofu() {
  [[ -f "$1" && -x "$1" ]] || return 1
  local out
  out="$(CHECKPOINT_DISABLE=1 TF_CLI_CONFIG_FILE=/dev/null TOFU_CLI_CONFIG_FILE=/dev/null \
    "$1" version 2>/dev/null)" || return 1
  [[ "$out" == OpenTofu* ]]
}

# 1. An explicit path.
if [[ -n "${TF_ACC_TOFU_PATH:-}" ]]; then
  if is_tofu "$TF_ACC_TOFU_PATH"; then
    to_abs "$TF_ACC_TOFU_PATH"
    exit 0
  fi
  say "TF_ACC_TOFU_PATH=$TF_ACC_TOFU_PATH is not a working OpenTofu binary; trying the other places"
fi

# 2. An installed OpenTofu.
if found="$(command -v tofu 2>/dev/null)" && is_tofu "$found"; then
  to_abs "$found"
  exit 0
fi

# 3. The cached build.
cache="${PINECONE_TF_CACHE:-${XDG_CACHE_HOME:-${HOME:?HOME is not set; set PINECONE_TF_CACHE}/.cache}/terraform-provider-pinecone}"
home="$(to_abs "$cache")/tofu-v${TOFU_VERSION}"
target="$home/tofu"
if is_tofu "$target"; then
  printf '%s\n' "$target"
  exit 0
fi

# 4. Build it.
command -v go >/dev/null 2>&1 || fail "no OpenTofu found and no Go toolchain to build one; install OpenTofu or Go 1.26"
mkdir -p "$home"

# Only one build at a time per cache directory. The loser of the race waits for the winner and
# then takes its binary. flock where it exists (Linux); elsewhere a lock directory holding the
# owner's PID, taken over when that process is gone.
lockdir=""
scratch=""
ticker=""
finish() {
  if [[ -n "$ticker" ]]; then kill "$ticker" 2>/dev/null || true; fi
  if [[ -n "$scratch" ]]; then chmod -R u+w "$scratch" 2>/dev/null || true; rm -rf "$scratch"; fi
  if [[ -n "$lockdir" ]]; then rm -rf "$lockdir"; fi
}
trap finish EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if command -v flock >/dev/null 2>&1; then
  exec 8>"$home/.lock"
  if ! flock -n 8; then
    say "another process is building OpenTofu v${TOFU_VERSION} into $home; waiting for it"
    flock 8
  fi
else
  waited=0
  until mkdir "$home/.lock.d" 2>/dev/null; do
    owner="$(cat "$home/.lock.d/pid" 2>/dev/null || true)"
    if [[ -n "$owner" ]] && ! kill -0 "$owner" 2>/dev/null; then
      say "removing the stale lock of process $owner"
      rm -rf "$home/.lock.d"
      continue
    fi
    if ((waited == 0)); then say "another process is building OpenTofu v${TOFU_VERSION} into $home; waiting for it"; fi
    sleep 2
    waited=$((waited + 2))
  done
  lockdir="$home/.lock.d"
  echo "$$" >"$lockdir/pid"
fi
if is_tofu "$target"; then
  printf '%s\n' "$target"
  exit 0
fi

began=$SECONDS
say "no OpenTofu on PATH or in the cache; building OpenTofu v${TOFU_VERSION} from the Go module proxy"
say "this happens once and takes a few minutes (longer on a busy machine); the result is cached as $target"

# A scratch directory next to the target, so the final mv is a rename on one file system and
# an interrupted build never leaves a partial binary where the next run would look.
scratch="$(mktemp -d "$home/.build.XXXXXX")"

# go mod download runs outside any module (and ignores go.work) so it cannot touch a go.mod.
# Its JSON names the unpacked, read-only source directory in the module cache.
info="$(cd "$scratch" && GOWORK=off GOFLAGS=-mod=mod go mod download -json "${TOFU_MODULE}@v${TOFU_VERSION}")" ||
  fail "go mod download ${TOFU_MODULE}@v${TOFU_VERSION} failed (is the Go module proxy reachable? GOPROXY=$(go env GOPROXY)):
$info"
src="$(printf '%s\n' "$info" | sed -n 's/^[[:space:]]*"Dir":[[:space:]]*"\(.*\)",\{0,1\}[[:space:]]*$/\1/p')"
[[ -n "$src" && -d "$src" ]] || fail "go mod download gave no source directory:
$info"
say "source: $src"

cp -R "$src" "$scratch/src"
chmod -R u+w "$scratch/src"

# One line of progress every 30 s. The ticker runs its sleep in the background and kills it when
# stopped, so nothing is left holding the caller's stdout (tofu="$(...)") or the lock.
(
  nap=""
  trap 'if [[ -n "$nap" ]]; then kill "$nap" 2>/dev/null; fi; exit 0' TERM
  while :; do
    sleep 30 &
    nap=$!
    wait "$nap"
    say "still compiling OpenTofu ... $((SECONDS - began)) s"
  done
) </dev/null >/dev/null 8>&- &
ticker=$!

# version.dev=no drops the "-dev" suffix, as in OpenTofu's release builds, which are also
# static (CGO_ENABLED=0).
if ! (cd "$scratch/src" && GOWORK=off CGO_ENABLED=0 go build -trimpath \
  -ldflags "-s -w -X ${TOFU_MODULE}/version.dev=no" -o "$scratch/tofu" ./cmd/tofu) >&2; then
  fail "go build ./cmd/tofu of ${TOFU_MODULE}@v${TOFU_VERSION} failed (see above)"
fi
kill "$ticker" 2>/dev/null || true
wait "$ticker" 2>/dev/null || true
ticker=""

is_tofu "$scratch/tofu" || fail "the new binary $scratch/tofu does not run \`tofu version\`"
mv -f "$scratch/tofu" "$target"
say "built $target in $((SECONDS - began)) s"
printf '%s\n' "$target"
