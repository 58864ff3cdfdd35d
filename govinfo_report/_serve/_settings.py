"""What a ``govinfo-report serve`` is started with: where it listens, the rules, the limits."""

from __future__ import annotations

import ipaddress

import attrs

from ..rules import RuleConfig

#: Results kept at most, the newest; an older one is dropped first.
KEPT_RESULTS = 64
#: Seconds a result is kept after it was made.
KEPT_SECONDS = 3600.0
#: Bytes of uploads the kept results may stand for together (a result's weight is the size of
#: what was uploaded for it): the reports kept in memory are about as large as their documents.
KEPT_BYTES = 512 * 1024 * 1024


def is_loopback(host: str) -> bool:
    """Whether ``host`` is reachable from this machine only (127.0.0.0/8, ::1, localhost)."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:  # a name: it may resolve to anything
        return False


def url_of(host: str, port: int) -> str:
    """``http://host:port/``, an IPv6 address in brackets."""
    shown = f"[{host}]" if ":" in host and not host.startswith("[") else host
    return f"http://{shown}:{port}/"


@attrs.frozen
class Settings:
    """How the web app runs: the address, the rules (as ``check`` takes them), the limits of
    an upload, and the budget of the worker processes that parse."""

    host: str = "127.0.0.1"
    #: 0: a free port, chosen when the server starts.
    port: int = 8000
    #: The rules of every check, before the form's select (replaces) and ignore (adds).
    config: RuleConfig = attrs.field(factory=RuleConfig)
    #: The language of the findings' messages the form starts with: zh, en or both.
    lang: str = "both"
    #: Files one upload may hold; pasted text counts as one.
    max_files: int = 20
    #: Bytes one request may carry, every file and field together.
    max_upload_bytes: int = 50 * 1024 * 1024
    #: Checks running at once, each in its own worker process; more wait their turn.
    workers: int = 2
    #: Seconds a file may take to parse before its worker is killed, as in a corpus run.
    timeout: float = 60.0
    kept_results: int = KEPT_RESULTS
    kept_seconds: float = KEPT_SECONDS
    kept_bytes: int = KEPT_BYTES

    @property
    def loopback(self) -> bool:
        """Whether only this machine can reach the server."""
        return is_loopback(self.host)
