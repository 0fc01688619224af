"""Factories for the cohort pages: a cohort of active learners, and submitted drafts."""
from itertools import count

import pytest

from course.accounts.models import Role, Track, User
from course.cohorts.models import Cohort, CohortMember
from course.database import utcnow
from course.drafts.models import Draft
from course.extensions import db
from tests.factories import submit_post

LESSON = "connection-not-detox"


@pytest.fixture
def make_cohort(organisation, create_user):
    numbers = count(1)

    def factory(staff: int = 0, leadership: int = 0, *, of=None, **settings) -> Cohort:
        home = of or organisation
        cohort = Cohort(organisation_id=home.id, name=f"Cohort {next(numbers)}", **settings)
        db.session.add(cohort)
        for index in range(leadership + staff):
            user = create_user(Role.LEARNER, organisation=home, last_seen_at=utcnow(),
                               track=Track.LEADERSHIP if index < leadership else Track.STAFF)
            cohort.members.append(CohortMember(user=user))
        db.session.commit()
        return cohort

    return factory


def submit(user: User, text: str = "Try the #Fediverse guide by @ana – it helped me.") -> Draft:
    """``user`` writes and submits the post of the test lesson, which allocates reviewers."""
    return submit_post(user, text, LESSON)


def learners(cohort: Cohort) -> list[User]:
    return [member.user for member in cohort.members]
