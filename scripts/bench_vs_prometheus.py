#!/usr/bin/env python3
"""Run leakwatch and Prometheus on the same memory-gauge data set and print a comparison table.

Called by scripts/bench-vs-prometheus.sh (python3 standard library only). Figures:
  1. bytes per sample on disk (leakwatch.sqlite + -wal after shutdown vs. the blocks promtool creates),
  2. latency of deriv(process_memory_rss_bytes[2h]) over every series via /api/v1/query (p50/p99),
  3. resident memory (VmRSS) of each server after loading from disk and answering the queries, per series.
"""

import argparse
import datetime
import http.client
import json
import math
import os
import platform
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse

MASK = (1 << 64) - 1
METRIC = "process_memory_rss_bytes"


def mix(value):
    """splitmix64 finaliser, as MemoryGaugeWorkload.mix."""
    mixed = (value + 0x9E3779B97F4A7C15) & MASK
    mixed = ((mixed ^ (mixed >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    mixed = ((mixed ^ (mixed >> 27)) * 0x94D049BB133111EB) & MASK
    return mixed ^ (mixed >> 31)


class Workload:
    """The data of Sources/Leakwatch/Benchmarks/MemoryGaugeWorkload.swift: noisy leaking gauges in 4 KiB pages."""

    def __init__(self, series, samples, start_ms, step_ms=60_000):
        self.series, self.samples, self.start, self.step = series, samples, start_ms, step_ms
        self.labels = []
        self.seeds = []
        for index in range(series):
            service = f"checkout-{index % 40}"
            self.labels.append({
                "service_name": service,
                "job": service,
                "instance": f"10.{index // 62_500}.{index // 250 % 250}.{index % 250}:8080",
                "pod": f"{service}-7d9f{mix(index) % 100_000}",
            })
            seed = mix(index)
            self.seeds.append(((100 << 20) + seed % (300 << 20), (seed >> 40) % 65_536))

    def timestamp(self, index):
        return self.start + index * self.step

    def value(self, series, index):
        base, slope = self.seeds[series]
        noise = mix(((series << 32) | index) & MASK) % (4 << 20) - (2 << 20)
        return math.floor((base + slope * index + noise) / 4096 + 0.5) * 4096  # Swift .rounded(): half away from 0


def write_openmetrics(workload, path):
    series_text = []
    for labels in workload.labels:
        body = ",".join(f'{k}="{v}"' for k, v in sorted(labels.items()))
        series_text.append(f"{METRIC}{{{body}}} ")
    with open(path, "w", buffering=1 << 20) as out:
        out.write(f"# TYPE {METRIC} gauge\n")
        for index in range(workload.samples):
            seconds = workload.timestamp(index) // 1000
            out.write("".join(
                f"{series_text[s]}{workload.value(s, index)} {seconds}\n" for s in range(workload.series)))
        out.write("# EOF\n")


def otlp_body(workload, index):
    """One OTLP/JSON request: every series' sample at `index`, one resource per series (job/instance from it)."""
    nanos = str(workload.timestamp(index) * 1_000_000)
    parts = []
    for s, labels in enumerate(workload.labels):
        parts.append(
            '{"resource":{"attributes":['
            f'{{"key":"service.name","value":{{"stringValue":"{labels["job"]}"}}}},'
            f'{{"key":"service.instance.id","value":{{"stringValue":"{labels["instance"]}"}}}}]}},'
            '"scopeMetrics":[{"metrics":[{"name":"' + METRIC + '","unit":"","gauge":{"dataPoints":[{'
            f'"attributes":[{{"key":"pod","value":{{"stringValue":"{labels["pod"]}"}}}}],'
            f'"timeUnixNano":"{nanos}","asDouble":{workload.value(s, index)}'
            '}]}}]}]}')
    return ('{"resourceMetrics":[' + ",".join(parts) + "]}").encode()


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def http_get(port, path, timeout=120):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def wait_ready(port, process, path="/-/ready", limit=300):
    deadline = time.time() + limit
    while time.time() < deadline:
        if process.poll() is not None:
            sys.exit(f"server on port {port} exited with {process.returncode}")
        try:
            status, _ = http_get(port, path, timeout=5)
            if status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    sys.exit(f"server on port {port} not ready after {limit}s")


def stop(process):
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=300)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def tree_bytes(path):
    total = 0
    for root, _, files in os.walk(path):
        for name in files:
            total += os.path.getsize(os.path.join(root, name))
    return total


def rss_bytes(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    return 0


def run_queries(port, query, at_seconds, count):
    path = "/api/v1/query?" + urllib.parse.urlencode({"query": query, "time": f"{at_seconds:.3f}"})
    latencies, result = [], None
    for _ in range(count + 1):  # the first run warms caches and is not timed
        begin = time.perf_counter()
        status, body = http_get(port, path)
        elapsed = time.perf_counter() - begin
        if status != 200:
            sys.exit(f"query failed on port {port}: {status} {body[:300]!r}")
        if result is None:
            result = json.loads(body)["data"]["result"]
        else:
            latencies.append(elapsed)
    latencies.sort()
    pick = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))]
    return pick(0.5), pick(0.99), result


