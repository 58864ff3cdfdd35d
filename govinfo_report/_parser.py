"""The pipeline: decode → normalise → split parts → metadata → extract tables → map → report."""

from __future__ import annotations

import difflib
import importlib
import os
from collections.abc import Iterable, Mapping, Sequence

import attrs

from ._checks import BUILTIN_RULES
from ._decode import Decoded, Loaded, load
from ._engine import checked
from ._extract import extract_section
from ._facts import find_facts
from ._findings import Finding, Location
from ._keys import TABLE_SECTIONS, Template, keys
from ._locate import Locator
from ._metadata import read_metadata
from ._model import PARTS, Cell, Provenance, Report, Source, Statement
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
from ._sections import Departure, Parts, split_parts
from .errors import ConfigError, GovInfoReportError
from .limits import MAX_CHARACTERS, within
from .rules import CORPUS_RULES, FAMILIES, PARSE_RULES, Rule, RuleConfig, finding
from .tables import (
    Document,
    Extractor,
    Fact,
    ReadDocument,
    SectionText,
    SourceTable,
)

_LOOKALIKE_DIGITS = str.maketrans("OoIlZS", "001125")
#: The parts whose text is prose, kept on the report as it stands.
PROSE_PARTS = ("一", "五", "六")


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
        self._config = config or RuleConfig()
        self._manager = new_manager()
        for name, module in BUILTIN_RULES:
            self._manager.register(importlib.import_module(module), name=name)
        self._load_problems: list[PluginProblem] = []
        if entry_points:
            self._load_problems.extend(load_entry_points(self._manager))
        for plugin in plugins:
            self.register(plugin)
        self._provided: tuple[list[tuple[str, Extractor]], list[tuple[str, Rule]]] | None = None
        self._resolved: RuleConfig | None = None
        self._call_problems: list[PluginProblem] = []

    def register(self, plugin: object, name: str | None = None) -> str:
        """Register a plugin object or module; return the name it is registered under."""
        registered = register(self._manager, plugin, name)
        self._provided = self._resolved = None
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
        every = (*PARSE_RULES.values(), *checks, *CORPUS_RULES.values())
        return tuple(sorted(every, key=lambda r: r.code))

    @property
    def problems(self) -> tuple[PluginProblem, ...]:
        """Plugins that failed to load or to provide their extractors or rules."""
        self._collect()
        return (*self._load_problems, *self._call_problems)

    @property
    def config(self) -> RuleConfig:
        """The rule configuration, rule and family names replaced by their codes."""
        if self._resolved is None:
            self._resolved = self._config.resolved(self._aliases())
        return self._resolved

    def _aliases(self) -> dict[str, str]:
        """Every rule name and family name → the code or code prefix it stands for."""
        aliases = {family: f"GIR{digit}" for digit, family in FAMILIES.items()}
        aliases |= {rule.name: rule.code for rule in self.rules if rule.name}
        return aliases

    def check_config(self) -> None:
        """Raise :class:`~govinfo_report.errors.ConfigError` when a code, prefix or name of
        the configuration (select, ignore, severity) names no rule, with the nearest one."""
        codes = [r.code for r in self.rules]
        names = list(self._aliases())
        config = self._config
        for prefix in (*config.select, *config.ignore, *config.severity):
            if prefix and prefix not in names and not any(c.startswith(prefix) for c in codes):
                # Letters typed for digits (GIR1O1) first, then the nearest spelling.
                digits = prefix[:3] + prefix[3:].translate(_LOOKALIKE_DIGITS)
                near = [digits] if digits in codes else []
                near = near or difflib.get_close_matches(prefix, codes + names, n=1, cutoff=0.5)
                hint = f"; did you mean {near[0]}?" if near else ""
                raise ConfigError(f"no rule has the code or name {prefix!r}{hint}")

    def check(self, report: Report) -> Report:
        """``report`` with its rule findings made anew under this parser's configuration."""
        return checked(report, self._collect()[1], self.config)

    @property
    def plugins(self) -> tuple[PluginInfo, ...]:
        """Every registered plugin and the extractors it provides."""
        return tuple(describe_plugins(self._manager, self.extractors))

    def parse(
        self,
        source: str | bytes | os.PathLike[str],
        *,
        previous: Mapping[str, object] | None = None,
    ) -> Report:
        """Parse and check one report given as text, bytes or a path.

        ``previous`` is last year's report of the same agency (``report.to_flat()``), when
        known: a cell the document alone leaves open may be decided by it, with a finding.
        """
        loaded = load(source)
        read, findings = self._read_binary(loaded)
        binary = read is not None
        if read is not None:
            source_info = Source(loaded.path, loaded.sha256, None, read.format)
            original = read.text
        else:
            decoded = loaded.decode()
            read, findings = self._read(decoded.text, decoded.source.path)
            if decoded.damaged:
                findings.append(_damage_finding(decoded))
            source_info = decoded.source
            original = read.text if read else decoded.text
        within(len(original), MAX_CHARACTERS, "characters of the document's text")
        findings.extend(read.findings if read else ())
        if binary and read is not None and not original.strip():
            findings.append(
                finding(
                    "GIR003",
                    f"{read.format}文件没有文本层（扫描件需OCR：pip install govinfo-report-ocr）",
                    f"the {read.format} has no text layer: a scanned document needs OCR "
                    "(pip install govinfo-report-ocr)",
                )
            )
        doc = normalise(original)
        locator = Locator(doc, read.lines if read else None)
        parts = split_parts(doc.text)
        metadata = read_metadata(doc.text, parts, doc.script, locator.line_of)
        findings.extend(_plugin_finding(p) for p in self.problems)
        findings.extend(_part_findings(parts, locator))
        findings.extend(_metadata_findings(metadata.agency, metadata.year, metadata.template))
        facts = find_facts([parts.part_text(doc.text, n) for n in ("一", "三")])
        cells: dict[str, Cell] = {}
        used: dict[str, str] = {}
        if metadata.template is not None:
            spans = {n: (p.body_start, p.end) for n, p in parts.parts.items()}
            tables = _normalised_tables(read.tables, doc) if read else ()
            form = read.format if read else "text"
            document = Document(doc.text, spans, facts, tables, form, previous or {})
            extractors = [extractor for _, extractor in self.extractors]
            for section, numeral in TABLE_SECTIONS.items():
                start, body = parts.part_text(doc.text, numeral)
                text = SectionText(section, numeral, body, start, metadata.template, document)
                result = extract_section(extractors, text, metadata.template, locator)
                cells.update(result.cells)
                findings.extend(result.findings)
                if result.extractor:
                    used[section] = result.extractor
            cells = {k.key: cells[k.key] for k in keys(metadata.template) if k.key in cells}
        prose = {n: parts.body(doc.text, n).strip() for n in PROSE_PARTS if n in parts.parts}
        stated = tuple(_statement(locator, fact) for fact in facts)
        source_info = attrs.evolve(source_info, format=read.format if read else "text")
        report = Report(metadata, cells, prose, tuple(findings), used, source_info, stated)
        return self.check(report)

    def _read_binary(self, loaded: Loaded) -> tuple[ReadDocument | None, list[Finding]]:
        """Let a reader plugin read a binary format (PDF…) from the input's bytes."""
        if loaded.data is None:
            return None, []
        return self._call_reader("govinfo_report_read_bytes", data=loaded.data, path=loaded.path)

    def _read(self, text: str, path: str | None) -> tuple[ReadDocument | None, list[Finding]]:
        """Let a reader plugin turn markup into text and tables; plain text stays as it is."""
        return self._call_reader("govinfo_report_read_text", text=text, path=path)

    def _call_reader(
        self, hook: str, **kwargs: object
    ) -> tuple[ReadDocument | None, list[Finding]]:
        """Call a reader hook; a reader's bug becomes a finding and the input is read as text."""
        try:
            read: ReadDocument | None = getattr(self._manager.hook, hook)(**kwargs)
            return read, []
        except GovInfoReportError:
            raise  # a reader's own typed error (a page beyond the limits) is the caller's
        except Exception as exc:
            detail = f"{type(exc).__name__}: {exc}"
            return None, [
                finding("GIR002", f"读取文档失败：{detail}", f"a reader failed: {detail}")
            ]


