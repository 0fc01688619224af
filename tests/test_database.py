"""The database: engine settings, time zones, and migrations in step with the models."""
from datetime import UTC, datetime, timedelta, timezone

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from course.accounts.models import User
from course.extensions import db, include_in_migrations


def _schema_differences() -> list:
    """What Alembic would change to make the database match the models (the queue's tables left out)."""
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True,
                                                               "include_name": include_in_migrations})
        return compare_metadata(context, db.metadata)


def test_migrations_match_the_models(app):
    assert _schema_differences() == []


def test_every_constraint_and_index_has_a_name_of_its_own(app):
    """PostgreSQL keeps them in one namespace per schema (SQLite does not care): two of one name fail a migration."""
    names = [constraint.name for table in db.metadata.tables.values()
             for constraint in [*table.constraints, *table.indexes]]
    assert [name for name in set(names) if names.count(name) > 1] == []


def test_the_task_queues_tables_are_left_to_the_queue(app):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("the queue keeps tables in the database on PostgreSQL only")
    from huey.storage import PostgresStorage

    PostgresStorage("vernetzt-test", dsn=db.engine.url.set(drivername="postgresql").render_as_string(hide_password=False))
    assert _schema_differences() == []


def test_sqlite_runs_in_wal_mode_with_busy_timeout(app):
    if db.engine.dialect.name != "sqlite":
        pytest.skip("SQLite only")
    with db.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_timestamps_come_back_timezone_aware_utc(create_user):
    berlin = timezone(timedelta(hours=1))
    user = create_user(last_seen_at=datetime(2026, 3, 1, 12, 0, tzinfo=berlin))
    db.session.expire_all()
    stored = db.session.get(User, user.id)
    assert stored.last_seen_at == datetime(2026, 3, 1, 11, 0, tzinfo=UTC)
    assert stored.last_seen_at.tzinfo is not None
    assert stored.created_at.tzinfo is not None


def test_naive_timestamps_are_refused(create_user):
    user = create_user()
    user.last_seen_at = datetime(2026, 3, 1, 12, 0)
    with pytest.raises(sa.exc.StatementError, match="naive datetime"):
        db.session.commit()
    db.session.rollback()


def test_postgresql_stores_timestamps_with_time_zone(app):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("PostgreSQL only")
    with db.engine.connect() as connection:
        types = connection.execute(sa.text(
            "SELECT DISTINCT data_type FROM information_schema.columns WHERE column_name LIKE '%\\_at'"
        )).scalars().all()
    assert types == ["timestamp with time zone"]
