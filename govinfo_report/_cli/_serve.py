"""``govinfo-report serve``: the web app that checks uploaded reports in the browser."""

from __future__ import annotations

import argparse
import sys

from .._hints import extra_hint
from ._common import EXIT_OK, EXIT_USAGE, config_of, fail

#: The modules of the ``serve`` extra; another missing module is a bug, not a missing extra.
_EXTRA = ("starlette", "uvicorn", "python_multipart", "multipart", "anyio")


def serve_command(args: argparse.Namespace) -> int:
    """Serve the upload page and the API until interrupted."""
    try:
        # The web stack is the serve extra's, loaded only to serve.
        from .._serve import Settings, is_loopback, serve  # noqa: PLC0415
    except ImportError as exc:
        if (exc.name or "").partition(".")[0] not in _EXTRA:
            raise
        fail(f"serve needs the serve extra ({exc.name} is missing): {extra_hint('serve')}")
        return EXIT_USAGE
    settings = Settings(
        host=args.host,
        port=args.port,
        config=config_of(args),
        lang=args.lang,
        max_files=args.max_files,
        max_upload_bytes=int(args.max_upload_mb * 1024 * 1024),
        workers=args.workers,
        timeout=args.timeout,
    )
    if not is_loopback(args.host):
        fail(
            f"WARNING: listening on {args.host}, not on loopback: anyone who can reach this "
            "machine can upload files and read every result, with no password and no "
            "encryption. Serve on 127.0.0.1 (the default) unless this network is trusted."
        )

    def announce(url: str) -> None:
        print(f"govinfo-report: serving on {url}", flush=True)

    try:
        serve(settings, announce)
    except OSError as exc:
        fail(f"cannot listen on {args.host}:{args.port}: {exc.strerror or exc}")
        return EXIT_USAGE
    print("govinfo-report: stopped", file=sys.stderr)
    return EXIT_OK
