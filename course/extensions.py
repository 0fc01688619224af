"""Flask extensions, created unbound; ``create_app`` binds them. No feature is imported here."""
from flask_babel import Babel
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf.csrf import CSRFProtect
from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase

# Named constraints keep Alembic migrations reproducible on SQLite and PostgreSQL.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


# On PostgreSQL the worker's queue keeps its own tables (huey_*) in the same database; they are not ours to migrate.
QUEUE_TABLE_PREFIX = "huey_"


def include_in_migrations(name: str | None, type_: str, parent_names: dict) -> bool:
    """Whether Alembic compares and migrates this schema object: everything but the task queue's tables."""
    table = name if type_ == "table" else parent_names.get("table_name")
    return not (table or "").startswith(QUEUE_TABLE_PREFIX)


db = SQLAlchemy(model_class=Base)
migrate = Migrate(render_as_batch=True, compare_type=True, include_name=include_in_migrations)
login_manager = LoginManager()
csrf = CSRFProtect()
babel = Babel()
limiter = Limiter(key_func=get_remote_address, default_limits=[])
