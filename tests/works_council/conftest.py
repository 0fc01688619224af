"""An organisation in the works-council mode with a cohort of eight: Ann shares her progress, the others do not."""
import pytest

from course.accounts.models import Role
from course.cohorts.models import Cohort, CohortMember
from course.database import utcnow
from course.extensions import db

NAMES = ["Ann Adler", "Ben Brandt", "Cem Çelik", "Dora Dietz", "Emil Ernst", "Fay Fuchs", "Gül Groß", "Hal Hahn"]


@pytest.fixture
def council(organisation):
    organisation.works_council_mode = True
    organisation.smallest_group = 5
    db.session.commit()
    return organisation


def make_cohort(organisation, create_user, names, name="Spring") -> Cohort:
    cohort = Cohort(organisation_id=organisation.id, name=name, hashtag=f"#{name}")
    db.session.add(cohort)
    for person in names:
        user = create_user(Role.LEARNER, organisation=organisation, name=person, last_seen_at=utcnow())
        cohort.members.append(CohortMember(user=user))
    db.session.commit()
    return cohort


@pytest.fixture
def cohort(council, create_user):
    cohort = make_cohort(council, create_user, NAMES)
    member(cohort, "Ann Adler").shares_progress = True
    db.session.commit()
    return cohort


def member(cohort, name):
    return next(m.user for m in cohort.members if m.user.name == name)
