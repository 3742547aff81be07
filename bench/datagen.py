"""Fast bulk generation of stored, confirmed signatures (SQLite and PostgreSQL).

Rows are realistic in size and shape: a random 64-hex dedup key, a sealed blob of a sealed
box's size (random bytes: a sealed box is indistinguishable from them), a country, a
language, consent flags, keyed hashes of the email domain and of the source, timestamps over
the last 60 days. They are already counted (the state after the counting job has seen them),
and the per-country tallies are raised by the same numbers, so the site shows the right total.
The counting job's state row is removed, so its next run builds the per-day aggregate
(petitions.SignatureDaily) from the table, as after deploying it onto an existing database.

Keys are generated in ascending order over the whole key space (see RowMaker._column).
The columns come from the live table, so a column added later is filled with its type's
default. Secondary indexes are dropped during the load and rebuilt after it (one sort
instead of millions of random B-tree inserts), which is what a bulk import does anyway.
"""

import datetime as dt
import os
import random
import sqlite3
import time
from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any

TABLE = "petitions_signature"
TALLY_TABLE = "petitions_signaturetally"
COUNTING_TABLE = "petitions_signaturecounting"
BATCH = 100_000

# Roughly the EU by population, so the per-country tallies look like a real campaign's.
COUNTRIES = {
    "DE": 84, "FR": 68, "IT": 59, "ES": 48, "PL": 37, "RO": 19, "NL": 18, "BE": 12, "CZ": 11,
    "SE": 10, "PT": 10, "GR": 10, "HU": 10, "AT": 9, "BG": 6, "DK": 6, "FI": 6, "SK": 5,
    "IE": 5, "HR": 4, "LT": 3, "SI": 2, "LV": 2, "EE": 1, "CY": 1, "LU": 1, "MT": 1,
}  # fmt: skip
LANGUAGES = ["nl", "en"]


class RowMaker:
    """Makes rows for the columns of the live signature table, a batch at a time (one list
    per column, then zipped: several times faster than building each row alone)."""

    def __init__(
        self, columns: list[tuple[str, str, bool]], *, for_sqlite: bool, total: int = 1
    ) -> None:
        self.total = total
        self.made = 0
        self.columns = [name for name, _type, _nullable in columns]
        self.for_sqlite = for_sqlite
        self.rng = random.Random(12345)
        self.domains = [os.urandom(32).hex() for _ in range(200)]
        self.sources = [os.urandom(16).hex() for _ in range(5_000)]
        self.now = dt.datetime.now(dt.UTC)
        self.tally: Counter[str] = Counter()
        self.types = {name: (type_, nullable) for name, type_, nullable in columns}
        self.times = []
        for _ in range(50_000):
            created = self.now - dt.timedelta(seconds=self.rng.randrange(60 * 86400))
            pair = (created, created + dt.timedelta(minutes=7))
            if for_sqlite:
                self.times.append(tuple(_sqlite_value(t) for t in pair))
            else:
                self.times.append(tuple(t.isoformat() for t in pair))

    def _column(self, name: str, n: int, base: dict[str, list[Any]]) -> list[Any]:
        rng = self.rng
        if name in base:
            return base[name]
        if name in ("email_hmac", "deletion_token_hash"):
            # Random keys, spread evenly over the whole key space like real HMACs, but made
            # in ascending order: the bulk load walks each unique index once from left to
            # right instead of jumping to a random leaf per row (a 10M-row index does not
            # fit in the page cache). The index ends up with the same size and depth.
            step = (1 << 32) / max(self.total, 1)
            first = self.made
            blob = os.urandom(28 * n).hex()
            return [f"{int((first + i) * step):08x}{blob[56 * i : 56 * i + 56]}" for i in range(n)]
        if name == "sealed":
            sizes = [rng.randint(100, 140) for _ in range(n)]
            blob = os.urandom(sum(sizes))
            out, at = [], 0
            for size in sizes:
                out.append(blob[at : at + size])
                at += size
            return out
        if name == "language":
            return rng.choices(LANGUAGES, k=n)
        if name == "consent_contact":
            return [rng.random() < 0.4 for _ in range(n)]
        if name == "consent_version":
            return [1] * n
        if name == "domain_hmac":
            return rng.choices(self.domains, k=n)
        if name == "source_key":
            return rng.choices(self.sources, k=n)
        if name in ("suspect", "invalidated"):
            return [False] * n
        if name == "counted":
            return [True] * n
        if name in ("token_hash", "token_expires_at"):
            return [None] * n
        type_, nullable = self.types[name]
        return [_default_for(type_, nullable)({})] * n

    def rows(self, n: int) -> Iterator[tuple[Any, ...]]:
        columns = self._columns(n)
        if self.for_sqlite:
            columns = [[_sqlite_value(v) for v in c] if _has_bool(c) else c for c in columns]
        return zip(*columns, strict=True)

    def _columns(self, n: int) -> list[list[Any]]:
        rng = self.rng
        countries = rng.choices(list(COUNTRIES), weights=list(COUNTRIES.values()), k=n)
        self.tally.update(countries)
        # Timestamps over the last 60 days, drawn from a pool (formatting each one is costly).
        picks = rng.choices(self.times, k=n)
        created = [c for c, _ in picks]
        confirmed = [c for _, c in picks]
        base = {"country": countries, "created_at": created, "confirmed_at": confirmed}
        columns = [self._column(name, n, base) for name in self.columns]
        self.made += n
        return columns

    def copy_text(self, n: int) -> str:
        """`n` rows in PostgreSQL's COPY text format."""
        columns = [
            [_copy_value(v) for v in c] if c and not isinstance(c[0], str) else c
            for c in self._columns(n)
        ]
        return "".join("\t".join(row) + "\n" for row in zip(*columns, strict=True))


