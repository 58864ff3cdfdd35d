"""``govinfo-report serve``, the real server: started once for the module on a free loopback
port (``--port 0``, the port read from the line it prints), driven over HTTP with httpx and in
the suite's headless Chromium, and stopped at the end.

The server runs with small limits (4 files, 0.5 MB, 2 s a file) and its temporary directory
pointed at a folder of the test's, so that the tests see uploads refused and every request's
directory gone. Its processes (the worker processes too) start with a ``sitecustomize`` that
makes a file starting ``HANG`` take forever and one starting ``CRASH`` kill its worker: the
hostile files no cheap real input can be, to show that one costs its own check and nothing else.
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import httpx
import pytest
from _browser import keep_screenshot, recorded
from _support import SEEDS

import govinfo_report
from govinfo_report._outcomes import Outcome

pytest.importorskip("starlette", reason="the serve extra: pip install -e '.[serve]'")

from govinfo_report._serve._security import STYLES, download_name, host_name, page_policy
from govinfo_report._serve._settings import is_loopback, url_of
from govinfo_report._serve._store import Checked, ResultStore
from govinfo_report._serve._uploads import shown_name, stored_name

GOVINFO_REPORT = str(Path(sys.executable).with_name("govinfo-report"))
SEED_004 = next(p for p in SEEDS if p.name.startswith("004"))
#: 一+二 ≠ （七）总计+四 in seed 004: GIR301 marks （七）总计 and 一、本年新收 (column total).
GIR301_CELLS = ("applications.total.total", "applications.received_new.total")
MAX_FILES, MAX_MB, TIMEOUT = 4, 0.5, 2
HOSTILE = """\
import os

if os.environ.get("GOVINFO_SERVE_TEST_HOSTILE"):
    import time
    from pathlib import Path

    import govinfo_report._parser as parser_module

    _parse = parser_module.Parser.parse

    def parse(self, source, *args, **kwargs):
        if isinstance(source, Path) and source.is_file():
            head = source.read_bytes()[:5]
            if head == b"HANG\\n":
                time.sleep(600)
            if head == b"CRASH":
                os._exit(70)
        return _parse(self, source, *args, **kwargs)

    parser_module.Parser.parse = parse
"""


@attrs.frozen
class Server:
    """The running server: its URL, and the folder its requests' directories go in."""

    url: str
    tmp: Path
    log: Path

    def client(self) -> httpx.Client:
        return httpx.Client(base_url=self.url, timeout=30, follow_redirects=False)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    root = tmp_path_factory.mktemp("serve")
    tmp, hooks = root / "tmp", root / "hooks"
    tmp.mkdir()
    hooks.mkdir()
    (hooks / "sitecustomize.py").write_text(HOSTILE, encoding="utf-8")
    paths = [str(hooks), *filter(None, [os.environ.get("PYTHONPATH")])]
    env = {
        **os.environ,
        "TMPDIR": str(tmp),
        "PYTHONPATH": os.pathsep.join(paths),
        "GOVINFO_SERVE_TEST_HOSTILE": "1",
    }
    log = root / "server.log"
    with log.open("w") as errors:
        process = subprocess.Popen(
            [
                GOVINFO_REPORT, "serve", "--port", "0", "--max-files", str(MAX_FILES),
                "--max-upload-mb", str(MAX_MB), "--timeout", str(TIMEOUT), "--workers", "2",
            ],
            stdout=subprocess.PIPE, stderr=errors, text=True, env=env, cwd=root,
        )  # fmt: skip
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        found = re.fullmatch(r"govinfo-report: serving on (http://127\.0\.0\.1:\d+/)\n", line)
        assert found, (line, log.read_text())
        url = found[1]
        for _ in range(200):
            try:
                if httpx.get(url + "health", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.05)
        yield Server(url, tmp, log)
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    said = log.read_text()
    assert "Traceback" not in said  # no request met a bug
    # SIGTERM stops it as a service manager expects: gracefully, exit 0, the worker
    # processes and their queues released (no "leaked semaphore" warning).
    assert process.returncode == 0 and "stopped" in said and "leaked" not in said, said


def _upload(client: httpx.Client, *files: tuple[str, bytes], **fields: str) -> httpx.Response:
    return client.post(
        "/check", files=[("files", (name, data)) for name, data in files], data=fields
    )