def by_labels(result):
    return {tuple(sorted(item["metric"].items())): float(item["value"][1]) for item in result}


def machine():
    model = "unknown CPU"
    with open("/proc/cpuinfo") as info:
        for line in info:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo") as info:
        mem_kib = int(info.readline().split()[1])
    return f"{model}, {os.cpu_count()} CPUs, {mem_kib / 1048576:.0f} GiB RAM, Linux {platform.release()}"


def version(command):
    out = subprocess.run(command, capture_output=True, text=True)
    return (out.stdout or out.stderr).strip().splitlines()[0]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--series", type=int, default=10_000)
    parser.add_argument("--samples", type=int, default=720)
    parser.add_argument("--queries", type=int, default=20)
    parser.add_argument("--leakwatch", default=".build/release/leakwatch")
    parser.add_argument("--prometheus", default="prometheus")
    parser.add_argument("--promtool", default="promtool")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    args = parser.parse_args()

    work = tempfile.mkdtemp(prefix="bench-vs-prom-")
    processes = []
    try:
        now_ms = int(time.time() * 1000) // 60_000 * 60_000
        workload = Workload(args.series, args.samples, now_ms - args.samples * 60_000)
        total = args.series * args.samples
        # Half a step after the last sample: Prometheus 2.x range selectors include the left edge, Prometheus 3
        # (and leakwatch) exclude it, so at a sample's timestamp the two windows would differ by one sample.
        at_seconds = workload.timestamp(args.samples - 1) / 1000 + 30
        log = lambda text: print(f"[{time.strftime('%H:%M:%S')}] {text}", file=sys.stderr, flush=True)

        # 1a. Prometheus blocks from OpenMetrics.
        log(f"writing OpenMetrics: {args.series} series x {args.samples} samples")
        om_path = os.path.join(work, "data.om")
        write_openmetrics(workload, om_path)
        prom_dir = os.path.join(work, "prometheus")
        os.makedirs(prom_dir)
        log("promtool tsdb create-blocks-from openmetrics")
        begin = time.perf_counter()
        subprocess.run([args.promtool, "tsdb", "create-blocks-from", "openmetrics", om_path, prom_dir],
                       check=True, stdout=subprocess.DEVNULL)
        prom_create = time.perf_counter() - begin
        prom_bytes = tree_bytes(prom_dir)
        prom_blocks = sum(1 for name in os.listdir(prom_dir) if os.path.isdir(os.path.join(prom_dir, name)))
        os.remove(om_path)

        # 1b. leakwatch via OTLP/JSON.
        lw_dir = os.path.join(work, "leakwatch")
        lw_port = free_port()
        lw_cmd = [args.leakwatch, "serve", "--listen", f"127.0.0.1:{lw_port}", "--data-dir", lw_dir,
                  "--log-level", "warning"]
        lw = subprocess.Popen(lw_cmd)
        processes.append(lw)
        wait_ready(lw_port, lw)
        log("posting OTLP/JSON to leakwatch")
        conn = http.client.HTTPConnection("127.0.0.1", lw_port, timeout=300)
        post_seconds = 0.0
        for index in range(args.samples):
            body = otlp_body(workload, index)
            begin = time.perf_counter()
            conn.request("POST", "/v1/metrics", body, {"Content-Type": "application/json"})
            response = conn.getresponse()
            reply = response.read()
            post_seconds += time.perf_counter() - begin
            if response.status != 200:
                sys.exit(f"OTLP POST failed: {response.status} {reply[:300]!r}")
        conn.close()
        log("stopping leakwatch (shutdown compaction)")
        begin = time.perf_counter()
        stop(lw)
        lw_shutdown = time.perf_counter() - begin
        processes.remove(lw)
        lw_bytes = sum(os.path.getsize(os.path.join(lw_dir, name)) for name in os.listdir(lw_dir)
                       if name.startswith("leakwatch.sqlite"))

        # 2 + 3. Restart leakwatch from disk; start Prometheus on the blocks; query both; read RSS.
        query = f"deriv({METRIC}[2h])"
        lw = subprocess.Popen(lw_cmd)
        processes.append(lw)
        begin = time.perf_counter()
        wait_ready(lw_port, lw)
        lw_start = time.perf_counter() - begin
        log("querying leakwatch")
        lw_p50, lw_p99, lw_result = run_queries(lw_port, query, at_seconds, args.queries)
        lw_rss = rss_bytes(lw.pid)

        config = os.path.join(work, "prometheus.yml")
        with open(config, "w") as handle:
            handle.write("global:\n  scrape_interval: 1m\nscrape_configs: []\n")
        prom_port = free_port()
        prom = subprocess.Popen(
            [args.prometheus, f"--config.file={config}", f"--storage.tsdb.path={prom_dir}",
             f"--web.listen-address=127.0.0.1:{prom_port}", "--storage.tsdb.retention.time=30d",
             "--log.level=warn"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        processes.append(prom)
        begin = time.perf_counter()
        wait_ready(prom_port, prom)
        prom_start = time.perf_counter() - begin
        log("querying Prometheus")
        prom_p50, prom_p99, prom_result = run_queries(prom_port, query, at_seconds, args.queries)
        prom_rss = rss_bytes(prom.pid)

        # Same answers?
        lw_values, prom_values = by_labels(lw_result), by_labels(prom_result)
        common = set(lw_values) & set(prom_values)
        worst = max((abs(lw_values[k] - prom_values[k]) / max(abs(prom_values[k]), 1e-12) for k in common),
                    default=float("nan"))

        lw_version = version([args.leakwatch, "--version"])
        prom_version = version([args.prometheus, "--version"])
        ms = lambda seconds: f"{seconds * 1000:.1f} ms"
        rows = [
            ("Bytes per sample on disk", f"{lw_bytes / total:.3f}", f"{prom_bytes / total:.3f}",
             lw_bytes / prom_bytes),
            ("Disk total", f"{lw_bytes / 1048576:.1f} MiB", f"{prom_bytes / 1048576:.1f} MiB",
             lw_bytes / prom_bytes),
            (f"{query} p50", ms(lw_p50), ms(prom_p50), lw_p50 / prom_p50),
            (f"{query} p99", ms(lw_p99), ms(prom_p99), lw_p99 / prom_p99),
            ("RSS after load + queries", f"{lw_rss / 1048576:.1f} MiB", f"{prom_rss / 1048576:.1f} MiB",
             lw_rss / prom_rss),
            ("RSS per series", f"{lw_rss / args.series / 1024:.1f} KiB", f"{prom_rss / args.series / 1024:.1f} KiB",
             lw_rss / prom_rss),
            ("Start until ready (from disk)", ms(lw_start), ms(prom_start), lw_start / prom_start),
        ]
        print(f"Machine:    {machine()}")
        print(f"Date:       {datetime.datetime.now(datetime.timezone.utc).strftime('%Y-%m-%d %H:%M UTC')}")
        print(f"leakwatch:  {lw_version} ({args.leakwatch})")
        print(f"Prometheus: {prom_version}")
        print(f"Data:       {args.series:,} series x {args.samples} one-minute samples = {total:,} samples "
              f"({METRIC}, noisy, 4 KiB pages)")
        print()
        print("| Measure | leakwatch | Prometheus | leakwatch / Prometheus |")
        print("|---|---:|---:|---:|")
        for name, mine, theirs, ratio in rows:
            print(f"| {name} | {mine} | {theirs} | {ratio:.2f}x |")
        print()
        print(f"Series returned by the query: leakwatch {len(lw_values):,}, Prometheus {len(prom_values):,}; "
              f"matching label sets {len(common):,}; largest relative difference {worst:.2e}.")
        print(f"Prometheus: {prom_blocks} blocks from promtool in {prom_create:.1f} s "
              "(as created, before any compaction by the server).")
        print(f"leakwatch: OTLP/JSON POSTs took {post_seconds:.1f} s "
              f"({total / post_seconds:,.0f} samples/s, one request per timestamp, JSON encoding not counted); "
              f"shutdown incl. compaction {lw_shutdown:.1f} s. Queries: {args.queries} timed runs after one warm-up.")
    finally:
        for process in processes:
            if process.poll() is None:
                stop(process)
        if args.keep:
            print(f"kept {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
