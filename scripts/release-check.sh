#!/usr/bin/env bash
# `make release-check`: prove that .goreleaser.yml is valid and that a release built from it holds
# both the provider's zip and the emulator's zip.
#
#   1. `goreleaser check` of .goreleaser.yml (goreleaser $GORELEASER_VERSION from
#      scripts/ensure-goreleaser.sh, built into the tool cache on first use).
#   2. A snapshot release (`goreleaser release --snapshot --skip=publish,sign,validate`) for ONE
#      platform, $RELEASE_CHECK_TARGET (default linux_amd64_v1, cross-compiled from any host).
#      `goreleaser release` has no --single-target, so the release runs on a copy of the
#      configuration in which every build's platform matrix (goos, goarch, goarm, ignore, ...) is
#      replaced by `targets: [$RELEASE_CHECK_TARGET]`, and whose `dist` is a scratch directory
#      under .cache/ (so an existing ./dist is never touched). Everything else (builds, archives,
#      checksum) is the real configuration.
#   3. Assertions on the result: exactly one provider zip and one emulator zip, for that platform
#      and the same version; the provider zip holds only terraform-provider-pinecone_v<version>
#      (a Registry rule) and the emulator zip only pinecone-emulator (both checked when `unzip` is
#      installed); the SHA256SUMS file lists the provider zip and the manifest but no emulator zip.
#   4. The scratch directory is removed (RELEASE_CHECK_KEEP=1 keeps it and prints its path).
#
# Time: 5 to 10 s with a warm Go build cache. The release builds with -trimpath and CGO_ENABLED=0,
# so it shares no compiled packages with `make test`: with an empty cache for those settings, the
# two builds took about 100 s of 2 CPUs (4 minutes on a machine busy with other builds). The very
# first run on a machine also builds goreleaser (about 5 minutes, once).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

target="${RELEASE_CHECK_TARGET:-linux_amd64_v1}"
config=.goreleaser.yml
provider=terraform-provider-pinecone
emulator=pinecone-emulator

log() { printf '==> %s\n' "$*"; }
die() { printf 'release-check: error: %s\n' "$*" >&2; exit 1; }

[[ "$target" =~ ^[a-z0-9]+_[a-z0-9]+(_[a-z0-9.]+)?$ ]] \
  || die "RELEASE_CHECK_TARGET=$target is not a goreleaser target such as linux_amd64_v1 or darwin_arm64_v8.0"
goos="${target%%_*}"
rest="${target#*_}"
goarch="${rest%%_*}"
exe=""
[[ "$goos" == windows ]] && exe=".exe"

goreleaser="$(scripts/ensure-goreleaser.sh)"
log "goreleaser $("$goreleaser" --version 2>/dev/null | sed -n 's/^GitVersion: *//p') ($goreleaser)"

log "goreleaser check $config"
"$goreleaser" check -f "$config"

mkdir -p .cache
work="$(mktemp -d "$PWD/.cache/release-check.XXXXXX")"
cleanup() {
  if [[ "${RELEASE_CHECK_KEEP:-}" == 1 ]]; then
    printf 'release-check: kept %s\n' "$work" >&2
  else
    rm -rf "$work"
  fi
}
trap cleanup EXIT
dist="$work/dist"

