"""Shared fixtures: an app on a freshly migrated database, clients, factories.

The schema comes from the real migrations, once per test session; SQLite tests
get a copy of that database each, PostgreSQL tests (TEST_DATABASE_URL) empty
the tables after each test.
"""
import os
import re
import shutil
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask import Flask, g
from flask.testing import FlaskClient
from flask_migrate import upgrade

from course import create_app
from course.accounts import services
from course.accounts.models import Organisation, Role, Track, User
from course.cohorts.models import Cohort, CohortMember, Pacing, StageSchedule
from course.curriculum.library import lessons
from course.extensions import db
from tests.originality import seed_runs  # noqa: F401 (a fixture for the originality checks)
from tests.smtp import refused_port, silent_server, smtp_server  # noqa: F401 (mail servers for the tests)

PASSWORD = "correct horse battery"
TRANSLATIONS = Path(__file__).resolve().parent.parent / "course" / "translations"
CSRF_PATTERN = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"|name="csrf_token" value="([^"]+)"')


def pytest_sessionstart(session) -> None:
    """Compile the message catalogues, as the build does, so tests see translations."""
    from babel.messages.frontend import CommandLineInterface

    CommandLineInterface().run(["pybabel", "-q", "compile", "-d", str(TRANSLATIONS)])


def base_config(database_uri: str) -> dict:
    return {
        "TESTING": True,
        "SECRET_KEY": "test-secret-key",
        "SQLALCHEMY_DATABASE_URI": database_uri,
        "MAIL_SERVER": None,
        "TASK_QUEUE_URL": "memory://",
        "BASE_URL": "http://localhost",
        "SESSION_COOKIE_SECURE": False,
        "RATELIMIT_STORAGE_URI": "memory://",
        # Cheap Argon2id parameters: still the real algorithm, just faster for tests.
        "ARGON2_TIME_COST": 1,
        "ARGON2_MEMORY_COST_KIB": 1024,
        "ARGON2_PARALLELISM": 1,
    }


@pytest.fixture(scope="session")
def migrated_database(tmp_path_factory) -> str:
    """A database URI with every migration applied."""
    uri = os.environ.get("TEST_DATABASE_URL") or "sqlite:///" + str(
        tmp_path_factory.mktemp("template") / "template.db"
    )
    app = create_app(base_config(uri))
    with app.app_context():
        if db.engine.dialect.name == "postgresql":
            with db.engine.begin() as connection:
                connection.execute(sa.text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
        upgrade()
        db.engine.dispose()
    return uri


def _empty_tables() -> None:
    tables = ", ".join(f'"{t.name}"' for t in db.metadata.sorted_tables)
    with db.engine.begin() as connection:
        connection.execute(sa.text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))


class Client(FlaskClient):
    """A test client whose every request starts with an empty ``g``, as in production.

    The ``app`` fixture keeps one app context open for the factories, and
    requests reuse it; without this, Flask-Login's cached user and Flask-WTF's
    cached CSRF token would leak from one client's request into another's.
    """

    def open(self, *args, **kwargs):
        vars(g).clear()
        try:
            return super().open(*args, **kwargs)
        finally:
            vars(g).clear()


@pytest.fixture
def app(migrated_database, tmp_path) -> Iterator[Flask]:
    if migrated_database.startswith("sqlite:///"):
        copy = tmp_path / "test.db"
        shutil.copyfile(migrated_database.removeprefix("sqlite:///"), copy)
        uri = f"sqlite:///{copy}"
    else:
        uri = migrated_database
    app = create_app(base_config(uri))
    app.test_client_class = Client
    with app.app_context():
        yield app
        db.session.remove()
        if db.engine.dialect.name == "postgresql":
            _empty_tables()
        db.engine.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


def csrf_token(client, path: str = "/reset-password") -> str:
    """The CSRF token of the client's session, read from a page with a form."""
    html = client.get(path).get_data(as_text=True)
    match = CSRF_PATTERN.search(html)
    assert match, f"no CSRF token on {path}"
    return match.group(1) or match.group(2)


class AuthActions:
    def __init__(self, client):
        self._client = client

    def login(self, email: str, password: str = PASSWORD, **extra):
        data = {"email": email, "password": password, "csrf_token": csrf_token(self._client), **extra}
        return self._client.post("/login", data=data)

    def logout(self):
        return self._client.post("/logout", data={"csrf_token": csrf_token(self._client, "/profile")})

    def post(self, path: str, data: dict | None = None, **kwargs):
        """POST with the session's CSRF token added."""
        payload = {"csrf_token": csrf_token(self._client), **(data or {})}
        return self._client.post(path, data=payload, **kwargs)


@pytest.fixture
def auth(client) -> AuthActions:
    return AuthActions(client)


# Factories ---------------------------------------------------------------

@pytest.fixture
def create_organisation(app):
    counter = iter(range(1, 10_000))

    def factory(name: str | None = None) -> Organisation:
        organisation = services.create_organisation(name or f"Organisation {next(counter)}")
        db.session.commit()
        return organisation

    return factory


@pytest.fixture
def create_user(app, create_organisation):
    counter = iter(range(1, 10_000))

    def factory(
        role: Role = Role.LEARNER,
        *,
        organisation: Organisation | None = None,
        track: Track | None = None,
        name: str | None = None,
        email: str | None = None,
        password: str | None = PASSWORD,
        **fields,
    ) -> User:
        number = next(counter)
        if role != Role.ADMIN and organisation is None:
            organisation = create_organisation()
        if role == Role.LEARNER and track is None:
            track = Track.STAFF
        user = services.create_user(
            name=name or f"Person {number}",
            email=email or f"{role.value}{number}@example.org",
            role=role,
            organisation=organisation,
            track=track,
            password=password,
        )
        for field, value in fields.items():
            setattr(user, field, value)
        db.session.commit()
        return user

    return factory


@pytest.fixture
def organisation(create_organisation) -> Organisation:
    return create_organisation("Acme AG")


@pytest.fixture
def learner(create_user, organisation) -> User:
    return create_user(Role.LEARNER, organisation=organisation, name="Sam Learner", email="sam@acme.example")


@pytest.fixture
def trainer(create_user, organisation) -> User:
    return create_user(Role.TRAINER, organisation=organisation, name="Tara Trainer", email="tara@acme.example")


@pytest.fixture
def admin(create_user) -> User:
    return create_user(Role.ADMIN, name="Ada Admin", email="ada@example.org")


def outbox_messages():
    """Every message in the outbox, oldest first."""
    from course.mail.models import OutboxMessage

    return list(db.session.scalars(sa.select(OutboxMessage).order_by(OutboxMessage.id)))


def open_every_stage(user: User) -> Cohort:
    """Put ``user`` in a scheduled cohort whose stages all opened yesterday."""
    cohort = Cohort(organisation_id=user.organisation_id, name=f"Scheduled {user.id}", pacing=Pacing.SCHEDULED,
                    starts_on=date.today() - timedelta(days=30))
    cohort.schedule = [StageSchedule(stage_key=stage.key, opens_on=date.today() - timedelta(days=1))
                       for stage in lessons.curriculum.stages]
    cohort.members.append(CohortMember(user=user))
    db.session.add(cohort)
    db.session.commit()
    return cohort
