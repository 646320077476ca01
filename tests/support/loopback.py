"""A static web host on 127.0.0.1 for tests: one folder served as a course's web space would be.

It records the paths asked for, so that a test can tell what a notebook or a loader fetched.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Host:
    """A running server: its base URL (ending in ``/``) and the paths requested so far."""

    url: str
    requests: list[str] = field(default_factory=list)


class _Handler(http.server.SimpleHTTPRequestHandler):
    host: Host

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base's name
        self.host.requests.append(self.path)


@contextlib.contextmanager
def serving(folder: Path) -> Iterator[Host]:
    """Serve ``folder`` (files may be added while it runs) until the block ends."""
    host = Host("")
    handler = type("Handler", (_Handler,), {"host": host})
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(folder)))
    host.url = f"http://127.0.0.1:{server.server_address[1]}/"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield host
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
