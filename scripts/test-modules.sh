#!/usr/bin/env bash
# `make test-modules`: `terraform test` for every module under examples/modules that has a
# tests/ folder, against the pinecone-emulator, offline.
#
#   1. finds Terraform (scripts/ensure-terraform.sh); `terraform test` with .tftest.hcl files
#      needs Terraform 1.6 or newer, so older versions skip with a message;
#   2. builds the provider at the fixed version 0.0.0-test straight into a filesystem mirror
#      (<mirror>/registry.terraform.io/vectorcraft/pinecone/0.0.0-test/<os>_<arch>/), and the
#      emulator;
#   3. starts the emulator on a free loopback port with a fresh API key;
#   4. writes a CLI configuration that installs vectorcraft/pinecone from that mirror only;
#   5. for each module: copies it to a work directory, adds an override file that pins the
#      provider to exactly 0.0.0-test (a pre-release is only chosen by an exact constraint),
#      runs `terraform init` and `terraform test`;
#   6. always stops the emulator, also on failure or Ctrl-C.
#
# Environment:
#   MODULES        module folders to test (default: every examples/modules/*/ with a tests/ folder)
#   EMULATOR_ARGS  extra emulator flags, e.g. '-rate-limited-rate 0.2 -error-rate 0.1' to check
#                  that the tests still pass when the provider has to retry
#   READY_DELAY, DELETE_DELAY  the emulator's -ready-delay and -delete-delay (default 1s, 500ms)
#   KEEP=1         keep the work directory (it is always kept when a step fails)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
readonly provider_version="0.0.0-test"

say() { printf '==> %s\n' "$*" >&2; }
die() { printf 'test-modules: error: %s\n' "$*" >&2; exit 1; }

cd "$root"
start=$SECONDS

# --- Terraform --------------------------------------------------------------------------
tf="$(scripts/ensure-terraform.sh)"
tf_version_text="$(CHECKPOINT_DISABLE=1 TF_CLI_CONFIG_FILE=/dev/null "$tf" version 2>/dev/null | sed -n 1p)"
tf_version="$(CHECKPOINT_DISABLE=1 TF_CLI_CONFIG_FILE=/dev/null "$tf" version -json 2>/dev/null |
  sed -n 's/.*"terraform_version": *"\([0-9][0-9.]*\).*/\1/p' | sed -n 1p)"
[[ -n "$tf_version" ]] || die "cannot tell the version of $tf"
IFS=. read -r tf_major tf_minor _ <<<"$tf_version"
if ((tf_major < 1 || (tf_major == 1 && tf_minor < 6))); then
  say "SKIPPED: $tf_version_text ($tf) has no \`terraform test\` for .tftest.hcl files (Terraform 1.6 or newer)."
  say "Install Terraform 1.6+ or set TF_ACC_TERRAFORM_PATH to one to run the module tests."
  exit 0
fi
# OpenTofu resolves "vectorcraft/pinecone" on its own registry host.
provider_host="registry.terraform.io"
[[ "$tf_version_text" == OpenTofu* ]] && provider_host="registry.opentofu.org"
provider_address="$provider_host/vectorcraft/pinecone"
say "using $tf_version_text at $tf"

# --- Modules ----------------------------------------------------------------------------
modules=()
if [[ -n "${MODULES:-}" ]]; then
  read -r -a modules <<<"$MODULES"
