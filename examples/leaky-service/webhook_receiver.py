"""A webhook receiver for the walk-through: prints each Alertmanager-style notification leakwatch posts.

    python3 webhook_receiver.py            # listens on 127.0.0.1:9099, path /hook
"""

import json
import os
import time
from http.server import BaseHTTPRequestHandler, HTTPServer

PORT = int(os.environ.get("PORT", "9099"))


class Handler(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        try:
            payload = json.loads(body)
            for alert in payload.get("alerts", []):
                print(f"{time.strftime('%H:%M:%S')} webhook: {payload.get('status')} "
                      f"{alert['labels'].get('alertname')} — {alert.get('annotations', {}).get('summary', '')}",
                      flush=True)
        except (ValueError, KeyError) as error:
            print(f"unexpected payload ({error}): {body[:200]!r}", flush=True)
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format, *args):
        pass


if __name__ == "__main__":
    print(f"webhook receiver on http://127.0.0.1:{PORT}/hook", flush=True)
    HTTPServer(("127.0.0.1", PORT), Handler).serve_forever()
