"""The pipeline: decode → normalise → split parts → metadata → extract tables → map → report."""

from __future__ import annotations

import importlib
import os
from collections.abc import Iterable, Sequence

import attrs

from ._checks import BUILTIN_RULES
from ._decode import decode
from ._engine import checked
from ._facts import find_facts
from ._findings import Finding, Location
from ._keys import TABLE_SECTIONS, SectionName, Template, keys, rows
from ._mapping import Mapped, map_section
from ._metadata import read_metadata
from ._model import PARTS, Cell, Provenance, Report, Statement
from ._normalise import NormalisedText, normalise
from ._plugins import (
    PluginInfo,
    PluginProblem,
    collect,
    describe_plugins,
    load_entry_points,
    new_manager,
    register,
)
from ._sections import Parts, split_parts
from .rules import PARSE_RULES, Rule, RuleConfig, finding
from .tables import Document, Extractor, Fact, SectionText

#: The parts whose text is prose, kept on the report as it stands.
PROSE_PARTS = ("一", "五", "六")


@attrs.frozen
class _SectionResult:
    cells: dict[str, Cell]
    findings: tuple[Finding, ...]
    extractor: str | None


class Parser:
    """Parses and checks reports with its own set of plugins and rule configuration.

    ``Parser()`` loads every plugin of the ``govinfo_report`` entry-point group (the built-in
    extractors among them); ``Parser(plugins=[...], entry_points=False)`` uses only those given.
    The built-in rules are registered either way, as plugins named ``rules.*``.
    """

    def __init__(
        self,
        plugins: Iterable[object] = (),
        *,
        entry_points: bool = True,
        config: RuleConfig | None = None,
    ) -> None:
        self.config = config or RuleConfig()
        self._manager = new_manager()
        for name, module in BUILTIN_RULES:
            self._manager.register(importlib.import_module(module), name=name)
        self._load_problems: list[PluginProblem] = []
        if entry_points:
            self._load_problems.extend(load_entry_points(self._manager))
        for plugin in plugins:
            self.register(plugin)
        self._provided: tuple[list[tuple[str, Extractor]], list[tuple[str, Rule]]] | None = None
        self._call_problems: list[PluginProblem] = []

    def register(self, plugin: object, name: str | None = None) -> str:
        """Register a plugin object or module; return the name it is registered under."""
        registered = register(self._manager, plugin, name)
        self._provided = None
        return registered

    def _collect(self) -> tuple[list[tuple[str, Extractor]], list[tuple[str, Rule]]]:
        if self._provided is None:
            extractors, problems = collect(self._manager, "govinfo_report_extractors", Extractor)  # type: ignore[type-abstract]
            rules, rule_problems = collect(self._manager, "govinfo_report_rules", Rule)
            unique: dict[str, tuple[str, Rule]] = {}
            for plugin, rule in reversed(rules):  # the first registered (built-ins) keeps a code
                if rule.code in unique or rule.code in PARSE_RULES:
                    owner = unique[rule.code][0] if rule.code in unique else "govinfo_report"
                    error = f"rule code {rule.code} is already taken by {owner}"
                    rule_problems.append(PluginProblem(plugin, rule.title_en, error))
                    continue
                unique[rule.code] = (plugin, rule)
            self._provided = (extractors, list(unique.values()))
            self._call_problems = [*problems, *rule_problems]
        return self._provided

    @property
    def extractors(self) -> tuple[tuple[str, Extractor], ...]:
        """``(plugin name, extractor)`` for every extractor the plugins provide."""
        return tuple(self._collect()[0])

    @property
    def rules(self) -> tuple[Rule, ...]:
        """Every rule, by code: the pipeline's codes and the checks the plugins provide."""
        checks = [rule for _, rule in self._collect()[1]]
        return tuple(sorted((*PARSE_RULES.values(), *checks), key=lambda r: r.code))

    @property
    def problems(self) -> tuple[PluginProblem, ...]:
        """Plugins that failed to load or to provide their extractors or rules."""
        self._collect()
        return (*self._load_problems, *self._call_problems)

    def check(self, report: Report) -> Report:
        """``report`` with its rule findings made anew under this parser's configuration."""
        return checked(report, self._collect()[1], self.config)

    @property
    def plugins(self) -> tuple[PluginInfo, ...]:
        """Every registered plugin and the extractors it provides."""
        return tuple(describe_plugins(self._manager, self.extractors))

    def parse(self, source: str | bytes | os.PathLike[str]) -> Report:
        """Parse one report given as text, bytes or a path."""
        decoded = decode(source)
        doc = normalise(decoded.text)
        parts = split_parts(doc.text)
        metadata = read_metadata(
            doc.text, parts, doc.script, lambda i: doc.original_line(doc.original_offset(i))
        )
        findings: list[Finding] = [_plugin_finding(p) for p in self.problems]
        findings.extend(_part_findings(parts))
        findings.extend(_metadata_findings(metadata.agency, metadata.year, metadata.template))
        cells: dict[str, Cell] = {}
        used: dict[str, str] = {}
        facts = find_facts([parts.part_text(doc.text, n) for n in ("一", "三")])
        if metadata.template is not None:
            document = Document(
                doc.text, {n: (p.body_start, p.end) for n, p in parts.parts.items()}, facts
            )
            for section in TABLE_SECTIONS:
                result = self._section(section, metadata.template, parts, document, doc)
                cells.update(result.cells)
                findings.extend(result.findings)
                if result.extractor:
                    used[section] = result.extractor
            cells = {k.key: cells[k.key] for k in keys(metadata.template) if k.key in cells}
        prose = {n: parts.body(doc.text, n).strip() for n in PROSE_PARTS if n in parts.parts}
        stated = tuple(_statement(doc, fact) for fact in facts)
        report = Report(metadata, cells, prose, tuple(findings), used, decoded.source, stated)
        return self.check(report)

    def _section(
        self,
        section: SectionName,
        template: Template,
        parts: Parts,
        document: Document,
        doc: NormalisedText,
    ) -> _SectionResult:
        numeral = TABLE_SECTIONS[section]
        part = parts.parts.get(numeral)
        body = parts.body(doc.text, numeral)
        text = SectionText(
            section, numeral, body, part.body_start if part else 0, template, document
        )
        failures: list[Finding] = []
        best: tuple[Mapped, str] | None = None
        unread: tuple[Finding, ...] = ()  # why the most confident extractor read nothing
        ranked = self._ranked(text)
        for _, extractor in ranked:
            try:
                tables = extractor.extract(text)
            except Exception as exc:  # a plugin bug becomes a finding, not a crash
                failures.append(
                    finding(
                        "GIR002",
                        f"{extractor.name} 读取第{numeral}部分失败：{exc}",
                        f"{extractor.name} failed on part {numeral}: {type(exc).__name__}: {exc}",
                        Location(section=numeral),
                    )
                )
                continue
            mapped = map_section(section, template, tables, doc)
            if mapped.cells:
                best = (mapped, extractor.name)
                break
            if not unread:
                unread = mapped.findings
        if best is None:
            missing = _missing_table(section, bool(ranked))
            return _SectionResult({}, (*failures, *unread, missing), None)
        mapped, name = best
        origins = {c.provenance.origin for c in mapped.cells.values()}
        extra: list[Finding] = []
        if origins == {"prose"}:
            extra.append(
                finding(
                    "GIR102",
                    f"第{numeral}部分没有表格，{len(mapped.cells)}个数值取自正文",
                    f"part {numeral} has no table; {len(mapped.cells)} values come from the prose",
                    Location(section=numeral),
                )
            )
        else:
            extra.extend(_missing_rows(section, template, mapped))
        return _SectionResult(dict(mapped.cells), (*failures, *mapped.findings, *extra), name)

    def _ranked(self, text: SectionText) -> Sequence[tuple[float, Extractor]]:
        """Extractors that claim the section, most confident first (ties: call order)."""
        scored = []
        for _, extractor in self.extractors:
            try:
                score = float(extractor.score(text))
            except Exception:
                continue  # an extractor that cannot score a section does not claim it
            if score > 0:
                scored.append((score, extractor))
        return sorted(scored, key=lambda pair: -pair[0])


