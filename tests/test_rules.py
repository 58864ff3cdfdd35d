"""The rule engine: each rule fires on a report that breaks it and not on one that does not."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from pathlib import Path

import attrs
import pytest
from _support import SEEDS, expected_identity_findings
from hypothesis import given, settings
from hypothesis import strategies as st

import govinfo_report
from govinfo_report import Parser, Report, RuleConfig, Severity, hookimpl
from govinfo_report.rules import FAMILIES, PARSE_RULES, Rule, Violation, rule
from govinfo_report.testing import broken_reports, reports

IDENTITIES = ("GIR301", "GIR302", "GIR303", "GIR304")
PIPE, LINES_2019, TAB, TAB_PDF, PROSE = (SEEDS[0], SEEDS[3], SEEDS[2], SEEDS[1], SEEDS[4])


def codes(report: Report) -> list[str]:
    return [f.code for f in report.findings]


def parse_edited(path: Path, old: str, new: str, count: int = 1) -> Report:
    text = path.read_text("utf-8")
    assert old in text
    return govinfo_report.parse(text.replace(old, new, count))


def with_value(report: Report, key: str, value: object) -> Report:
    cells = dict(report.cells)
    cells[key] = attrs.evolve(cells[key], value=value)
    return attrs.evolve(report, cells=cells)


# -- the seeds ---------------------------------------------------------------------------------


def test_seed_001_cites_the_notice_wrongly() -> None:
    report = govinfo_report.parse(TAB_PDF)
    (f,) = [f for f in report.findings if f.code == "GIR406"]
    assert "【2024】30号" in f.message_zh and "〔2021〕30号" in f.message_zh
    assert (
        "国办公开办函【2024】30号" in TAB_PDF.read_text("utf-8").splitlines()[f.location.line - 1]
    )


def test_seed_004_tables_missing_and_prose_breaks_the_balance() -> None:
    report = govinfo_report.parse(PROSE)
    assert codes(report).count("GIR102") == 3
    (f,) = [f for f in report.findings if f.code == "GIR301"]
    assert (f.severity, f.expected, f.actual) == (Severity.ERROR, 445, 443)
    assert [(o.key, o.value) for o in f.operands] == [
        ("applications.received_new.total", 443),
        ("applications.carried_over.total", 2),
        ("applications.total.total", 442),
        ("applications.carried_forward.total", 1),
    ]
    assert (f.location.section, f.location.row, f.location.column) == ("三", "total", "total")
    line = PROSE.read_text("utf-8").splitlines()[f.location.line - 1]
    assert "办结442件" in line
    assert "445" in f.message_en and "443" in f.message_zh


@pytest.mark.parametrize("path", [PIPE, TAB, LINES_2019, TAB_PDF], ids=["000", "002", "003", "001"])
def test_other_seeds_have_no_error(path: Path) -> None:
    assert govinfo_report.parse(path).errors == ()


# -- identities on generated reports -----------------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(reports())
def test_consistent_report_has_no_finding(report: Report) -> None:
    assert govinfo_report.check(report).findings == ()


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_one_changed_cell_breaks_exactly_its_identities(data: st.DataObject) -> None:
    report, key = data.draw(broken_reports())
    broken = govinfo_report.check(report)
    found = {
        (f.code, f.location.row, f.location.column) for f in broken.findings if f.code in IDENTITIES
    }
    assert found == expected_identity_findings(key)
    for f in broken.findings:
        if f.code in IDENTITIES:
            assert key in [o.key for o in f.operands]
            assert f.expected != f.actual


# -- values ------------------------------------------------------------------------------------


def test_negative_count_fires_and_signed_change_does_not() -> None:
    report = parse_edited(TAB, "行政许可\t224", "行政许可\t-224")
    (f,) = [f for f in report.findings if f.code == "GIR203"]
    assert f.location.key == "active.licensing.decisions"
    assert f.actual == -224
    assert govinfo_report.parse(LINES_2019)["active.other_services.change"] == -1
    assert "GIR203" not in codes(govinfo_report.parse(LINES_2019))


def test_blank_cell_fires() -> None:
    report = parse_edited(PIPE, "行政許可 | 0 |", "行政許可 |  |")
    assert report["active.licensing.decisions"] is None
    (f,) = [f for f in report.findings if f.code == "GIR204"]
    assert f.location.key == "active.licensing.decisions"
    assert f.severity is Severity.WARNING
    assert "GIR204" not in codes(govinfo_report.parse(PIPE))


NEW_ROW_000 = "一、本年新收政府信息公開申請數(shù)量 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |"


def test_blank_cells_count_as_zero_in_identities_and_say_so() -> None:
    report = parse_edited(PIPE, NEW_ROW_000, NEW_ROW_000.replace("| 0 | 0 |", "|  | 0 |", 1))
    assert report["applications.received_new.natural_person"] is None
    assert not set(IDENTITIES) & set(codes(report))
    report = parse_edited(
        PIPE, NEW_ROW_000, "一、本年新收政府信息公開申請數(shù)量 |  | 0 | 0 | 0 | 0 | 0 | 1 |"
    )
    f = next(f for f in report.findings if f.code == "GIR303")
    assert (f.expected, f.actual) == (0, 1)
    assert "blank cells counted as 0" in f.message_en


# -- completeness and metadata -----------------------------------------------------------------


def test_template_that_does_not_fit_the_year() -> None:
    report = parse_edited(
        LINES_2019, "2020年政府信息公开工作年度报告", "2022年政府信息公开工作年度报告"
    )
    assert report.template == "2019"
    (f,) = [f for f in report.findings if f.code == "GIR405"]
    assert f.location.line == 4
    assert "GIR405" not in codes(govinfo_report.parse(LINES_2019))


def test_title_year_and_statistics_period_disagree() -> None:
    report = parse_edited(
        PIPE, "本報告統(tǒng)計數(shù)據(jù)從2023年", "本報告統(tǒng)計數(shù)據(jù)從2022年"
    )
    (f,) = [f for f in report.findings if f.code == "GIR404"]
    assert (f.expected, f.actual, f.location.line) == (2023, 2022, 1)
    assert "GIR404" not in codes(govinfo_report.parse(PIPE))


def test_notice_number_of_the_other_template() -> None:
    report = parse_edited(PIPE, "國辦公開辦函〔2021〕30號", "國辦公開辦函〔2019〕60號")
    assert "GIR407" in codes(report)
    assert "GIR406" not in codes(report)
    unknown = parse_edited(PIPE, "國辦公開辦函〔2021〕30號", "國辦公開辦函〔2021〕31號")
    assert "GIR406" in codes(unknown)
    assert not {"GIR406", "GIR407"} & set(codes(govinfo_report.parse(PIPE)))


# -- prose against tables ----------------------------------------------------------------------


def test_prose_figure_disagrees_with_table() -> None:
    original = govinfo_report.parse(TAB)
    (statement,) = original.stated
    assert (statement.key, statement.value) == ("applications.received_new.total", 2)
    text = TAB.read_text("utf-8")
    start, end = statement.provenance.start, statement.provenance.end
    assert start is not None and end is not None
    report = govinfo_report.parse(text[:start] + "5" + text[end:])
    (f,) = [f for f in report.findings if f.code == "GIR501"]
    assert (f.expected, f.actual, f.location.key) == (5, 2, "applications.received_new.total")
    assert [o.line for o in f.operands] == [
        statement.provenance.line,
        original.cells[f.location.key].provenance.line,
    ]
    assert "GIR501" not in codes(original)


def test_prose_says_none_but_table_has_some() -> None:
    report = parse_edited(
        PIPE, NEW_ROW_000, "一、本年新收政府信息公開申請數(shù)量 | 3 | 0 | 0 | 0 | 0 | 0 | 3 |"
    )
    (f,) = [f for f in report.findings if f.code == "GIR502"]
    assert f.actual == 3
    assert "未收到" in f.message_zh
    assert "GIR502" not in codes(govinfo_report.parse(PIPE))


# -- pipeline codes ----------------------------------------------------------------------------


PIPELINE_CASES = {
    "GIR101": (TAB, "五、存在的主要问题及改进情况", "存在的主要问题"),
    "GIR103": (TAB, "二、上年结转政府信息公开申请数量\t\t0\t0\t0\t0\t0\t0\t0\t\n", ""),
    "GIR104": (
        LINES_2019,
        "一、本年新收政府信息公开申请数量\n\n    \xa00\n",
        "一、本年新收政府信息公开申请数量\n",
    ),
    "GIR105": (TAB, "规章\t0\t0\t0\n", "规章\t0\t0\t0\n规章\t0\t0\t0\n"),
    "GIR106": (TAB, "规章\t0\t0\t0\n", "规章\t0\t0\t0\n合计\t0\t0\t14\n"),
    "GIR201": (TAB, "行政许可\t224", "行政许可\t约224"),
    "GIR202": (TAB, "行政许可\t224", "行政许可\t22.4"),
}


@pytest.mark.parametrize("code", sorted(PIPELINE_CASES))
def test_pipeline_code_fires_only_on_the_broken_report(code: str) -> None:
    path, old, new = PIPELINE_CASES[code]
    broken = parse_edited(path, old, new)
    assert code in codes(broken)
    assert code not in codes(govinfo_report.parse(path))
    f = next(f for f in broken.findings if f.code == code)
    assert f.severity is PARSE_RULES[code].severity
    assert f.message_zh.startswith(PARSE_RULES[code].title_zh)


def test_every_catalogued_code_is_tested() -> None:
    # GIR003: test_pdf.py; GIR000-GIR002: test_plugins.py and the rule tests; GIR110-GIR115:
    # test_glued.py; the rest below.
    elsewhere = {"GIR000", "GIR001", "GIR002", "GIR003", "GIR102", "GIR401", "GIR402", "GIR403"}
    elsewhere |= {"GIR110", "GIR111", "GIR112", "GIR113", "GIR114", "GIR115"}
    elsewhere |= {"GIR120", "GIR121", "GIR130"}  # test_sections.py
    elsewhere |= {"GIR107", "GIR108", "GIR109"}  # test_real_patterns.py
    elsewhere |= {"GIR116"}  # test_corpus.py
    elsewhere |= {"GIR004"}  # test_html.py
    elsewhere |= {"GIR205"}  # test_recognition.py
    assert set(PARSE_RULES) == set(PIPELINE_CASES) | elsewhere


# -- plugins, crashes, configuration -----------------------------------------------------------


@rule("XYZ001", Severity.INFO, "机关名称含“司法局”", "the agency is a justice bureau")
def justice_bureau(report: Report) -> Iterator[Violation]:
    if report.agency and "司法局" in report.agency:
        yield Violation("", report.agency)


@rule("XYZ002", Severity.ERROR, "总是出错", "always crashes")
def crashing(report: Report) -> Iterator[Violation]:
    raise ZeroDivisionError("by design")
    yield  # pragma: no cover


class RulePlugin:
    def __init__(self, *provided: Rule) -> None:
        self.provided = provided

    @hookimpl
    def govinfo_report_rules(self) -> Sequence[Rule]:
        return self.provided


def test_third_party_rule_runs_and_a_crashing_rule_is_a_finding() -> None:
    parser = Parser()
    parser.register(RulePlugin(justice_bureau, crashing), "xyz")
    assert {"XYZ001", "XYZ002"} <= {r.code for r in parser.rules}
    report = parser.parse(PROSE)
    (mine,) = [f for f in report.findings if f.code == "XYZ001"]
    assert mine.severity is Severity.INFO
    (crash,) = [f for f in report.findings if f.code == "GIR000"]
    assert "XYZ002" in crash.message_en and "ZeroDivisionError" in crash.message_en
    assert "GIR301" in codes(report)  # the other rules still ran


def test_rule_code_taken_twice_is_a_problem() -> None:
    parser = Parser()
    parser.register(RulePlugin(attrs.evolve(justice_bureau, code="GIR301")), "clash")
    assert any("GIR301 is already taken" in p.error for p in parser.problems)
    assert [r.title_en for r in parser.rules if r.code == "GIR301"] != [
        "the agency is a justice bureau"
    ]


@pytest.mark.parametrize(
    ("select", "ignore", "enabled", "disabled"),
    [
        (("GIR",), (), ["GIR301", "GIR102"], ["XYZ001"]),
        (("",), (), ["GIR301", "XYZ001"], []),
        (("GIR3",), (), ["GIR301", "GIR304"], ["GIR102", "GIR501"]),
        (("GIR",), ("GIR3",), ["GIR102"], ["GIR301"]),
        (("GIR",), ("GIR3",), ["GIR102"], ["GIR303"]),
        (("GIR301",), ("GIR3",), ["GIR301"], ["GIR302"]),
        (("GIR3",), ("GIR3",), [], ["GIR301"]),
    ],
)
def test_select_and_ignore_by_code_or_prefix(
    select: tuple[str, ...], ignore: tuple[str, ...], enabled: list[str], disabled: list[str]
) -> None:
    config = RuleConfig(select=select, ignore=ignore)
    assert all(config.enabled(c) for c in enabled)
    assert not any(config.enabled(c) for c in disabled)


def test_configuration_filters_and_overrides_severity() -> None:
    config = RuleConfig(ignore=("GIR102",), severity={"GIR3": Severity.WARNING})
    report = Parser(config=config).parse(PROSE)
    assert "GIR102" not in codes(report)
    (f,) = [f for f in report.findings if f.code == "GIR301"]
    assert f.severity is Severity.WARNING
    assert report.errors == ()
    again = govinfo_report.check(report)  # the rules run anew under the default configuration
    assert "GIR102" not in codes(again)  # a finding the parse did not keep stays dropped
    assert next(f for f in again.findings if f.code == "GIR301").severity is Severity.ERROR


def test_configuration_from_pyproject(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.govinfo-report]\nselect = ["GIR3"]\nseverity = { GIR301 = "info" }\n',
        encoding="utf-8",
    )
    (tmp_path / "sub").mkdir()
    config = govinfo_report.load_config(start=tmp_path / "sub")
    assert config.select == ("GIR3",)
    assert config.severity_of("GIR301", Severity.ERROR) is Severity.INFO
    bad = tmp_path / "bad.toml"
    bad.write_text('[tool.govinfo-report]\nseverity = { GIR301 = "fatal" }\n', encoding="utf-8")
    with pytest.raises(govinfo_report.ConfigError):
        govinfo_report.load_config(bad)


def test_rules_skip_cells_that_are_unknown() -> None:
    report = govinfo_report.parse(PROSE)
    cells = {k: c for k, c in report.cells.items() if k != "applications.carried_over.total"}
    assert "GIR301" not in codes(govinfo_report.check(attrs.evolve(report, cells=cells)))


def test_every_rule_is_in_the_catalogue_page() -> None:
    # docs/findings.md keeps the prose; its table is generated from the registry by the site's
    # hook, which refuses a rule without a description or an example.
    import importlib.util

    docs = Path(__file__).parents[1] / "docs"
    spec = importlib.util.spec_from_file_location("docs_hooks_for_rules", docs / "_hooks.py")
    assert spec is not None and spec.loader is not None
    hooks = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hooks)
    page = hooks.expand((docs / "findings.md").read_text("utf-8"))
    catalogued = hooks.built_in_rules()
    assert {r.code for r in catalogued} >= {r.code for r in Parser(entry_points=False).rules}
    for r in catalogued:
        templates = ", ".join(sorted(r.templates))
        assert r.example, f"{r.code} has no example for the catalogue"
        assert (
            f'| <a id="{r.code.lower()}" href="#{r.code.lower()}">{r.code}</a> '
            f"| {r.name} | {r.family} | {r.severity.value} | {r.stage} | {templates} "
            f"| {r.title_zh} "
            f"| {r.title_en} | {r.example} |"
        ) in page


@pytest.mark.parametrize("text", ["", "x", "这不是一份报告。", "2023年工作总结"])
def test_rules_skip_a_document_without_a_template(text: str) -> None:
    """A text that is no report has no template: the rules have nothing to check, no crash."""
    report = govinfo_report.parse(text)
    assert report.template is None
    assert not any(f.code == "GIR000" for f in report.findings)


@pytest.mark.parametrize(
    ("settings", "says"),
    [
        ({"severity": "info"}, "severity must be a table of codes and levels"),
        ({"severity": {"GIR101": "loud"}}, "severity of GIR101: 'loud' is not one of"),
    ],
)
def test_a_bad_severity_setting_says_what_is_wrong(settings: dict[str, object], says: str) -> None:
    with pytest.raises(govinfo_report.ConfigError, match=re.escape(says)):
        RuleConfig.from_mapping(settings)


def test_every_rule_has_a_unique_name_and_its_family() -> None:
    rules = Parser().rules
    names = [r.name for r in rules]
    assert all(names) and len(set(names)) == len(names)
    assert {r.family for r in rules if r.code.startswith("GIR")} == set(FAMILIES.values())
    assert next(r for r in rules if r.code == "GIR103").name == "row-missing"


@pytest.mark.parametrize(
    ("selectors", "expected"),
    [
        (("row-missing",), {"GIR103"}),
        (("identities",), {"GIR301", "GIR302", "GIR303", "GIR304"}),
        (("GIR30",), {"GIR301", "GIR302", "GIR303", "GIR304"}),
    ],
)
def test_names_and_families_select_as_codes_do(
    selectors: tuple[str, ...], expected: set[str]
) -> None:
    parser = Parser(config=RuleConfig(select=selectors))
    parser.check_config()
    assert {r.code for r in parser.rules if parser.config.enabled(r.code)} == expected


def test_a_rule_name_in_the_severity_table_regrades_it() -> None:
    parser = Parser(config=RuleConfig(severity={"cell-blank": Severity.INFO}))
    assert parser.config.severity_of("GIR204", Severity.WARNING) is Severity.INFO


def test_every_pipeline_rule_carries_its_message_templates() -> None:
    for code, r in PARSE_RULES.items():
        assert r.messages, f"{code} has no message templates"
        assert all(en for _, _, en in r.messages), code


def test_a_finding_fills_its_rules_template_with_the_fields_given() -> None:
    from govinfo_report import Location
    from govinfo_report.rules import finding

    where = Location(section="三", row="partial")
    found = finding("GIR103", where, numeral="三", label="（二）部分公开", row="partial")
    assert found.message_zh == "表格缺少行：第三部分缺少“（二）部分公开”行"
    assert found.message_en == "a table row is missing: table 三 has no row partial"
    assert found.location == where
    with pytest.raises(KeyError, match="case"):
        finding("GIR102", case="nonsense", numeral="三")


def test_a_parsers_configuration_can_be_replaced_and_is_resolved_again() -> None:
    parser = Parser()
    parser.config = RuleConfig(select=("row-missing",))
    assert [r.code for r in parser.rules if parser.config.enabled(r.code)] == ["GIR103"]
