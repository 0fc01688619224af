"""The worker's jobs for events: fetch outside posts under each hashtag, and delete them once their time is up."""
import logging

from huey import crontab

from course.database import utcnow
from course.events.services import purge_outside_posts
from course.events.sources.fetching import fetch_due_events
from course.extensions import db
from course.worker import app_task

log = logging.getLogger(__name__)


@app_task(periodic=crontab(minute="*"))
def fetch_outside_posts() -> None:
    """Every minute: public posts under the hashtags of events that take them, rate limits respected."""
    for line in fetch_due_events(utcnow()):
        log.info("events: %s", line)


@app_task(periodic=crontab(minute="17", hour="3"))
def delete_outside_posts() -> None:
    """Every night: outside posts of events that ended more than their set number of days ago."""
    deleted = purge_outside_posts(utcnow())
    db.session.commit()
    if deleted:
        log.info("events: %d outside posts deleted", deleted)
