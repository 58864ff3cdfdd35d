"""The dashboard's charts: Matplotlib figures as inline SVG whose text stays text.

Text is written as ``<text>`` (``svg.fonttype = 'none'``): no font is embedded and no glyph
drawn as a path, so the reader's browser sets the Chinese labels in its own fonts. Each chart
says what it shows in a ``<title>`` and ``<desc>``; marks differ by hatching and marker shape,
and every bar and point carries its value, so that no chart rests on colour alone.
"""

from __future__ import annotations

import io
import logging
import math
import re
import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import cache
from html import escape
from typing import Any, NamedTuple

from .._findings import Severity
from .._marks import NAMES, SEVERITIES, SYMBOLS
from ._dashboard import HEADLINES, AgencyYears, Dashboard, GroupCount

#: How to get the charts when Matplotlib is missing.
CHARTS_HINT = "pip install 'govinfo-report[charts]'"
#: Bars of one chart at most; the rest are summed into one bar (the tables list them all).
BAR_LIMIT = 15

# The severities' colours as the review pages' marks have them, each with its own hatching.
_STRONG = {Severity.ERROR: "#b00020", Severity.WARNING: "#8a5a00", Severity.INFO: "#1f5fa8"}
_TINT = {Severity.ERROR: "#fde2e4", Severity.WARNING: "#fff3cd", Severity.INFO: "#e3eefb"}
_HATCH = {Severity.ERROR: "///", Severity.WARNING: "--", Severity.INFO: ""}
_REST = ("#555555", "#eeeeee", "xx")  # the bar summing what did not fit: edge, face, hatch
# One marker shape per headline figure, so that the small multiples differ by more than place.
_MARKERS = ("o", "s", "^", "D", "v", "P")
# Fonts with Chinese glyphs Matplotlib may measure labels with; the page sets its own.
_CJK_FONTS = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "WenQuanYi Zen Hei",
    "Microsoft YaHei",
    "SimHei",
    "PingFang SC",
)

_PROLOGUE = re.compile(r"\A.*?(?=<svg)", re.S)  # the XML declaration and doctype
_METADATA = re.compile(r"\s*<metadata>.*?</metadata>", re.S)
_STYLE = re.compile(r"\s*<defs>\s*<style[^>]*>.*?</style>\s*</defs>", re.S)
_ID = re.compile(r'\sid="([^"]+)"')
_REFERENCE = re.compile(r'(href="#|url\(#)([^")]+)')
_FONT_FAMILY = re.compile(r"\s*font-family:[^;\"]*;?")
_NO_ROTATION = re.compile(r'\stransform="rotate\(-?0 [^"]*\)"')
_TAG = re.compile(r"<[^>]+>")
_DECIMALS = re.compile(r"(\d\.\d\d)\d+")
_SIZE = re.compile(r'\swidth="([\d.]+)pt" height="([\d.]+)pt"')
_BETWEEN_TAGS = re.compile(r">\s+<")
_NEWLINES = re.compile(r"\s*\n\s*")


def available() -> bool:
    """Whether Matplotlib is installed (the ``charts`` extra), so that charts can be drawn."""
    try:
        import matplotlib  # noqa: F401, PLC0415 - optional: the tables stand without it
    except ImportError:
        return False
    return True


@cache
def _font_family() -> tuple[str, ...]:
    """The installed fonts with Chinese glyphs first, for measuring labels; DejaVu last."""
    from matplotlib import font_manager  # noqa: PLC0415 - optional dependency

    installed = {f.name for f in font_manager.fontManager.ttflist}
    return (*(name for name in _CJK_FONTS if name in installed), "DejaVu Sans")


@contextmanager
def _drawing() -> Iterator[Any]:
    """Matplotlib's ``Figure`` with the settings of every chart, quiet about fonts."""
    import matplotlib  # noqa: PLC0415 - optional dependency
    from matplotlib.figure import Figure  # noqa: PLC0415

    fonts = logging.getLogger("matplotlib.font_manager")
    level = fonts.level
    # A CJK font may lack a weight Matplotlib asks for, or a symbol (✖): it says so at length,
    # yet it only measures the text here; the browser draws it.
    fonts.setLevel(logging.ERROR)
    try:
        settings = matplotlib.rc_context(
            {
                "svg.fonttype": "none",
                "svg.hashsalt": "govinfo-report",  # the same ids and hatches on every run
                "font.family": list(_font_family()),
                "font.size": 9,
                "axes.titlesize": 9,
                "hatch.linewidth": 0.8,
            }
        )
        with settings, warnings.catch_warnings():
            warnings.filterwarnings("ignore", message=r"Glyph \d+ .*missing from")
            yield Figure
    finally:
        fonts.setLevel(level)


