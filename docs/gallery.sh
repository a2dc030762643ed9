#!/usr/bin/env bash
# Regenerate the README pictures with vanban's own PNG preview: page 1 of
# every example, small, and the electronic example's signature block.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for f in data/examples/*.yaml; do
  name=$(basename "$f" .yaml)
  ./target/release/vanban render "$f" --format png --ppi 36 -o "$tmp/$name.png" 2>/dev/null
  cp "$tmp/$name-1.png" "docs/gallery/$name.png"
done
./target/release/vanban render data/examples/thong-bao-dien-tu.yaml --format png --ppi 80 -o docs/thong-bao-dien-tu.png 2>/dev/null
mv docs/thong-bao-dien-tu-1.png docs/thong-bao-dien-tu.png
