"""`flask reviews rebalance`: reassign overdue reviews; meant to run from cron."""
import click
from flask.cli import AppGroup

from course.extensions import db
from course.review.assignment import rebalance_reviews

reviews_cli = AppGroup("reviews", help="Peer review housekeeping.")


@reviews_cli.command("rebalance")
def rebalance_command() -> None:
    """Give every overdue review to an active reviewer as well, and tell the late reviewer once."""
    result = rebalance_reviews()
    db.session.commit()
    if not result.overdue:
        click.echo("No overdue reviews: nothing to reassign.")
        return
    click.echo(f"{result.overdue} overdue review(s); {len(result.assignments)} reassigned "
               f"({sum(a.kind == 'fallback' for a in result.assignments)} of them to a trainer).")
    if len(result.assignments) < result.overdue:
        click.echo("Some drafts found nobody to take over: the organisation has no active trainer.")
