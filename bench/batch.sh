#!/usr/bin/env bash
# Batch benchmark, in one run, on the same one-page form (kit template
# `thong-bao-xep-loai`) and the same 1,000 rows (data/ward/dang-vien.csv):
#   1. vanban batch, 2 threads and 1 thread (wall time, forms/s, speed-up);
#   2. the typst CLI run once per document with --input (installed from
#      crates.io if absent; --no-typst skips it), on the first N rows
#      (TYPST_ROWS, default 200) and extrapolated to 1,000;
#   3. peak memory of vanban batch for 10,000 forms.
# Usage: bench/batch.sh [--no-typst]
source "$(dirname "$0")/setup.sh"
data=data/ward/dang-vien.csv
ctx=data/ward/context-2025.yaml
rows=$(($(wc -l < "$data") - 1))

# wall seconds and peak RSS (KiB) of a command
measure() { /usr/bin/time -f "%e %M" -o "$work/time" "$@" > /dev/null 2> "$work/err" || { cat "$work/err"; exit 1; }; cat "$work/time"; }
# best wall time of 3 runs (this machine is shared: single runs vary by ±30%),
# each into a fresh directory; prints "seconds peak_kib"
best_of_3() {
  local out=$1; shift
  local best="" mem=0
  for k in 1 2 3; do
    read -r t m < <(measure "$@" --out "$work/$out-$k")
    if [ -z "$best" ] || [ "$(echo "$t < $best" | bc)" = 1 ]; then best=$t; fi
    [ "$m" -gt "$mem" ] && mem=$m
  done
  echo "$best $mem"
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "form: thong-bao-xep-loai (1 page), rows: $rows"
$V batch thong-bao-xep-loai --data "$data" --context "$ctx" --out "$work/warm" --jobs 2 > /dev/null 2>&1  # warm the page cache

read -r t2 m2 < <(best_of_3 j2 $V batch thong-bao-xep-loai --data "$data" --context "$ctx" --jobs 2)
read -r t1 m1 < <(best_of_3 j1 $V batch thong-bao-xep-loai --data "$data" --context "$ctx" --jobs 1)
pages=$(ls "$work/j2-1"/*.pdf | wc -l)
echo "(best of 3 runs; peak memory the largest of the 3)"
printf 'vanban batch, 2 threads: %6.2f s  %6.0f forms/s  peak %4d MB  (%d PDFs)\n' "$t2" "$(echo "$rows / $t2" | bc -l)" $((m2 / 1024)) "$pages"
printf 'vanban batch, 1 thread : %6.2f s  %6.0f forms/s  peak %4d MB\n' "$t1" "$(echo "$rows / $t1" | bc -l)" $((m1 / 1024))
printf 'speed-up 1 -> 2 threads: %.2fx\n' "$(echo "$t1 / $t2" | bc -l)"

# 10,000 forms: the 1,000 rows ten times over (names stay unique: -2, -3 …)
big=$work/big.csv
head -1 "$data" > "$big"
for i in $(seq 10); do tail -n +2 "$data" >> "$big"; done
read -r t10 m10 < <(measure $V batch thong-bao-xep-loai --data "$big" --context "$ctx" --out "$work/big" --jobs 2)
printf 'vanban batch, 10,000 forms, 2 threads: %6.2f s  peak %4d MB\n' "$t10" $((m10 / 1024))
rm -rf "$work/big" "$work"/j1-* "$work"/j2-* "$work/warm"

if [ "${1:-}" = "--no-typst" ]; then exit 0; fi
if ! command -v typst > /dev/null; then
  echo "installing typst-cli 0.15.1 from crates.io (slow, once) …"
  cargo install typst-cli --version 0.15.1 --locked --quiet
fi
n=${TYPST_ROWS:-200}
# One Typst project reading every value from sys.inputs: the generated
# source of row 1 with row 1's values swapped for sys.inputs.
$V batch thong-bao-xep-loai --data "$data" --context "$ctx" --out "$work/typ" --format typ > /dev/null 2>&1
python3 bench/typst_inputs.py "$work/typ" "$data" "$ctx" "$n" > "$work/args"
start=$(date +%s.%N)
i=0
while IFS= read -r line; do
  i=$((i + 1))
  eval "typst compile --root \"$work/typ\" --font-path fonts --ignore-system-fonts \"$work/typ/main.typ\" \"$work/cli-$i.pdf\" $line"
done < "$work/args"
end=$(date +%s.%N)
tc=$(echo "($end - $start) / $n * $rows" | bc -l)
printf 'typst compile per document (%d docs, extrapolated to %d): %6.2f s  %6.1f ms/doc\n' "$n" "$rows" "$tc" "$(echo "$tc / $rows * 1000" | bc -l)"
printf 'vanban batch vs typst CLI: %.1fx faster\n' "$(echo "$tc / $t2" | bc -l)"
