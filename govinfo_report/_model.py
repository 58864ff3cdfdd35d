"""The canonical report: metadata, every table cell with its provenance, prose and findings."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Iterator, Mapping
from decimal import Decimal
from functools import cached_property
from typing import Any, Literal, NamedTuple

import attrs

from ._findings import Finding, Severity
from ._keys import TABLE_SECTIONS, SectionName, Template, all_keys

Value = int | Decimal | None
Origin = Literal["table", "prose"]
Script = Literal["simplified", "traditional"]
Box = tuple[float, float, float, float]

#: The six parts of a report, by their numeral.
PARTS: tuple[str, ...] = ("一", "二", "三", "四", "五", "六")


def _box(box: Iterable[float] | None) -> Box | None:
    """A box as a tuple (JSON gives a list)."""
    return None if box is None else tuple(box)  # type: ignore[return-value]


@attrs.frozen
class Provenance:
    """Where a value came from: extractor, table or prose, and its span in the original text."""

    extractor: str
    origin: Origin
    line: int | None = None
    start: int | None = None
    end: int | None = None
    text: str = ""
    #: Text read by recognising an image (a scan): how sure the recogniser was, and the box
    #: the text stands in on page ``line`` (PDF points, top-down: x0, top, x1, bottom).
    confidence: float | None = None
    box: Box | None = attrs.field(default=None, converter=_box)


@attrs.frozen
class Cell:
    """A canonical cell: the value the report states (``None``: left blank) and its source."""

    key: str
    value: Value
    provenance: Provenance


class CellRow(NamedTuple):
    """One cell as the pipeline records it: its value and the fields of its provenance."""

    key: str
    value: Value
    extractor: str
    origin: Origin
    line: int | None = None
    start: int | None = None
    end: int | None = None
    text: str = ""
    confidence: float | None = None
    box: Box | None = None


_COLUMNS = CellRow._fields


@attrs.frozen(eq=False)
class CellColumns(Mapping[str, Cell]):
    """A report's cells kept in columns: a :class:`Cell` is built only when one is asked for.

    A parse makes some two hundred cells and most uses read their values alone; columns of
    plain values cost less to build, keep, compare and pickle than an object per cell.
    """

    key: tuple[str, ...] = ()
    value: tuple[Value, ...] = ()
    extractor: tuple[str, ...] = ()
    origin: tuple[Origin, ...] = ()
    line: tuple[int | None, ...] = ()
    start: tuple[int | None, ...] = ()
    end: tuple[int | None, ...] = ()
    text: tuple[str, ...] = ()
    confidence: tuple[float | None, ...] = ()
    box: tuple[Box | None, ...] = ()

    @classmethod
    def of_rows(cls, rows: Iterable[CellRow]) -> CellColumns:
        """Columns of ``rows`` (each key once), in their order."""
        rows = list(rows)
        if not rows:
            return cls()
        return cls(*map(tuple, zip(*rows, strict=True)))

    @cached_property
    def _position(self) -> dict[str, int]:
        return {key: i for i, key in enumerate(self.key)}

    def row(self, key: str) -> CellRow:
        """The record of ``key``; ``KeyError`` when the cell is unknown."""
        i = self._position[key]
        return CellRow(
            self.key[i],
            self.value[i],
            self.extractor[i],
            self.origin[i],
            self.line[i],
            self.start[i],
            self.end[i],
            self.text[i],
            self.confidence[i],
            self.box[i],
        )

    def rows(self) -> Iterator[CellRow]:
        """Every cell's record, in order."""
        return map(CellRow._make, zip(*(getattr(self, c) for c in _COLUMNS), strict=True))

    def value_of(self, key: str) -> Value:
        """The value of ``key`` without building its cell; ``KeyError`` when unknown."""
        return self.value[self._position[key]]

    def place_of(self, key: str) -> tuple[int | None, int | None, int | None]:
        """``(line, start, end)`` of ``key`` in the source; ``KeyError`` when unknown."""
        i = self._position[key]
        return self.line[i], self.start[i], self.end[i]

    def values_of(self, keys: Iterable[str]) -> list[Value]:
        """The values of ``keys`` in order; ``KeyError`` when one is unknown."""
        value, position = self.value, self._position
        return [value[position[key]] for key in keys]

    def __getitem__(self, key: str) -> Cell:
        record = self.row(key)
        return Cell(key, record.value, Provenance(*record[2:]))

    def __contains__(self, key: object) -> bool:
        return key in self._position

    def __iter__(self) -> Iterator[str]:
        return iter(self.key)

    def __len__(self) -> int:
        return len(self.key)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, CellColumns) and self.key == other.key:
            return all(getattr(self, c) == getattr(other, c) for c in _COLUMNS)
        if isinstance(other, Mapping):
            return dict(self.items()) == dict(other.items())
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # a mapping, compared by content