def _svg(figure: Any, ident: str, title: str, description: str, tight: bool = True) -> str:
    """``figure`` as an inline ``<svg>``: ids made unique with ``ident`` (several charts share
    a page), text as text, no prologue, metadata or style element, coordinates to 0.01."""
    out = io.StringIO()
    figure.savefig(
        out, format="svg", bbox_inches="tight" if tight else None, pad_inches=0.04,
        transparent=True,
        metadata={"Date": None, "Creator": None},
    )  # fmt: skip
    svg = _PROLOGUE.sub("", out.getvalue(), count=1)
    svg = _STYLE.sub("", _METADATA.sub("", svg, count=1), count=1)
    # Only ids something refers to (clip paths, hatches, markers) are kept, renamed.
    names = {
        old: f"{ident}-{n}"
        for n, old in enumerate(dict.fromkeys(m[2] for m in _REFERENCE.finditer(svg)))
    }
    svg = _ID.sub(lambda m: f' id="{names[m[1]]}"' if m[1] in names else "", svg)
    svg = _REFERENCE.sub(lambda m: m[1] + names[m[2]], svg)
    svg = _NO_ROTATION.sub("", _FONT_FAMILY.sub("", svg))
    svg = _TAG.sub(lambda m: _NEWLINES.sub(" ", _DECIMALS.sub(r"\1", m[0])), svg)
    svg = _BETWEEN_TAGS.sub("><", svg).strip()
    size = _SIZE.search(svg)
    width = float(size[1]) * 4 / 3 if size else 720.0  # points to CSS pixels
    svg = _SIZE.sub("", svg, count=1).replace(
        "<svg ",
        f'<svg role="img" aria-labelledby="{ident}-t {ident}-d" class="chart" '
        f'style="max-width: {width:.0f}px" ',
        1,
    )
    head, _, rest = svg.partition(">")
    return (
        f'{head}><title id="{ident}-t">{escape(title)}</title>'
        f'<desc id="{ident}-d">{escape(description)}</desc>{rest}'
    )


def _plain(axes: Any, *, keep: str) -> None:
    """An axes with only the spine along ``keep`` ("bottom" or "left") and no value axis: the
    bars carry their values."""
    for side in ("left", "right", "top", "bottom"):
        axes.spines[side].set_visible(side == keep)
    (axes.yaxis if keep == "bottom" else axes.xaxis).set_visible(False)
    axes.tick_params(length=0)
    axes.patch.set_visible(False)


def _bars(
    axes: Any,
    labels: Sequence[str],
    values: Sequence[int],
    styles: Sequence[tuple[str, str, str]],
    horizontal: bool,
) -> None:
    """Bars with their values beside them; each ``(edge colour, face colour, hatch)``."""
    places = range(len(values))
    if horizontal:
        bars = axes.barh(places, values, height=0.7)
        axes.set_yticks(places, labels)
        axes.invert_yaxis()  # the largest first, at the top
        axes.set_xlim(0, max(values, default=1) * 1.18 or 1)
    else:
        bars = axes.bar(places, values, width=0.7)
        axes.set_xticks(places, labels)
        axes.set_ylim(0, max(values, default=1) * 1.22 or 1)
    for bar, (edge, face, hatch) in zip(bars, styles, strict=True):
        bar.set(edgecolor=edge, facecolor=face, hatch=hatch, linewidth=1)
    axes.bar_label(bars, padding=2, fontsize=8)
    _plain(axes, keep="left" if horizontal else "bottom")


def _severity_style(severity: Severity) -> tuple[str, str, str]:
    return _STRONG[severity], _TINT[severity], _HATCH[severity]


def _shortened(text: str, limit: int = 14) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _top(
    counts: Sequence[tuple[str, int, tuple[str, str, str]]], rest_label: str
) -> tuple[list[str], list[int], list[tuple[str, str, str]]]:
    """The first :data:`BAR_LIMIT` bars, and one bar summing the rest (``rest_label`` names
    how many)."""
    shown = list(counts[:BAR_LIMIT])
    rest = counts[BAR_LIMIT:]
    if rest:
        shown.append((rest_label.format(len(rest)), sum(n for _, n, _ in rest), _REST))
    return [s[0] for s in shown], [s[1] for s in shown], [s[2] for s in shown]