def _has_bool(column: list[Any]) -> bool:
    return bool(column) and isinstance(column[0], (bool, dt.datetime))


def _default_for(type_: str, nullable: bool) -> Callable[[dict[str, Any]], Any]:
    if nullable:
        return lambda r: None
    lowered = type_.lower()
    if "bool" in lowered:
        return lambda r: False
    if "int" in lowered or "numeric" in lowered:
        return lambda r: 0
    if "blob" in lowered or "bytea" in lowered:
        return lambda r: b""
    if "time" in lowered or "date" in lowered:
        return lambda r: dt.datetime.now(dt.UTC)
    return lambda r: ""


def _copy_value(value: Any) -> str:
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, bytes):
        return "\\\\x" + value.hex()
    if isinstance(value, dt.datetime):
        return value.isoformat()
    return str(value)


def _sqlite_value(value: Any) -> Any:
    # Django stores datetimes in SQLite as naive UTC text and booleans as integers.
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).replace(tzinfo=None).isoformat(" ")
    if isinstance(value, bool):
        return int(value)
    return value


def _progress(done: int, total: int, started: float) -> None:
    rate = done / max(time.monotonic() - started, 1e-6)
    print(f"    {done:>11,} / {total:,} rows ({rate:,.0f}/s)", flush=True)


# SQLite ------------------------------------------------------------------------------------


def sqlite_grow(path: str, count: int) -> dict[str, Any]:
    """Add `count` confirmed, counted signatures to the SQLite database at `path`."""
    started = time.monotonic()
    db = sqlite3.connect(path, isolation_level=None)
    try:
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=OFF")  # a bulk load: the file is synced at the end
        db.execute("PRAGMA cache_size=-262144")
        info = db.execute(f"PRAGMA table_info({TABLE})").fetchall()
        columns = [(row[1], row[2], not row[3]) for row in info if not row[5]]
        maker = RowMaker(columns, for_sqlite=True, total=count)
        indexes = db.execute(
            "SELECT name, sql FROM sqlite_master WHERE type='index' AND tbl_name=? "
            "AND sql IS NOT NULL",
            (TABLE,),
        ).fetchall()
        for name, _sql in indexes:
            db.execute(f'DROP INDEX "{name}"')
        names = ", ".join(f'"{c}"' for c in maker.columns)
        marks = ", ".join("?" for _ in maker.columns)
        insert = f"INSERT INTO {TABLE} ({names}) VALUES ({marks})"  # noqa: S608 (our names)
        done = 0
        while done < count:
            n = min(BATCH, count - done)
            db.execute("BEGIN")
            db.executemany(insert, maker.rows(n))
            db.execute("COMMIT")
            done += n
            if done % 1_000_000 == 0 or done == count:
                _progress(done, count, started)
        index_started = time.monotonic()
        for _name, sql in indexes:
            db.execute(sql)
        index_seconds = time.monotonic() - index_started
        _tally_add(db, maker.tally, placeholder="?")
        db.execute(f"DELETE FROM {COUNTING_TABLE}")  # noqa: S608 (our name)
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        db.close()
    return {
        "rows_added": count,
        "seconds": round(time.monotonic() - started, 1),
        "index_rebuild_seconds": round(index_seconds, 1),
    }


