"""`flask lessons check`: validate every lesson file."""
from datetime import UTC, datetime

import click
from flask.cli import AppGroup

from course.curriculum.assembly import CurriculumError
from course.curriculum.freshness import stale_facts_warnings
from course.curriculum.library import lessons

lessons_cli = AppGroup("lessons", help="Work with the lesson files.")


@lessons_cli.command("check")
def check_command() -> None:
    """Validate every lesson file; exit non-zero naming each file and problem.

    Platform facts older than twelve months are reported as warnings: the check still passes.
    """
    try:
        curriculum = lessons.store.curriculum()
    except CurriculumError as error:
        for problem in error.problems:
            click.echo(str(problem), err=True)
        raise click.ClickException(f"{len(error.problems)} problem(s) in the lesson files") from error
    for warning in stale_facts_warnings(curriculum, datetime.now(UTC).date()):
        click.echo(f"warning: {warning}", err=True)
    count = len(curriculum.lessons)
    click.echo(f"{count} lessons in {len(curriculum.stages)} stages, each in English and German: all fine.")
