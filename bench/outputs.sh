#!/usr/bin/env bash
# What the outputs of issue 6 cost, release build, on this machine:
#   1. 1,000 one-page forms (thong-bao-xep-loai): plain, PDF/A-2b, signed;
#   2. one document: render, render --format png, sign an existing PDF;
#   3. `vanban watch` latency from save to new PDF (bench/watch_latency.py).
# Needs openssl (a throw-away certificate) and python3.
source "$(dirname "$0")/setup.sh"

openssl req -x509 -newkey rsa:2048 -nodes -keyout "$work/key.pem" -out "$work/cert.pem" -days 2 \
  -subj "/CN=Bench/C=VN" -addext "keyUsage=critical,digitalSignature,nonRepudiation" 2>/dev/null
openssl pkcs12 -export -inkey "$work/key.pem" -in "$work/cert.pem" -out "$work/id.p12" -passout pass:x
echo x > "$work/pw"

best_of_3() {  # best wall seconds of 3 runs of "$@" (--out DIR appended)
  local best=""
  for k in 1 2 3; do
    rm -rf "$work/out"
    /usr/bin/time -f "%e" -o "$work/t" "$@" --out "$work/out" > /dev/null 2> "$work/err" || { echo "failed: $*" >&2; cat "$work/err" >&2; exit 1; }
    t=$(cat "$work/t")
    if [ -z "$best" ] || [ "$(echo "$t < $best" | bc)" = 1 ]; then best=$t; fi
  done
  echo "$best"
}
batch=("$V" batch thong-bao-xep-loai --data data/ward/dang-vien.csv --context data/ward/context-2025.yaml --jobs 2)
plain=$(best_of_3 "${batch[@]}")
pdfa=$(best_of_3 "${batch[@]}" --pdf-standard a-2b)
signed=$(best_of_3 "${batch[@]}" --sign --p12 "$work/id.p12" --password-file "$work/pw")
echo "1,000 forms, 2 threads: plain ${plain} s, PDF/A-2b ${pdfa} s, signed ${signed} s"
echo "signing cost per form: $(echo "scale=2; ($signed - $plain) * 1000 / 1000" | bc) ms of wall time (2 threads)"

one() {  # best wall ms of 5 runs
  local best=""
  for k in 1 2 3 4 5; do
    s=$(date +%s%N); "$@" > /dev/null 2>&1; e=$(date +%s%N)
    t=$(( (e - s) / 1000000 ))
    if [ -z "$best" ] || [ "$t" -lt "$best" ]; then best=$t; fi
  done
  echo "$best"
}
seed=data/examples/cong-van-68-2021.yaml
echo "one công văn (9 pages), whole process: render $(one "$V" render $seed -o "$work/cv.pdf") ms," \
  "PDF/A-2b $(one "$V" render $seed --pdf-standard a-2b -o "$work/cva.pdf") ms," \
  "PNG 144 ppi $(one "$V" render $seed --format png -o "$work/cv.png") ms," \
  "sign $(one "$V" sign "$work/cv.pdf" --p12 "$work/id.p12" --password-file "$work/pw" -o "$work/cvs.pdf") ms"
python3 bench/watch_latency.py "$V" 20
