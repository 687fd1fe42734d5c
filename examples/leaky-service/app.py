"""A small HTTP service that leaks memory on demand, instrumented with the OpenTelemetry SDK.

It exports the process memory metrics of the classic Python leak guide over OTLP/HTTP (protobuf) every few seconds:

  process.runtime.python.memory.rss   gauge, resident set size in bytes        -> process_runtime_python_memory_rss
  process.runtime.python.gc.objects   gauge, objects tracked by the collector  -> process_runtime_python_gc_objects
  process.runtime.python.gc_count     counter, collections per generation     -> process_runtime_python_gc_count
                                      (attribute `generation`: 0, 1, 2)

(the names on the right are what leakwatch stores with its default `otlp.naming: underscores`).

Routes:
  GET /       a little page of "work"
  GET /leak   start leaking LEAK_BYTES_PER_SECOND (default 2 MB/s) into a module-level cache
  GET /fix    stop the leak and drop what was leaked
  GET /status the current RSS, leaked bytes and whether it leaks

Environment:
  PORT                         where the service listens (default 8000)
  LEAK_BYTES_PER_SECOND        the leak rate once /leak was called (default 2000000)
  EXPORT_INTERVAL_SECONDS      how often metrics are exported (default 5)
  OTEL_EXPORTER_OTLP_ENDPOINT  leakwatch's base URL (default http://127.0.0.1:4318)
  LEAK_AT_START=1              leak from the start, without calling /leak
"""

import gc
import json
import os
import resource
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from opentelemetry import metrics
from opentelemetry.exporter.otlp.proto.http.metric_exporter import OTLPMetricExporter
from opentelemetry.metrics import CallbackOptions, Observation
from opentelemetry.sdk.metrics import MeterProvider
from opentelemetry.sdk.metrics.export import PeriodicExportingMetricReader
from opentelemetry.sdk.resources import Resource

PORT = int(os.environ.get("PORT", "8000"))
LEAK_BYTES_PER_SECOND = int(os.environ.get("LEAK_BYTES_PER_SECOND", "2000000"))
EXPORT_INTERVAL_SECONDS = float(os.environ.get("EXPORT_INTERVAL_SECONDS", "5"))
ENDPOINT = os.environ.get("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:4318").rstrip("/")
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")


def rss_bytes():
    """The resident set size now, from /proc/self/statm (Linux) or the peak from getrusage elsewhere."""
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[1]) * PAGE_SIZE
    except OSError:
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak if os.uname().sysname == "Darwin" else peak * 1024


class Leak:
    """A background thread that keeps appending to a cache nobody evicts, while leaking is on."""

    TICK_SECONDS = 0.1

    def __init__(self, bytes_per_second):
        self.bytes_per_second = bytes_per_second
        self.cache = []
        self.leaked = 0
        self.leaking = False
        self.lock = threading.Lock()
        threading.Thread(target=self._run, daemon=True).start()

    def start(self):
        with self.lock:
            self.leaking = True

    def fix(self):
        with self.lock:
            self.leaking = False
            self.cache = []
            self.leaked = 0
        gc.collect()

    def _run(self):
        chunk = max(1, int(self.bytes_per_second * self.TICK_SECONDS))
        while True:
            time.sleep(self.TICK_SECONDS)
            with self.lock:
                if not self.leaking:
                    continue
                # Real bytes (touched, so they count in RSS) plus a small dict each, as a request cache would hold.
                self.cache.append({"payload": os.urandom(16) * (chunk // 16), "at": time.time()})
                self.leaked += chunk


LEAK = Leak(LEAK_BYTES_PER_SECOND)


def observe_rss(options: CallbackOptions):
    yield Observation(rss_bytes())


def observe_gc_objects(options: CallbackOptions):
    yield Observation(len(gc.get_objects()))


def observe_gc_collections(options: CallbackOptions):
    for generation, stats in enumerate(gc.get_stats()):
        yield Observation(stats["collections"], {"generation": str(generation)})


def setup_metrics():
    resource_attributes = Resource.create(
        {"service.name": "leaky-service", "service.instance.id": f"pid-{os.getpid()}"})
    exporter = OTLPMetricExporter(endpoint=ENDPOINT + "/v1/metrics")
    reader = PeriodicExportingMetricReader(exporter, export_interval_millis=EXPORT_INTERVAL_SECONDS * 1000)
    provider = MeterProvider(resource=resource_attributes, metric_readers=[reader])
    metrics.set_meter_provider(provider)
    meter = metrics.get_meter("leaky-service")
    meter.create_observable_gauge(
        "process.runtime.python.memory.rss", callbacks=[observe_rss], unit="By", description="Resident set size")
    meter.create_observable_gauge(
        "process.runtime.python.gc.objects", callbacks=[observe_gc_objects], unit="{object}",
        description="Objects tracked by the garbage collector")
    meter.create_observable_counter(
        "process.runtime.python.gc_count", callbacks=[observe_gc_collections], unit="{collection}",
        description="Garbage collections per generation")
    return provider


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path == "/leak":
            LEAK.start()
            self.reply(200, {"leaking": True, "bytes_per_second": LEAK_BYTES_PER_SECOND})
        elif self.path == "/fix":
            LEAK.fix()
            self.reply(200, {"leaking": False})
        elif self.path == "/status":
            self.reply(200, {"leaking": LEAK.leaking, "leaked_bytes": LEAK.leaked, "rss_bytes": rss_bytes()})
        elif self.path == "/":
            self.reply(200, {"hello": "world", "work": sum(i * i for i in range(1000))})
        else:
            self.reply(404, {"error": "not found"})

    def reply(self, status, body):
        data = (json.dumps(body) + "\n").encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format, *args):
        pass


def main():
    provider = setup_metrics()
    if os.environ.get("LEAK_AT_START") == "1":
        LEAK.start()
    server = ThreadingHTTPServer(("127.0.0.1", PORT), Handler)
    print(f"leaky-service on http://127.0.0.1:{PORT} exporting to {ENDPOINT} every {EXPORT_INTERVAL_SECONDS:g}s "
          f"(leak rate {LEAK_BYTES_PER_SECOND} B/s on /leak)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        provider.shutdown()


if __name__ == "__main__":
    main()
