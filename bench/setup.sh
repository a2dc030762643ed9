# Sourced by the bench scripts: repository root, UTF-8, a release build
# in $V, a scratch directory in $work removed on exit.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export LC_ALL=C.UTF-8
cargo build --release --locked --quiet
V=$PWD/target/release/vanban
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
