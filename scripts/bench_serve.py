"""Throughput and latency of `mtqa serve` against the same work done by `mtqa check`.

One 20-sentence article (the sample article's sentences with their sources, repeated) is checked:
  * in one process with a Checker built once (what `mtqa check` does after loading), serially;
  * by `mtqa check` as a fresh command per article (what a CMS calling a shell would pay);
  * over HTTP by `mtqa serve` (default offline checks) with 1, 4 and 16 concurrent clients.
Ratios compare each row's requests/s to the in-process rate (measured before and after the others,
averaged, since a shared machine's load drifts), all in this one run.

    .venv/bin/python scripts/bench_serve.py [--seconds 8] [--cli-runs 3]
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

from mtqa.checks import Languages
from mtqa.io.readers import ReadOptions, read_segments
from mtqa.pipeline import Checker
from mtqa.types import Segment

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "data" / "samples"
SENTENCES = 20


def article() -> tuple[list[str], list[str | None]]:
    segments = read_segments(
        str(SAMPLES / "article.en.txt"), ReadOptions(src_path=str(SAMPLES / "article.ru.txt"))
    )
    picked = [segments[i % len(segments)] for i in range(SENTENCES)]
    return [s.mt for s in picked], [s.src for s in picked]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def row(name: str, clients: int, n: int, wall: float, latencies: list[float]) -> dict[str, object]:
    return {
        "mode": name,
        "clients": clients,
        "requests": n,
        "rps": n / wall,
        "p50_ms": 1000 * statistics.median(latencies),
        "p95_ms": 1000 * percentile(latencies, 95),
    }


def bench_in_process(
    checker: Checker, mt: list[str], src: list[str | None], seconds: float, label: str
) -> dict[str, object]:
    segments = [
        Segment(index=i, id=str(i + 1), mt=m, src=s) for i, (m, s) in enumerate(zip(mt, src))
    ]
    checker.check_document(segments)  # load lazily loaded models before timing
    latencies: list[float] = []
    start = time.perf_counter()
    while time.perf_counter() - start < seconds:
        t = time.perf_counter()
        checker.check_document(segments)
        latencies.append(time.perf_counter() - t)
    return row(label, 1, len(latencies), time.perf_counter() - start, latencies)


def bench_cli(mt: list[str], src: list[str | None], runs: int) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as tmp:
        mt_path, src_path = Path(tmp, "mt.txt"), Path(tmp, "src.txt")
        mt_path.write_text("\n".join(mt) + "\n", encoding="utf-8")
        src_path.write_text("\n".join(s or "" for s in src) + "\n", encoding="utf-8")
        mtqa = str(Path(sys.executable).with_name("mtqa"))
        cmd = [mtqa, "check", "--lines", str(mt_path), "--src", str(src_path), "-f", "json"]
        latencies = []
        start = time.perf_counter()
        for _ in range(runs):
            t = time.perf_counter()
            subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
            latencies.append(time.perf_counter() - t)
    return row("`mtqa check` per article", 1, runs, time.perf_counter() - start, latencies)


def start_server() -> tuple[subprocess.Popen[bytes], str]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    proc = subprocess.Popen(
        [sys.executable, "-m", "mtqa.cli", "serve", "--port", str(port), "--max-pending", "256"],
        env={k: v for k, v in os.environ.items() if k != "MTQA_TOKEN"},
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/v1/health").status_code == 200:
                return proc, url
        except httpx.TransportError:
            time.sleep(0.2)
    proc.terminate()
    raise SystemExit("mtqa serve did not start")


def bench_http(
    url: str, body: dict[str, object], clients: int, seconds: float
) -> dict[str, object]:
    latencies: list[float] = []
    lock = threading.Lock()
    stop = time.perf_counter() + seconds

    def client() -> None:
        with httpx.Client(timeout=120) as http:
            while time.perf_counter() < stop:
                t = time.perf_counter()
                r = http.post(f"{url}/v1/check", json=body)
                r.raise_for_status()
                with lock:
                    latencies.append(time.perf_counter() - t)

    start = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    return row("mtqa serve (HTTP)", clients, len(latencies), time.perf_counter() - start, latencies)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=6.0, help="Time per measured row.")
    parser.add_argument("--cli-runs", type=int, default=3, help="`mtqa check` runs to time.")
    args = parser.parse_args()
    mt, src = article()
    checker = Checker(langs=Languages("ru", "en"))
    rows = [bench_in_process(checker, mt, src, args.seconds, "in-process Checker, before")]
    rows.append(bench_cli(mt, src, args.cli_runs))
    proc, url = start_server()
    try:
        body = {"mt": mt, "src": src}
        httpx.post(f"{url}/v1/check", json=body, timeout=120).raise_for_status()
        for clients in (1, 4, 16):
            rows.append(bench_http(url, body, clients, args.seconds))
    finally:
        proc.terminate()
        proc.wait(30)
    # The baseline again: on a shared machine the load drifts, so ratios use the mean of both.
    rows.append(bench_in_process(checker, mt, src, args.seconds, "in-process Checker, after"))
    base = (float(rows[0]["rps"]) + float(rows[-1]["rps"])) / 2  # type: ignore[arg-type]
    print(f"{SENTENCES}-sentence article (mt+src), default offline checks, {os.cpu_count()} CPUs")
    print(
        f"{'mode':<30}{'clients':>8}{'requests':>10}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'ratio':>8}"
    )
    for r in rows:
        print(
            f"{r['mode']:<30}{r['clients']:>8}{r['requests']:>10}{r['rps']:>9.2f}"
            f"{r['p50_ms']:>9.0f}{r['p95_ms']:>9.0f}{float(r['rps']) / base:>8.2f}"  # type: ignore[arg-type]
        )


if __name__ == "__main__":
    main()
