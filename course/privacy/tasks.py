"""The worker's retention run, once a night."""
import logging

from huey import crontab

from course.database import utcnow
from course.extensions import db
from course.privacy.retention import run_retention
from course.worker import app_task

log = logging.getLogger(__name__)


@app_task(periodic=crontab(hour="3", minute="15"))
def apply_retention() -> None:
    """Delete the personal data whose organisation's retention has passed (what `flask privacy retention` does)."""
    deleted = run_retention(utcnow())
    db.session.commit()
    if deleted:
        log.info("retention: personal data of %d people deleted", deleted)
