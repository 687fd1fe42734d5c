#!/usr/bin/env python3
"""Run leakwatch and Prometheus on the same work and print one table of figures with their ratios.

Called by scripts/bench-vs-prometheus.sh (python3 standard library only). Figures:
  1. rule evaluation: the same generated promtool unit-test file through `leakwatch test rules` and
     `promtool test rules` (scripts/generate_rule_bench.py, the shipped rules/memory-leaks.yml),
  2. ingest: the same samples, pre-encoded, sent over the same number of keep-alive connections in the same order
     to `leakwatch serve` (OTLP/HTTP protobuf) and to Prometheus's remote-write receiver; samples/s acknowledged,
  3. resident memory (VmRSS) per active series right after that ingest,
  4. bytes per sample on disk: leakwatch's database after a clean stop vs the blocks promtool creates from the same
     samples (`promtool tsdb create-blocks-from openmetrics`),
  5. latency of deriv(process_memory_rss_bytes[2h]) over every series through /api/v1/query (p50/p99), both
     servers restarted on that data, and the answers compared series by series,
  6. resident memory per series after loading from disk and answering the queries, and the time until ready.
"""

import argparse
import array
import datetime
import http.client
import json
import math
import os
import platform
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

MASK = (1 << 64) - 1
METRIC = "process_memory_rss_bytes"


def log(text):
    print(f"[{time.strftime('%H:%M:%S')}] {text}", file=sys.stderr, flush=True)


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
        seeds = []
        for index in range(series):
            service = f"checkout-{index % 40}"
            self.labels.append({
                "service_name": service,
                "job": service,
                "instance": f"10.{index // 62_500}.{index // 250 % 250}.{index % 250}:8080",
                "pod": f"{service}-7d9f{mix(index) % 100_000}",
            })
            seed = mix(index)
            seeds.append(((100 << 20) + seed % (300 << 20), (seed >> 40) % 65_536))
        # values[i][s]: series s at timestamp i, computed once for every encoding below.
        self.values = []
        for index in range(samples):
            row = array.array("d", bytes(8 * series))
            for s, (base, slope) in enumerate(seeds):
                noise = mix(((s << 32) | index) & MASK) % (4 << 20) - (2 << 20)
                row[s] = math.floor((base + slope * index + noise) / 4096 + 0.5) * 4096  # Swift .rounded()
            self.values.append(row)

    def timestamp(self, index):
        return self.start + index * self.step


# --- protobuf and snappy, just enough to build the two request kinds ------------------------------------------------

def varint(value):
    out = bytearray()
    while value >= 0x80:
        out.append((value & 0x7F) | 0x80)
        value >>= 7
    out.append(value)
    return bytes(out)


def field(number, payload):
    """A length-delimited field (wire type 2)."""
    return varint(number << 3 | 2) + varint(len(payload)) + payload


def snappy_literal(raw):
    """Snappy block format holding `raw` as one literal: valid for any decoder; compression is not measured."""
    if not raw:
        return varint(0)
    return varint(len(raw)) + bytes([63 << 2]) + (len(raw) - 1).to_bytes(4, "little") + raw


class OTLPEncoder:
    """ExportMetricsServiceRequest bodies: one ResourceMetrics per series (service.name, service.instance.id), one
    gauge with one data point (attribute pod). Everything but the 8-byte time and value is fixed per series, so each
    series' bytes up to the time field are built once."""

    def __init__(self, workload):
        self.prefixes = []
        point_tail = 1 + 8 + 1 + 8  # time_unix_nano (3, fixed64), as_double (4, double)
        for labels in workload.labels:
            def kv(key, value):
                return field(1, key.encode()) + field(2, field(1, value.encode()))
            resource = (field(1, kv("service.name", labels["job"]))
                        + field(1, kv("service.instance.id", labels["instance"])))
            pod = field(7, kv("pod", labels["pod"]))
            point_len = len(pod) + point_tail
            gauge = varint(1 << 3 | 2) + varint(point_len) + pod  # Gauge.data_points, open
            gauge_len = len(gauge) + point_tail
            metric = field(1, METRIC.encode()) + varint(5 << 3 | 2) + varint(gauge_len) + gauge  # Metric.gauge
            metric_len = len(metric) + point_tail
            scope = varint(2 << 3 | 2) + varint(metric_len) + metric  # ScopeMetrics.metrics
            scope_len = len(scope) + point_tail
            body = field(1, resource) + varint(2 << 3 | 2) + varint(scope_len) + scope  # ResourceMetrics
            body_len = len(body) + point_tail
            self.prefixes.append(varint(1 << 3 | 2) + varint(body_len) + body)  # request.resource_metrics

    def body(self, workload, index, series):
        time_field = b"\x19" + struct.pack("<Q", workload.timestamp(index) * 1_000_000)
        row = workload.values[index]
        return b"".join(self.prefixes[s] + time_field + b"\x21" + struct.pack("<d", row[s]) for s in series)


