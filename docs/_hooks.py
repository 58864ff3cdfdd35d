"""MkDocs hooks: the parts of the site generated from the code at build time.

A page asks for generated content with a marker on a line of its own,
``<!-- generated: NAME [ARGUMENT] -->``: ``stages`` (the pipeline's order), ``keys`` (the
canonical schema), ``rules`` (the rule
catalogue), ``layout NAME`` (an excerpt of a report rendered in that layout) and ``prose`` (a
sentence the prose extractor reads, with the values it reads). Nothing here is a hand-written
copy of the code's vocabulary, so the site cannot fall behind it. Generation raises, failing
the build, when a rule lacks a description or an example, or when a rendered layout does not
parse back with the extractor it illustrates.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from decimal import Decimal
from functools import cache
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

import govinfo_report
from govinfo_report import CanonicalKey, Cell, Metadata, Provenance, Report, Rule
from govinfo_report._cli._sarif import rule_anchor
from govinfo_report._pipeline import STAGES

# Docstrings cross-reference in Sphinx style (:class:`~govinfo_report.Report`), which
# mkdocstrings renders literally: keep the name as code, shortened where "~" asks for it.
SPHINX_ROLE = re.compile(r":(?:class|func|meth|data|attr|mod|exc):<code>(~?)([\w.]+)</code>")
MARKER = re.compile(r"^<!-- generated: (?P<name>[a-z]+)(?: (?P<argument>[\w-]+))? -->$", re.M)

SECTION_TITLES = {
    "active": "主动公开政府信息情况",
    "applications": "收到和处理政府信息公开申请情况",
    "review_litigation": "政府信息公开行政复议、行政诉讼情况",
}
KIND_TYPES = {
    "count": "count: `int` ≥ 0",
    "signed_count": "signed count: `int` (本年增/减 may be negative)",
    "money": "money: `Decimal` in 万元 (a decimal string in JSON)",
}
# Lines of each layout's excerpt: enough to show one block of part 二, not the whole report.
EXCERPT_LINES = {"lines": 16, "html": 8}
DEFAULT_EXCERPT_LINES = 7
# The extractor that reads each rendered layout back (markdown tables are pipe rows).
READ_BY = {"markdown": "pipe", "markdown_export": "pipe", "crawler": "glued"}
# Layouts that lose information: what they read must be right, and what they leave unknown
# must carry a finding, but not every cell can be read back (glued digits of part 二).
PARTIAL = {"glued", "crawler"}
# Layouts that put a part on one line: their excerpt is the start of part 二's line.
ONE_LINE = {"crawler"}
ONE_LINE_EXCERPT = 160
SEEDS = Path(__file__).resolve().parents[1] / "tests" / "corpus" / "seeds"
PROSE_SEED = "004_af160c066563daaa.txt"


def cell(text: str) -> str:
    """``text`` made safe for one cell of a markdown table."""
    return text.replace("|", r"\|").replace("\n", " ")


def table(header: Iterable[str], rows: Iterable[Iterable[str]]) -> str:
    """A markdown table."""
    head = list(header)
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def keys_reference() -> str:
    """Every canonical key of either template, by table section, with label, type, templates."""
    by_template = {t: {k.key: k for k in govinfo_report.keys(t)} for t in ("2021", "2019")}
    out = []
    for section, numeral in govinfo_report.TABLE_SECTIONS.items():
        ordered: dict[str, list[CanonicalKey]] = {}
        for template in ("2021", "2019"):
            for key in by_template[template].values():
                if key.section == section:
                    ordered.setdefault(key.key, []).append(key)
        rows = []
        for name, entries in ordered.items():
            labels = dict.fromkeys(k.label for k in entries)
            label = (
                next(iter(labels))
                if len(labels) == 1
                else "<br>".join(f"{k.template}: {k.label}" for k in entries)
            )
            templates = ", ".join(sorted(k.template for k in entries))
            rows.append((f"`{name}`", label, KIND_TYPES[entries[0].kind], templates))
        out.append(f"## {numeral}、{SECTION_TITLES[section]} (`{section}`)\n")
        out.append(f"{len(rows)} keys.\n")
        out.append(table(("key", "label (标签)", "type", "templates"), rows) + "\n")
    return "\n".join(out)


@cache
def built_in_rules() -> tuple[Rule, ...]:
    """Every built-in rule: the pipeline's codes, the checks, the corpus rules and the rules of
    the built-in plugins (third-party plugins installed alongside are not this library's)."""
    plugins = [
        ep.load()
        for ep in entry_points(group="govinfo_report")
        if ep.value.startswith("govinfo_report_plugins.")
    ]
    return govinfo_report.Parser(plugins=plugins, entry_points=False).rules


def undocumented(rule: Rule) -> list[str]:
    """What the catalogue entry of ``rule`` lacks (description in either language, example)."""
    fields = {
        "name": rule.name,
        "title_zh": rule.title_zh,
        "title_en": rule.title_en,
        "example": rule.example,
    }
    return [name for name, value in fields.items() if not value.strip()]


def rule_row(rule: Rule) -> tuple[str, ...]:
    """The catalogue row of ``rule``: code, name, family, severity, stage, templates, titles
    and example."""
    templates = ", ".join(sorted(rule.templates))
    return (
        rule.code,
        rule.name,
        rule.family,
        rule.severity.value,
        rule.stage,
        templates,
        rule.title_zh,
        rule.title_en,
        rule.example,
    )


def anchored(code: str) -> str:
    """A rule's code as the anchor that ``govinfo-report rules CODE`` and SARIF's ``helpUri``
    point to (``findings/#gir301``), linking to itself."""
    anchor = rule_anchor(code)
    return f'<a id="{anchor}" href="#{anchor}">{code}</a>'


def rule_catalogue(rules: Iterable[Rule] | None = None) -> str:
    """The rule catalogue table, a row per rule with its code as its anchor; raises
    ``ValueError`` naming any rule that lacks documentation."""
    chosen = tuple(built_in_rules() if rules is None else rules)
    missing = {r.code: undocumented(r) for r in chosen if undocumented(r)}
    if missing:
        raise ValueError(f"rules without documentation: {missing}")
    header = ("code", "name", "family", "severity", "stage", "templates", "规则", "rule", "example")
    return table(header, ((anchored(r.code), *rule_row(r)[1:]) for r in chosen))


@cache
def example_report() -> Report:
    """A 2021-template report with small, distinct values, to render in every layout."""
    metadata = Metadata(agency="某某市司法局", year=2023, template="2021")
    cells = {}
    for number, key in enumerate(govinfo_report.keys("2021"), start=1):
        value: int | Decimal = number % 17
        if key.kind == "money":
            value = Decimal("12.35")
        cells[key.key] = Cell(key.key, value, Provenance("generated", "table"))
    return Report(metadata, cells)


def _flagged(report: Report, key: str) -> bool:
    """True when a finding names cell ``key``, its row, or its whole part."""
    section, rest = key.split(".", 1)
    row = rest.rsplit(".", 1)[0]
    numeral = govinfo_report.TABLE_SECTIONS[section]
    return any(
        f.location.key == key
        or f.location.row == row
        or (f.location.section == numeral and f.location.row is None and f.location.key is None)
        for f in report.findings
    )


def layout_excerpt(layout: str) -> str:
    """The start of part 二 of :func:`example_report` rendered in ``layout``, as a code block.

    Raises ``ValueError`` when the rendered document does not parse back, with the extractor
    of that layout, to the values rendered.
    """
    report = example_report()
    document = govinfo_report.render(report, layout)
    parsed = govinfo_report.parse(document)
    extractor = READ_BY.get(layout, layout)
    expected, read = report.to_flat(), parsed.to_flat()
    if layout in PARTIAL:
        wrong = [k for k, v in read.items() if expected.get(k) != v]
        silent = [k for k in expected if k not in read and not _flagged(parsed, k)]
        faithful = not wrong and not silent
    else:
        faithful = read == expected
    if set(parsed.extractors.values()) != {extractor} or not faithful:
        raise ValueError(f"layout {layout} does not parse back with the {extractor} extractor")
    start = document.index("二、主动公开政府信息情况")
    lines = document[start:].split("\n")[1 : 1 + EXCERPT_LINES.get(layout, DEFAULT_EXCERPT_LINES)]
    if layout in ONE_LINE:  # the part's heading, prose and table on one line
        lines = [document[start:].split("\n")[0][:ONE_LINE_EXCERPT]]
    language = "html" if layout == "html" else "text"
    return f"```{language}\n" + "\n".join(lines) + "\n…\n```"


def prose_example() -> str:
    """A real report's sentence that states the application counts, and what prose reads."""
    path = SEEDS / PROSE_SEED
    report = govinfo_report.parse(path)
    if report.extractors.get("applications") != "prose":
        raise ValueError(f"{PROSE_SEED} is no longer read by the prose extractor")
    text = path.read_text("utf-8")
    cells = sorted(report.cells.values(), key=lambda c: c.provenance.start or 0)
    first, last = cells[0].provenance, cells[-1].provenance
    assert first.start is not None and last.end is not None
    start = text.rfind("。", 0, first.start) + 1
    end = text.index("。", last.end) + 1
    values = table(
        ("key", "value", "read from"),
        ((f"`{c.key}`", str(c.value), c.provenance.text or "") for c in cells),
    )
    return f"```text\n{text[start:end]}\n```\n\nreads:\n\n{values}"


def stage_list() -> str:
    """The pipeline's stages, in the order :data:`govinfo_report._pipeline.STAGES` runs them."""
    rows = (
        (str(n), f"`{name}`", f"`{stage.__module__}.{stage.__name__}`", _first_line(stage))
        for n, (name, stage) in enumerate(STAGES, start=1)
    )
    return table(("", "stage", "function", "what it does"), rows)


def _first_line(function: Callable[..., object]) -> str:
    return " ".join((function.__doc__ or "").split("\n\n")[0].split())


GENERATORS: dict[str, Callable[..., str]] = {
    "stages": stage_list,
    "keys": keys_reference,
    "rules": rule_catalogue,
    "layout": layout_excerpt,
    "prose": prose_example,
}


def expand(markdown: str) -> str:
    """``markdown`` with every generated-content marker replaced by its content."""

    def generate(match: re.Match[str]) -> str:
        make = GENERATORS[match["name"]]
        return make(match["argument"]) if match["argument"] else make()

    return MARKER.sub(generate, markdown)


def plain_roles(html: str) -> str:
    """``html`` with Sphinx cross-reference roles rendered as the code they name."""
    return SPHINX_ROLE.sub(
        lambda m: f"<code>{m[2].rsplit('.', 1)[-1] if m[1] else m[2]}</code>", html
    )


def on_page_content(html: str, **kwargs: Any) -> str:
    """MkDocs hook: render the API pages' Sphinx roles as plain code."""
    return plain_roles(html)


def on_page_markdown(markdown: str, **kwargs: Any) -> str:
    """MkDocs hook: expand the generated-content markers of every page."""
    return expand(markdown)
