"""Vernetzt: a social-media onboarding course for organisations."""
import os
from collections.abc import Mapping
from importlib import import_module
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from flask import Flask
from flask_babel import lazy_gettext as _l
from werkzeug.middleware.proxy_fix import ProxyFix

from course import config as default_config
from course.curriculum.library import lessons
from course.database import configure_sqlite
from course.extensions import babel, csrf, db, limiter, login_manager, migrate

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    """Build the application: defaults, instance/config.py, environment, test config."""
    app = Flask(
        __name__,
        instance_path=str(PROJECT_ROOT / "instance"),
        instance_relative_config=True,
        template_folder=str(PROJECT_ROOT / "templates"),
        static_folder=str(PROJECT_ROOT / "static"),
    )
    app.config.from_object(default_config)
    app.config.from_pyfile("config.py", silent=True)
    app.config.update(default_config.from_environment())
    app.config.update(test_config or {})
    _configure_database(app)
    app.config["LESSONS_PATH"] = app.config.get("LESSONS_PATH") or str(PROJECT_ROOT / "lessons")
    if not app.config.get("SECRET_KEY"):
        raise RuntimeError(
            "SECRET_KEY is not set. Run `make run` once (it writes instance/config.py), "
            "or set the SECRET_KEY environment variable."
        )
    if app.config["TRUSTED_PROXIES"]:
        hops = app.config["TRUSTED_PROXIES"]
        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]  # Flask's documented way to add WSGI middleware
            app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops, x_prefix=hops)

    _init_extensions(app)
    _register_blueprints(app)

    from course import cli, dates, errors, security, worker
    from course.auth.sessions import record_activity
    from course.i18n import template_translations
    from course.navigation import layout_context
    from course.text.user_markdown import render_user_markdown

    security.init_security(app)
    errors.init_errors(app)
    cli.init_cli(app)
    worker.init_worker(app)
    app.context_processor(layout_context)
    app.context_processor(template_translations)
    app.add_template_filter(render_user_markdown, "user_markdown")
    dates.init_dates(app)
    app.before_request(record_activity)
    if app.debug:
        _refuse_broken_lessons(app)
    return app


def _refuse_broken_lessons(app: Flask) -> None:
    """In debug, stop at once with the same report as `flask lessons check`."""
    from course.curriculum.assembly import CurriculumError

    try:
        app.extensions["lessons"].curriculum()
    except CurriculumError as error:
        raise SystemExit(f"The lesson files have problems:\n{error}\nRun `flask lessons check` after fixing them.") from None


def _configure_database(app: Flask) -> None:
    uri = app.config.get("SQLALCHEMY_DATABASE_URI")
    if not uri:
        os.makedirs(app.instance_path, exist_ok=True)
        uri = "sqlite:///" + os.path.join(app.instance_path, "vernetzt.db")
    app.config["SQLALCHEMY_DATABASE_URI"] = default_config.normalise_database_url(uri)


def _init_extensions(app: Flask) -> None:
    from course.auth.sessions import load_user

    db.init_app(app)
    migrate.init_app(app, db, directory=str(PROJECT_ROOT / "migrations"))
    csrf.init_app(app)
    limiter.init_app(app)
    lessons.init_app(app)

    from course.i18n import select_locale

    babel.init_app(app, locale_selector=select_locale)
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message_category = "info"
    login_manager.login_message = _l("Please sign in to see this page.")

    login_manager.user_loader(load_user)

    with app.app_context():
        if db.engine.dialect.name == "sqlite":
            configure_sqlite(db.engine, app.config["SQLITE_BUSY_TIMEOUT_MS"])


# Each feature is a package with a blueprint ``bp``. Its routes are in its ``views.py`` and, for a feature in rooms
# (``ROOMS`` in the package), in each room's ``views.py``.
FEATURES = ("auth", "accounts", "home", "mail", "notifications", "organisations", "workspace", "curriculum", "exercises",
            "drafts", "review", "guidelines", "dashboard", "trainer_material", "network", "events", "rounds",
            "surveys", "calendars", "staff", "audit", "privacy", "sso", "works_council")


def _register_blueprints(app: Flask) -> None:
    for feature in FEATURES:
        package = import_module(f"course.{feature}")
        modules = [f"{package.__name__}.{room}.views" for room in getattr(package, "ROOMS", ())]
        if find_spec(f"{package.__name__}.views") is not None:
            modules.insert(0, f"{package.__name__}.views")
        for module in modules:
            import_module(module)  # attaches the routes to bp
        app.register_blueprint(package.bp)
