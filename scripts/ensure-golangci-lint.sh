#!/usr/bin/env bash
# Print the absolute path of golangci-lint $GOLANGCI_LINT_VERSION (default v2.15.0) on stdout.
#
# The binary is cached per linter version and Go version (a linter built with an older Go
# refuses to lint code for a newer one) in
#   ${PINECONE_TF_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/terraform-provider-pinecone}/golangci-lint-<version>-<go version>/
# and installed there with `go install` from the Go module proxy when missing (about 60 s once).
# Messages go to stderr.
set -euo pipefail

version="${GOLANGCI_LINT_VERSION:-v2.15.0}"
log() { printf 'ensure-golangci-lint: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

command -v go >/dev/null 2>&1 || die "Go is not on PATH"
gover="$(go env GOVERSION)"
cache_root="${PINECONE_TF_CACHE:-${XDG_CACHE_HOME:-${HOME:?HOME is not set; set PINECONE_TF_CACHE}/.cache}/terraform-provider-pinecone}"
case "$cache_root" in /*) ;; *) cache_root="$PWD/$cache_root" ;; esac
dir="$cache_root/golangci-lint-${version}-${gover}"
bin="$dir/golangci-lint"

if [[ -x "$bin" ]] && "$bin" version >/dev/null 2>&1; then
  printf '%s\n' "$bin"
  exit 0
fi

mkdir -p "$dir"
if command -v flock >/dev/null 2>&1; then
  exec 9>"$dir/.lock"
  flock 9
  if [[ -x "$bin" ]] && "$bin" version >/dev/null 2>&1; then
    printf '%s\n' "$bin"
    exit 0
  fi
fi

tmp="$(mktemp -d "$dir/.build.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
log "installing golangci-lint ${version} with ${gover} into $dir (once; about a minute)"
start=$SECONDS
GOWORK=off GOBIN="$tmp" go install "github.com/golangci/golangci-lint/v2/cmd/golangci-lint@${version}" >&2 \
  || die "go install golangci-lint@${version} failed"
"$tmp/golangci-lint" version >/dev/null 2>&1 || die "the freshly built golangci-lint does not run"
mv -f "$tmp/golangci-lint" "$bin"
log "installed $bin in $((SECONDS - start)) s"
printf '%s\n' "$bin"