def _tally_add(db: Any, tally: Counter[str], *, placeholder: str) -> None:
    p = placeholder
    sql = (
        f"INSERT INTO {TALLY_TABLE} (country, count) VALUES ({p}, {p}) "  # noqa: S608
        f"ON CONFLICT (country) DO UPDATE SET count = {TALLY_TABLE}.count + excluded.count"
    )
    if placeholder == "?":
        db.execute("BEGIN")
        db.executemany(sql, list(tally.items()))
        db.execute("COMMIT")
    else:
        with db.cursor() as cursor:
            cursor.executemany(sql, list(tally.items()))


def sqlite_count(path: str) -> int:
    db = sqlite3.connect(path)
    try:
        return int(db.execute(f"SELECT COUNT(*) FROM {TABLE}").fetchone()[0])  # noqa: S608
    finally:
        db.close()


def sqlite_max_id(path: str) -> int:
    db = sqlite3.connect(path)
    try:
        return int(db.execute(f"SELECT COALESCE(MAX(id), 0) FROM {TABLE}").fetchone()[0])  # noqa: S608
    finally:
        db.close()


def sqlite_rows_after(path: str, last_id: int) -> int:
    db = sqlite3.connect(path)
    try:
        sql = f"SELECT COUNT(*) FROM {TABLE} WHERE id > ?"  # noqa: S608
        return int(db.execute(sql, (last_id,)).fetchone()[0])
    finally:
        db.close()


# PostgreSQL --------------------------------------------------------------------------------


def pg_grow(dsn: str, count: int) -> dict[str, Any]:
    """Add `count` confirmed, counted signatures with COPY (psycopg)."""
    import psycopg

    started = time.monotonic()
    with psycopg.connect(dsn, autocommit=True) as db:
        columns_info = db.execute(
            "SELECT column_name, data_type, is_nullable = 'YES' FROM information_schema.columns "
            "WHERE table_name = %s AND is_identity = 'NO' AND column_name <> 'id' "
            "ORDER BY ordinal_position",
            (TABLE,),
        ).fetchall()
        maker = RowMaker([tuple(r) for r in columns_info], for_sqlite=False, total=count)
        indexes = db.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s AND indexname "
            "NOT IN (SELECT conname FROM pg_constraint)",
            (TABLE,),
        ).fetchall()
        # Unique constraints too (not the primary key): rebuilt by one sort each afterwards,
        # which also checks that the generated keys are unique.
        uniques = db.execute(
            "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE conrelid = %s::regclass AND contype = 'u'",
            (TABLE,),
        ).fetchall()
        for name, _sql in indexes:
            db.execute(f'DROP INDEX "{name}"')
        for name, _definition in uniques:
            db.execute(f'ALTER TABLE {TABLE} DROP CONSTRAINT "{name}"')
        names = ", ".join(f'"{c}"' for c in maker.columns)
        done = 0
        while done < count:
            n = min(BATCH * 5, count - done)
            with (
                db.transaction(),
                db.cursor() as cursor,
                cursor.copy(f"COPY {TABLE} ({names}) FROM STDIN") as copy,
            ):
                text = maker.copy_text(n)
                for start in range(0, len(text), 1 << 20):
                    copy.write(text[start : start + (1 << 20)])
            done += n
            if done % 1_000_000 == 0 or done == count:
                _progress(done, count, started)
        index_started = time.monotonic()
        db.execute("SET maintenance_work_mem = '512MB'")
        for _name, sql in indexes:
            db.execute(sql)
        for name, definition in uniques:
            db.execute(f'ALTER TABLE {TABLE} ADD CONSTRAINT "{name}" {definition}')
        index_seconds = time.monotonic() - index_started
        with db.transaction():
            _tally_add(db, maker.tally, placeholder="%s")
            db.execute(f"DELETE FROM {COUNTING_TABLE}")  # noqa: S608 (our name)
        # Settle the table now so autovacuum does not start in the middle of a measurement.
        db.execute(f"VACUUM (ANALYZE) {TABLE}")
    return {
        "rows_added": count,
        "seconds": round(time.monotonic() - started, 1),
        "index_rebuild_seconds": round(index_seconds, 1),
    }


def pg_scalar(dsn: str, sql: str, params: tuple[Any, ...] = ()) -> int:
    import psycopg

    with psycopg.connect(dsn, autocommit=True) as db:
        return int(db.execute(sql, params).fetchone()[0])  # type: ignore[index]
