"""Opening a corpus database: the schema made in an empty file, a database an earlier version
wrote upgraded to it, one of another program or of a newer version refused untouched."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator

from ._codec_schema import (
    APPLICATION_ID,
    DERIVED,
    SCHEMA_VERSION,
    TABLES,
    VIEWS,
    decode_report,
    number_columns,
    quoted,
)
from .errors import OutputError

#: The columns an earlier version's tables always had: how its databases are recognised.
_EARLIER = {
    "reports": {"file", "sha256", "agency_key", "year", "template", "error_type"},
    "cells": {"file", "key", "value"},
    "findings": {"file", "scope", "seq", "code", "expected", "actual"},
}
_OURS = ("reports", "cells", "findings", "prose")


def open_schema(db: sqlite3.Connection) -> None:
    """Make ``db`` a corpus database of this schema and turn its foreign keys on: create the
    schema in an empty database, upgrade one an earlier version wrote (in one transaction).

    ``OutputError`` for a database that is not a corpus database, or is of a newer schema.
    """
    try:
        if _marks(db) != (APPLICATION_ID, SCHEMA_VERSION):
            _settle(db)
        db.execute("PRAGMA foreign_keys = ON")
    except sqlite3.Error as exc:  # not a database, locked, damaged, an SQLite without FTS5…
        raise OutputError(
            f"cannot open {_name(db)} as a corpus database: {type(exc).__name__}: {exc}"
        ) from exc


def _marks(db: sqlite3.Connection) -> tuple[int, int]:
    (application,) = db.execute("PRAGMA application_id").fetchone()
    (version,) = db.execute("PRAGMA user_version").fetchone()
    return application, version


def _name(db: sqlite3.Connection) -> str:
    """The file of ``db``'s main database (``:memory:`` for none)."""
    for _, schema, path in db.execute("PRAGMA database_list"):
        if schema == "main":
            return str(path) or ":memory:"
    return ":memory:"  # pragma: no cover - every connection has a main database


