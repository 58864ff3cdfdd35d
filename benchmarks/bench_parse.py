"""Parse speed per layout against the floor and against the peer, and throughput.

Run: ``python benchmarks/bench_parse.py [--repeat N] [--quick]`` (needs the ``test`` extra for
pandas and hypothesis). For every document it prints the median and p95 of ``parse`` with the
check rules switched off and with every rule on, the **floor** (text: decode + normalise; HTML:
``lxml.html`` parse + one walk of the tree; PDF: pypdfium2's text and a box per character) and
the ratio of the full parse to it, the **peer**
(``pandas.read_html`` on HTML pages: raw tables only, no mapping, no validation) and the ratio of
the full parse to it, and the peak memory of one parse. Then the import time of
``govinfo_report`` and the throughput with one worker and with every core. Each figure comes from
``--repeat`` runs after a warm-up; the machine and its load are printed first. Per-document
times are CPU time of this process (``time.process_time``): on a machine whose cores other
processes share, wall time adds the waits for a core, which says nothing of the code. The
throughput figures are wall time.
"""

from __future__ import annotations

import argparse
import importlib.util
import io
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
import warnings
from collections.abc import Callable
from pathlib import Path

import lxml.html
from hypothesis import HealthCheck, given, settings

import govinfo_report
from govinfo_report import Parser, Report, RuleConfig
from govinfo_report._input._decode import decode
from govinfo_report._input._normalise import normalise
from govinfo_report.rules import PARSE_RULES
from govinfo_report.testing import reports

ROOT = Path(__file__).parents[1]
SEEDS = ROOT / "tests" / "corpus" / "seeds"
SAMPLES = ROOT / "tests" / "corpus" / "samples"
SEED_LAYOUTS = {"000": "pipe", "001": "tab", "002": "tab", "003": "lines", "004": "prose"}
TEXT_KB = 10
PAGE_KB = 200

# Prose of the kind parts 一, 五 and 六 carry, without figures the prose rules would compare.
_PROSE = (
    "本机关坚持以人民为中心的发展思想，认真贯彻落实《中华人民共和国政府信息公开条例》，"
    "围绕中心工作，不断完善主动公开目录，规范依申请公开办理流程，强化政策解读和回应关切，"
    "持续提升政务公开标准化规范化水平，切实保障人民群众的知情权、参与权、表达权和监督权。"
)


def machine() -> str:
    """One line describing the machine, the interpreter and the current load."""
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = (
        ", load {:.1f} {:.1f} {:.1f}".format(*os.getloadavg()) if hasattr(os, "getloadavg") else ""
    )
    return (
        f"machine: {model}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}{load}"
    )


def generated(count: int) -> list[Report]:
    """``count`` generated reports, the same ones on every run."""
    out: list[Report] = []

    @settings(
        max_examples=count, derandomize=True, database=None, suppress_health_check=list(HealthCheck)
    )
    @given(reports())
    def draw(report: Report) -> None:
        out.append(report)

    draw()
    return out[:count]


def padded_text(text: str, kb: int) -> str:
    """``text`` with prose paragraphs added to part 五 until it is ``kb`` KB of UTF-8."""
    lines = text.split("\n")
    at = next((i + 1 for i, line in enumerate(lines) if line.startswith("五、")), len(lines))
    paragraphs: list[str] = []
    while len(text.encode()) + len("\n".join(paragraphs).encode()) < kb * 1024:
        paragraphs.append(_PROSE)
    return "\n".join([*lines[:at], *paragraphs, *lines[at:]])