else
  for dir in examples/modules/*/; do
    compgen -G "${dir}tests/*.tftest.hcl" >/dev/null && modules+=("${dir%/}")
  done
fi
((${#modules[@]} > 0)) || die "no module with tests/*.tftest.hcl under examples/modules"

# --- Work directory and clean environment -----------------------------------------------
mkdir -p .cache
work="$(mktemp -d "$root/.cache/test-modules.XXXXXX")"
emulator_log="$work/emulator.log"

# Nothing from the caller's environment may steer Terraform or the provider elsewhere (a real
# PINECONE_API_KEY, a TF_CLI_ARGS, a plugin cache, ...); TF_LOG* stays for debugging.
while IFS= read -r name; do
  case "$name" in
    TF_LOG | TF_LOG_*) ;;
    TF_* | PINECONE_* | CHECKPOINT_*) unset "$name" ;;
  esac
done < <(compgen -e)
export CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1

emulator_pid=""
finish() {
  local status=$?
  if [[ -n "$emulator_pid" ]] && kill -0 "$emulator_pid" 2>/dev/null; then
    say "stopping the emulator (pid $emulator_pid)"
    kill -TERM "$emulator_pid" 2>/dev/null || true
    for _ in $(seq 50); do
      kill -0 "$emulator_pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL "$emulator_pid" 2>/dev/null || true
    wait "$emulator_pid" 2>/dev/null || true
  fi
  emulator_pid=""
  if [[ $status -ne 0 ]]; then
    printf 'test-modules: FAILED (exit %d) after %d s. Logs and working copies are in %s\n' \
      "$status" "$((SECONDS - start))" "${work#"$root"/}" >&2
  elif [[ "${KEEP:-}" == 1 ]]; then
    say "kept the work directory ${work#"$root"/}"
  else
    rm -rf "$work"
  fi
}
trap finish EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- Build ------------------------------------------------------------------------------
goos="$(go env GOOS)"
goarch="$(go env GOARCH)"
mirror="$work/mirror"
platform_dir="$mirror/$provider_address/$provider_version/${goos}_${goarch}"
mkdir -p "$platform_dir" "$work/bin"
say "building the provider $provider_version into the mirror, and the emulator"
go build -ldflags "-X main.version=$provider_version" \
  -o "$platform_dir/terraform-provider-pinecone_v$provider_version" .
go build -o "$work/bin/pinecone-emulator" ./cmd/pinecone-emulator

# --- Emulator ---------------------------------------------------------------------------
api_key="pctest-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
extra_args=()
[[ -n "${EMULATOR_ARGS:-}" ]] && read -r -a extra_args <<<"$EMULATOR_ARGS"
"$work/bin/pinecone-emulator" -addr 127.0.0.1:0 -api-key "$api_key" \
  -ready-delay "${READY_DELAY:-1s}" -delete-delay "${DELETE_DELAY:-500ms}" ${extra_args[@]+"${extra_args[@]}"} \
  >"$work/emulator.stdout" 2>"$emulator_log" </dev/null &
emulator_pid=$!

url=""
line=""
for _ in $(seq 100); do # up to ~10 s
  line="$(sed -n 1p "$work/emulator.stdout")"
  if [[ "$line" =~ ^pinecone-emulator\ listening\ on\ (https?://[^[:space:]]+)$ ]]; then
    url="${BASH_REMATCH[1]}"
    break
  fi
  if ! kill -0 "$emulator_pid" 2>/dev/null; then
    sed 's/^/  emulator: /' "$emulator_log" >&2 || true
    die "the emulator exited before it was ready"
  fi
  sleep 0.1
done
[[ -n "$url" ]] || die "the emulator printed no 'pinecone-emulator listening on <url>' line within 10 s (got: '$line')"
say "emulator listening on $url (pid $emulator_pid${EMULATOR_ARGS:+, extra flags: $EMULATOR_ARGS})"

# --- Terraform CLI configuration --------------------------------------------------------
cat >"$work/terraformrc" <<EOF
# Written by scripts/test-modules.sh: vectorcraft/pinecone comes from the local mirror only,
# every other provider from its registry as usual.
provider_installation {
  filesystem_mirror {
    path    = "$mirror"
    include = ["$provider_address"]
  }
  direct {
    exclude = ["$provider_address"]
  }
}
EOF
export TF_CLI_CONFIG_FILE="$work/terraformrc"
export PINECONE_API_KEY="$api_key" PINECONE_CONTROLLER_HOST="$url"

tf_flags=()
[[ -t 1 ]] || tf_flags+=(-no-color)

# --- Tests ------------------------------------------------------------------------------
for module in "${modules[@]}"; do
  [[ -d "$module" ]] || die "no module folder $module"
  name="$(basename "$module")"
  copy="$work/modules/$name"
  mkdir -p "$copy"
  # The module without any local Terraform state, lock file or .terraform of a developer.
  tar -C "$module" --exclude=.terraform --exclude=.terraform.lock.hcl --exclude='*.tfstate' \
    --exclude='*.tfstate.*' -cf - . | tar -C "$copy" -xf -
  cat >"$copy/zz_test_provider_override.tf" <<EOF
# Written by scripts/test-modules.sh: use the provider build from the local mirror.
terraform {
  required_providers {
    pinecone = {
      source  = "$provider_address"
      version = "$provider_version"
    }
  }
}
EOF
  say "terraform init ($module)"
  t0=$SECONDS
  "$tf" -chdir="$copy" init -input=false "${tf_flags[@]}" >"$work/$name.init.log" 2>&1 ||
    { cat "$work/$name.init.log" >&2; die "terraform init failed in the copy of $module"; }
  say "terraform test ($module)"
  "$tf" -chdir="$copy" test "${tf_flags[@]}"
  say "$module passed in $((SECONDS - t0)) s"
done

if command -v curl >/dev/null 2>&1 && stats="$(curl -fsS --max-time 5 "$url/_emulator/stats" 2>/dev/null)"; then
  say "emulator stats: $stats"
fi
say "module tests passed (${#modules[@]} module(s), $((SECONDS - start)) s in all)"
