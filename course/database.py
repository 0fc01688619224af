"""Column types, engine settings and a fast path for plain reads, shared by every model."""
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import CursorResult, Engine
from sqlalchemy.orm import Session, scoped_session


def utcnow() -> datetime:
    """The current time, timezone-aware, in UTC."""
    return datetime.now(UTC)


class UTCDateTime(sa.types.TypeDecorator[datetime]):
    """A timestamp stored in UTC and always returned timezone-aware.

    SQLite keeps no time zone, so values are normalised to UTC on the way in
    and marked as UTC on the way out; PostgreSQL stores ``timestamptz``.
    """

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given; use timezone-aware UTC times")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


def read_columns(session: Session | scoped_session, statement: sa.Executable,
                 parameters: Mapping[str, Any]) -> CursorResult:
    """Run a statement that selects plain columns (no entities) in the session's transaction, past the ORM.

    For the reads every page makes: when no objects are loaded, the ORM's work per statement costs
    more than the statement. Pending changes are flushed first, as the ORM would.
    """
    if session.autoflush:
        session.flush()
    return session.connection().execute(statement, parameters)


def configure_sqlite(engine: Engine, busy_timeout_ms: int) -> None:
    """Run SQLite in WAL mode with a busy timeout and enforced foreign keys."""

    @sa.event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()
