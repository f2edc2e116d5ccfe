"""The SQLite dataset (`output/whitepapers.sqlite`): every paper ingested, one table a record type.

Columns are the records' fields, typed from their JSON Schemas: lists and nested records are JSON text,
`value` and `value_max` stay untyped (a NUMERIC column would turn the year "2013" into 2013). Claim ids
are unique only within a paper, so keys are (doc_id, id). Every row of a paper hangs from its document
row by a foreign key with ON DELETE CASCADE: replacing a paper is one DELETE and the inserts, inside one
transaction, so a rerun adds nothing and a killed run leaves no half paper. `seq` keeps each row's
place in its JSONL file. `pair_view` joins every pair to both its claims.

Documents carry their `series` (the title with its year as `{year}`) and `previous_id`, the paper of
the same series one year before, which the cross-year check compares them with.
"""

from __future__ import annotations

import json
import sqlite3
import zlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from .records import TIME_KINDS, Claim, Discrepancy, Document, Pair, Record, Section, Skipped
from .store import Dumped, undump

if TYPE_CHECKING:
    from .pipeline import Result
    from .report import PaperSummary

_TIME_KINDS = frozenset(kind.value for kind in TIME_KINDS)
"""The kinds whose value is a string ("2013-09-26"), as the rows write them."""
_INT64 = range(-(2**63), 2**63)
_CHILD = 'FOREIGN KEY ("doc_id") REFERENCES documents ("id") ON DELETE CASCADE'


class DatasetError(Exception):
    """The dataset cannot be used as it is (made by another version of the extractor, or not SQLite)."""


class Column(NamedTuple):
    """One column: its name (a record field), SQL type ('' for none), whether it holds JSON text."""

    name: str
    type: str
    json: bool
    required: bool


class Table(NamedTuple):
    """A record type's table: its model, its columns (the model's fields and added ones), key and constraints."""

    name: str
    model: type[Record]
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    constraints: tuple[str, ...]


_SEQ = Column("seq", "INTEGER", False, True)


def _table(name: str, model: type[Record], key: tuple[str, ...], *, dropped: tuple[str, ...] = (),
           before: tuple[Column, ...] = (), after: tuple[Column, ...] = (_SEQ,),
           constraints: tuple[str, ...] = (_CHILD,)) -> Table:
    """The table of a record type; `dropped` fields live in a table of their own."""
    fields = tuple(c for c in _columns(model) if c.name not in dropped)
    return Table(name, model, (*before, *fields, *after), key, constraints)


def _columns(model: type[Record]) -> Iterator[Column]:
    """The model's fields as columns, typed from its serialization schema."""
    schema = model.model_json_schema(mode="serialization")
    definitions = schema.get("$defs", {})
    for name, prop in schema["properties"].items():
        options = prop.get("anyOf", [prop])
        kinds = {_json_type(o, definitions) for o in options} - {"null"}
        nullable = any(o.get("type") == "null" for o in options)
        sql = {"integer": "INTEGER", "number": "REAL", "string": "TEXT", "boolean": "INTEGER"}
        structured = bool(kinds & {"array", "object"})
        type_ = "TEXT" if structured else (sql[kinds.pop()] if len(kinds) == 1 else "")
        yield Column(name, type_, structured, not nullable)


def _json_type(prop: dict[str, Any], definitions: dict[str, Any]) -> str:
    if "$ref" in prop:
        prop = definitions[prop["$ref"].rsplit("/", 1)[-1]]
    return str(prop.get("type", "object"))


