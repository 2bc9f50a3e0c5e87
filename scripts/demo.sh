#!/usr/bin/env bash
# `make demo`: the whole provider end to end, offline, in under a minute once tools are cached.
#
#   1. builds the provider and the emulator into .demo/bin;
#   2. starts the emulator on a free loopback port with a fresh random API key, an index that
#      takes 2 s to become ready and 1 s to go away;
#   3. points Terraform at the freshly built provider with dev_overrides (no `terraform init`,
#      so no registry is needed);
#   4. applies examples/quickstart, prints the index host, destroys it again;
#   5. always stops the emulator, also on failure or Ctrl-C.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
demo="$root/.demo"
bin="$demo/bin"
work="$demo/work"
emulator_out="$demo/emulator.stdout"
emulator_log="$demo/emulator.log"
provider_address="registry.terraform.io/vectorcraft/pinecone"

say() { printf '==> %s\n' "$*" >&2; }
die() { printf 'demo: error: %s\n' "$*" >&2; exit 1; }

emulator_pid=""
stop_emulator() {
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
    printf 'demo: FAILED (exit %d). Emulator log: %s\n' "$status" "$emulator_log" >&2
  fi
}
trap stop_emulator EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

cd "$root"
export CHECKPOINT_DISABLE=1

# --- Terraform --------------------------------------------------------------------------
tf="$(scripts/ensure-terraform.sh)"
say "using $(TF_CLI_CONFIG_FILE=/dev/null "$tf" version 2>/dev/null | sed -n 1p) at $tf"

# --- Build ------------------------------------------------------------------------------
mkdir -p "$bin"
say "building the provider and the emulator into ${bin#"$root"/}"
go build -ldflags "-X main.version=0.0.0-demo" -o "$bin/terraform-provider-pinecone" .
go build -o "$bin/pinecone-emulator" ./cmd/pinecone-emulator

# --- Emulator ---------------------------------------------------------------------------
api_key="pcdemo-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
: >"$emulator_out"
: >"$emulator_log"
"$bin/pinecone-emulator" -addr 127.0.0.1:0 -api-key "$api_key" -ready-delay 2s -delete-delay 1s \
  >"$emulator_out" 2>"$emulator_log" </dev/null &
emulator_pid=$!

url=""
for _ in $(seq 100); do # up to ~10 s
  line="$(sed -n 1p "$emulator_out")"
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
[[ -n "$url" ]] || die "the emulator printed no 'pinecone-emulator listening on <url>' line within 10 s (got: '${line:-}')"
say "emulator listening on $url (pid $emulator_pid, log ${emulator_log#"$root"/})"

# --- Terraform configuration ------------------------------------------------------------
cat >"$demo/terraformrc" <<EOF
# Written by scripts/demo.sh: use the provider built into .demo/bin instead of the registry.
provider_installation {
  dev_overrides {
    "$provider_address" = "$bin"
  }
  direct {}
}
EOF
export TF_CLI_CONFIG_FILE="$demo/terraformrc"
export TF_IN_AUTOMATION=1
export PINECONE_API_KEY="$api_key"
export PINECONE_CONTROLLER_HOST="$url"

# Plain output when it goes to a file or a CI log rather than a terminal.
tf_flags=(-input=false)
[[ -t 1 ]] || tf_flags+=(-no-color)

rm -rf "$work"
mkdir -p "$work"
cp "$root"/examples/quickstart/*.tf "$root"/examples/quickstart/*.txt "$work"/

# No `terraform init`: with dev_overrides Terraform uses the local binary directly, offline.
say "terraform apply (examples/quickstart)"
"$tf" -chdir="$work" apply -auto-approve "${tf_flags[@]}"

host="$("$tf" -chdir="$work" output -no-color -raw index_host)"
[[ -n "$host" ]] || die "terraform output index_host is empty"
printf '\nCreated index host: %s\n' "$host"
printf 'Created backup:     %s\n' "$("$tf" -chdir="$work" output -no-color -raw backup_id)"
printf 'Collection status:  %s\n' "$("$tf" -chdir="$work" output -no-color -raw collection_status)"
printf 'Assistant host:     %s (file %s)\n\n' "$("$tf" -chdir="$work" output -no-color -raw assistant_host)" \
  "$("$tf" -chdir="$work" output -no-color -raw assistant_file_status)"

say "terraform destroy"
"$tf" -chdir="$work" destroy -auto-approve "${tf_flags[@]}"

if command -v curl >/dev/null 2>&1; then
  if stats="$(curl -fsS --max-time 5 -H "Api-Key: $api_key" "$url/_emulator/stats" 2>/dev/null)"; then
    say "emulator stats: $stats"
  fi
fi

say "demo finished: created, read and destroyed the quickstart indexes, backup, collection, assistant and file against the emulator"