def _statement(doc: NormalisedText, fact: Fact) -> Statement:
    start, end = doc.original_span(fact.start, fact.end)
    provenance = Provenance(
        "prose", "prose", doc.original_line(start), start, end, doc.original[start:end]
    )
    return Statement(fact.key, fact.value, provenance, fact.phrase)


def _plugin_finding(problem: PluginProblem) -> Finding:
    return finding(
        "GIR001",
        f"{problem.name}（{problem.target}）：{problem.error}",
        f"{problem.name} ({problem.target}): {problem.error}",
    )


def _part_findings(parts: Parts) -> list[Finding]:
    return [
        finding(
            "GIR101",
            f"未找到第{n}部分的标题",
            f"no heading of part {n} was found",
            Location(section=n),
        )
        for n in PARTS
        if n not in parts.parts
    ]


def _metadata_findings(
    agency: str | None, year: int | None, template: Template | None
) -> list[Finding]:
    out = []
    if agency is None:
        out.append(finding("GIR403", "", "no title naming the agency was found"))
    if year is None:
        out.append(finding("GIR402", "", "no year was found in the title or the statistics period"))
    if template is None:
        out.append(finding("GIR401", "表格无法映射", "the tables cannot be mapped"))
    return out


def _missing_table(section: SectionName, claimed: bool) -> Finding:
    numeral = TABLE_SECTIONS[section]
    zh = f"第{numeral}部分" + ("的表格无法读取" if claimed else "没有表格")
    en = f"part {numeral} " + ("has a table no extractor could read" if claimed else "has no table")
    return finding("GIR102", zh, en, Location(section=numeral))


def _missing_rows(section: SectionName, template: Template, mapped: Mapped) -> list[Finding]:
    numeral = TABLE_SECTIONS[section]
    seen = {cell_key.rsplit(".", 1)[0] for cell_key in mapped.cells}
    flagged = {f.location.row for f in mapped.findings}
    out = []
    for row, row_keys in rows(template, section).items():
        prefix = f"{section}.{row}"
        if section == "review_litigation":
            continue  # one row of numbers: a short row is reported as cells not placed
        if prefix not in seen and row not in flagged:
            label = row_keys[0].row_label
            out.append(
                finding(
                    "GIR103",
                    f"第{numeral}部分缺少“{label}”行",
                    f"table {numeral} has no row {row}",
                    Location(section=numeral, row=row),
                )
            )
    return out
