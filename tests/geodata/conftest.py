"""Fixtures of the geodata tests: a real local HTTP server standing in for public addresses."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest


class _Server:
    def __init__(self, httpd: ThreadingHTTPServer, requests: list[str]) -> None:
        self.httpd = httpd
        self.requests = requests  # paths of GET requests, in order
        host, port = httpd.server_address[:2]
        self.url = f"http://{host}:{port}"


@pytest.fixture
def serve() -> Iterator[Callable[[Path], _Server]]:
    """``serve(folder)`` starts an HTTP server for ``folder``; all are shut down afterwards."""
    servers: list[tuple[ThreadingHTTPServer, threading.Thread]] = []

    def start(folder: Path) -> _Server:
        log: list[str] = []

        class Handler(SimpleHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's name)
                log.append(urlsplit(self.path).path)
                super().do_GET()

            def log_message(self, format: str, *args: object) -> None:  # noqa: A002
                pass  # keep the test output clean

        httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(Handler, directory=str(folder)))
        thread = threading.Thread(
            target=partial(httpd.serve_forever, poll_interval=0.02), daemon=True
        )
        thread.start()
        servers.append((httpd, thread))
        return _Server(httpd, log)

    yield start
    for httpd, thread in servers:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)
