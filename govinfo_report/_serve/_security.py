"""The headers every response carries, the Content-Security-Policy of a page, and the checks
of a request's Host and Origin.

A page may run only the inline style sheets and scripts this package and the review pages
serve, allowed by their SHA-256, never by ``'unsafe-inline'``; it fetches nothing, may submit
forms only to this server, and may not be framed.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
from collections.abc import Iterable
from urllib.parse import urlsplit

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .._review._style import CSS, DASHBOARD_SCRIPT, INDEX_SCRIPT
from ._style import DROP_SCRIPT, LANG_STYLES, SERVE_CSS

#: Every inline ``<style>`` and ``<script>`` a page of this server may hold.
STYLES = (CSS, SERVE_CSS, *LANG_STYLES.values())
SCRIPTS = (INDEX_SCRIPT + DASHBOARD_SCRIPT, DASHBOARD_SCRIPT, DROP_SCRIPT)
#: The policy of every response but a page: nothing may be loaded, submitted or framed.
STRICT = "default-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
HEADERS = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
    # Results are private to whoever holds their link: no cache keeps them.
    "cache-control": "no-store",
}
# The charts of the dashboard are SVG drawn by Matplotlib, whose elements carry style
# attributes; only the attributes of a page's own markup match (text is escaped: no quote).
_STYLE_ATTRIBUTE = re.compile(r'<[^<>]*?\sstyle="([^"]*)"')
_NONE = "'none'"


def _hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def page_policy(page: str) -> str:
    """The Content-Security-Policy of ``page``: its inline style sheets and scripts (those of
    :data:`STYLES` and :data:`SCRIPTS` it holds) and its style attributes, by hash."""
    styles = [_hash(s) for s in STYLES if f"<style>{s}</style>" in page]
    scripts = [_hash(s) for s in SCRIPTS if f"<script>{s}</script>" in page]
    attributes = sorted({_hash(html.unescape(v)) for v in _STYLE_ATTRIBUTE.findall(page)})
    if attributes:
        styles += ["'unsafe-hashes'", *attributes]
    parts = [
        "default-src 'none'",
        f"style-src {' '.join(styles) or _NONE}",
        f"script-src {' '.join(scripts) or _NONE}",
        "img-src 'self' data:",
        "form-action 'self'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    ]
    return "; ".join(parts)


def download_name(name: str, suffix: str) -> str:
    """A file name for ``Content-Disposition``: the stem of the last part of ``name`` in safe
    ASCII (letters, digits, ``_`` and ``-``), or ``report``, then ``suffix``."""
    stem = name.rsplit("/", 1)[-1].rsplit("\\", 1)[-1]
    stem = stem.rsplit(".", 1)[0] if "." in stem.lstrip(".") else stem
    safe = re.sub(r"[^A-Za-z0-9_-]+", "_", stem).strip("_.")[:60]
    return f"{safe or 'report'}{suffix}"


def host_name(host: str) -> str:
    """The name of a ``Host`` header without its port: ``127.0.0.1``, ``localhost``, ``::1``."""
    if host.startswith("["):
        return host[1:].partition("]")[0].lower()
    return host.rpartition(":")[0].lower() if host.count(":") == 1 else host.lower()


class Guard:
    """ASGI middleware: the security headers on every response (a page's own policy kept),
    and a refusal of a request whose Host is not this machine's (DNS rebinding) when only
    ``hosts`` may be named, or of a POST whose Origin is another site's (cross-site forms)."""

    def __init__(self, app: ASGIApp, hosts: Iterable[str] | None) -> None:
        self.app = app
        self.hosts = None if hosts is None else frozenset(h.lower() for h in hosts)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        refusal = self._refusal(Headers(scope=scope), scope["method"])

        async def secured(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in HEADERS.items():
                    headers[name] = value
                if "content-security-policy" not in headers:
                    headers["content-security-policy"] = STRICT
            await send(message)

        if refusal is not None:
            status, text = refusal
            body = f"{text}\n".encode()
            await secured(
                {
                    "type": "http.response.start",
                    "status": status,
                    "headers": [
                        (b"content-type", b"text/plain; charset=utf-8"),
                        (b"content-length", str(len(body)).encode()),
                    ],
                }
            )
            await send({"type": "http.response.body", "body": body})
            return
        await self.app(scope, receive, secured)

    def _refusal(self, headers: Headers, method: str) -> tuple[int, str] | None:
        """The status and text of a refusal of this request, or ``None``."""
        host = headers.get("host", "")
        if self.hosts is not None and host_name(host) not in self.hosts:
            return 400, "主机名不被接受 Host not accepted: this server answers to its own name only"
        if method == "POST" and not _same_origin(headers, host):
            return 403, "来源不被接受 Origin not accepted: send forms from this server's pages"
        return None


def _same_origin(headers: Headers, host: str) -> bool:
    """Whether a request comes from this server's pages, or from no page (a tool): a browser
    says where from in Sec-Fetch-Site, and in Origin unless that is ``null`` (the pages send
    no referrer, and a form's Origin is ``null`` then)."""
    site = headers.get("sec-fetch-site")
    if site is not None and site not in ("same-origin", "none"):
        return False
    origin = headers.get("origin")
    return origin in (None, "null") or urlsplit(origin).netloc.lower() == host.lower()
