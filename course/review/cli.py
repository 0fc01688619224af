"""`flask reviews rebalance`: reassign overdue reviews; meant to run from cron."""
import click
from flask.cli import AppGroup

from course.extensions import db
from course.review.assignment import rebalance_reviews
from course.review.models import ReviewKind

reviews_cli = AppGroup("reviews", help="Peer review housekeeping.")


@reviews_cli.command("rebalance")
def rebalance_command() -> None:
    """Give every overdue review to an active reviewer as well, and tell the late reviewer once."""
    result = rebalance_reviews()
    db.session.commit()
    if not result.overdue:
        click.echo("No overdue reviews: nothing to reassign.")
        return
    to_trainers = sum(item.kind == ReviewKind.FALLBACK for item in result.assignments)
    click.echo(f"{result.overdue} overdue review(s): {result.reassigned} given to someone else as well "
               f"({len(result.assignments)} new review(s), {to_trainers} of them to a trainer).")
    if result.waiting:
        click.echo(f"{result.waiting} wait for the next run: nobody active is free to take them over yet.")