TABLES = (
    _table("documents", Document, ("id",), dropped=("sections",),
           after=(Column("series", "TEXT", False, False), Column("previous_id", "TEXT", False, False)),
           constraints=()),
    _table("sections", Section, ("doc_id", "lang", "number"), before=(Column("doc_id", "TEXT", False, True),)),
    _table("claims", Claim, ("doc_id", "id")),
    _table("skipped", Skipped, ("doc_id", "id")),
    _table("pairs", Pair, ("doc_id", "zh", "en"), constraints=(
        _CHILD,
        'FOREIGN KEY ("doc_id", "zh") REFERENCES claims ("doc_id", "id") ON DELETE CASCADE',
        'FOREIGN KEY ("doc_id", "en") REFERENCES claims ("doc_id", "id") ON DELETE CASCADE',
    )),
    _table("discrepancies", Discrepancy, ("doc_id", "id")),
)
BY_NAME = {t.name: t for t in TABLES}
INDEXES = (
    ("documents", ("year",)), ("documents", ("series", "year")), ("documents", ("previous_id",)),
    ("claims", ("referent",)), ("claims", ("kind",)), ("claims", ("doc_id", "lang", "section")),
    ("skipped", ("reason",)), ("pairs", ("doc_id", "en")),
    ("discrepancies", ("doc_id", "kind")), ("discrepancies", ("kind",)),
)
_PAIR_SIDES = ("section", "text", "value", "value_max", "kind", "unit", "approx", "change", "referent")
PAIR_VIEW = (
    "CREATE VIEW pair_view AS SELECT p.doc_id, d.year, p.zh, p.en, p.score, "
    + ", ".join(f'{side}."{c}" AS {lang}_{c}' for c in _PAIR_SIDES for side, lang in (("z", "zh"), ("e", "en")))
    + ', p.seq FROM pairs p JOIN documents d ON d.id = p.doc_id'
    ' JOIN claims z ON z.doc_id = p.doc_id AND z.id = p.zh JOIN claims e ON e.doc_id = p.doc_id AND e.id = p.en'
)
"""Each pair with both its claims side by side: `select * from pair_view where doc_id = ...`."""


def _ddl() -> list[str]:
    statements = []
    for table in TABLES:
        columns = [f'"{c.name}" {c.type}'.rstrip() + (" NOT NULL" if c.required else "") for c in table.columns]
        key = ", ".join(f'"{k}"' for k in table.key)
        body = ",\n  ".join([*columns, f"PRIMARY KEY ({key})", *table.constraints])
        statements.append(f"CREATE TABLE {table.name} (\n  {body}\n)")
    for table_name, columns in INDEXES:
        quoted = ", ".join(f'"{c}"' for c in columns)
        statements.append(f"CREATE INDEX {table_name}_by_{'_'.join(columns)} ON {table_name} ({quoted})")
    statements.append(PAIR_VIEW)
    return statements


SCHEMA = _ddl()
SCHEMA_VERSION = zlib.crc32("\n".join(SCHEMA).encode("utf-8")) & 0x7FFFFFFF
"""Changes whenever a record gains a field: a dataset of another version is refused, never half-read."""


def _cell(column: Column, value: Any) -> Any:
    if column.json:
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, int) and not isinstance(value, bool) and value not in _INT64:
        return str(value)  # SQLite integers are 64-bit; the claim's kind says it is a number (`_restore`)
    return value


def _restore(table: Table, row: dict[str, Any]) -> dict[str, Any]:
    """A row as the record's JSON: JSON text parsed, numbers beyond 64 bits read back from their digits."""
    for column in table.columns:
        if column.json and row.get(column.name) is not None:
            row[column.name] = json.loads(row[column.name])
    if table.model is Claim and row["kind"] not in _TIME_KINDS:
        for name in ("value", "value_max"):
            if isinstance(row[name], str):
                row[name] = int(row[name])
    return row


def rows_of(dumped: Dumped, series: str | None) -> dict[str, list[tuple[Any, ...]]]:
    """A paper's rows for every table, cells as stored (its `previous_id` is the writer's to set)."""
    document = {k: v for k, v in dumped.document.items() if k != "sections"} | {"series": series, "previous_id": None}
    doc_id = document["id"]
    return {
        "documents": _table_rows(BY_NAME["documents"], [document]),
        "sections": _table_rows(BY_NAME["sections"], [{"doc_id": doc_id, **s} for s in dumped.document["sections"]]),
        "claims": _table_rows(BY_NAME["claims"], dumped.claims),
        "skipped": _table_rows(BY_NAME["skipped"], dumped.skipped),
        "pairs": _table_rows(BY_NAME["pairs"], dumped.pairs),
        "discrepancies": _table_rows(BY_NAME["discrepancies"], dumped.discrepancies),
    }


