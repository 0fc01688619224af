"""The background worker: a Huey queue bound to the app, and `flask worker` to run its consumer.

The queue lives where the data lives unless ``TASK_QUEUE_URL`` says otherwise: a SQLite file beside
the embedded database, or tables in the same PostgreSQL database; ``redis://…`` for Redis. Every
app server enqueues into it, and any number of `flask worker` processes, on any machine that
reaches it, take the tasks.
"""
import logging
import os
from collections.abc import Callable
from functools import wraps

import click
import sqlalchemy as sa
from flask import Flask, current_app
from flask.cli import with_appcontext
from huey import Huey
from huey.storage import MemoryStorage, PostgresStorage, RedisStorage, SqliteStorage

huey = Huey("vernetzt", storage_class=MemoryStorage, results=False, utc=True)
_bound_app: list[Flask] = []  # the app the consumer's tasks run in


def init_worker(app: Flask) -> None:
    """Point the queue at this app's storage and let tasks run inside this app."""
    import course.tasks  # noqa: F401  (the tasks, and enqueueing mail delivery after each commit)

    huey.storage = _storage(app)
    _bound_app[:] = [app]
    app.cli.add_command(worker_command)


def app_task(function: Callable | None = None, *, periodic=None, **options):
    """A Huey task (periodic when ``periodic`` is a crontab) that runs inside the app's context."""

    def decorator(function: Callable):
        @wraps(function)
        def in_app(*args, **kwargs):
            with _bound_app[0].app_context():
                return function(*args, **kwargs)

        if periodic is not None:
            return huey.periodic_task(periodic, **options)(in_app)
        return huey.task(**options)(in_app)

    return decorator(function) if function is not None else decorator


def queue_url(app: Flask) -> str:
    """Where tasks are kept: ``TASK_QUEUE_URL``, else beside the app's own database."""
    if app.config.get("TASK_QUEUE_URL"):
        return app.config["TASK_QUEUE_URL"]
    database = sa.engine.make_url(app.config["SQLALCHEMY_DATABASE_URI"])
    if database.get_backend_name() == "postgresql":
        return database.set(drivername="postgresql").render_as_string(hide_password=False)
    return "sqlite:///" + os.path.join(app.instance_path, "tasks.db")


def _storage(app: Flask):
    url = queue_url(app)
    if url == "memory://":
        return MemoryStorage(huey.name)
    if url.startswith(("redis://", "rediss://", "unix://")):
        return RedisStorage(huey.name, url=url)
    if url.startswith(("postgresql://", "postgres://")):
        return PostgresStorage(huey.name, dsn=url)
    if url.startswith("sqlite:///"):
        return SqliteStorage(huey.name, filename=url.removeprefix("sqlite:///"))
    raise RuntimeError(f"TASK_QUEUE_URL {url!r} is not understood: use sqlite:///…, postgresql://…, redis://… "
                       "or memory://.")


@click.command("worker")
@click.option("--workers", default=2, show_default=True, help="Threads that run tasks at the same time.")
@click.option("--periodic/--no-periodic", default=True, show_default=True,
              help="Also run the periodic jobs (run them on one worker machine only).")
@with_appcontext
def worker_command(workers: int, periodic: bool) -> None:
    """Run the background worker: mail delivery, retries, rebalancing reviews."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s worker %(levelname)s %(message)s")
    logging.getLogger("huey").setLevel(logging.WARNING)  # one line per task every minute is noise; ours say what was sent
    where = sa.engine.make_url(queue_url(current_app)).render_as_string(hide_password=True)
    click.echo(f"Worker: {workers} thread(s), periodic jobs {'on' if periodic else 'off'}, queue {where}.")
    huey.create_consumer(workers=workers, worker_type="thread", periodic=periodic).run()
