"""Running the web app: the socket bound first (so that port 0 becomes a real, free port to
announce), then uvicorn serving it until Ctrl-C or SIGTERM."""

from __future__ import annotations

import contextlib
import signal
import socket
import threading
from collections.abc import Callable, Iterator

import uvicorn

from ._app import create_app
from ._settings import Settings, url_of


def listen(host: str, port: int) -> socket.socket:
    """A listening TCP socket on ``host``:``port`` (0: a free port); :class:`OSError` when the
    address is taken or not this machine's."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    return socket.create_server((host.strip("[]"), port), family=family)


def serve(settings: Settings, announce: Callable[[str], None]) -> None:
    """Serve the web app of ``settings`` until stopped; ``announce`` is told its URL once it
    listens. Raises :class:`OSError` when it cannot listen, and
    :class:`~govinfo_report.errors.ConfigError` when the rules name no rule."""
    with listen(settings.host, settings.port) as bound:
        app = create_app(settings)
        port = bound.getsockname()[1]
        server = uvicorn.Server(
            uvicorn.Config(
                app,
                # The server's own lines would repeat what the command says; errors still show.
                log_level="warning",
                access_log=False,
                server_header=False,
                # Addresses are the client's own: no proxy is trusted to rewrite them.
                proxy_headers=False,
                lifespan="on",  # the worker processes start and stop with the server
                timeout_graceful_shutdown=5,
            )
        )
        announce(url_of(settings.host, port))
        with _terminate_returns():
            server.run(sockets=[bound])


class _Terminated(BaseException):  # a signal, as KeyboardInterrupt: not an Exception
    """SIGTERM, handed back by uvicorn once it has shut down."""


def _terminated(signum: int, frame: object) -> None:
    raise _Terminated


@contextlib.contextmanager
def _terminate_returns() -> Iterator[None]:
    """Make a SIGTERM that uvicorn hands back after its graceful shutdown end the serve
    normally: left to the default action, it would kill the process before the worker
    processes' queues are released (the resource tracker then warns of leaked semaphores)
    and the command could not say it stopped."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _terminated)
    try:
        yield
    except _Terminated:
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
