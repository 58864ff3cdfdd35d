"""The documentation site: its example plugin works, it documents every hook, rule, key and
layout, and ``mkdocs build --strict`` succeeds (so CI, which runs pytest, builds the site)."""

from __future__ import annotations

import importlib.util
import inspect
import os
import subprocess
import sys
from collections.abc import Iterator
from importlib.metadata import entry_points
from pathlib import Path
from types import ModuleType

import attrs
import lxml.html
import pytest
from hypothesis import given

import govinfo_report
from govinfo_report import Parser, Report, hookspecs
from govinfo_report.rules import Rule, rule
from govinfo_report.testing import reports

REPO = Path(__file__).resolve().parents[1]
DOCS = REPO / "docs"


def load(path: Path) -> ModuleType:
    """Import the module at ``path`` (docs sources are not a package)."""
    spec = importlib.util.spec_from_file_location(f"docs_{path.stem.strip('_')}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


semicolon_plugin = load(DOCS / "examples" / "semicolon_plugin.py")
hooks = load(DOCS / "_hooks.py")
SEMICOLON_PARSER = Parser(plugins=[semicolon_plugin], entry_points=False)


def in_semicolons(report: Report) -> str:
    """``report`` as a document whose table cells are separated by "；"."""
    return govinfo_report.render(report, "pipe").replace("|", "；")


@given(reports(blanks=True))
def test_the_guides_semicolon_plugin_reads_every_value_of_its_layout(report: Report) -> None:
    parsed = SEMICOLON_PARSER.parse(in_semicolons(report))
    assert dict(parsed.extractors) == dict.fromkeys(govinfo_report.TABLE_SECTIONS, "semicolon")
    assert parsed.to_flat() == report.to_flat()
    assert (parsed.agency, parsed.year, parsed.template) == (
        report.agency,
        report.year,
        report.template,
    )
    assert {f.code for f in parsed.findings} <= {"GIR204"}  # blank cells the template needs


def test_the_semicolon_layout_is_not_read_without_the_plugin() -> None:
    report = hooks.example_report()
    without = Parser(plugins=[], entry_points=False).parse(in_semicolons(report))
    assert without.cells == {}
    assert {"GIR102", "GIR103"} & {f.code for f in without.findings}


def test_a_rule_without_documentation_fails_the_catalogue() -> None:
    @rule("DOC001", govinfo_report.Severity.WARNING, "示例", "an example")
    def undocumented(report: Report) -> Iterator[govinfo_report.Violation]:
        yield from ()

    with pytest.raises(ValueError, match=r"DOC001.*example"):
        hooks.rule_catalogue([*hooks.built_in_rules(), undocumented])
    with pytest.raises(ValueError, match=r"DOC001.*title_en"):
        hooks.rule_catalogue([attrs.evolve(undocumented, title_en=" ", example="示例")])


def test_a_layout_that_does_not_parse_back_fails_the_build(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(hooks.READ_BY, "markdown", "tab")  # claim the wrong extractor reads it
    with pytest.raises(ValueError, match="layout markdown"):
        hooks.layout_excerpt("markdown")


# --- the built site -------------------------------------------------------------------------


@attrs.frozen
class Site:
    """A ``mkdocs build --strict`` run: its outcome and output directory."""

    returncode: int
    output: str
    root: Path

    def page(self, name: str) -> lxml.html.HtmlElement:
        """The main content of page ``name`` (``findings``, ``api/hookspecs``…)."""
        assert self.returncode == 0, self.output
        tree = lxml.html.parse(str(self.root / name / "index.html")).getroot()
        (content,) = tree.find_class("md-content")
        return content

    def table_rows(self, name: str) -> list[tuple[str, ...]]:
        """The text of every row of every table of page ``name``."""
        return [
            tuple(td.text_content().strip() for td in tr.findall("td"))
            for tr in self.page(name).iter("tr")
        ]


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """The site built once per session, as ``mkdocs build --strict`` builds it."""
    if importlib.util.find_spec("mkdocs") is None:
        message = "mkdocs is not installed: pip install -e '.[docs]'"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    root = tmp_path_factory.mktemp("site")
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(root)]
    done = subprocess.run(
        command,
        cwd=REPO,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        check=False,
    )
    return Site(done.returncode, done.stdout + done.stderr, root)


def test_the_site_builds_strictly(site: Site) -> None:
    assert site.returncode == 0, site.output
    for page in ("quickstart", "layouts", "schema", "findings", "plugins", "docx", "api/testing"):
        assert (site.root / page / "index.html").is_file()
    # self-contained: no web fonts, scripts or stylesheets fetched from elsewhere
    for html in site.root.rglob("*.html"):
        tree = lxml.html.parse(str(html)).getroot()
        for element in tree.iter("link", "script"):
            assert not (element.get("href") or element.get("src") or "").startswith("http"), html


def test_every_hookspec_is_documented(site: Site) -> None:
    specs = [
        (name, function)
        for name, function in inspect.getmembers(hookspecs, inspect.isfunction)
        if hasattr(function, f"{hookspecs.PROJECT}_spec")
    ]
    assert len(specs) >= 4
    api = site.page("api/hookspecs").text_content()
    guide = site.page("plugins").text_content()
    for name, function in specs:
        assert name in guide
        assert name in api
        summary = (inspect.getdoc(function) or "").splitlines()[0]
        assert summary.replace("``", "") in api  # ``code`` is rendered as code


def expected_row(r: Rule) -> tuple[str, ...]:
    """The catalogue row ``r`` must have: every field filled in."""
    row = (
        r.code,
        r.name,
        r.family,
        r.severity.value,
        r.stage,
        ", ".join(sorted(r.templates)),
        r.title_zh,
        r.title_en,
        r.example,
    )
    assert all(field.strip() for field in row), f"{r.code} lacks documentation: {row}"
    return row


def test_every_registered_rule_is_in_the_catalogue(site: Site) -> None:
    rows = set(site.table_rows("findings"))
    registered = hooks.built_in_rules()
    assert {r.code for r in registered} >= {r.code for r in Parser(entry_points=False).rules}
    assert {r.code for r in registered} >= {"GIR000", "GIR301", "GIR601"}
    for r in registered:
        assert expected_row(r) in rows


def test_every_canonical_key_is_in_the_schema_reference(site: Site) -> None:
    rows = {row[0]: row for row in site.table_rows("schema") if row}
    for template in ("2021", "2019"):
        for key in govinfo_report.keys(template):
            key_row = rows[key.key]
            assert key.label in key_row[1]
            assert template in key_row[3]


def test_every_built_in_layout_has_an_example(site: Site) -> None:
    page = site.page("layouts")
    sections = {h.get("id") for h in page.iter("h2")}
    built_in = {
        ep.name
        for ep in entry_points(group="govinfo_report")
        if ep.value.startswith("govinfo_report_plugins.")
    }
    assert built_in >= {"pipe", "tab", "lines", "prose", "html", "spaces", "pdf"}
    assert built_in <= sections
    assert "行政规范性文件" in page.text_content()


def test_api_pages_show_sphinx_roles_as_code(site: Site) -> None:
    rules = lxml.html.tostring(site.page("api/rules"), encoding="unicode")
    assert ":class:" not in rules
    assert "<code>Finding</code>" in rules  # from :class:`~govinfo_report.Finding`


def test_the_guide_includes_the_example_plugin_file(site: Site) -> None:
    source = (DOCS / "examples" / "semicolon_plugin.py").read_text("utf-8")
    blocks = [pre.text_content() for pre in site.page("plugins").iter("pre")]
    assert any(source.strip() in block for block in blocks)


def test_the_architecture_page_lists_the_stages_in_the_order_they_run(site: Site) -> None:
    from govinfo_report._pipeline import STAGES

    rows = site.table_rows("architecture")
    listed = [row[1] for row in rows if row and row[0].isdigit()]
    assert listed == [name for name, _ in STAGES]
