"""The pipeline as data: named stages run in order over one parse state.

:data:`STAGES` is the order — read, normalise, parts, metadata, facts, tables, confirm,
assemble, check — and each stage fills its fields of :class:`ParseState`. What a stage needs
from the parser that runs it (its reader hooks, extractors, plugin problems and rules) comes in as
:class:`Services`, so this module knows nothing of the parser above it. ``docs/architecture.md``
lists the stages from :data:`STAGES` itself.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence

import attrs

from ._findings import Finding, Location
from ._input._decode import Decoded, load
from ._input._locate import Locator
from ._input._normalise import NormalisedText, normalise
from ._intermediate import Document, Extractor, Fact, ReadDocument, SectionText, SourceTable
from ._keys import TABLE_SECTIONS, Template, keys
from ._model import PARTS, CellColumns, CellRow, Metadata, Provenance, Report, Source, Statement
from ._structure._facts import find_facts
from ._structure._metadata import read_metadata
from ._structure._sections import Departure, Parts, split_parts
from ._tables._extract import extract_section
from ._tables._recognised import confirmed
from .limits import MAX_CHARACTERS, within
from .rules import finding

#: The parts whose text is prose, kept on the report as it stands.
PROSE_PARTS = ("一", "五", "六")

Reader = Callable[..., tuple[ReadDocument | None, list[Finding]]]


@attrs.frozen
class Services:
    """What the stages ask of the parser running them."""

    read_bytes: Reader
    read_text: Reader
    extractors: Sequence[Extractor]
    #: Plugins that failed to load or to provide, as findings.
    plugin_findings: Sequence[Finding]
    check: Callable[[Report], Report]
    #: Whether a recogniser is installed (a scan without text then says it was read).
    recognises: bool = False


@attrs.define
class ParseState:
    """One document on its way through the stages: each stage fills its fields."""

    source: str | bytes | os.PathLike[str]
    previous: Mapping[str, object]
    services: Services
    findings: list[Finding] = attrs.field(factory=list)
    # read: the document as text and tables (plain text too), and where it came from
    read: ReadDocument = attrs.field(factory=lambda: ReadDocument(""))
    by_reader: bool = False
    origin: Source = attrs.field(factory=Source)
    # normalise
    doc: NormalisedText | None = None
    locator: Locator | None = None
    # parts, metadata, facts
    parts: Parts | None = None
    metadata: Metadata = attrs.field(factory=Metadata)
    facts: tuple[Fact, ...] = ()
    # tables
    cells: CellColumns = attrs.field(factory=CellColumns)
    extractors_used: dict[str, str] = attrs.field(factory=dict)
    # assemble, check
    report: Report | None = None


Stage = tuple[str, Callable[[ParseState], None]]


def read(state: ParseState) -> None:
    """Bytes or text to a read document: a reader plugin's (PDF, HTML…), or the text as it is."""
    loaded = load(state.source)
    services = state.services
    binary: ReadDocument | None = None
    if loaded.data is not None:
        binary, found = services.read_bytes(data=loaded.data, path=loaded.path)
        state.findings.extend(found)
    if binary is not None:
        state.read, state.by_reader = binary, True
        state.origin = Source(loaded.path, loaded.sha256, None, binary.format)
    else:
        decoded = loaded.decode()
        markup, found = services.read_text(text=decoded.text, path=decoded.source.path)
        state.findings.extend(found)
        if decoded.damaged:
            state.findings.append(_damage_finding(decoded))
        state.read = markup if markup is not None else ReadDocument(decoded.text)
        state.by_reader = markup is not None
        state.origin = attrs.evolve(decoded.source, format=state.read.format)
    within(len(state.read.text), MAX_CHARACTERS, "characters of the document's text")
    state.findings.extend(state.read.findings)
    if binary is not None and not binary.text.strip():
        state.findings.append(_no_text_layer(binary.format, services.recognises))


def normalise_text(state: ParseState) -> None:
    """The read text normalised, and the locator that maps it back to the source."""
    state.doc = normalise(state.read.text)
    read = state.read
    state.locator = Locator(state.doc, read.lines if state.by_reader else None, read.recognised)


def split(state: ParseState) -> None:
    """The six parts, wherever their headings or tables stand."""
    assert state.doc is not None
    state.parts = split_parts(state.doc.text)


def metadata(state: ParseState) -> None:
    """Agency, year, template, date; and the findings of the structure read so far."""
    assert state.doc is not None and state.parts is not None and state.locator is not None
    meta = read_metadata(state.doc.text, state.parts, state.doc.script, state.locator.line_of)
    state.metadata = meta
    state.findings.extend(state.services.plugin_findings)
    state.findings.extend(_part_findings(state.parts, state.locator))
    state.findings.extend(_metadata_findings(meta.agency, meta.year, meta.template))


def facts(state: ParseState) -> None:
    """The figures the prose of parts 一 and 三 states."""
    assert state.doc is not None and state.parts is not None
    state.facts = tuple(
        find_facts([state.parts.part_text(state.doc.text, n) for n in ("一", "三")])
    )


