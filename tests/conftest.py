"""Shared fixtures: an app on a freshly migrated database, clients, factories.

The schema comes from the real migrations, once per test session and per
pytest-xdist worker: SQLite in the worker's own temporary folder, PostgreSQL
(TEST_DATABASE_URL) in a database of its own created on that server. Each test
starts from ``database_template``: SQLite tests get a copy of its file,
PostgreSQL tests either empty the tables after the test (the plain migrated
database) or get a database copied from the template (a module's own data,
built once by ``database_built_once``).
"""
import os
import re
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask import Flask, g
from flask.testing import FlaskClient
from flask_migrate import upgrade
from jinja2 import BytecodeCache
from jinja2.bccache import Bucket
from werkzeug.routing import Rule

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
    """Compile the message catalogues, as the build does, so tests see translations.

    Under pytest-xdist only the controlling process compiles, before it starts the
    workers: a worker must never read a catalogue another one is half-way writing.
    """
    from babel.messages.frontend import CommandLineInterface

    if not hasattr(session.config, "workerinput"):
        CommandLineInterface().run(["pybabel", "-q", "compile", "-d", str(TRANSLATIONS)])


def _share_url_builders() -> None:
    """Let every app of the test run share the URL builders Werkzeug compiles for its rules.

    Each test builds its own app, and Werkzeug compiles two Python functions for every
    rule of it: nine tenths of ``create_app``. The function depends only on the rule's
    parsed form and defaults (it reaches the rule's converters through ``self``), so an
    app built later gets the very function an earlier app compiled for the same rule.
    """
    compile_builder = Rule._compile_builder
    builders: dict = {}

    def shared_builder(rule: Rule, append_unknown: bool = True):
        trace = getattr(rule, "_trace", None)
        if trace is None:  # a Werkzeug whose rules keep no trace: compile as usual
            return compile_builder(rule, append_unknown)
        defaults = tuple(sorted((key, repr(value)) for key, value in (rule.defaults or {}).items()))
        key = (rule.rule, rule.subdomain, rule.host, tuple(trace), defaults, append_unknown)
        if key not in builders:
            builders[key] = compile_builder(rule, append_unknown)
        return builders[key]

    Rule._compile_builder = shared_builder


_share_url_builders()


class _CompiledTemplates(BytecodeCache):
    """Jinja's bytecode cache, kept in memory: each test's app compiles a template the first app compiled
    only when its source changed (the bucket checks the source's checksum)."""

    def __init__(self):
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self._code:
            bucket.bytecode_from_string(self._code[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


_COMPILED_TEMPLATES = _CompiledTemplates()
_LESSON_STORES: dict[Path, object] = {}


def _reuse_what_does_not_change(app: Flask) -> None:
    """Give a test's app the compiled templates and the loaded lesson files of the apps before it.

    Both are read-only for the run: a production app, too, compiles a template once and
    (outside debug) reads the lesson files once. Every app still has its own database,
    configuration and extensions.
    """
    app.jinja_env.bytecode_cache = _COMPILED_TEMPLATES
    store = app.extensions["lessons"]
    if not store.auto_reload:
        app.extensions["lessons"] = _LESSON_STORES.setdefault(store.root, store)


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


def _server(uri: str) -> sa.Engine:
    """A connection to the PostgreSQL server of ``uri`` that can create and drop databases."""
    return sa.create_engine(sa.engine.make_url(uri).set(database="postgres"), isolation_level="AUTOCOMMIT",
                            poolclass=sa.pool.NullPool)


def _create_database(uri: str, name: str, template: str | None = None) -> str:
    """A new, empty (or copied from ``template``) database on the server of ``uri``; its URI."""
    server = _server(uri)
    with server.connect() as connection:
        connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}"'))
        copy = f' TEMPLATE "{template}"' if template else ""
        connection.execute(sa.text(f'CREATE DATABASE "{name}"{copy}'))
    server.dispose()
    return sa.engine.make_url(uri).set(database=name).render_as_string(hide_password=False)


def _drop_database(uri: str) -> None:
    server = _server(uri)
    with server.connect() as connection:
        # FORCE: a connection a test left open (a live server's thread) must not keep the copy alive.
        connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{_database_name(uri)}" WITH (FORCE)'))
    server.dispose()


def _database_name(uri: str) -> str:
    return sa.engine.make_url(uri).database


@pytest.fixture(scope="session")
def migrated_database(tmp_path_factory) -> Iterator[str]:
    """A database URI with every migration applied, this worker's own."""
    server = os.environ.get("TEST_DATABASE_URL")
    if server:
        worker = os.environ.get("PYTEST_XDIST_WORKER", "main")  # gw0, gw1, … under pytest-xdist
        uri = _create_database(server, f"{_database_name(server)}_{worker}")
    else:
        uri = "sqlite:///" + str(tmp_path_factory.mktemp("template") / "template.db")
    app = create_app(base_config(uri))
    with app.app_context():
        upgrade()
        db.engine.dispose()
    yield uri
    if server:
        _drop_database(uri)


@contextmanager
def database_built_once(migrated_database: str, folder: Path, build: Callable[[], object]) -> Iterator[tuple]:
    """A copy of the migrated database with ``build()`` run in an app on it: (its URI, what build returned).

    For a module whose tests all start from the same data: build it once, as the
    module's ``database_template``, and every test still gets its own copy of it.
    """
    if migrated_database.startswith("sqlite:///"):
        uri = f"sqlite:///{folder / 'template.db'}"
        shutil.copyfile(migrated_database.removeprefix("sqlite:///"), folder / "template.db")
    else:
        uri = _create_database(migrated_database, f"{_database_name(migrated_database)}_{folder.name}",
                               template=_database_name(migrated_database))
    app = create_app(base_config(uri))
    _reuse_what_does_not_change(app)
    with app.app_context():
        built = build()
        db.session.commit()
        db.session.remove()
        db.engine.dispose()
    yield uri, built
    if not uri.startswith("sqlite:///"):
        _drop_database(uri)


@pytest.fixture(scope="module")
def database_template(migrated_database) -> str:
    """The database each test's app starts from: the migrated one, unless a module builds its own."""
    return migrated_database


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
def app(database_template, migrated_database, tmp_path) -> Iterator[Flask]:
    copied = False
    if database_template.startswith("sqlite:///"):
        copy = tmp_path / "test.db"
        shutil.copyfile(database_template.removeprefix("sqlite:///"), copy)
        uri = f"sqlite:///{copy}"
    elif database_template == migrated_database:
        uri = database_template  # emptied after the test: quicker than a copy
    else:
        uri = _create_database(database_template, f"{_database_name(migrated_database)}_test",
                               template=_database_name(database_template))
        copied = True
    app = create_app(base_config(uri))
    _reuse_what_does_not_change(app)
    app.test_client_class = Client
    with app.app_context():
        yield app
        db.session.remove()
        if db.engine.dialect.name == "postgresql" and not copied:
            _empty_tables()
        db.engine.dispose()
    if copied:
        _drop_database(uri)


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