class RemoteWriteEncoder:
    """Prometheus remote-write 1.0 WriteRequest bodies (snappy block format): one TimeSeries per series with its
    sorted labels and one Sample."""

    def __init__(self, workload):
        self.prefixes = []
        for labels in workload.labels:
            pairs = sorted(list(labels.items()) + [("__name__", METRIC)])
            encoded = b"".join(field(1, field(1, k.encode()) + field(2, v.encode())) for k, v in pairs)
            self.prefixes.append(encoded)
        self.sample_len = 1 + 8 + 1 + len(varint(workload.timestamp(workload.samples - 1)))

    def body(self, workload, index, series):
        ts = workload.timestamp(index)
        stamp = b"\x10" + varint(ts)
        row = workload.values[index]
        parts = []
        for s in series:
            sample = b"\x09" + struct.pack("<d", row[s]) + stamp
            series_msg = self.prefixes[s] + field(2, sample)
            parts.append(field(1, series_msg))
        return snappy_literal(b"".join(parts))


def write_openmetrics(workload, path):
    series_text = []
    for labels in workload.labels:
        body = ",".join(f'{k}="{v}"' for k, v in sorted(labels.items()))
        series_text.append(f"{METRIC}{{{body}}} ")
    with open(path, "w", buffering=1 << 20) as out:
        out.write(f"# TYPE {METRIC} gauge\n")
        for index in range(workload.samples):
            seconds = workload.timestamp(index) // 1000
            row = workload.values[index]
            out.write("".join(f"{series_text[s]}{row[s]:.0f} {seconds}\n" for s in range(workload.series)))
        out.write("# EOF\n")


# --- processes and HTTP ---------------------------------------------------------------------------------------------

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
    """Seconds until `path` answers 200, polled every 10 ms."""
    begin = time.perf_counter()
    while time.perf_counter() - begin < limit:
        if process.poll() is not None:
            sys.exit(f"server on port {port} exited with {process.returncode}")
        try:
            status, _ = http_get(port, path, timeout=5)
            if status == 200:
                return time.perf_counter() - begin
        except OSError:
            pass
        time.sleep(0.01)
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


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def send_all(port, path, headers, bodies_per_connection, ok_statuses, barrier_every):
    """Sends each connection's bodies in order on its own keep-alive connection, all connections starting together
    and meeting at a barrier every `barrier_every` bodies (so no connection runs ahead in time). Returns seconds."""
    count = len(bodies_per_connection)
    start = threading.Barrier(count + 1)
    step = threading.Barrier(count)
    failures = []

    def worker(bodies):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
        try:
            start.wait()
            for number, body in enumerate(bodies):
                conn.request("POST", path, body, headers)
                response = conn.getresponse()
                reply = response.read()
                if response.status not in ok_statuses:
                    failures.append(f"{response.status} {reply[:300]!r}")
                    step.abort()
                    return
                if (number + 1) % barrier_every == 0:
                    step.wait()
        except threading.BrokenBarrierError:
            pass
        finally:
            conn.close()

    threads = [threading.Thread(target=worker, args=(bodies,)) for bodies in bodies_per_connection]
    for thread in threads:
        thread.start()
    start.wait()
    begin = time.perf_counter()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - begin
    if failures:
        sys.exit(f"POST {path} on port {port} failed: {failures[0]}")
    return elapsed


def shards(workload, connections):
    """Series split into `connections` contiguous slices: each connection sends one slice, timestamp by timestamp."""
    size = math.ceil(workload.series / connections)
    return [range(start, min(start + size, workload.series)) for start in range(0, workload.series, size)]


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


def timed_run(command, cwd):
    begin = time.perf_counter()
    out = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    elapsed = time.perf_counter() - begin
    if out.returncode != 0:
        sys.exit(f"{' '.join(command)} failed ({out.returncode}):\n{out.stdout[-2000:]}{out.stderr[-2000:]}")
    return elapsed


# --- the run --------------------------------------------------------------------------------------------------------

