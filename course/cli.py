"""Command-line tasks: `flask seed-demo`, `flask users create`, `flask users invite`."""
import click
from flask import Flask
from flask.cli import AppGroup

from course.accounts import services
from course.accounts.models import Role, Track, User
from course.extensions import db

users_cli = AppGroup("users", help="Create and invite accounts.")


def format_table(headers: list[str], rows: list[list[str]]) -> str:
    """Plain-text table with aligned columns."""
    widths = [max(len(str(cell)) for cell in column) for column in zip(headers, *rows)]
    lines = [headers, ["-" * width for width in widths], *rows]
    return "\n".join("  ".join(str(c).ljust(w) for c, w in zip(line, widths)).rstrip() for line in lines)


@click.command("seed-demo")
def seed_demo_command() -> None:
    """Create the demo organisation and its users (safe to run again)."""
    from course.demo import DEMO_PASSWORD, seed_demo

    organisation, users = seed_demo()
    db.session.commit()
    rows = [[u.email, u.role.value, u.track.value if u.track else "", u.name] for u in users]
    click.echo(f"Demo organisation: {organisation.name}. Every demo login uses the password {DEMO_PASSWORD!r}.\n")
    click.echo(format_table(["e-mail", "role", "track", "name"], rows))


def _organisation_option(required: bool = False):
    return click.option("--organisation", "organisation_name", required=required,
                        help="Name of the organisation (learners: theirs; trainers: one they train).")


def _resolve(organisation_name: str | None):
    if organisation_name is None:
        return None
    organisation = services.find_organisation(organisation_name)
    if organisation is None:
        raise click.BadParameter(f"no organisation called {organisation_name!r}", param_hint="--organisation")
    return organisation


def _create(name, email, role, track, organisation_name, password) -> User:
    try:
        return services.create_user(
            name=name, email=email, role=Role(role), track=Track(track) if track else None,
            organisation=_resolve(organisation_name), password=password,
        )
    except services.AccountError as error:
        raise click.ClickException(str(error)) from error


_ROLE = click.option("--role", type=click.Choice([r.value for r in Role]), default=Role.LEARNER.value, show_default=True)
_TRACK = click.option("--track", type=click.Choice([t.value for t in Track]), help="Required for learners.")


@users_cli.command("create")
@click.option("--name", required=True)
@click.option("--email", required=True)
@_ROLE
@_TRACK
@_organisation_option()
@click.password_option(help="The new account's password (asked for when left out).")
def create_user_command(name, email, role, track, organisation_name, password) -> None:
    """Create an account with a password."""
    user = _create(name, email, role, track, organisation_name, password)
    db.session.commit()
    click.echo(f"Created {user.role.value} {user.email}.")


@users_cli.command("invite")
@click.option("--name", required=True)
@click.option("--email", required=True)
@_ROLE
@_TRACK
@_organisation_option()
def invite_user_command(name, email, role, track, organisation_name) -> None:
    """Create an account without a password and mail its owner an invitation link."""
    user = _create(name, email, role, track, organisation_name, None)
    link = services.invite_user(user)
    db.session.commit()
    click.echo(f"Invited {user.email}. The invitation link (also sent by mail or kept in the outbox):\n{link}")


def init_cli(app: Flask) -> None:
    """Register the commands."""
    app.cli.add_command(seed_demo_command)
    app.cli.add_command(users_cli)
