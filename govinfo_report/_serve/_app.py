"""The web app: the routes, each request's upload checked in a worker process, the result
kept under a token and shown as the review pages ``check --format html`` writes.

Routes::

    GET  /                      the upload form
    POST /check                 an upload (the form) → 303 to its result
    GET  /r/{token}/            one report's review page, or the index of several
    GET  /r/{token}/{file}      report.json, tables.xlsx, review.html (one report);
                                reports.jsonl, review.html (several)
    GET  /r/{token}/{n}/        report n's review page, and its downloads under it
    GET  /health                JSON: status, version, readers and plugins
    POST /api/check             files (multipart) or a body (?name=) → JSON Lines of check
"""

from __future__ import annotations

import contextlib
import importlib.util
import tempfile
import threading
from collections.abc import AsyncIterator, Callable, Sequence
from pathlib import Path
from typing import Any

import anyio
import anyio.to_thread
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import ClientDisconnect, Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive

from .. import __version__
from .._outcomes import Outcome, check_record, json_line, parse_record
from .._parser import Parser
from .._review import Entry, entries_page, index_page
from ._checking import check_files, configured
from ._pages import (
    ALL_DOWNLOADS,
    actions,
    problem_page,
    report_downloads,
    unread_page,
    upload_page,
)
from ._security import Guard, download_name, page_policy
from ._settings import Settings
from ._store import Checked, ResultStore
from ._uploads import Limits, RefusedError, Upload, receive_body, receive_form
from ._workers import Workers

_LANGUAGES = ("both", "zh", "en")
_JSON = "application/json"
_JSON_LINES = "application/x-ndjson"
_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#: Bytes of a refused upload still read (and dropped), so that a browser, which sends the
#: whole body before it reads an answer, shows the refusal rather than a reset connection.
_DRAINED = 256 * 1024 * 1024


def html(page: str, status: int = 200) -> HTMLResponse:
    """``page`` with the policy that allows exactly its inline styles and scripts."""
    return HTMLResponse(page, status, headers={"content-security-policy": page_policy(page)})


def entry_of(outcome: Outcome) -> Entry:
    """The review entry of ``outcome``, as ``check --format html`` makes it."""
    if outcome.report is not None:
        return Entry(outcome.file, outcome.report)
    assert outcome.problem is not None
    return Entry(outcome.file, error=f"{outcome.problem.type}: {outcome.problem.message}")


def json_lines(records: Sequence[dict[str, Any]]) -> str:
    """One compact JSON object a line, as the command line prints them."""
    return "".join(json_line(r) for r in records)


def _attachment(content: str | bytes, media_type: str, name: str) -> Response:
    disposition = f'attachment; filename="{name}"'
    return Response(content, media_type=media_type, headers={"content-disposition": disposition})


