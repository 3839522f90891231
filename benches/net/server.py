#!/usr/bin/env python3
"""Loopback HTTP server for the network benchmarks: prints its port, then
serves GET /text?mb=N (N MB of UTF-8 text with multi-byte characters, sent
with Content-Length in 1 MB writes) until it is killed (or after 10 min)."""
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlparse, parse_qs

LINE = "héllo wörld ✓ 日本語 テキスト 🚀 the quick brown fox jumps over the lazy dog\n".encode()
BLOCK = (LINE * (1_000_000 // len(LINE) + 1))[:1_000_000]


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_GET(self):
        url = urlparse(self.path)
        if url.path != "/text":
            self.send_error(404)
            return
        mb = int(parse_qs(url.query).get("mb", ["100"])[0])
        self.send_response(200)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(mb * len(BLOCK)))
        self.end_headers()
        try:
            for _ in range(mb):
                self.wfile.write(BLOCK)
        except (BrokenPipeError, ConnectionResetError):
            pass


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
print(server.server_address[1], flush=True)
threading.Timer(600, server.shutdown).start()
server.serve_forever()