def tables(state: ParseState) -> None:
    """Each table section extracted and mapped onto canonical cells (a known template only)."""
    template = state.metadata.template
    doc, parts, locator = state.doc, state.parts, state.locator
    if template is None or doc is None or parts is None or locator is None:
        return
    spans = {n: (p.body_start, p.end) for n, p in parts.parts.items()}
    read = state.read
    grids = _normalised_tables(read.tables, doc)
    document = Document(doc.text, spans, state.facts, grids, read.format, state.previous)
    cells: dict[str, CellRow] = {}
    for section, numeral in TABLE_SECTIONS.items():
        start, body = parts.part_text(doc.text, numeral)
        text = SectionText(section, numeral, body, start, template, document)
        result = extract_section(state.services.extractors, text, template, locator)
        cells.update(result.cells)
        state.findings.extend(result.findings)
        if result.extractor:
            state.extractors_used[section] = result.extractor
    state.cells = CellColumns.of_rows(cells[k.key] for k in keys(template) if k.key in cells)


def confirm(state: ParseState) -> None:
    """Values recognised from images kept only where the recogniser was sure or an identity
    confirms them; the others left unknown, each with a finding."""
    template = state.metadata.template
    if template is None or not state.read.recognised:
        return
    kept, found = confirmed({row.key: row for row in state.cells.rows()}, template, state.findings)
    state.cells = CellColumns.of_rows(kept.values())
    state.findings.extend(found)


def assemble(state: ParseState) -> None:
    """The report: metadata, cells, prose, findings, provenance."""
    assert state.doc is not None and state.parts is not None and state.locator is not None
    doc, parts, locator = state.doc, state.parts, state.locator
    prose = {n: parts.body(doc.text, n).strip() for n in PROSE_PARTS if n in parts.parts}
    stated = tuple(_statement(locator, fact) for fact in state.facts)
    state.report = Report(
        state.metadata,
        state.cells,
        prose,
        tuple(state.findings),
        state.extractors_used,
        state.origin,
        stated,
    )


def check(state: ParseState) -> None:
    """The rules run on the report, as the parser's configuration selects."""
    assert state.report is not None
    state.report = state.services.check(state.report)


#: The stages, in the order they run.
STAGES: tuple[Stage, ...] = (
    ("read", read),
    ("normalise", normalise_text),
    ("parts", split),
    ("metadata", metadata),
    ("facts", facts),
    ("tables", tables),
    ("confirm", confirm),
    ("assemble", assemble),
    ("check", check),
)


def run(state: ParseState, stages: Sequence[Stage] = STAGES) -> Report:
    """Run ``stages`` over ``state``; the report they make."""
    for _, stage in stages:
        stage(state)
    assert state.report is not None
    return state.report


def _normalised_tables(
    tables: Sequence[SourceTable], doc: NormalisedText
) -> tuple[SourceTable, ...]:
    """The reader's tables with their spans moved from the read text into the normalised text."""
    if not doc.steps:
        return tuple(tables)  # normalising moved nothing
    move = doc.offset_mover()
    return tuple(table.moved(move) for table in tables)


def _statement(locator: Locator, fact: Fact) -> Statement:
    place = locator.place(fact.start, fact.end)
    provenance = Provenance("prose", "prose", place.line, place.start, place.end, place.text)
    return Statement(fact.key, fact.value, provenance, fact.phrase)


def _no_text_layer(form: str, recognised: bool) -> Finding:
    return finding("GIR003", case="recognised" if recognised else "", format=form)


def _damage_finding(decoded: Decoded) -> Finding:
    line = decoded.text[: decoded.text.index("\ufffd")].count("\n") + 1
    encoding, count = decoded.source.encoding, decoded.damaged
    return finding("GIR004", Location(line=line), encoding=encoding, count=count, line=line)


def _part_findings(parts: Parts, locator: Locator) -> list[Finding]:
    missing = [
        finding("GIR101", Location(section=n), numeral=n) for n in PARTS if n not in parts.parts
    ]
    return [*missing, *(_departure(d, locator) for d in parts.departures)]


def _departure(departure: Departure, locator: Locator) -> Finding:
    """An info finding for a part found otherwise than the template puts it."""
    n = departure.numeral
    where = Location(section=n, line=locator.line_of(departure.offset))
    if departure.kind == "second_report":
        line = Location(line=locator.line_of(departure.offset))
        return finding("GIR130", line, title=departure.heading or "?")
    if departure.kind == "by_table":
        return finding("GIR120", where, numeral=n)
    return finding("GIR121", where, heading=departure.heading, numeral=n, printed=departure.printed)


def _metadata_findings(
    agency: str | None, year: int | None, template: Template | None
) -> list[Finding]:
    out = []
    if agency is None:
        out.append(finding("GIR403"))
    if year is None:
        out.append(finding("GIR402"))
    if template is None:
        out.append(finding("GIR401"))
    return out