def _table_rows(table: Table, items: Sequence[Record | dict[str, Any]]) -> list[tuple[Any, ...]]:
    """Records (or their JSON) as the table's row tuples, `seq` counting from 0: the cells are taken as
    they are, but for JSON text and numbers that SQLite cannot hold."""
    fields = [c for c in table.columns if c is not _SEQ]
    cells = itemgetter(*(c.name for c in fields))
    converted = [(i, c) for i, c in enumerate(fields) if c.json or not c.type]
    numbered = table.columns[-1] is _SEQ
    rows = []
    for seq, item in enumerate(items):
        values = list(cells(item.model_dump(mode="json") if isinstance(item, Record) else item))
        for index, column in converted:
            values[index] = _cell(column, values[index])
        if numbered:
            values.append(seq)
        rows.append(tuple(values))
    return rows


class Dataset:
    """The open dataset; the writer of `ingest` is its only writer."""

    def __init__(self, path: Path, readonly: bool = False) -> None:
        if readonly and not path.is_file():
            raise DatasetError("no such dataset: run ingest first")
        if not readonly:
            path.parent.mkdir(parents=True, exist_ok=True)
        target = f"file:{path}?mode=ro" if readonly else str(path)
        self.db = sqlite3.connect(target, uri=readonly, isolation_level=None)
        self.readonly = readonly
        try:
            self.db.execute("PRAGMA busy_timeout = 10000")
            self.db.execute("PRAGMA foreign_keys = ON")
            self._prepare(readonly)
            if not readonly:  # while writing: a commit is an append, safe from a kill (and power loss)
                self.db.execute("PRAGMA journal_mode = WAL")
                self.db.execute("PRAGMA synchronous = NORMAL")
        except sqlite3.DatabaseError as error:
            self.db.close()
            raise DatasetError(f"not a dataset this version can use ({error})") from error

    def _prepare(self, readonly: bool) -> None:
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if version == SCHEMA_VERSION:
            return
        empty = not self.db.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchone()
        if version or not empty or readonly:
            raise sqlite3.DatabaseError("made by another version of the extractor: delete it and ingest again")
        with self.transaction():
            for statement in SCHEMA:
                self.db.execute(statement)
            self.db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def close(self) -> None:
        """Close; a written dataset goes back to one self-contained file (no -wal beside it)."""
        if not self.readonly:
            try:
                self.db.execute("PRAGMA journal_mode = DELETE")
            except sqlite3.OperationalError:  # a reader still has it open: it stays in WAL mode, still whole
                pass
        self.db.close()

    def __enter__(self) -> Dataset:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All or nothing: a paper's rows, and the links and cross-year findings they change."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    def delete(self, doc_id: str) -> list[str]:
        """Remove a paper and all its rows; the papers that named it as their previous year."""
        followers = self.followers(doc_id)
        self.db.execute("DELETE FROM documents WHERE id = ?", (doc_id,))
        return followers

    def insert(self, rows: dict[str, list[tuple[Any, ...]]], previous_id: str | None = None) -> None:
        """Add a paper's rows (`rows_of`); its doc-id must not be in the dataset."""
        for table in TABLES:
            names = ", ".join(f'"{c.name}"' for c in table.columns)
            marks = ", ".join("?" for _ in table.columns)
            self.db.executemany(f"INSERT INTO {table.name} ({names}) VALUES ({marks})", rows.get(table.name, []))
        if previous_id is not None:
            self.set_previous(str(rows["documents"][0][0]), previous_id)

    def set_previous(self, doc_id: str, previous_id: str | None) -> None:
        self.db.execute("UPDATE documents SET previous_id = ? WHERE id = ?", (previous_id, doc_id))

    def replace_discrepancies(self, doc_id: str, discrepancies: Sequence[Discrepancy], previous_id: str | None) -> None:
        """A paper's discrepancies and its link, after the paper it follows changed."""
        self.db.execute("DELETE FROM discrepancies WHERE doc_id = ?", (doc_id,))
        self.insert({"discrepancies": _table_rows(BY_NAME["discrepancies"], discrepancies)})
        self.set_previous(doc_id, previous_id)

    def paper_of(self, series: str, year: int) -> str | None:
        """The paper of a series for one year (the first by doc-id, should a year have several)."""
        row = self.db.execute("SELECT id FROM documents WHERE series = ? AND year = ? ORDER BY id LIMIT 1",
                              (series, year)).fetchone()
        return None if row is None else str(row[0])

    def papers_of(self, series: str, year: int) -> list[str]:
        return [r[0] for r in self.db.execute("SELECT id FROM documents WHERE series = ? AND year = ? ORDER BY id",
                                              (series, year))]

    def followers(self, doc_id: str) -> list[str]:
        """The papers whose previous year is `doc_id`."""
        return [r[0] for r in self.db.execute("SELECT id FROM documents WHERE previous_id = ? ORDER BY id", (doc_id,))]

    def link(self, doc_id: str) -> tuple[str | None, int | None, str | None]:
        """A paper's series, year and previous paper."""
        row = self.db.execute("SELECT series, year, previous_id FROM documents WHERE id = ?", (doc_id,)).fetchone()
        return (row[0], row[1], row[2]) if row else (None, None, None)

    def rows(self, table_name: str, doc_id: str | None = None) -> Iterator[dict[str, Any]]:
        """A table's rows as their records' JSON (without `seq`), in doc-id then file order."""
        table = BY_NAME[table_name]
        where, arguments = ("WHERE doc_id = ?", (doc_id,)) if doc_id is not None else ("", ())
        if table.name == "documents":
            where = where.replace("doc_id", "id")
        order = "id" if table.name == "documents" else "doc_id, seq"
        cursor = self.db.execute(f"SELECT * FROM {table.name} {where} ORDER BY {order}", arguments)
        names = [d[0] for d in cursor.description]
        for row in cursor:
            record = _restore(table, dict(zip(names, row)))
            record.pop("seq", None)
            yield record

    def load(self, doc_id: str) -> Result:
        """A paper's records, exactly as its files hold them."""
        document = next(self.rows("documents", doc_id), None)
        if document is None:
            raise KeyError(doc_id)
        for extra in ("series", "previous_id"):
            document.pop(extra)
        document["sections"] = [{k: v for k, v in s.items() if k != "doc_id"} for s in self.rows("sections", doc_id)]
        return undump(Dumped(document, *(list(self.rows(name, doc_id)) for name in Dumped._fields[1:])))

    def summaries(self) -> list[PaperSummary]:
        """Every stored paper's line of the index (`output/index.html`), by doc-id."""
        from .report import PaperSummary, report_link

        rows = self.db.execute(
            "SELECT d.id, d.title_zh, d.title_en, d.year,"
            " (SELECT count(*) FROM claims c WHERE c.doc_id = d.id AND c.lang = 'zh'),"
            " (SELECT count(*) FROM claims c WHERE c.doc_id = d.id AND c.lang = 'en'),"
            " (SELECT count(*) FROM pairs p WHERE p.doc_id = d.id),"
            " (SELECT count(*) FROM discrepancies x WHERE x.doc_id = d.id AND x.severity = 'error'),"
            " (SELECT count(*) FROM discrepancies x WHERE x.doc_id = d.id AND x.severity = 'warning')"
            " FROM documents d ORDER BY d.id")
        return [PaperSummary(*row, link=report_link(row[0])) for row in rows]

    def counts(self, doc_id: str | None = None) -> dict[str, int]:
        """Rows of every table, of one paper or of all."""
        counts = {}
        for table in TABLES:
            column = "id" if table.name == "documents" else "doc_id"
            where, arguments = (f"WHERE {column} = ?", (doc_id,)) if doc_id is not None else ("", ())
            counts[table.name] = self.db.execute(f"SELECT count(*) FROM {table.name} {where}", arguments).fetchone()[0]
        return counts
