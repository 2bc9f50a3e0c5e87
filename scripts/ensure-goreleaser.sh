#!/usr/bin/env bash
# Print the absolute path of goreleaser $GORELEASER_VERSION (default v2.15.1) on stdout.
#
# Same cache as scripts/ensure-golangci-lint.sh: the binary is kept per goreleaser version and
# Go version in
#   ${PINECONE_TF_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/terraform-provider-pinecone}/goreleaser-<version>-<go version>/
# and built there with `go install` from the Go module proxy when missing. goreleaser has a
# large dependency tree: the first build took 315 s on 2 CPUs (downloads included); later calls
# return at once.
# Messages go to stderr.
set -euo pipefail

version="${GORELEASER_VERSION:-v2.15.1}"
log() { printf 'ensure-goreleaser: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

command -v go >/dev/null 2>&1 || die "Go is not on PATH"
gover="$(go env GOVERSION)"
cache_root="${PINECONE_TF_CACHE:-${XDG_CACHE_HOME:-${HOME:?HOME is not set; set PINECONE_TF_CACHE}/.cache}/terraform-provider-pinecone}"
case "$cache_root" in /*) ;; *) cache_root="$PWD/$cache_root" ;; esac
dir="$cache_root/goreleaser-${version}-${gover}"
bin="$dir/goreleaser"

usable() { [[ -x "$bin" ]] && "$bin" --version >/dev/null 2>&1; }

if usable; then
  printf '%s\n' "$bin"
  exit 0
fi

mkdir -p "$dir"
if command -v flock >/dev/null 2>&1; then
  # Two make invocations at once build it only once.
  exec 9>"$dir/.lock"
  flock 9
  if usable; then
    printf '%s\n' "$bin"
    exit 0
  fi
fi

tmp="$(mktemp -d "$dir/.build.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
log "installing goreleaser ${version} with ${gover} into $dir (once; about 5 minutes)"
start=$SECONDS
# CGO_ENABLED=0: goreleaser needs no cgo, and this keeps the build working without a C compiler.
GOWORK=off GOFLAGS='' CGO_ENABLED=0 GOBIN="$tmp" \
  go install "github.com/goreleaser/goreleaser/v2@${version}" >&2 \
  || die "go install goreleaser@${version} failed"
"$tmp/goreleaser" --version >/dev/null 2>&1 || die "the freshly built goreleaser does not run"
mv -f "$tmp/goreleaser" "$bin"
log "installed $bin in $((SECONDS - start)) s"
printf '%s\n' "$bin"