def _tables(db: sqlite3.Connection) -> dict[str, set[str]]:
    """Each table of ``db`` but SQLite's own, with its columns."""
    names = [
        name
        for (name,) in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    return {name: set(_columns(db, name)) for name in names}


def _columns(db: sqlite3.Connection, table: str) -> list[str]:
    """The columns of ``table``, in order."""
    return [row[1] for row in db.execute(f"PRAGMA table_info({quoted(table)})")]


def _settle(db: sqlite3.Connection) -> None:
    """Create or upgrade the schema, deciding under the write lock (another process may have
    done it meanwhile)."""
    db.commit()  # pragmas and BEGIN act only outside a transaction (executescript did the same)
    with _unguarded(db):
        db.execute("BEGIN IMMEDIATE")
        try:
            application, version = _marks(db)
            tables = _tables(db)
            if (application, version) == (APPLICATION_ID, SCHEMA_VERSION):
                pass
            elif application == APPLICATION_ID and version > SCHEMA_VERSION:
                raise OutputError(
                    f"{_name(db)} was written by a newer govinfo_report (schema {version}; "
                    f"this version knows schemas up to {SCHEMA_VERSION}): upgrade govinfo_report"
                )
            elif (application, version) == (0, 0) and not tables:
                _create(db, TABLES)
                _create(db, DERIVED)
            elif (application, version) == (0, 0) and all(
                columns <= tables.get(table, set()) for table, columns in _EARLIER.items()
            ):
                _upgrade(db, tables)
            else:
                shown = ", ".join(sorted(tables)) or "none"
                raise OutputError(
                    f"{_name(db)} is not a corpus database of govinfo_report "
                    f"(application id {application:#x}, version {version}, tables: {shown})"
                )
            db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            problems = db.execute("PRAGMA foreign_key_check").fetchall()
            if problems:  # pragma: no cover - the upgrade copies only rows of known reports
                raise OutputError(f"{_name(db)}: rows of unknown reports: {problems[:3]}")
            db.commit()
        except BaseException:
            db.rollback()
            raise


@contextlib.contextmanager
def _unguarded(db: sqlite3.Connection) -> Iterator[None]:
    """Foreign keys off (dropping a parent would cascade) and renames that leave views and
    other tables alone (a view of the user's names a table that is renamed and made anew)."""
    db.execute("PRAGMA foreign_keys = OFF")
    db.execute("PRAGMA legacy_alter_table = ON")
    try:
        yield
    finally:
        db.execute("PRAGMA legacy_alter_table = OFF")


def _create(db: sqlite3.Connection, statements: tuple[str, ...]) -> None:
    for statement in statements:
        db.execute(statement)


def _upgrade(db: sqlite3.Connection, tables: dict[str, set[str]]) -> None:
    """Rebuild the tables of an earlier schema as this one's, their rows kept: SQLite adds
    foreign keys and changes a table's storage only by making it anew.

    An earlier schema lacked some of: foreign keys, indexes, views, ``prose``, the ``report``
    column, the cells' ``confidence`` and ``box``; it kept money as decimal text in ``value``.
    Rows of a file that has no row in ``reports`` belong to no report and are not kept.
    """
    kept = [
        sql
        for (sql,) in db.execute(
            "SELECT sql FROM sqlite_master WHERE type IN ('index', 'trigger') "
            "AND sql IS NOT NULL AND tbl_name IN ('reports', 'cells', 'findings')"
        )
    ]
    # What a database of this schema whose version was reset holds besides the tables.
    for view in VIEWS:
        db.execute(f"DROP VIEW IF EXISTS {view}")
    for trigger in ("prose_ai", "prose_ad", "prose_au"):
        db.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    db.execute("DROP TABLE IF EXISTS prose_fts")
    for table in _OURS:
        if table in tables:
            db.execute(f"ALTER TABLE {table} RENAME TO _earlier_{table}")
    _create(db, TABLES)
    db.create_function("_number", 1, lambda v: number_columns(v)[0], deterministic=True)
    db.create_function("_exact", 1, lambda v: number_columns(v)[1], deterministic=True)
    _copy(db, "reports", tables["reports"], {}, where="")
    known = "WHERE file IN (SELECT file FROM reports)"
    money = {} if "exact" in tables["cells"] else _split("value", "exact")
    _copy(db, "cells", tables["cells"], money, where=known)
    if "expected_exact" in tables["findings"]:
        money = {}
    else:
        money = _split("expected", "expected_exact") | _split("actual", "actual_exact")
    _copy(db, "findings", tables["findings"], money, where=known)
    if "report" in tables["reports"]:
        _fill_prose(db)
    for table in _OURS:
        if table in tables:
            db.execute(f"DROP TABLE _earlier_{table}")
    _create(db, DERIVED)
    for sql in kept:  # the user's own indexes and triggers, where they still make sense
        with contextlib.suppress(sqlite3.OperationalError):
            db.execute(sql)


def _split(number: str, exact: str) -> dict[str, str]:
    """The expressions that split an earlier column holding money as text into two."""
    return {number: f"_number({quoted(number)})", exact: f"_exact({quoted(number)})"}


def _copy(
    db: sqlite3.Connection, table: str, earlier: set[str], made: dict[str, str], *, where: str
) -> None:
    """Copy ``_earlier_TABLE`` into ``table``: columns by name, ``made`` ones computed."""
    columns = [c for c in _columns(db, table) if c in earlier or c in made]
    sources = [made.get(c, quoted(c)) for c in columns]
    db.execute(
        f"INSERT INTO {table} ({', '.join(map(quoted, columns))}) "
        f"SELECT {', '.join(sources)} FROM _earlier_{table} {where}"
    )


def _fill_prose(db: sqlite3.Connection) -> None:
    """``prose`` rows from each stored report (a row edited into nonsense gives none)."""
    rows = db.execute("SELECT file, report FROM reports WHERE report IS NOT NULL").fetchall()
    for file, blob in rows:
        try:
            prose = decode_report(blob).get("prose")
        except ValueError:  # read_report says so when the report is asked for
            continue
        if not isinstance(prose, dict):
            continue
        db.executemany(
            "INSERT INTO prose (file, part, text) VALUES (?, ?, ?)",
            [(file, part, text) for part, text in prose.items() if isinstance(text, str)],
        )
