"""`flask privacy retention [--dry-run]`: what retention deletes, listed, and (without --dry-run) deleted."""
import click
from flask.cli import AppGroup

from course.database import utcnow
from course.extensions import db
from course.privacy.retention import due_for_deletion, run_retention

privacy_cli = AppGroup("privacy", help="Data protection: retention.")


@privacy_cli.command("retention")
@click.option("--dry-run", is_flag=True, help="Only list whose personal data would be deleted.")
def retention_command(dry_run: bool) -> None:
    """Delete the personal data of learners whose cohort closed longer ago than their organisation keeps it."""
    now = utcnow()
    due = due_for_deletion(now)
    for entry in due:
        click.echo(f"{entry.organisation.name}\t{entry.cohort.name}\t{entry.user.name} <{entry.user.email}>")
    if dry_run:
        click.echo(f"Dry run: {len(due)} people's personal data would be deleted; nothing was changed.")
        return
    deleted = run_retention(now)
    db.session.commit()
    click.echo(f"Deleted the personal data of {deleted} people.")