# The one-platform copy of the configuration. In the top-level `builds:` list, drop each build's
# platform keys (four-space indented, with their nested lines) and put `targets:` right after the
# line that starts the build (`  - id: ...`); drop any top-level `dist:`, and add ours at the end.
awk -v target="$target" -v dist="$dist" '
  /^[^ #]/ { in_builds = ($0 ~ /^builds:/); skipping = 0 }
  /^dist:/ { next }
  in_builds && skipping {
    if ($0 ~ /^     /) next
    skipping = 0
  }
  in_builds && /^    (goos|goarch|goarm|goarm64|goamd64|go386|gomips|goppc64|goriscv64|targets|ignore):/ {
    skipping = 1; next
  }
  { print }
  in_builds && /^  - / { printf "    targets: [\"%s\"]\n", target; builds++ }
  END {
    printf "\n# Added by scripts/release-check.sh.\ndist: \"%s\"\n", dist
    if (builds == 0) exit 3
  }
' "$config" >"$work/goreleaser.yml" || die "could not make a one-platform copy of $config (no builds found?)"

log "snapshot release for $target only (config: a copy of $config with targets: [$target])"
start=$SECONDS
"$goreleaser" release --snapshot --clean --skip=publish,sign,validate -f "$work/goreleaser.yml" \
  || die "the snapshot release failed (see the goreleaser output above)"
elapsed=$((SECONDS - start))

shopt -s nullglob
provider_zips=("$dist/${provider}_"*"_${goos}_${goarch}.zip")
emulator_zips=("$dist/${emulator}_"*"_${goos}_${goarch}.zip")
all_zips=("$dist"/*.zip)
shopt -u nullglob

((${#provider_zips[@]} == 1)) \
  || die "expected one provider archive ${provider}_<version>_${goos}_${goarch}.zip in dist/, found ${#provider_zips[@]}: ${provider_zips[*]##*/}"
((${#emulator_zips[@]} == 1)) \
  || die "expected one emulator archive ${emulator}_<version>_${goos}_${goarch}.zip in dist/, found ${#emulator_zips[@]}; does .goreleaser.yml still build ./cmd/pinecone-emulator and archive it?"
((${#all_zips[@]} == 2)) \
  || die "expected exactly the two archives for $target in dist/, found ${#all_zips[@]}: ${all_zips[*]##*/}"

provider_zip="${provider_zips[0]##*/}"
version="${provider_zip#"${provider}_"}"
version="${version%"_${goos}_${goarch}.zip"}"
emulator_zip="${emulator}_${version}_${goos}_${goarch}.zip"
[[ -f "$dist/$emulator_zip" ]] \
  || die "the emulator archive is ${emulator_zips[0]##*/}, expected $emulator_zip (same version as the provider's)"

# Archive contents, when unzip is there to list them.
if command -v unzip >/dev/null 2>&1; then
  check_contents() { # zip, expected single entry
    local entries
    entries="$(unzip -Z1 "$dist/$1")" || die "cannot list $1"
    [[ "$entries" == "$2" ]] \
      || die "$1 must hold only $2, but holds: $(tr '\n' ' ' <<<"$entries")"
  }
  check_contents "$provider_zip" "${provider}_v${version}${exe}"
  check_contents "$emulator_zip" "${emulator}${exe}"
else
  log "unzip is not installed: archive contents not checked"
fi

# The Registry's checksum file: the provider zip and the manifest, and no emulator zip.
sums="$dist/${provider}_${version}_SHA256SUMS"
[[ -f "$sums" ]] || die "no checksum file ${sums##*/} in dist/"
grep -q "  ${provider_zip}\$" "$sums" || die "${sums##*/} does not list $provider_zip"
grep -q "  ${provider}_${version}_manifest.json\$" "$sums" || die "${sums##*/} does not list ${provider}_${version}_manifest.json"
if grep -q "$emulator" "$sums"; then die "${sums##*/} lists emulator archives; the Registry's checksum file must list only the provider's"; fi

log "archives for $target (snapshot version $version), built in ${elapsed} s:"
for zip in "$provider_zip" "$emulator_zip"; do
  if command -v unzip >/dev/null 2>&1; then
    contents="$(unzip -Z1 "$dist/$zip" | tr '\n' ' ')"
  else
    contents="(not listed)"
  fi
  printf '    %-60s %10s bytes   holds: %s\n' "$zip" "$(wc -c <"$dist/$zip" | tr -d ' ')" "$contents"
done
printf '    %-60s %10s\n' "${sums##*/}" "$(wc -l <"$sums" | tr -d ' ') lines"
log "release-check passed: goreleaser check, and a release with the provider and emulator archives"
