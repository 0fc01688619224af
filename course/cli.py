"""Command-line tasks: `flask seed-demo`, `flask users create`, `flask users invite`, `flask reviews …`."""
import click
from flask import Flask
from flask.cli import AppGroup

from course.accounts import services
from course.accounts.models import Role, Track, User
from course.extensions import db
from course.links import external_url

users_cli = AppGroup("users", help="Create and invite accounts.")


def format_table(headers: list[str], rows: list[list[str]]) -> str:
    """Plain-text table with aligned columns."""
    widths = [max(len(str(cell)) for cell in column) for column in zip(headers, *rows, strict=True)]
    lines = [headers, ["-" * width for width in widths], *rows]
    return "\n".join("  ".join(str(c).ljust(w) for c, w in zip(line, widths, strict=True)).rstrip() for line in lines)


@click.command("seed-demo")
def seed_demo_command() -> None:
    """Create the demo organisation and its users (safe to run again)."""
    from course.demo import DEMO_PASSWORD, seed_demo
    from course.demo.works_council import COUNCIL_ORGANISATION, COUNCIL_TRAINER

    organisation, users, wall_token = seed_demo()
    db.session.commit()
    rows = [[u.email, u.role.value + (", works council" if u.works_council_member else ""),
             u.track.value if u.track else "", u.name] for u in users]
    click.echo(f"Demo organisation: {organisation.name}. Every demo login uses the password {DEMO_PASSWORD!r}.\n")
    click.echo(format_table(["e-mail", "role", "track", "name"], rows))
    name, email = COUNCIL_TRAINER
    click.echo(f"\n{COUNCIL_ORGANISATION} runs the works-council mode: sign in as its trainer {name} ({email}) to "
               f"see group figures only, and by name the one learner who shares her progress.")
    click.echo(f"\nThe demo event's wall, for a projector (no sign-in; a new link each start): "
               f"{external_url('events.wall', token=wall_token)}")


def _resolve(organisation_name: str | None):
    if organisation_name is None:
        return None
    organisation = services.find_organisation(organisation_name)
    if organisation is None:
        raise click.BadParameter(f"no organisation called {organisation_name!r}", param_hint="--organisation")
    return organisation


def _account_options(command):
    """The options that describe a new account, shared by `create` and `invite`."""
    options = [
        click.option("--name", required=True),
        click.option("--email", required=True),
        click.option("--role", type=click.Choice([r.value for r in Role]),
                     default=Role.LEARNER.value, show_default=True),
        click.option("--track", type=click.Choice([t.value for t in Track]), help="Required for learners."),
        click.option("--organisation", "organisation_name",
                     help="Name of the organisation (learners: theirs; trainers: one they train)."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _create(name, email, role, track, organisation_name, password) -> User:
    try:
        return services.create_user(
            name=name, email=email, role=Role(role), track=Track(track) if track else None,
            organisation=_resolve(organisation_name), password=password,
        )
    except services.AccountError as error:
        raise click.ClickException(str(error)) from error


@users_cli.command("create")
@_account_options
@click.password_option(help="The new account's password (asked for when left out).")
def create_user_command(password, **account) -> None:
    """Create an account with a password."""
    user = _create(password=password, **account)
    db.session.commit()
    click.echo(f"Created {user.role.value} {user.email}.")


@users_cli.command("invite")
@_account_options
def invite_user_command(**account) -> None:
    """Create an account without a password and mail its owner an invitation link."""
    user = _create(password=None, **account)
    link = services.invite_user(user)
    db.session.commit()
    click.echo(f"Invited {user.email}. The invitation link (also in the outbox, for the worker to deliver):\n{link}")


def init_cli(app: Flask) -> None:
    """Register the commands."""
    from course.curriculum.cli import lessons_cli
    from course.privacy.cli import privacy_cli
    from course.review.cli import reviews_cli

    app.cli.add_command(seed_demo_command)
    app.cli.add_command(users_cli)
    app.cli.add_command(lessons_cli)
    app.cli.add_command(reviews_cli)
    app.cli.add_command(privacy_cli)