def agency_page(report: Report, kb: int) -> str:
    """``report`` as an agency web page of ``kb`` KB: navigation, scripts, sidebars, footer."""
    body = govinfo_report.render(report, "html", word=True)
    head, _, rest = body.partition("<body>")
    content, _, _ = rest.partition("</body>")
    nav = "".join(
        f'<li class="nav-item"><a href="/col/col{i}/index.html" target="_blank">栏目{i}</a></li>'
        for i in range(60)
    )
    script = (
        "<script>var _hmt=_hmt||[];(function(){var s=document.createElement('s');})();</script>"
    )
    style = "<style>.nav-item{float:left;margin:0 8px}.side li{line-height:28px}</style>"
    chrome_top = (
        f'{style}{script}<div class="top"><div class="logo">'
        f'<img src="/images/logo.png" alt="政府网站"></div><ul class="nav">{nav}</ul></div>'
        '<div class="position">当前位置：首页 &gt; 政务公开 &gt; 年度报告</div>'
    )
    side_items: list[str] = []
    footer = (
        '<div class="footer"><p>主办单位：人民政府办公室 网站标识码：3200000000 '
        "备案号：苏ICP备00000000号</p><p>地址：人民路1号 邮编：223800</p></div>"
    )
    page = ""
    while True:
        side = '<div class="side"><ul>' + "".join(side_items) + "</ul></div>"
        page = (
            f"{head}<body>{chrome_top}<div class='main'><table class='layout' width='100%'><tr>"
            f"<td class='left'>{side}</td><td class='content'><div id='zoom'>{content}</div>"
            f"</td></tr></table></div>{footer}</body></html>"
        )
        if len(page.encode()) >= kb * 1024:
            return page
        n = len(side_items)
        side_items.extend(
            f'<li><span class="date">2023-0{(n + i) % 9 + 1}-1{(n + i) % 10}</span>'
            f'<a href="/art/2023/{n + i}.html" title="关于印发工作要点的通知{n + i}">'
            f"关于印发工作要点的通知{n + i}</a></li>"
            for i in range(50)
        )


def timings(functions: dict[str, Callable[[], object]], repeat: int) -> dict[str, list[float]]:
    """Seconds per call of each function over ``repeat`` rounds after a warm-up call each.

    A round calls every function once, so that a change in what else the machine runs falls
    on all of them alike and their ratios, taken round by round, stay comparable.
    """
    for function in functions.values():
        function()
    out: dict[str, list[float]] = {name: [] for name in functions}
    for _ in range(repeat):
        for name, function in functions.items():
            start = time.process_time()
            function()
            out[name].append(time.process_time() - start)
    return out


def ratio(numerator: list[float], denominator: list[float]) -> float:
    """The median of the round-by-round ratios of two timings."""
    return statistics.median(n / d for n, d in zip(numerator, denominator, strict=True))


def ms(values: list[float], percentile: int = 50) -> float:
    """The ``percentile`` of ``values``, in milliseconds."""
    if percentile == 50:
        return statistics.median(values) * 1000
    return statistics.quantiles(values, n=100)[percentile - 1] * 1000


def text_floor(data: bytes) -> Callable[[], object]:
    """Decode and normalise: what any reader of the text has to do."""
    return lambda: normalise(decode(data).text)


def html_floor(data: bytes) -> Callable[[], object]:
    """Parse with ``lxml.html`` and walk the tree once, touching each element's text."""

    def run() -> None:
        for element in lxml.html.fromstring(data).iter():
            _ = element.text, element.tail

    return run


def pdf_floor(data: bytes) -> Callable[[], object]:
    """pypdfium2's own text with a box for every character, page by page: what reading the
    PDF's positions at all costs."""
    import pypdfium2  # noqa: PLC0415 - an optional extra

    def run() -> None:
        pdf = pypdfium2.PdfDocument(data)
        for page in pdf:
            textpage = page.get_textpage()
            textpage.get_text_range()
            for i in range(textpage.count_chars()):
                textpage.get_charbox(i, loose=True)
            textpage.close()
            page.close()
        pdf.close()

    return run


def html_peer(data: bytes) -> Callable[[], object] | None:
    """``pandas.read_html`` on the page, or ``None`` when pandas is not installed."""
    try:
        import pandas  # noqa: PLC0415
    except ImportError:
        return None
    text = decode(data).text

    def run() -> None:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            pandas.read_html(io.StringIO(text), flavor="lxml")

    return run


def import_ms(then: str = "") -> float:
    """Median CPU time of ``import govinfo_report`` (and ``then``) in a fresh interpreter."""
    code = (
        "import time\nt = time.process_time()\nimport govinfo_report\n"
        f"{then}\nprint(time.process_time() - t)"
    )
    runs = [
        float(
            subprocess.run(
                [sys.executable, "-c", code], capture_output=True, text=True, check=True
            ).stdout
        )
        for _ in range(7)
    ]
    return statistics.median(runs) * 1000


def throughput(documents: list[tuple[str, bytes]], workers: int, rounds: int) -> float:
    """Documents per second through ``parse_many`` with ``workers`` processes."""
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for r in range(rounds):
            for name, data in documents:
                path = Path(tmp) / f"{r}-{name}"
                path.write_bytes(data)
                paths.append(path)
        start = time.perf_counter()
        done = sum(1 for _ in govinfo_report.parse_many(paths, workers=workers))
        return done / (time.perf_counter() - start)