class _App:
    """The state the routes share: the settings, what the installation reads, the results."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        parser = Parser(config=settings.config)
        parser.check_config()
        self.parser = parser
        self.limits = Limits(settings.max_files, settings.max_upload_bytes, parser.file_types)
        self.xlsx = importlib.util.find_spec("xlsxwriter") is not None
        self.store = ResultStore(settings.kept_results, settings.kept_seconds, settings.kept_bytes)
        self.form = upload_page(settings, parser.file_types)
        self._limiter: anyio.CapacityLimiter | None = None
        self.workers: Workers | None = None
        # The dashboard's charts are drawn with Matplotlib, whose settings are global: one
        # page of several reports is drawn at a time.
        self._drawing = threading.Lock()

    @contextlib.asynccontextmanager
    async def lifespan(self, app: Starlette) -> AsyncIterator[None]:
        """Workers warm while the server runs (until then, each check starts its own)."""
        self.workers = Workers(self.settings.workers, self.settings.config, self.settings.timeout)
        try:
            yield
        finally:
            workers, self.workers = self.workers, None
            workers.close()

    @property
    def limiter(self) -> anyio.CapacityLimiter:
        """At most ``workers`` checks at once (made in the event loop, on first use)."""
        if self._limiter is None:
            self._limiter = anyio.CapacityLimiter(self.settings.workers)
        return self._limiter

    # --- the form -------------------------------------------------------------------

    async def index(self, request: Request) -> Response:
        return html(self.form)

    async def check(self, request: Request) -> Response:
        """An upload from the form: 303 to its result; 4xx with a page saying why not."""
        request, body = _tracked(request)
        try:
            checked = await self._checked(request, receive_form, self._first_page)
        except RefusedError as exc:
            await body.drain()
            return html(problem_page(exc.zh, exc.en), exc.status)
        except ClientDisconnect:
            return Response(status_code=400)
        if all(o.report is None for o in checked.outcomes):
            return html(unread_page(checked.outcomes), 422)
        token = self.store.add(checked)
        return RedirectResponse(f"/r/{token}/", status_code=303)

    async def _checked(
        self,
        request: Request,
        receive: Callable[..., Any],
        render: Callable[[Sequence[Outcome], str], str],
        *extra: str,
    ) -> Checked:
        """Receive the upload into a directory of its own, check its files in a worker
        process, and make its first page; the directory is removed whatever happens."""
        with tempfile.TemporaryDirectory(prefix="govinfo-report-serve-") as directory:
            upload: Upload = await receive(request, Path(directory), *extra, self.limits)
            fields = {**upload.fields, **_query_fields(request)}
            lang = fields.get("lang") or self.settings.lang
            if lang not in _LANGUAGES:
                raise RefusedError(
                    400, "BadLanguage", "语言应为 zh、en 或 both", "lang is zh, en or both"
                )
            config = configured(
                self.settings.config, fields.get("select", ""), fields.get("ignore", "")
            )

            def work() -> Checked:
                timeout = self.settings.timeout
                outcomes = check_files(upload.files, config, timeout, self.workers)
                with self._drawing:
                    page = render(outcomes, lang)
                return Checked(tuple(outcomes), lang, page, upload.size + len(page))

            result: Checked = await anyio.to_thread.run_sync(work, limiter=self.limiter)
            return result

    def _first_page(self, outcomes: Sequence[Outcome], lang: str) -> str:
        """The page a result opens on: the review page of one report, or the index."""
        if len(outcomes) == 1:
            bar = actions(report_downloads(self.xlsx and outcomes[0].report is not None), lang)
            return entries_page([entry_of(outcomes[0])], links=bar)
        rows = [(f"{n}/", entry_of(o)) for n, o in enumerate(outcomes, start=1)]
        return index_page(rows, links=actions(ALL_DOWNLOADS, lang))

    # --- results --------------------------------------------------------------------

    def _result(self, request: Request) -> Checked:
        checked = self.store.get(request.path_params["token"])
        if checked is None:
            raise HTTPException(404)
        return checked

    async def result(self, request: Request) -> Response:
        return html(self._result(request).page)

    async def result_file(self, request: Request) -> Response:
        """A download of the whole result; a number is report n's page (``n/``)."""
        checked = self._result(request)
        file = request.path_params["file"]
        if file.isdigit():
            return RedirectResponse(f"{file}/", status_code=308)
        if len(checked.outcomes) == 1:
            return await self._report_file(checked.outcomes[0], file)
        if file == "reports.jsonl":
            records = [parse_record(o, full=True) for o in checked.outcomes]
            return _attachment(json_lines(records), _JSON_LINES, "reports.jsonl")
        if file == "review.html":
            page = await anyio.to_thread.run_sync(self._all_on_one_page, checked.outcomes)
            return _attachment(page, "text/html; charset=utf-8", "review.html")
        raise HTTPException(404)

    def _all_on_one_page(self, outcomes: Sequence[Outcome]) -> str:
        """Every report of a result on one review page, its dashboard drawn."""
        with self._drawing:
            return entries_page([entry_of(o) for o in outcomes])

    def _numbered(self, request: Request) -> tuple[Checked, Outcome]:
        checked = self._result(request)
        number: int = request.path_params["n"]
        if not 1 <= number <= len(checked.outcomes):
            raise HTTPException(404)
        return checked, checked.outcomes[number - 1]

    async def report(self, request: Request) -> Response:
        """Report n of a result: its review page, linked back to the index."""
        checked, outcome = self._numbered(request)
        bar = actions(report_downloads(self.xlsx and outcome.report is not None), checked.lang)
        return html(entries_page([entry_of(outcome)], index_href="../", links=bar))

    async def report_file(self, request: Request) -> Response:
        _, outcome = self._numbered(request)
        return await self._report_file(outcome, request.path_params["file"])

    async def _report_file(self, outcome: Outcome, file: str) -> Response:
        """A download of one report: its data, its official tables, its review page."""
        if file == "report.json":
            text = json_lines([parse_record(outcome, full=True)])
            return _attachment(text, _JSON, download_name(outcome.file, ".json"))
        if file == "review.html":
            page = entries_page([entry_of(outcome)])
            return _attachment(
                page, "text/html; charset=utf-8", download_name(outcome.file, ".html")
            )
        if file == "tables.xlsx" and self.xlsx and outcome.report is not None:
            # XlsxWriter is loaded only by what needs it (the xlsx extra)
            from .._render._xlsx import official_workbook  # noqa: PLC0415

            book = await anyio.to_thread.run_sync(official_workbook, outcome.report)
            return _attachment(book, _XLSX, download_name(outcome.file, ".xlsx"))
        raise HTTPException(404)

    # --- for other tools ------------------------------------------------------------

    async def health(self, request: Request) -> Response:
        """What this server is and reads: for monitors, and for tools before they upload."""
        parser = self.parser
        return JSONResponse(
            {
                "status": "ok",
                "version": __version__,
                "file_types": sorted(parser.file_types),
                "plugins": [{"name": p.name, "module": p.module} for p in parser.plugins],
                "problems": [
                    {"plugin": p.name, "target": p.target, "error": p.error}
                    for p in parser.problems
                ],
                "limits": {
                    "files": self.settings.max_files,
                    "bytes": self.settings.max_upload_bytes,
                    "timeout": self.settings.timeout,
                },
            }
        )

    async def api_check(self, request: Request) -> Response:
        """Files as multipart (any field), or the body as one file named by ``?name=``:
        the JSON Lines ``check --format json`` prints, a file named by the sender's name;
        422 when no file could be read, 4xx with ``{"error": …}`` when refused."""
        multipart = request.headers.get("content-type", "").startswith("multipart/form-data")
        request, body = _tracked(request)
        try:
            if multipart:
                checked = await self._checked(request, receive_form, _no_page)
            else:
                name = request.query_params.get("name", "upload")
                checked = await self._checked(request, receive_body, _no_page, name)
        except RefusedError as exc:
            await body.drain()
            return _api_error(exc.status, exc.kind, exc.zh, exc.en)
        except ClientDisconnect:
            return Response(status_code=400)
        status = 422 if all(o.report is None for o in checked.outcomes) else 200
        text = json_lines([check_record(o) for o in checked.outcomes])
        return Response(text, status, media_type=_JSON_LINES)


