#!/usr/bin/env bash
# Print the absolute path of a usable Terraform binary on stdout, and nothing else there.
#
# Where it looks, in order:
#   1. $TF_ACC_TERRAFORM_PATH, when it names an executable that answers `version`;
#   2. `terraform` on PATH;
#   3. a cached build in $CACHE/terraform-v1.5.7/terraform, where
#      CACHE=${PINECONE_TF_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/terraform-provider-pinecone};
#   4. otherwise it builds Terraform v1.5.7 (the last MPL-licensed release) from the Go module
#      proxy into that cache directory. This takes about 90 s once; later runs reuse the binary.
#
# All messages go to stderr, so callers can write: tf="$(scripts/ensure-terraform.sh)".
# It never downloads a Terraform release from HashiCorp; the only network it uses is `go install`.
set -euo pipefail

readonly TF_BUILD_VERSION="1.5.7"
readonly TF_MODULE="github.com/hashicorp/terraform"

log() { printf 'ensure-terraform: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

# absolute PATH -> PATH made absolute against the current directory (no symlink resolution).
absolute() {
  case "$1" in
    /*) printf '%s\n' "$1" ;;
    *) printf '%s/%s\n' "$PWD" "$1" ;;
  esac
}

# usable BIN -> true when BIN is an executable file that runs `terraform version`.
# The CLI config is pointed at /dev/null so a missing TF_CLI_CONFIG_FILE cannot get in the way.
usable() {
  [[ -f "$1" && -x "$1" ]] || return 1
  CHECKPOINT_DISABLE=1 TF_CLI_CONFIG_FILE=/dev/null "$1" version >/dev/null 2>&1
}

# 1. An explicit choice wins.
if [[ -n "${TF_ACC_TERRAFORM_PATH:-}" ]]; then
  if usable "$TF_ACC_TERRAFORM_PATH"; then
    absolute "$TF_ACC_TERRAFORM_PATH"
    exit 0
  fi
  log "TF_ACC_TERRAFORM_PATH=$TF_ACC_TERRAFORM_PATH is not a working terraform binary; looking elsewhere"
fi

# 2. Whatever is on PATH.
if found="$(command -v terraform 2>/dev/null)" && usable "$found"; then
  absolute "$found"
  exit 0
fi

# 3. A build cached by an earlier run.
cache_root="${PINECONE_TF_CACHE:-${XDG_CACHE_HOME:-${HOME:?HOME is not set; set PINECONE_TF_CACHE}/.cache}/terraform-provider-pinecone}"
dir="$(absolute "$cache_root")/terraform-v${TF_BUILD_VERSION}"
bin="$dir/terraform"
if usable "$bin"; then
  printf '%s\n' "$bin"
  exit 0
fi

# 4. Build it from the Go module proxy.
command -v go >/dev/null 2>&1 || die "no terraform found and no Go toolchain to build one; install Terraform or Go 1.26"
mkdir -p "$dir"

# Serialise concurrent builds (two make targets at once, say): whoever gets the lock builds,
# the others wait and then find the cached binary.
if command -v flock >/dev/null 2>&1; then
  exec 9>"$dir/.lock"
  if ! flock -n 9; then
    log "another build of Terraform v${TF_BUILD_VERSION} is running; waiting for it"
    flock 9
  fi
  if usable "$bin"; then
    printf '%s\n' "$bin"
    exit 0
  fi
fi

tmp="$(mktemp -d "$dir/.build.XXXXXX")"
heartbeat=""
cleanup() {
  if [[ -n "$heartbeat" ]]; then kill "$heartbeat" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

log "no terraform on PATH; building Terraform v${TF_BUILD_VERSION} from the Go module proxy into $dir"
log "this happens once and takes about 90 s (later runs reuse the cached binary)"
start=$SECONDS
# A progress line every 20 s. Its sleep is killed with it, so no stray process keeps the
# caller's pipes (as in tf="$(...)") or the lock open after this script ends.
(
  s=""
  trap 'if [[ -n "$s" ]]; then kill "$s" 2>/dev/null; fi; exit 0' TERM
  while :; do
    sleep 20 &
    s=$!
    wait "$s"
    log "still building Terraform ... $((SECONDS - start)) s"
  done
) </dev/null >/dev/null 9>&- &
heartbeat=$!

# Build in a temporary GOBIN and move the result into place, so an interrupted build never
# leaves a half-written binary behind. GOWORK=off keeps a go.work in a parent directory out
# of it; CGO is not needed (HashiCorp's own release builds are static).
if ! GOWORK=off CGO_ENABLED=0 GOBIN="$tmp" \
  go install -trimpath -ldflags "-s -w" "${TF_MODULE}@v${TF_BUILD_VERSION}" >&2; then
  die "go install ${TF_MODULE}@v${TF_BUILD_VERSION} failed (is the Go module proxy reachable? GOPROXY=$(go env GOPROXY))"
fi
kill "$heartbeat" 2>/dev/null || true
wait "$heartbeat" 2>/dev/null || true
heartbeat=""

usable "$tmp/terraform" || die "the freshly built $tmp/terraform does not run"
mv -f "$tmp/terraform" "$bin"
log "built $bin in $((SECONDS - start)) s"
printf '%s\n' "$bin"