def as_columns(cells: Mapping[str, Cell]) -> CellColumns:
    """``cells`` as columns (unchanged when they already are)."""
    if isinstance(cells, CellColumns):
        return cells
    return CellColumns.of_rows(
        CellRow(key, cell.value, *attrs.astuple(cell.provenance, recurse=False))
        for key, cell in cells.items()
    )


@attrs.frozen
class Statement:
    """A figure the prose states for a canonical cell, and where it stands."""

    key: str
    value: int
    provenance: Provenance
    #: "figure" for a stated number, "none" for a sentence saying there were none.
    phrase: Literal["figure", "none"] = "figure"


@attrs.frozen
class Metadata:
    """What the document says about itself: agency, year, template, publication date, script."""

    agency: str | None = None
    year: int | None = None
    template: Template | None = None
    published: datetime.date | None = None
    script: Script = "simplified"
    title: str | None = None
    #: How the template was decided: "labels", "notice", "year" or "unknown".
    template_basis: str = "unknown"
    #: The year of the statistics period (本报告统计数据从2023年1月1日…), when stated.
    period_year: int | None = None
    #: The format notice as cited (国办公开办函〔2021〕30号), when cited.
    notice: str | None = None
    #: Lines of the original document where "title", "period" and "notice" stand.
    lines: Mapping[str, int] = attrs.field(factory=dict)


@attrs.frozen
class Source:
    """The input document: its path (if any), content hash and the encoding it was decoded from."""

    path: str | None = None
    sha256: str | None = None
    encoding: str | None = None
    #: What the document was read as: "text", or the format of the reader that read it ("html").
    format: str = "text"


def value_to_json(value: Value) -> int | str | None:
    return str(value) if isinstance(value, Decimal) else value


def value_from_json(key: str, value: int | str | None) -> Value:
    if value is None:
        return None
    spec = all_keys().get(key)
    if isinstance(value, str) or (spec is not None and spec.kind == "money"):
        return Decimal(value)
    return int(value)


#: How a notebook draws a report (``Report._repr_html_``). The model imports no view: the
#: package hands it one with :func:`show_in_notebooks`.
_notebook_views: list[Callable[[Report], str]] = []


def show_in_notebooks(view: Callable[[Report], str]) -> None:
    """Draw reports in notebooks with ``view`` (the package sets the review tables)."""
    _notebook_views[:] = [view]


