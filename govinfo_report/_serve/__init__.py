"""``govinfo-report serve``: a local web app that checks uploaded reports and shows their
review pages, for the people who write and review reports in a browser.

Private: reached through the command line, which imports it only when ``serve`` runs (it needs
the ``serve`` extra: Starlette, uvicorn, python-multipart); the core never imports it.
"""

from __future__ import annotations

from ._app import create_app
from ._run import serve
from ._settings import Settings, is_loopback

__all__ = ["Settings", "create_app", "is_loopback", "serve"]