def _seed(path: Path = SEED_004) -> tuple[str, bytes]:
    return path.name, path.read_bytes()


def _random(size: int = 3000) -> bytes:
    """Bytes no reader reads (the same on every run)."""
    return random.Random(size).randbytes(size)


# --- the API and the JSON -----------------------------------------------------------------


def test_health_says_what_the_server_reads(server: Server) -> None:
    with server.client() as client:
        answer = client.get("/health")
    assert answer.status_code == 200
    health = answer.json()
    assert health["status"] == "ok" and health["version"] == govinfo_report.__version__
    assert {".txt", ".html", ".pdf", ".docx"} <= set(health["file_types"])
    assert {"html", "pdf", "docx"} <= {p["name"] for p in health["plugins"]}
    assert health["problems"] == []
    assert health["limits"]["files"] == MAX_FILES


def test_the_api_prints_what_check_prints_and_the_data_what_parse_prints(
    server: Server, tmp_path: Path
) -> None:
    shutil.copy(SEED_004, tmp_path / SEED_004.name)
    (tmp_path / "noise.bin").write_bytes(_random())
    names = [SEED_004.name, "noise.bin"]
    cli, full = (
        subprocess.Popen(
            [GOVINFO_REPORT, *arguments, "--format", "json"],
            cwd=tmp_path,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for arguments in (["check", *names], ["parse", "--full", SEED_004.name])
    )
    files = [("file", (n, (tmp_path / n).read_bytes())) for n in names]
    with server.client() as client:
        both = client.post("/api/check", files=files)
        body = client.post(
            "/api/check", params={"name": SEED_004.name}, content=SEED_004.read_bytes()
        )
        result = _upload(client, _seed()).headers["location"]
        data = client.get(result + "report.json")
    printed, said = cli.communicate(timeout=60)
    assert cli.returncode == 2, said  # the noise could not be read
    assert data.text == full.communicate(timeout=60)[0]  # the download: parse --full
    assert both.status_code == 200
    assert both.headers["content-type"] == "application/x-ndjson"
    assert both.text == printed
    lines = [json.loads(line) for line in both.text.splitlines()]
    assert "GIR301" in {f["code"] for f in lines[0]["findings"]}
    assert lines[1]["error"]["type"] == "DecodeError"
    assert str(server.tmp) not in both.text  # named by the sender's name, no path of ours
    assert body.status_code == 200 and body.text == printed.splitlines(keepends=True)[0]


def test_api_errors_are_json_with_a_4xx_status(server: Server) -> None:
    with server.client() as client:
        unknown = client.post("/api/check", params={"select": "GIR30l"}, files=[("file", _seed())])
        unread = client.post("/api/check", params={"name": "noise.bin"}, content=_random())
        empty = client.post("/api/check", content=b"")
        missing = client.get("/api/nothing")
    assert unknown.status_code == 400
    assert unknown.json()["error"]["type"] == "BadRules"
    assert "GIR301" in unknown.json()["error"]["message"]  # the nearest code, named
    assert unread.status_code == 422
    assert json.loads(unread.text)["error"]["type"] == "DecodeError"
    assert empty.status_code == 400 and empty.json()["error"]["type"] == "NoFile"
    assert missing.status_code == 404 and "error" in missing.json()


# --- the pages: headers, names, limits ------------------------------------------------------


def test_every_response_carries_a_strict_policy_and_the_security_headers(
    server: Server,
) -> None:
    with server.client() as client:
        result = _upload(client, _seed())
        assert result.status_code == 303
        token = result.headers["location"]
        answers = [
            client.get("/"),
            client.get("/health"),
            client.get("/nothing"),
            client.get(token),
            client.get(token + "report.json"),
            client.get(token + "review.html"),
            client.get("/r/unknown-token/"),
            client.post("/check", files=[("files", ("noise.bin", _random()))]),
            client.post("/api/check", content=b""),
            result,
        ]
    for answer in answers:
        headers = answer.headers
        policy = headers["content-security-policy"]
        assert "default-src 'none'" in policy and "'unsafe-inline'" not in policy, policy
        assert "frame-ancestors 'none'" in policy and "base-uri 'none'" in policy
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "no-referrer"
        assert headers["cache-control"] == "no-store"
        if headers.get("content-type", "").startswith("text/html"):
            assert "form-action 'self'" in policy and "http" not in policy
    statuses = [a.status_code for a in answers]
    assert statuses == [200, 200, 404, 200, 200, 200, 404, 422, 400, 303]
    for download in answers[4:6]:
        assert download.headers["content-disposition"] == (
            f'attachment; filename="{SEED_004.stem}{Path(download.url.path).suffix}"'
        )


def test_a_senders_name_is_shown_escaped_and_never_becomes_a_path(server: Server) -> None:
    hostile = "<script>alert(1)</script>../../../evil.txt"
    with server.client() as client:
        first = _upload(client, (hostile, SEED_004.read_bytes()))
        page = client.get(first.headers["location"])
        data = client.get(first.headers["location"] + "report.json")
        unread = _upload(client, (hostile.replace(".txt", ".bin"), _random()))
    assert first.status_code == 303 and page.status_code == 200
    for text in (page.text, unread.text):
        assert "<script>alert" not in text
        assert "&lt;script&gt;alert(1)&lt;/script&gt;../../../evil" in text
    assert json.loads(data.text)["file"] == hostile  # the JSON names it as sent
    # saved under the last part of the name, in safe ASCII
    assert data.headers["content-disposition"] == 'attachment; filename="evil.json"'
    assert not list(server.tmp.parent.rglob("evil*"))
    assert str(server.tmp) not in page.text + unread.text


def test_uploads_over_the_limits_are_refused(server: Server) -> None:
    over = int(MAX_MB * 1024 * 1024) + 1
    with server.client() as client:
        many = _upload(client, *[_seed(p) for p in SEEDS[: MAX_FILES + 1]])
        many_pasted = _upload(client, *[_seed(p) for p in SEEDS[:MAX_FILES]], text="报告")
        large = _upload(client, ("large.txt", b"x" * over))
        declared = client.post("/api/check", params={"name": "a.txt"}, content=b"x" * over)

        def chunks() -> Iterator[bytes]:  # no Content-Length: counted as it comes
            for _ in range(over // 65536 + 1):
                yield b"x" * 65536

        streamed = client.post("/api/check", params={"name": "a.txt"}, content=chunks())
        nothing = _upload(client, ("", b""), text="   ")  # a browser's empty file input
        health = client.get("/health")
    assert many.status_code == many_pasted.status_code == 413
    assert "一次最多上传 4 个文件" in many.text and "at most 4 files" in many.text
    assert large.status_code == 413
    assert "超过 0.5 MB 的上限" in large.text and "over the limit of 0.5 MB" in large.text
    assert declared.status_code == streamed.status_code == 413
    assert declared.json()["error"]["type"] == streamed.json()["error"]["type"] == "TooLarge"
    assert nothing.status_code == 400
    assert health.status_code == 200


def test_rule_options_of_the_form_as_on_the_command_line(server: Server) -> None:
    with server.client() as client:
        unknown = _upload(client, _seed(), select="GIR30l")
        language = _upload(client, _seed(), lang="fr")
        chosen = _upload(client, _seed(), ignore="identities", lang="zh")
        page = client.get(chosen.headers["location"]).text
    assert unknown.status_code == 400 and "did you mean GIR301" in unknown.text
    assert language.status_code == 400
    assert chosen.status_code == 303
    assert 'data-code="GIR301"' not in page and 'data-code="GIR102"' in page
    assert 'body [lang="en"] { display: none; }' in page  # messages in Chinese only


def test_requests_from_elsewhere_are_refused(server: Server) -> None:
    with server.client() as client:
        rebound = client.get("/", headers={"host": "attacker.example"})
        crossed = client.post(
            "/check",
            files=[("files", _seed())],
            headers={"origin": "http://attacker.example"},
        )
        same = client.post(
            "/check", files=[("files", _seed())], headers={"origin": server.url.rstrip("/")}
        )
    assert rebound.status_code == 400
    assert crossed.status_code == 403
    assert same.status_code == 303


def test_a_hostile_file_costs_its_own_check_and_nothing_else(server: Server) -> None:
    with server.client() as client:
        started = time.monotonic()
        hang = client.post("/api/check", params={"name": "hang.txt"}, content=b"HANG\n")
        took = time.monotonic() - started
        crash = client.post("/api/check", params={"name": "crash.txt"}, content=b"CRASH")
        health = client.get("/health")
        after = client.post("/api/check", files=[("file", _seed())])
    assert hang.status_code == 422
    error = json.loads(hang.text)["error"]
    assert error["type"] == "Timeout" and f"{TIMEOUT} s" in error["message"]
    assert TIMEOUT <= took < TIMEOUT + 20
    assert crash.status_code == 422 and json.loads(crash.text)["error"]["type"] == "Crash"
    assert health.status_code == 200 and after.status_code == 200


def test_no_upload_is_left_on_disk(server: Server) -> None:
    with server.client() as client:
        several = _upload(client, _seed(), ("noise.bin", _random()), text="粘贴的文本")
        result = several.headers["location"]
        index = client.get(result)
        answers = {
            path: client.get(result + path)
            for path in ("reports.jsonl", "review.html", "tables.xlsx", "2", "2/", "4/")
        }
        _upload(client, ("large.txt", b"x" * int(MAX_MB * 1024 * 1024 + 1)))
        _upload(client, _seed(), select="nothing-like-a-rule")
        client.post("/api/check", params={"name": "a.txt"}, content=b"CRASH")
        assert client.get("/health").status_code == 200
    assert list(server.tmp.iterdir()) == []
    # one file not read among several: a row of the index, the others checked
    assert several.status_code == 303 and index.status_code == 200
    assert index.text.count('data-status="unreadable"') == 1
    assert index.text.count('data-status="ok"') == 2
    records = [json.loads(line) for line in answers["reports.jsonl"].text.splitlines()]
    assert [r["file"] for r in records] == [SEED_004.name, "noise.bin", "pasted.txt"]
    assert "error" in records[1] and "prose" in records[2]
    assert answers["review.html"].text.count('<section class="report"') == 3
    assert answers["2"].status_code == 308 and answers["2"].headers["location"] == "2/"
    assert "noise.bin" in answers["2/"].text and 'href="../"' in answers["2/"].text
    assert answers["tables.xlsx"].status_code == answers["4/"].status_code == 404


# --- the command ----------------------------------------------------------------------------


def test_serve_without_the_extra_says_how_to_install_it() -> None:
    code = (
        "import sys; sys.modules['starlette'] = None; "
        "from govinfo_report._cli import main; sys.exit(main(['serve', '--port', '0']))"
    )
    done = subprocess.run([sys.executable, "-c", code], check=False, capture_output=True, text=True)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "pip install 'govinfo-report[serve]'" in done.stderr


def test_serve_warns_loudly_off_loopback_and_fails_clearly_when_it_cannot_listen() -> None:
    # 192.0.2.1 (TEST-NET-1) is no address of this machine: nothing is ever listened on.
    done = subprocess.run(
        [GOVINFO_REPORT, "serve", "--host", "192.0.2.1", "--port", "0"],
        check=False, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 2 and done.stdout == ""
    assert "WARNING: listening on 192.0.2.1, not on loopback" in done.stderr
    assert "cannot listen on 192.0.2.1:0" in done.stderr and "Traceback" not in done.stderr


# --- the parts ------------------------------------------------------------------------------


def test_page_policy_allows_exactly_the_inline_blocks_served() -> None:
    page = (
        f"<style>{STYLES[0]}</style><p>style=&quot;x&quot;</p>"
        '<svg style="max-width: 10px"><path style="fill: #fff"/></svg><script>alert(1)</script>'
    )
    policy = page_policy(page)
    assert policy.count("'sha256-") == 3  # the style sheet and the two attributes
    assert "script-src 'none'" in policy and "'unsafe-hashes'" in policy
    assert "'unsafe-inline'" not in page_policy("<p>plain</p>")


def test_names_made_from_a_senders_name() -> None:
    suffixes = frozenset({".pdf", ".txt"})
    assert stored_name(1, "../../etc/passwd.PDF", suffixes) == "upload-1.pdf"
    assert stored_name(2, "report.exe", suffixes) == "upload-2"
    assert stored_name(3, "C:\\a\\b.txt", suffixes) == "upload-3.txt"
    assert shown_name("a\x00b\nc.txt" + "x" * 300) == ("abc.txt" + "x" * 300)[:200]
    assert download_name("报告.txt", ".json") == "report.json"
    assert download_name('a"b;c.html', ".xlsx") == "a_b_c.xlsx"
    assert host_name("127.0.0.1:8000") == "127.0.0.1" and host_name("[::1]:80") == "::1"
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("example.org")
    assert url_of("::1", 80) == "http://[::1]:80/"


def test_results_are_kept_few_small_and_not_long() -> None:
    now = [0.0]
    store = ResultStore(most=2, seconds=60, budget=100, clock=lambda: now[0])

    def result(size: int) -> Checked:
        return Checked((Outcome("a.txt"),), "both", "", size)

    first, second = store.add(result(10)), store.add(result(10))
    assert len(first) >= 22 and first != second
    third = store.add(result(10))
    assert store.get(first) is None and store.get(third) is not None  # the oldest went
    store.add(result(95))
    assert store.get(second) is None and store.get(third) is None  # over the byte budget
    now[0] = 61
    assert len(store) == 0  # expired


# --- in the browser -------------------------------------------------------------------------


class Tab:
    """A browser tab on the server that records console problems and every request."""

    def __init__(self, browser: Any, server: Server) -> None:
        self.server = server
        self.page = browser.new_page(viewport={"width": 1280, "height": 900}, accept_downloads=True)
        self.problems, self.requests = recorded(self.page)

    def upload(self, *files: Path | dict[str, Any], text: str = "") -> Any:
        """Open the form, choose ``files``, paste ``text``, send it: the last response."""
        self.page.goto(self.server.url)
        if files:
            self.page.set_input_files("#files", list(files))
        if text:
            self.page.fill("#text", text)
        with self.page.expect_navigation() as navigation:
            self.page.click("button[type=submit]")
        return navigation.value

    def assert_clean(self, allowed: str = "") -> None:
        """No console error (a CSP violation is one) but ``allowed``, and no request but to
        the server (or of a data: URL)."""
        assert [p for p in self.problems if not (allowed and allowed in p)] == []
        assert all(u.startswith((self.server.url, "data:")) for u in self.requests), self.requests

    def close(self) -> None:
        self.page.close()


def _buffer(path: Path) -> dict[str, Any]:
    return {"name": path.name, "mimeType": "text/plain", "buffer": path.read_bytes()}


def test_seed_004_shows_gir301_on_its_cells_and_its_downloads(browser: Any, server: Server) -> None:
    tab = Tab(browser, server)
    answer = tab.upload(SEED_004)
    page = tab.page
    assert answer.status == 200 and re.search(r"/r/[\w-]{22}/$", page.url)
    for key in GIR301_CELLS:
        cell = page.locator(f'td[data-key="{key}"]')
        assert cell.get_attribute("data-severity") == "error"
        cell.focus()
        assert "GIR301" in cell.locator(".tip").inner_text()
    assert page.locator('ol.findings li[data-code="GIR301"]').count() == 1
    downloads = {}
    for file in ("report.json", "tables.xlsx", "review.html"):
        with page.expect_download() as download:
            page.click(f'nav.actions a[href="{file}"]')
        downloads[file] = Path(download.value.path()).read_bytes()
        assert download.value.suggested_filename == f"{SEED_004.stem}{Path(file).suffix}"
    data = json.loads(downloads["report.json"])
    assert data["file"] == SEED_004.name and "prose" in data  # parse --full: render reads it
    assert downloads["tables.xlsx"].startswith(b"PK")
    assert downloads["review.html"].startswith(b"<!DOCTYPE html>")
    assert b'data-code="GIR301"' in downloads["review.html"]
    tab.assert_clean()
    tab.close()


def test_three_files_give_an_index_of_three_whose_links_open(browser: Any, server: Server) -> None:
    tab = Tab(browser, server)
    html = govinfo_report.render(govinfo_report.parse(SEEDS[1]), "html")
    third = {"name": "rendered.html", "mimeType": "text/html", "buffer": html.encode()}
    answer = tab.upload(_buffer(SEEDS[0]), _buffer(SEED_004), third)
    page = tab.page
    assert answer.status == 200
    rows = page.locator("#reports tbody tr")
    assert rows.count() == 3
    assert [rows.nth(i).locator("a").inner_text() for i in range(3)] == [
        SEEDS[0].name,
        SEED_004.name,
        "rendered.html",
    ]
    assert "3 份报告 reports" in page.locator("header").inner_text()
    index = page.url
    for number in (1, 2, 3):
        with page.expect_navigation() as navigation:
            page.locator("#reports tbody tr a").nth(number - 1).click()
        assert navigation.value.status == 200
        assert page.url == f"{index}{number}/"
        assert page.locator("section.report").count() == 1
        with page.expect_navigation():
            page.click("text=← 全部报告 all reports")
        assert page.url == index
    tab.assert_clean()
    tab.close()


def test_random_bytes_give_a_clear_error_page(browser: Any, server: Server) -> None:
    tab = Tab(browser, server)
    noise = {"name": "<b>noise</b>.pdf", "mimeType": "application/pdf", "buffer": _random()}
    answer = tab.upload(noise)
    assert answer.status == 422
    alert = tab.page.locator("[role=alert]")
    assert "无法核查 Could not check" in alert.inner_text()
    assert "<b>noise</b>.pdf" in alert.inner_text()  # shown as text, not as markup
    assert tab.page.locator("[role=alert] b").count() == 0
    tab.assert_clean(allowed="status of 422")
    tab.close()


def test_an_upload_over_the_size_limit_is_refused_in_the_browser(
    browser: Any, server: Server
) -> None:
    tab = Tab(browser, server)
    large = {
        "name": "large.txt",
        "mimeType": "text/plain",
        "buffer": b"x" * int(MAX_MB * 1024 * 1024 * 1.5),
    }
    answer = tab.upload(large)
    assert answer.status == 413
    assert "上限" in tab.page.locator("[role=alert]").inner_text()
    tab.assert_clean(allowed="status of 413")
    tab.close()


def test_pasted_text_in_chinese_only_and_files_dropped(browser: Any, server: Server) -> None:
    tab = Tab(browser, server)
    page = tab.page
    page.goto(server.url)
    page.evaluate(
        """() => {
        const data = new DataTransfer();
        data.items.add(new File(["x"], "dropped.txt", {type: "text/plain"}));
        document.getElementById("drop").dispatchEvent(
            new DragEvent("drop", {dataTransfer: data, bubbles: true, cancelable: true}));
    }"""
    )
    assert page.locator("#chosen").inner_text() == "dropped.txt"
    assert page.evaluate("() => document.getElementById('files').files.length") == 1
    page.goto(server.url)
    page.fill("#text", SEED_004.read_text("utf-8"))
    page.select_option("select[name=lang]", "zh")
    with page.expect_navigation() as navigation:
        page.click("button[type=submit]")
    assert navigation.value.status == 200
    assert "pasted.txt" in page.locator("h1").inner_text()
    item = page.locator('ol.findings li[data-code="GIR301"]')
    assert item.locator('[lang="zh-CN"]').is_visible()
    assert not item.locator('[lang="en"]').is_visible()
    tab.assert_clean()
    tab.close()


def test_the_form_works_without_javascript(browser: Any, server: Server) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(server.url)
    page.set_input_files("#files", [SEED_004])
    with page.expect_navigation() as navigation:
        page.click("button[type=submit]")
    assert navigation.value.status == 200
    assert page.locator('td[data-severity="error"]').count() >= len(GIR301_CELLS)
    context.close()


def test_screenshot_upload_page(browser: Any, server: Server, tmp_path: Path) -> None:
    tab = Tab(browser, server)
    tab.page.set_viewport_size({"width": 1100, "height": 820})
    tab.page.goto(server.url)
    tab.page.set_input_files("#files", [SEEDS[0], SEED_004])
    picture = tmp_path / "serve-upload.png"
    tab.page.screenshot(path=str(picture), full_page=True)
    keep_screenshot(picture)
    tab.assert_clean()
    tab.close()


def test_screenshot_result(browser: Any, server: Server, tmp_path: Path) -> None:
    tab = Tab(browser, server)
    tab.page.set_viewport_size({"width": 1100, "height": 1000})
    assert tab.upload(SEED_004).status == 200
    # 一、本年新收 × 总计 focused: its GIR301 message shows under the downloads and metadata
    tab.page.locator(f'td[data-key="{GIR301_CELLS[1]}"]').focus()
    tab.page.evaluate("() => window.scrollTo(0, 0)")
    picture = tmp_path / "serve-result.png"
    tab.page.screenshot(path=str(picture))
    keep_screenshot(picture)
    tab.assert_clean()
    tab.close()
