"""The background worker's jobs: delivering mail, retrying it, rebalancing overdue reviews, reminding circles of
their check-ins and offering the follow-up survey.

Mail is delivered right after the transaction that wrote it commits, and every minute for retries and
for anything a lost task left behind: the outbox table, not the queue, is the record of what is due.
"""
import logging

import sqlalchemy as sa
from huey import crontab

from course.database import utcnow
from course.extensions import db
from course.mail.delivery import deliver_due
from course.mail.services import DELIVERY_PENDING
from course.review.assignment import rebalance_reviews
from course.rounds.reminders import remind_due_check_ins
from course.surveys.offers import offer_follow_ups
from course.worker import app_task, huey

log = logging.getLogger(__name__)


@app_task
def deliver_mail() -> None:
    """Deliver the waiting messages now (enqueued after every commit that wrote one)."""
    _deliver()


@app_task(periodic=crontab(minute="*"))
def retry_mail() -> None:
    """Deliver what is due for another try, and what an interrupted worker left behind."""
    _deliver()


@app_task(periodic=crontab(minute="*/30"))
def rebalance_overdue_reviews() -> None:
    """Give overdue reviews to active reviewers as well (what `flask reviews rebalance` does)."""
    result = rebalance_reviews()
    db.session.commit()
    if result.overdue:
        log.info("rebalance: %d overdue, %d reassigned, %d waiting", result.overdue, result.reassigned, result.waiting)


@app_task(periodic=crontab(minute="5"))
def remind_check_ins() -> None:
    """Remind members of a running round whose check-in is due, once per due check-in."""
    written = remind_due_check_ins(utcnow())
    db.session.commit()
    if written:
        log.info("rounds: %d check-in reminders written", written)


@app_task(periodic=crontab(minute="35"))
def offer_follow_up_surveys() -> None:
    """Offer the follow-up survey to everyone whose closing survey is 90 days old, once each."""
    written = offer_follow_ups(utcnow())
    db.session.commit()
    if written:
        log.info("surveys: %d follow-up surveys offered", written)


def _deliver() -> None:
    run = deliver_due()
    if run.sent or run.retrying or run.failed or run.released:
        log.info("mail: %d sent, %d to retry, %d failed, %d interrupted sends released",
                 run.sent, run.retrying, run.failed, run.released)


@huey.on_startup()
def _catch_up() -> None:
    # Whatever was written while no worker ran goes out as soon as one starts.
    deliver_mail()


@sa.event.listens_for(db.session, "after_commit")
def _enqueue_delivery(session) -> None:
    if not session.info.pop(DELIVERY_PENDING, False):
        return
    try:
        deliver_mail()
    except Exception:  # the queue is unreachable: the messages are safe in the outbox, retry_mail sends them
        log.exception("could not enqueue mail delivery; the next periodic run delivers it")


@sa.event.listens_for(db.session, "after_soft_rollback")
def _forget_delivery(session, _previous_transaction) -> None:
    session.info.pop(DELIVERY_PENDING, None)


from course.events import tasks as _event_tasks  # noqa: E402, F401  (fetching and deleting outside posts)
from course.privacy import tasks as _privacy_tasks  # noqa: E402, F401  (retention)