def _normalised_tables(
    tables: Sequence[SourceTable], doc: NormalisedText
) -> tuple[SourceTable, ...]:
    """The reader's tables with their spans moved from the read text into the normalised text."""
    if not doc.steps:
        return tuple(tables)  # normalising moved nothing
    return tuple(table.moved(doc.normalised_offset) for table in tables)


def _statement(locator: Locator, fact: Fact) -> Statement:
    place = locator.place(fact.start, fact.end)
    provenance = Provenance("prose", "prose", place.line, place.start, place.end, place.text)
    return Statement(fact.key, fact.value, provenance, fact.phrase)


def _damage_finding(decoded: Decoded) -> Finding:
    line = decoded.text[: decoded.text.index("\ufffd")].count("\n") + 1
    return finding(
        "GIR004",
        f"{decoded.source.encoding}文本中有{decoded.damaged}处无效字节，按“�”读取，首处在第{line}行",
        f"{decoded.damaged} byte sequences are not valid {decoded.source.encoding} and read as "
        f"�, the first on line {line}",
        Location(line=line),
    )


def _plugin_finding(problem: PluginProblem) -> Finding:
    return finding(
        "GIR001",
        f"{problem.name}（{problem.target}）：{problem.error}",
        f"{problem.name} ({problem.target}): {problem.error}",
    )


def _part_findings(parts: Parts, locator: Locator) -> list[Finding]:
    missing = [
        finding(
            "GIR101",
            f"未找到第{n}部分的标题",
            f"no heading of part {n} was found",
            Location(section=n),
        )
        for n in PARTS
        if n not in parts.parts
    ]
    return [*missing, *(_departure(d, locator) for d in parts.departures)]


def _departure(departure: Departure, locator: Locator) -> Finding:
    """An info finding for a part found otherwise than the template puts it."""
    n = departure.numeral
    where = Location(section=n, line=locator.line_of(departure.offset))
    if departure.kind == "second_report":
        title = departure.heading or "?"
        return finding(
            "GIR130",
            f"文件中第一份报告之后还有一份报告（{title}），只读取了第一份",
            f"the file holds a second report after the first ({title}); only the first is read",
            Location(line=locator.line_of(departure.offset)),
        )
    if departure.kind == "by_table":
        return finding(
            "GIR120",
            f"第{n}部分没有标题，按其表格的标签定位",
            f"part {n} has no heading; it was found by its table's labels",
            where,
        )
    return finding(
        "GIR121",
        f"“{departure.heading}”是第{n}部分的标题，编号为“{departure.printed}”",
        f"«{departure.heading}» heads part {n} but is numbered {departure.printed}",
        where,
    )


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
