#!/usr/bin/env python3
"""Latency of `vanban watch`: from a save of the YAML to the new PDF in
place, on a 2-page document (data/examples/bao-cao.yaml).

Starts the watcher on a copy, then saves the copy N times (alternating one
word), each time polling the PDF's inode (the watcher replaces the file by
rename) until it changes. Prints each latency and the median / p90 / max.
Usage: bench/watch_latency.py [VANBAN_BINARY] [N]
"""
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

binary = sys.argv[1] if len(sys.argv) > 1 else "target/release/vanban"
n = int(sys.argv[2]) if len(sys.argv) > 2 else 20
work = tempfile.mkdtemp()
doc = os.path.join(work, "bao-cao.yaml")
pdf = os.path.join(work, "bao-cao.pdf")
shutil.copy("data/examples/bao-cao.yaml", doc)
text = open(doc, encoding="utf-8").read()

proc = subprocess.Popen([binary, "watch", doc], stderr=subprocess.PIPE, text=True)
try:
    # The first render.
    deadline = time.time() + 60
    while not os.path.exists(pdf):
        if time.time() > deadline:
            sys.exit("no first render")
        time.sleep(0.005)
    time.sleep(0.5)
    latencies = []
    for i in range(n):
        before = os.stat(pdf).st_ino
        variant = text.replace("năm 2025", "năm 2025" if i % 2 else "năm 2O25", 1)
        start = time.perf_counter()
        with open(doc, "w", encoding="utf-8") as f:
            f.write(variant)
        while True:
            try:
                if os.stat(pdf).st_ino != before:
                    break
            except FileNotFoundError:
                pass
            if time.perf_counter() - start > 10:
                sys.exit("no re-render within 10 s")
            time.sleep(0.0005)
        latencies.append((time.perf_counter() - start) * 1000)
        time.sleep(0.3)
    latencies.sort()
    pages = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout
    pages = next((l.split()[-1] for l in pages.splitlines() if l.startswith("Pages:")), "?")
    print(f"document: bao-cao.yaml ({pages} pages), {n} saves")
    print("latency ms:", " ".join(f"{x:.0f}" for x in latencies))
    p90 = latencies[int(0.9 * (len(latencies) - 1))]
    print(f"median {statistics.median(latencies):.0f} ms, p90 {p90:.0f} ms, max {latencies[-1]:.0f} ms")
finally:
    proc.terminate()
    proc.wait()
    shutil.rmtree(work)