class Bench:
    def __init__(self, args, work):
        self.args, self.work = args, work
        self.rows = []  # (measure, leakwatch, prometheus, ratio text)
        self.notes = []
        self.processes = []

    def row(self, name, mine, theirs, ratio):
        self.rows.append((name, mine, theirs, ratio))

    def start(self, command, port, **kwargs):
        process = subprocess.Popen(command, **kwargs)
        self.processes.append(process)
        return process, wait_ready(port, process)

    def stop(self, process):
        stop(process)
        self.processes.remove(process)

    def rules(self):
        args = self.args
        out = os.path.join(self.work, "rules")
        subprocess.run([sys.executable, "scripts/generate_rule_bench.py", out, "rules/memory-leaks.yml"], check=True)
        log("leakwatch test rules")
        mine = timed_run([os.path.abspath(args.leakwatch), "test", "rules", "bench.test.yml"], out)
        log("promtool test rules")
        theirs = timed_run([args.promtool, "test", "rules", "bench.test.yml"], out)
        self.row("`test rules`, 1,000 series × 24 h, shipped leak rules (both pass)", f"{mine:.2f} s",
                 f"{theirs:.2f} s", f"**{theirs / mine:.1f}× faster**")

    def ingest_leakwatch(self, bodies):
        """One ingest round into a fresh `leakwatch serve`: seconds, server CPU seconds, RSS after, disk after stop."""
        shutil.rmtree(self.lw_dir, ignore_errors=True)
        lw, _ = self.start(self.lw_cmd, self.lw_port)
        cpu_before = cpu_seconds(lw.pid)
        seconds = send_all(self.lw_port, "/v1/metrics", {"Content-Type": "application/x-protobuf"}, bodies,
                           {200}, self.args.barrier)
        cpu = cpu_seconds(lw.pid) - cpu_before
        time.sleep(1)
        rss = rss_bytes(lw.pid)
        self.stop(lw)
        disk = sum(os.path.getsize(os.path.join(self.lw_dir, name)) for name in os.listdir(self.lw_dir)
                   if name.startswith("leakwatch.sqlite"))
        return seconds, cpu, rss, disk

    def ingest_prometheus(self, bodies, workload):
        """One ingest round into a fresh Prometheus with the remote-write receiver: seconds, CPU seconds, RSS."""
        data = os.path.join(self.work, "rw")
        shutil.rmtree(data, ignore_errors=True)
        port = free_port()
        prom, _ = self.start(
            [self.args.prometheus, f"--config.file={self.prom_config}", f"--storage.tsdb.path={data}",
             f"--web.listen-address=127.0.0.1:{port}", "--web.enable-remote-write-receiver",
             "--storage.tsdb.retention.time=30d", "--log.level=warn"], port,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        headers = {"Content-Type": "application/x-protobuf", "Content-Encoding": "snappy",
                   "X-Prometheus-Remote-Write-Version": "0.1.0"}
        cpu_before = cpu_seconds(prom.pid)
        seconds = send_all(port, "/api/v1/write", headers, bodies, {200, 204}, self.args.barrier)
        cpu = cpu_seconds(prom.pid) - cpu_before
        time.sleep(1)
        rss = rss_bytes(prom.pid)
        at = f"{workload.timestamp(workload.samples - 1) / 1000:.3f}"
        status, body = http_get(port, "/api/v1/query?" + urllib.parse.urlencode(
            {"query": f"count(count_over_time({METRIC}[1d]))", "time": at}))
        stored = json.loads(body)["data"]["result"] if status == 200 else []
        held = int(float(stored[0]["value"][1])) if stored else 0
        if held != workload.series:
            sys.exit(f"Prometheus holds {held} series after remote write, expected {workload.series}")
        self.stop(prom)
        return seconds, cpu, rss

    def ingest(self, workload, connections):
        args = self.args
        slices = shards(workload, connections)
        per_request = max(len(piece) for piece in slices)
        total = workload.series * workload.samples
        log(f"encoding {total:,} samples as OTLP protobuf and as remote-write requests")
        encoder = OTLPEncoder(workload)
        otlp = [[encoder.body(workload, i, piece) for i in range(workload.samples)] for piece in slices]
        encoder = RemoteWriteEncoder(workload)
        remote = [[encoder.body(workload, i, piece) for i in range(workload.samples)] for piece in slices]
        otlp_bytes = sum(len(body) for per in otlp for body in per)
        rw_bytes = sum(len(body) for per in remote for body in per)
        self.lw_dir = os.path.join(self.work, "leakwatch")
        self.lw_port = free_port()
        self.lw_cmd = [args.leakwatch, "serve", "--listen", f"127.0.0.1:{self.lw_port}", "--data-dir", self.lw_dir,
                       "--log-level", "warning"]
        self.prom_config = os.path.join(self.work, "prometheus.yml")
        with open(self.prom_config, "w") as handle:
            handle.write("global:\n  scrape_interval: 1m\nscrape_configs: []\n")

        # Rounds alternate between the servers, so a slow spell of a shared machine hits both; each server's best
        # round is reported, with every round's rate in the notes.
        mine, theirs = [], []
        for round_number in range(1, args.ingest_rounds + 1):
            log(f"ingest round {round_number}/{args.ingest_rounds}: leakwatch (OTLP protobuf)")
            mine.append(self.ingest_leakwatch(otlp))
            log(f"ingest round {round_number}/{args.ingest_rounds}: Prometheus (remote write)")
            theirs.append(self.ingest_prometheus(remote, workload))
        del otlp, remote
        lw_seconds, lw_cpu, lw_rss, lw_disk = min(mine)
        prom_seconds, prom_cpu, prom_rss = min(theirs)

        lw_rate, prom_rate = total / lw_seconds, total / prom_seconds
        self.row(f"ingest, samples/s acknowledged ({connections} connections, {per_request:,} samples per request)",
                 f"{lw_rate:,.0f}", f"{prom_rate:,.0f}", f"**{lw_rate / prom_rate:.2f}×**")
        self.row("ingest, server CPU per sample",
                 f"{lw_cpu / total * 1e6:.2f} µs", f"{prom_cpu / total * 1e6:.2f} µs",
                 f"{lw_cpu / prom_cpu:.2f}×")
        self.row("resident memory per active series, right after ingest", f"{lw_rss / workload.series / 1024:.1f} KiB",
                 f"{prom_rss / workload.series / 1024:.1f} KiB", f"{lw_rss / prom_rss:.2f}×")
        rounds = ", ".join(f"{total / a[0]:,.0f} vs {total / b[0]:,.0f}" for a, b in zip(mine, theirs))
        self.notes.append(
            f"Ingest: {total:,} samples, {workload.samples} timestamps × {len(slices)} requests of up to "
            f"{per_request:,} series, pre-encoded before the clock starts (OTLP protobuf {otlp_bytes / total:.0f} "
            f"bytes/sample, one resource per series; remote write {rw_bytes / total:.0f} bytes/sample as a single "
            f"snappy literal, i.e. uncompressed like the OTLP bodies), connections kept in step every "
            f"{args.barrier} requests; leakwatch answers after the samples are committed to SQLite "
            f"(synchronous=NORMAL), Prometheus after appending to its head and WAL. Both servers "
            f"hold all {workload.series:,} series afterwards. Best of {args.ingest_rounds} alternating rounds "
            f"(samples/s, leakwatch vs Prometheus: {rounds}).")
        return lw_disk

    def disk_and_queries(self, workload, lw_disk):
        args = self.args
        total = workload.series * workload.samples
        log(f"writing OpenMetrics: {workload.series} series x {workload.samples} samples")
        om_path = os.path.join(self.work, "data.om")
        write_openmetrics(workload, om_path)
        prom_dir = os.path.join(self.work, "prometheus")
        os.makedirs(prom_dir)
        log("promtool tsdb create-blocks-from openmetrics")
        subprocess.run([args.promtool, "tsdb", "create-blocks-from", "openmetrics", om_path, prom_dir],
                       check=True, stdout=subprocess.DEVNULL)
        prom_disk = tree_bytes(prom_dir)
        os.remove(om_path)
        self.row("bytes per sample on disk", f"{lw_disk / total:.2f}", f"{prom_disk / total:.2f}",
                 f"**{lw_disk / prom_disk:.2f}×**")

        # Half a step after the last sample: Prometheus 2.x range selectors include the left edge, Prometheus 3
        # (and leakwatch) exclude it, so at a sample's timestamp the two windows would differ by one sample.
        at_seconds = workload.timestamp(workload.samples - 1) / 1000 + 30
        query = f"deriv({METRIC}[2h])"
        lw, lw_start = self.start(self.lw_cmd, self.lw_port)
        log("querying leakwatch")
        lw_p50, lw_p99, lw_result = run_queries(self.lw_port, query, at_seconds, args.queries)
        lw_rss = rss_bytes(lw.pid)

        port = free_port()
        prom, prom_start = self.start(
            [args.prometheus, f"--config.file={self.prom_config}", f"--storage.tsdb.path={prom_dir}",
             f"--web.listen-address=127.0.0.1:{port}", "--storage.tsdb.retention.time=30d", "--log.level=warn"],
            port, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        log("querying Prometheus")
        prom_p50, prom_p99, prom_result = run_queries(port, query, at_seconds, args.queries)
        prom_rss = rss_bytes(prom.pid)

        lw_values, prom_values = by_labels(lw_result), by_labels(prom_result)
        common = set(lw_values) & set(prom_values)
        worst = max((abs(lw_values[k] - prom_values[k]) / max(abs(prom_values[k]), 1e-12) for k in common),
                    default=float("nan"))
        ms = lambda seconds: f"{seconds * 1000:.0f} ms"
        self.row(f"`{query}` over {workload.series:,} series, p50", ms(lw_p50), ms(prom_p50),
                 f"{lw_p50 / prom_p50:.2f}×")
        self.row(f"`{query}` over {workload.series:,} series, p99", ms(lw_p99), ms(prom_p99),
                 f"{lw_p99 / prom_p99:.2f}×")
        self.row("resident memory per series, restarted from disk + queries",
                 f"{lw_rss / workload.series / 1024:.1f} KiB", f"{prom_rss / workload.series / 1024:.1f} KiB",
                 f"{lw_rss / prom_rss:.2f}×")
        self.row("start until ready, from disk", ms(lw_start), ms(prom_start), f"{lw_start / prom_start:.2f}×")
        self.notes.append(
            f"Query: both servers restarted on the data above (Prometheus on the promtool blocks), {args.queries} "
            f"timed runs after one warm-up; {len(lw_values):,} and {len(prom_values):,} series returned, "
            f"{len(common):,} label sets in common, largest relative difference {worst:.1e}.")
        if len(common) != workload.series or worst > 1e-9:
            sys.exit("the two servers disagree on the query result")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--series", type=int, default=10_000)
    parser.add_argument("--samples", type=int, default=720, help="one-minute samples per series")
    parser.add_argument("--queries", type=int, default=20)
    parser.add_argument("--connections", type=int, default=4, help="concurrent keep-alive connections for ingest")
    parser.add_argument("--barrier", type=int, default=30, help="requests per connection between barriers")
    parser.add_argument("--ingest-rounds", type=int, default=3, help="alternating ingest rounds per server")
    parser.add_argument("--skip-rules", action="store_true", help="leave out the rule-evaluation comparison")
    parser.add_argument("--leakwatch", default=".build/release/leakwatch")
    parser.add_argument("--prometheus", default="prometheus")
    parser.add_argument("--promtool", default="promtool")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    args = parser.parse_args()

    work = tempfile.mkdtemp(prefix="bench-vs-prom-")
    bench = Bench(args, work)
    try:
        if not args.skip_rules:
            bench.rules()
        log(f"generating {args.series:,} series x {args.samples} samples")
        now_ms = int(time.time() * 1000) // 60_000 * 60_000
        workload = Workload(args.series, args.samples, now_ms - args.samples * 60_000)
        lw_disk = bench.ingest(workload, args.connections)
        bench.disk_and_queries(workload, lw_disk)

        print(f"Machine:    {machine()}")
        print(f"Date:       {datetime.datetime.now(datetime.timezone.utc).strftime('%Y-%m-%d %H:%M UTC')}")
        print(f"leakwatch:  {version([args.leakwatch, '--version'])} ({args.leakwatch})")
        print(f"Prometheus: {version([args.prometheus, '--version'])}")
        print(f"promtool:   {version([args.promtool, '--version'])}")
        print(f"Data:       {args.series:,} series × {args.samples} one-minute samples = "
              f"{args.series * args.samples:,} samples ({METRIC}, noisy, 4 KiB pages)")
        print()
        print("| measure | leakwatch | Prometheus | ratio |")
        print("|---|---:|---:|---:|")
        for name, mine, theirs, ratio in bench.rows:
            print(f"| {name} | {mine} | {theirs} | {ratio} |")
        print()
        for note in bench.notes:
            print(note)
    finally:
        for process in list(bench.processes):
            if process.poll() is None:
                stop(process)
        if args.keep:
            print(f"kept {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
