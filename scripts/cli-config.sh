#!/usr/bin/env bash
# Print the path of a Terraform CLI config file that exists, for TF_CLI_CONFIG_FILE.
#
# Some machines export TF_CLI_CONFIG_FILE pointing at a file that does not exist. Terraform
# then warns on every run, and OpenTofu prints the warning on stdout, which breaks
# terraform-plugin-testing's version parsing. So:
#   - if TF_CLI_CONFIG_FILE names an existing file, that file is kept (a user's own setting);
#   - otherwise an empty config at <repo>/.cache/terraformrc is created and its path printed.
#
# Usage: export TF_CLI_CONFIG_FILE="$(scripts/cli-config.sh)"
set -euo pipefail

if [[ -n "${TF_CLI_CONFIG_FILE:-}" && -f "${TF_CLI_CONFIG_FILE}" && -r "${TF_CLI_CONFIG_FILE}" ]]; then
  case "$TF_CLI_CONFIG_FILE" in
    /*) printf '%s\n' "$TF_CLI_CONFIG_FILE" ;;
    *) printf '%s/%s\n' "$PWD" "$TF_CLI_CONFIG_FILE" ;;
  esac
  exit 0
fi

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mkdir -p "$root/.cache"
cfg="$root/.cache/terraformrc"
[[ -f "$cfg" ]] || : >"$cfg"
printf '%s\n' "$cfg"
