#!/usr/bin/env bash
# Regenerate the README gallery: page 1 of every example, small (needs pdftoppm).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
tmp=$(mktemp -d)
for f in data/examples/*.yaml; do
  name=$(basename "$f" .yaml)
  ./target/release/vanban render "$f" -o "$tmp/$name.pdf" 2>/dev/null
  pdftoppm -r 36 -f 1 -l 1 -png -singlefile "$tmp/$name.pdf" "docs/gallery/$name"
done
rm -rf "$tmp"