def _no_page(outcomes: Sequence[Outcome], lang: str) -> str:
    return ""


def _query_fields(request: Request) -> dict[str, str]:
    """The rule options given in the query string (the API's), over the form's."""
    return {k: v for k, v in request.query_params.items() if k in ("select", "ignore", "lang")}


def _api_error(status: int, kind: str, zh: str, en: str) -> JSONResponse:
    return JSONResponse({"error": {"type": kind, "message": en, "message_zh": zh}}, status)


class _Body:
    """A request's ``receive``, remembering whether the body has more to come."""

    def __init__(self, receive: Receive) -> None:
        self._receive = receive
        self.more = True

    async def __call__(self) -> Message:
        message = await self._receive()
        self.more = message["type"] == "http.request" and bool(message.get("more_body"))
        return message

    async def drain(self) -> None:
        """Read what is left of a refused request's body (at most :data:`_DRAINED` bytes):
        waiting for more once it has all come would wait for the client to leave."""
        drained = 0
        while self.more and drained < _DRAINED:
            drained += len((await self()).get("body", b""))


def _tracked(request: Request) -> tuple[Request, _Body]:
    body = _Body(request.receive)
    return Request(request.scope, body), body


_STATUS = {
    400: ("请求无效", "bad request"),
    404: (
        "没有这个页面，或结果已过期（结果保存一小时）",
        "no such page, or the result has expired",
    ),
    405: ("不支持这种请求方式", "method not allowed"),
    500: ("服务器内部错误", "internal error: the server's log says more"),
}


async def _http_error(request: Request, exc: Exception) -> Response:
    """An HTTP error as a page (as JSON under ``/api/``) in both languages."""
    status = exc.status_code if isinstance(exc, HTTPException) else 500
    zh, en = _STATUS.get(status, ("请求无法处理", "the request cannot be served"))
    if request.url.path.startswith("/api/"):
        return _api_error(status, "HTTPError", zh, en)
    return html(problem_page(zh, en), status)


def create_app(settings: Settings) -> ASGIApp:
    """The web app of ``settings``: its routes behind :class:`Guard` (the security headers,
    and, on loopback, the check that the Host is this machine's).

    Raises :class:`~govinfo_report.errors.ConfigError` when the rules name no rule.
    """
    app = _App(settings)
    routes = [
        Route("/", app.index, methods=["GET"]),
        Route("/check", app.check, methods=["POST"]),
        Route("/health", app.health, methods=["GET"]),
        Route("/api/check", app.api_check, methods=["POST"]),
        Route("/r/{token}/", app.result, methods=["GET"]),
        Route("/r/{token}/{n:int}/", app.report, methods=["GET"]),
        Route("/r/{token}/{n:int}/{file}", app.report_file, methods=["GET"]),
        Route("/r/{token}/{file}", app.result_file, methods=["GET"]),
    ]
    # A bug answers 500 with a page that says no more; the server logs its traceback.
    web = Starlette(
        routes=routes,
        exception_handlers={HTTPException: _http_error, Exception: _http_error},
        lifespan=app.lifespan,
    )
    hosts = None
    if settings.loopback:
        hosts = {"127.0.0.1", "localhost", "::1", settings.host.strip("[]").lower()}
    return Guard(web, hosts)
