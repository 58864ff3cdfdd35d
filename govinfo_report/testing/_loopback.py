"""A web server on the loopback interface for tests: to prove that a reader fetches nothing a
document links to, or to serve files to a reader that should fetch them."""

from __future__ import annotations

import contextlib
import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import attrs


@attrs.frozen
class Loopback:
    """A running loopback server: its address and the path of every request made to it."""

    url: str
    asked: list[str]


class _Answering(http.server.SimpleHTTPRequestHandler):
    """Records each request's path; serves its folder's files, or one fixed answer."""

    def __init__(
        self, *args: object, asked: list[str], answer: tuple[int, bytes] | None, **kwargs: object
    ) -> None:
        self.asked, self.answer = asked, answer
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]

    def do_GET(self) -> None:
        self.asked.append(self.path)
        if self.answer is None:
            super().do_GET()
            return
        status, body = self.answer
        self.send_response(status)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass  # a test's output is no place for an access log


@contextlib.contextmanager
def loopback_server(
    directory: Path | None = None, *, status: int = 404, body: bytes = b""
) -> Iterator[Loopback]:
    """An HTTP server on 127.0.0.1 (a free port) for the length of the block, recording every
    request's path: it serves the files of ``directory``, or answers ``status`` and ``body``
    to every request when none is given."""
    asked: list[str] = []
    answer = None if directory is not None else (status, body)
    handler = functools.partial(
        _Answering, asked=asked, answer=answer, directory=str(directory or Path.cwd())
    )
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, name="loopback-server", daemon=True)
    thread.start()
    try:
        yield Loopback(f"http://127.0.0.1:{server.server_address[1]}", asked)
    finally:
        server.shutdown()
        server.server_close()