def _pair(figure: Any, ratios: tuple[float, float]) -> tuple[Any, Any]:
    """Two axes side by side, their widths in ``ratios``, with room for the labels between."""
    grid = figure.add_gridspec(1, 2, width_ratios=ratios, wspace=0.6)
    return figure.add_subplot(grid[0]), figure.add_subplot(grid[1])


def findings_chart(board: Dashboard, ident: str) -> str | None:
    """Findings by severity and by rule, or ``None`` when there is no finding."""
    if not board.rules:
        return None
    rules = [
        (f"{r.code} {SYMBOLS[r.severity]}", r.findings, _severity_style(r.severity))
        for r in board.rules
    ]
    labels, values, styles = _top(rules, "其他 {} 条 other")
    severity_labels = [f"{SYMBOLS[s]} {NAMES[s]}" for s in SEVERITIES]
    severities = [board.severities[s] for s in SEVERITIES]
    with _drawing() as figure_class:
        figure = figure_class(figsize=(7.5, 0.6 + 0.26 * max(len(values), 3)))
        by_severity, by_rule = _pair(figure, (1, 1.6))
        styled = [_severity_style(s) for s in SEVERITIES]
        _bars(by_severity, severity_labels, severities, styled, horizontal=True)
        by_severity.set_title("按严重程度 by severity")
        _bars(by_rule, labels, values, styles, horizontal=True)
        by_rule.set_title("按规则 by rule")
        description = "；".join(
            f"{label} {n}" for label, n in zip(severity_labels, severities, strict=True)
        )
        description += "。按规则 by rule：" + "，".join(
            f"{label} {n}" for label, n in zip(labels, values, strict=True)
        )
        title = "问题按严重程度和规则 Findings by severity and rule"
        return _svg(figure, ident, title, description)


def errors_chart(board: Dashboard, ident: str) -> str | None:
    """Error findings by agency and by year, or ``None`` when there is no error."""
    agencies = [g for g in board.agencies if g.errors]
    if not agencies:
        return None
    error = _severity_style(Severity.ERROR)
    labels, values, styles = _top(
        [(_shortened(g.name), g.errors, error) for g in agencies], "其他 {} 个机关 other"
    )
    years: Sequence[GroupCount] = board.years
    with _drawing() as figure_class:
        figure = figure_class(figsize=(7.5, 0.8 + 0.26 * max(len(values), 5)))
        by_agency, by_year = _pair(figure, (1.6, 1))
        _bars(by_agency, labels, values, styles, horizontal=True)
        by_agency.set_title("✖ 错误按机关 errors by agency")
        _bars(
            by_year,
            [g.name for g in years],
            [g.errors for g in years],
            [error] * len(years),
            horizontal=False,
        )
        if len(years) > 5:
            by_year.tick_params(axis="x", labelrotation=90)
        by_year.set_title("✖ 错误按年度 errors by year")
        description = "按机关 by agency：" + "，".join(
            f"{label} {n}" for label, n in zip(labels, values, strict=True)
        )
        description += "。按年度 by year：" + "，".join(f"{g.name}年 {g.errors}" for g in years)
        return _svg(figure, ident, "错误按机关和年度 Errors by agency and year", description)


class _Series(NamedTuple):
    """One headline figure of an agency, over every year from its first to its last."""

    years: list[int]
    #: The value of each year that has one report with it; NaN (a gap in the line) otherwise.
    line: list[float]
    #: ``(year, value)`` of each year that has one report with it.
    single: list[tuple[int, int]]
    #: ``(year, least, greatest)`` of each year with several reports giving the figure.
    several: list[tuple[int, int, int]]


def _series(panel: AgencyYears, index: int) -> _Series:
    values: dict[int, list[int]] = {}
    for row in panel.rows:
        value = row.values[index]
        if value is not None:
            values.setdefault(row.year, []).append(value)
    span = list(range(panel.years[0], panel.years[-1] + 1))
    line = [float(values[y][0]) if len(values.get(y, ())) == 1 else math.nan for y in span]
    single = [(y, vs[0]) for y, vs in sorted(values.items()) if len(vs) == 1]
    several = [(y, min(vs), max(vs)) for y, vs in sorted(values.items()) if len(vs) > 1]
    return _Series(span, line, single, several)


def _break_codes(panel: AgencyYears) -> dict[int, tuple[str, ...]]:
    """``{year: codes}`` of the corpus findings between each year and the one before."""
    codes: dict[int, dict[str, None]] = {}
    for year, finding in panel.breaks:
        codes.setdefault(year, {})[finding.code] = None
    return {year: tuple(listed) for year, listed in sorted(codes.items())}


