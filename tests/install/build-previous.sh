#!/usr/bin/env bash
# Builds the .deb of an earlier release from its commit, for the upgrade test:
#   tests/install/build-previous.sh COMMIT OUT.deb
# The release's own sources (git archive of COMMIT) are built with today's Tauri CLI and
# the same `dist` profile as `make dist`, in the same Cargo target directory, so the
# dependencies compiled for one are reused by the other.
set -euo pipefail
commit=$1
out=$2
repo=$(cd "$(dirname "$0")/../.." && pwd)
: "${CARGO_TARGET_DIR:?CARGO_TARGET_DIR must be set (the Makefile sets it)}"

if ! git -C "$repo" cat-file -e "$commit^{commit}" 2>/dev/null; then
  git -C "$repo" fetch -q --unshallow 2>/dev/null || true
fi
if ! git -C "$repo" cat-file -e "$commit^{commit}" 2>/dev/null; then
  echo "build-previous: commit $commit is not in this clone (a shallow clone?); the upgrade test needs the history" >&2
  exit 1
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
git -C "$repo" archive "$commit" | tar -x -C "$work"
version=$(sed -n 's/^version = "\(.*\)"/\1/p' "$work/Cargo.toml" | head -1)
npm ci --prefix "$work/ui" --no-audit --no-fund --loglevel=error
# That release ran its UI build from the repository root; today's CLI runs it in ui/.
cd "$work"
"$repo/ui/node_modules/.bin/tauri" build --ci --bundles deb \
  --config '{"build":{"beforeBuildCommand":{"script":"npm run build","cwd":"ui"}}}' \
  -- --profile dist \
  --config 'profile.dist.inherits="release"' --config 'profile.dist.lto="fat"' \
  --config 'profile.dist.codegen-units=1' --config 'profile.dist.opt-level="s"' --config 'profile.dist.strip=true'
mkdir -p "$(dirname "$out")"
cp "$CARGO_TARGET_DIR/dist/bundle/deb/Dossier_${version}_amd64.deb" "$out.partial"
mv "$out.partial" "$out"
echo "build-previous: $out (Dossier $version from ${commit:0:7})"