def main() -> None:
    cli = argparse.ArgumentParser(description=__doc__)
    cli.add_argument("--repeat", type=int, default=100)
    cli.add_argument("--quick", action="store_true", help="fewer runs and no throughput")
    args = cli.parse_args()
    repeat = 15 if args.quick else args.repeat
    print(machine())
    full = Parser()
    parse_only = Parser(config=RuleConfig(select=tuple(PARSE_RULES)))

    documents: list[tuple[str, str, bytes]] = []  # (name, layout, bytes)
    for path in sorted(SEEDS.glob("*.txt")):
        documents.append((f"seed {path.name[:3]}", SEED_LAYOUTS[path.name[:3]], path.read_bytes()))
    documents.append(
        ("real agency page", "html", (SAMPLES / "shuyang_fgj_2023_site.html").read_bytes())
    )
    if importlib.util.find_spec("pypdfium2"):
        documents.append(
            ("real PDF (positions)", "pdf", (SAMPLES / "huaian_2024.pdf").read_bytes())
        )
    report = generated(30)[-1]
    for layout in ("pipe", "tab", "lines", "markdown", "spaces"):
        text = padded_text(govinfo_report.render(report, layout), TEXT_KB)
        documents.append((f"generated {TEXT_KB} KB", layout, text.encode()))
    documents.append(
        (f"generated {PAGE_KB} KB page", "html", agency_page(report, PAGE_KB).encode())
    )

    head = (
        "document",
        "layout",
        "KB",
        "parse",
        "p95",
        "+rules",
        "p95",
        "floor",
        "×floor",
        "peer",
        "×peer",
        "peak KB",
    )
    line = "{:<24}{:<9}{:>6}{:>8}{:>8}{:>8}{:>8}{:>8}{:>8}{:>8}{:>7}{:>8}"
    print(
        "times in ms (median and p95); ×floor and ×peer: full parse + rules over floor / peer "
        "(median of the ratios, round by round)"
    )
    print(line.format(*head))
    for name, layout, data in documents:
        is_html = layout == "html"
        runs = max(repeat // 5, 5) if layout == "pdf" else repeat
        floors = {"html": html_floor, "pdf": pdf_floor}
        functions = {
            "alone": lambda data=data: parse_only.parse(data),
            "checked": lambda data=data: full.parse(data),
            "floor": floors.get(layout, text_floor)(data),
        }
        peer_run = html_peer(data) if is_html else None
        if peer_run is not None:
            functions["peer"] = peer_run
        times = timings(functions, runs)
        alone, checked, floor = times["alone"], times["checked"], times["floor"]
        peer = times.get("peer")
        tracemalloc.start()
        full.parse(data)
        peak = tracemalloc.get_traced_memory()[1] / 1024
        tracemalloc.stop()
        print(
            line.format(
                name,
                layout,
                f"{len(data) / 1024:.0f}",
                f"{ms(alone):.2f}",
                f"{ms(alone, 95):.2f}",
                f"{ms(checked):.2f}",
                f"{ms(checked, 95):.2f}",
                f"{ms(floor):.2f}",
                f"{ratio(checked, floor):.1f}",
                f"{ms(peer):.2f}" if peer else "-",
                f"{ratio(checked, peer):.2f}" if peer else "-",
                f"{peak:.0f}",
            )
        )
    first_parse = f"govinfo_report.parse({str(sorted(SEEDS.glob('*.txt'))[0])!r})"
    print(
        f"import govinfo_report: {import_ms():.0f} ms; import and parse one seed, the plugins "
        f"loaded on first use: {import_ms(first_parse):.0f} ms "
        "(CPU time, median of 7 fresh interpreters)"
    )
    if args.quick:
        return
    mix = [
        (f"{i}-{name.replace(' ', '_')}.{layout if layout in ('html', 'pdf') else 'txt'}", data)
        for i, (name, layout, data) in enumerate(documents)
    ]
    pdfs = [(name, data) for name, data in mix if name.endswith(".pdf")]
    for workers in sorted({1, os.cpu_count() or 1}):
        rate = throughput(mix, workers, rounds=20)
        print(
            f"throughput, {workers} worker(s), parse_many on the documents above ×20: "
            f"{rate:.0f} documents/s"
        )
        if pdfs:
            rate = throughput(pdfs, workers, rounds=100)
            print(f"throughput, {workers} worker(s), the real PDF ×100: {rate:.0f} documents/s")


if __name__ == "__main__":
    main()