@attrs.frozen(eq=True, repr=False)
class Report:
    """A parsed annual report in canonical form.

    ``cells`` holds every cell the document gives, blank ones with value ``None``; a key that is
    absent is unknown (a finding says why).
    """

    metadata: Metadata
    cells: Mapping[str, Cell] = attrs.field(factory=CellColumns, converter=as_columns)
    prose: Mapping[str, str] = attrs.field(factory=dict)
    findings: tuple[Finding, ...] = ()
    extractors: Mapping[str, str] = attrs.field(factory=dict)
    source: Source = Source()
    #: Figures stated in the prose (收到申请N件…), whether or not the tables exist.
    stated: tuple[Statement, ...] = ()

    # Shortcuts for the metadata users ask for most.
    @property
    def agency(self) -> str | None:
        """The agency that published the report."""
        return self.metadata.agency

    @property
    def year(self) -> int | None:
        """The year the report covers."""
        return self.metadata.year

    @property
    def template(self) -> Template | None:
        """The official template version the tables follow ("2019" or "2021")."""
        return self.metadata.template

    @property
    def published(self) -> datetime.date | None:
        """The publication date, when the document shows one."""
        return self.metadata.published

    def __repr__(self) -> str:
        """One line: agency, year, template, cells (blank ones counted), findings, source."""
        blank = sum(v is None for v in self._columns.value)
        errors = len(self.errors)
        source = f" from {self.source.path}" if self.source.path else ""
        return (
            f"<Report {self.agency or '?'} {self.year or '?'} template {self.template or '?'}: "
            f"{len(self.cells)} cells ({blank} blank), {len(self.findings)} findings "
            f"({errors} errors){source}>"
        )

    def _repr_html_(self) -> str | None:
        """The official tables with the cells of findings marked, for notebooks."""
        return _notebook_views[0](self) if _notebook_views else None

    def __getitem__(self, key: str) -> Value:
        """Return the value of canonical ``key``; ``KeyError`` when the cell is unknown."""
        return self._columns.value_of(key)

    @property
    def _columns(self) -> CellColumns:
        # the converter makes every report's cells columns
        return self.cells  # type: ignore[return-value]

    def __contains__(self, key: object) -> bool:
        return key in self.cells

    def __iter__(self) -> Iterator[str]:
        return iter(self.cells)

    def get(self, key: str, default: Value = None) -> Value:
        """Return the value of ``key``, or ``default`` when unknown or blank."""
        value = self._columns.value_of(key) if key in self.cells else None
        return default if value is None else value

    def section(self, name: SectionName) -> Mapping[str, Cell]:
        """The known cells of one section: ``active``, ``applications``, ``review_litigation``."""
        if name not in TABLE_SECTIONS:
            raise KeyError(name)
        prefix = name + "."
        return {k: c for k, c in self.cells.items() if k.startswith(prefix)}

    @property
    def errors(self) -> tuple[Finding, ...]:
        """The findings of severity error."""
        return tuple(f for f in self.findings if f.severity is Severity.ERROR)

    def to_flat(self) -> dict[str, Value]:
        """``{canonical key: value}`` for every known cell (blank cells map to ``None``)."""
        return dict(zip(self._columns.key, self._columns.value, strict=True))

    def to_dict(self) -> dict[str, Any]:
        """Return the whole report as JSON-ready data; :meth:`from_dict` reverses it exactly."""
        meta = self.metadata
        return {
            "agency": meta.agency,
            "year": meta.year,
            "template": meta.template,
            "published": meta.published.isoformat() if meta.published else None,
            "script": meta.script,
            "title": meta.title,
            "template_basis": meta.template_basis,
            "period_year": meta.period_year,
            "notice": meta.notice,
            "lines": dict(meta.lines),
            "source": attrs.asdict(self.source),
            "values": {row.key: value_to_json(row.value) for row in self._columns.rows()},
            "provenance": {row.key: _provenance_dict(row) for row in self._columns.rows()},
            "extractors": dict(self.extractors),
            "prose": dict(self.prose),
            "stated": [attrs.asdict(s, recurse=True, filter=_given) for s in self.stated],
            "findings": [f.to_dict() for f in self.findings],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Report:
        """Rebuild a report from :meth:`to_dict` output."""
        published = data.get("published")
        metadata = Metadata(
            agency=data.get("agency"),
            year=data.get("year"),
            template=data.get("template"),
            published=datetime.date.fromisoformat(published) if published else None,
            script=data.get("script", "simplified"),
            title=data.get("title"),
            template_basis=data.get("template_basis", "unknown"),
            period_year=data.get("period_year"),
            notice=data.get("notice"),
            lines=dict(data.get("lines", {})),
        )
        provenance = data.get("provenance", {})
        unknown = {"extractor": "unknown", "origin": "table"}
        cells = CellColumns.of_rows(
            _row(key, value_from_json(key, value), provenance.get(key, unknown))
            for key, value in data.get("values", {}).items()
        )
        return cls(
            metadata=metadata,
            cells=cells,
            prose=dict(data.get("prose", {})),
            findings=tuple(Finding.from_dict(f) for f in data.get("findings", ())),
            extractors=dict(data.get("extractors", {})),
            source=Source(**data.get("source", {})),
            stated=tuple(
                Statement(s["key"], s["value"], Provenance(**s["provenance"]), s["phrase"])
                for s in data.get("stated", ())
            ),
        )


def _row(key: str, value: Value, provenance: Mapping[str, Any]) -> CellRow:
    return CellRow(key, value, **{**provenance, "box": _box(provenance.get("box"))})


def _provenance_dict(row: CellRow) -> dict[str, Any]:
    fields = zip(_COLUMNS[2:], row[2:], strict=True)
    return {name: v for name, v in fields if v is not None or name not in _RECOGNITION}


#: Provenance fields only recognised text has: left out of JSON when empty.
_RECOGNITION = frozenset({"confidence", "box"})


def _given(attribute: attrs.Attribute[Any], value: object) -> bool:
    return value is not None or attribute.name not in _RECOGNITION