# Each headline figure has a band of the panel's one axes: its own zero line, and its
# values scaled to its own greatest one (counts differ by orders of magnitude between them).
_BAND = 0.62


def _band(axes: Any, panel: AgencyYears, index: int) -> str:
    """One headline figure's band of a panel, and what it shows in words."""
    series = _series(panel, index)
    base = len(HEADLINES) - 1 - index
    top = max([v for _, v in series.single] + [g for *_, g in series.several], default=0) or 1

    def height(value: float) -> float:
        return base + _BAND * value / top

    axes.axhline(base, color="#999999", linewidth=0.6)
    style = {"color": "#222222", "marker": _MARKERS[index], "markersize": 4.5}
    axes.plot(series.years, [height(v) for v in series.line], linewidth=1.3, **style)
    for year, value in series.single:
        axes.annotate(
            str(value), (year, height(value)), textcoords="offset points", xytext=(0, 3),
            ha="center", va="bottom", fontsize=7.5,
        )  # fmt: skip
    # A year of several reports (a corpus holding two files of one report, or agencies
    # confused): open marks at its least and greatest value, unlabelled; the table has each.
    for year, least, greatest in series.several:
        axes.plot(
            [year, year], [height(least), height(greatest)], linewidth=0.8,
            markerfacecolor="white", **style,
        )  # fmt: skip
    said = [f"{y}年 {v}" for y, v in series.single]
    said += [f"{y}年 {least}–{greatest}（多份 several）" for y, least, greatest in series.several]
    if not said:
        axes.text(
            (series.years[0] + series.years[-1]) / 2, base + 0.3, "无数值 no value",
            ha="center", va="center", fontsize=7.5, color="#555555",
        )  # fmt: skip
    return f"{HEADLINES[index].zh}：{'，'.join(said) if said else '无数值 no value'}"


def panel_chart(panel: AgencyYears, ident: str) -> str:
    """An agency's headline figures year by year, a band each over one year axis, the years
    between which a corpus rule found a break hatched and marked ✖."""
    breaks = _break_codes(panel)
    span = (panel.years[0] - 0.5, panel.years[-1] + 0.5)
    with _drawing() as figure_class:
        figure = figure_class(figsize=(7.5, 3.1))
        # a fixed layout: measuring the labels to fit them would draw the figure twice
        figure.subplots_adjust(left=0.19, right=0.99, top=0.9, bottom=0.12)
        axes = figure.add_subplot()
        described = [_band(axes, panel, index) for index in range(len(HEADLINES))]
        for year in breaks:
            axes.axvspan(
                year - 1, year, facecolor="none", edgecolor=_STRONG[Severity.ERROR],
                hatch="xx", linewidth=0, alpha=0.3,
            )  # fmt: skip
            axes.text(
                year - 0.5, 1.0, "✖", transform=axes.get_xaxis_transform(), ha="center",
                va="bottom", fontsize=8, color=_STRONG[Severity.ERROR],
            )  # fmt: skip
        rows = range(len(HEADLINES))
        axes.set_yticks(
            [len(HEADLINES) - 1 - i + _BAND / 2 for i in rows], [h.zh for h in HEADLINES]
        )
        axes.set_ylim(-0.15, len(HEADLINES) - 1 + _BAND + 0.3)
        axes.set_xlim(*span)
        axes.set_xticks(panel.years, [str(y) for y in panel.years])
        for side in ("left", "right", "top"):
            axes.spines[side].set_visible(False)
        axes.tick_params(length=0, labelsize=8)
        axes.tick_params(axis="x", labelrotation=90 if len(panel.years) > 8 else 0)
        axes.patch.set_visible(False)
        if breaks:
            said = "，".join(f"{y - 1}–{y}年 {'、'.join(c)}" for y, c in breaks.items())
            described.append(f"跨年度不符 breaks：{said}")
            legend = said if len(breaks) <= 3 else f"{len(breaks)} 处 places"
            figure.text(
                0.005, 0.995, f"✖ 跨年度不符 break between years：{legend}", ha="left",
                va="top", fontsize=8, color=_STRONG[Severity.ERROR],
            )  # fmt: skip
        title = f"{panel.agency} {panel.years[0]}–{panel.years[-1]}年主要数字 headline figures"
        return _svg(figure, ident, title, "；".join(described), tight=False)
