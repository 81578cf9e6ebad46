"""Worst-case latency of a normal `mtqa serve` request while a hostile one is in flight.

    python scripts/bench_serve_hostile.py [--timeout 10] [--normal 20]

Starts `mtqa serve` (default checks) on a free 127.0.0.1 port with --timeout, then for each
hostile request: sends it from a thread and, while it is in flight, sends --normal ordinary
two-sentence requests one after another, printing the hostile request's status and time, and the
normal requests' median and worst latency. The checks run one at a time in one worker, so a
normal request waits for the hostile one at most until the hostile one's deadline (--timeout).
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from typing import Any


def hostile_bodies() -> dict[str, Any]:
    listy = "sanctions, tariffs and quotas, embargoes, duties, levies and sanctions, " * 12_000
    tokens = 'a) b) (c ] [d ) " x " « y » '.split()
    sentence = " ".join((tokens * 40)[:140]) + "."
    return {
        "900 KB list-like sentence": {"mt": [listy[:900_000]]},
        "1 MB article, 200 paragraphs": {
            "mt": "\n\n".join(["The talks resumed in Vienna. " * 2 + "Trade grew."] * 200),
            "src": "\n\n".join(["Переговоры возобновились в Вене. " * 2 + "Торговля."] * 200),
        },
        "50 x TER worst case (140 words)": {
            "mt": [sentence] * 50,
            "ref": [" ".join(reversed(sentence.split()))] * 50,
        },
    }


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--timeout", type=float, default=10.0)
    ap.add_argument("--normal", type=int, default=20)
    args = ap.parse_args()
    import httpx

    port = free_port()
    url = f"http://127.0.0.1:{port}"
    cmd = [sys.executable, "-m", "mtqa.cli", "serve", "--port", str(port)]
    cmd += ["--timeout", str(args.timeout), "--max-body-bytes", "2000000"]
    proc = subprocess.Popen(cmd, env=os.environ.copy(), stderr=subprocess.DEVNULL)
    normal = {"mt": ["The ministers agreed to continue the talks.", "Trade grew in April."]}
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                if httpx.get(f"{url}/v1/health").status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                sys.exit("mtqa serve did not start")
            time.sleep(0.3)
        base = []
        for _ in range(args.normal):
            t0 = time.perf_counter()
            httpx.post(f"{url}/v1/check", json=normal, timeout=120)
            base.append(time.perf_counter() - t0)
        print(
            f"--timeout {args.timeout:g} s; normal request alone: median "
            f"{statistics.median(base) * 1000:.0f} ms, worst {max(base) * 1000:.0f} ms\n"
        )
        print(
            f"{'hostile request':34} {'status':>6} {'its time':>9} {'normal median':>14} "
            f"{'normal worst':>13} {'statuses':>10}"
        )
        for name, body in hostile_bodies().items():
            result: dict[str, Any] = {}

            def send(body: Any = body, result: dict[str, Any] = result) -> None:
                t0 = time.perf_counter()
                r = httpx.post(f"{url}/v1/check", json=body, timeout=600)
                result.update(status=r.status_code, time=time.perf_counter() - t0)

            hostile = threading.Thread(target=send)
            hostile.start()
            time.sleep(0.5)  # let it reach the worker
            times, statuses = [], []
            for _ in range(args.normal):
                t0 = time.perf_counter()
                r = httpx.post(f"{url}/v1/check", json=normal, timeout=600)
                times.append(time.perf_counter() - t0)
                statuses.append(r.status_code)
            hostile.join()
            codes = ",".join(sorted({str(s) for s in statuses}))
            print(
                f"{name:34} {result['status']:>6} {result['time']:>8.1f}s "
                f"{statistics.median(times) * 1000:>12.0f}ms {max(times):>12.2f}s {codes:>10}"
            )
    finally:
        proc.terminate()
        proc.wait(30)


if __name__ == "__main__":
    main()
