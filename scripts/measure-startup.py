#!/usr/bin/env python3
"""Measures the release binary: size, time from process start to /health/ready = 200 on a fresh
SQLite folder, and resident memory one second after start. Run `cargo build --release -p bahi`
first; prints one line per run and the medians.

    python3 scripts/measure-startup.py [runs]
"""
import os, shutil, statistics, subprocess, sys, tempfile, time, urllib.request

binary = os.path.join(os.path.dirname(__file__), "..", "target", "release", "bahi")
runs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
port = "18080"
print(f"binary: {os.path.getsize(binary) / 1e6:.1f} MB")
ready, rss = [], []
for _ in range(runs):
    folder = tempfile.mkdtemp()
    start = time.monotonic()
    proc = subprocess.Popen([binary, "serve"], cwd=folder,
                            env={**os.environ, "PORT": port, "BAHI_BIND": "127.0.0.1", "BAHI_LOG": "warn"},
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    while True:
        try:
            if urllib.request.urlopen(f"http://127.0.0.1:{port}/health/ready", timeout=1).status == 200:
                break
        except Exception:
            pass
        if time.monotonic() - start > 30:
            sys.exit("not ready within 30 s")
        time.sleep(0.002)
    ready.append((time.monotonic() - start) * 1000)
    time.sleep(1)
    with open(f"/proc/{proc.pid}/status") as status:
        rss.append(int(next(l for l in status if l.startswith("VmRSS")).split()[1]) / 1024)
    proc.terminate()
    proc.wait()
    shutil.rmtree(folder)
    print(f"ready {ready[-1]:.1f} ms, idle RSS {rss[-1]:.1f} MiB, exit {proc.returncode}")
print(f"median: ready {statistics.median(ready):.1f} ms, idle RSS {statistics.median(rss):.1f} MiB")
