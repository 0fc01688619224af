"""A circle of four whose stages are all open, and a learner of the same cohort in another circle."""
from dataclasses import dataclass
from datetime import timedelta

import pytest

from course.accounts.models import Role, User
from course.cohorts.models import Circle, Cohort, CohortMember
from course.database import utcnow
from course.extensions import db
from course.rounds.models import ROUND_DAYS, CircleRound
from tests.conftest import open_every_stage


@dataclass
class World:
    cohort: Cohort
    circle: Circle
    members: list[User]  # Ana, Ben, Cem, Dora
    outsider: User  # same cohort, another circle


@pytest.fixture
def world(create_user, organisation) -> World:
    names = ["Ana Alt", "Ben Berg", "Cem Cakir", "Dora Dietz"]
    members = [create_user(Role.LEARNER, organisation=organisation, name=name,
                           email=f"{name.split()[0].lower()}@acme.example") for name in names]
    outsider = create_user(Role.LEARNER, organisation=organisation, name="Olga Other", email="olga@acme.example")
    cohort = open_every_stage(members[0])
    circle, other = Circle(cohort=cohort, number=1), Circle(cohort=cohort, number=2)
    db.session.add_all([circle, other])
    cohort.members[0].circle = circle
    cohort.members += [CohortMember(user=person, circle=circle) for person in members[1:]]
    cohort.members.append(CohortMember(user=outsider, circle=other))
    db.session.commit()
    return World(cohort, circle, members, outsider)


def running_round(circle: Circle, days_ago: float = 0, number: int = 1) -> CircleRound:
    """A round of ``circle`` that started ``days_ago``."""
    started = utcnow() - timedelta(days=days_ago)
    round_ = CircleRound(circle_id=circle.id, number=number, started_at=started,
                         ends_at=started + timedelta(days=ROUND_DAYS))
    db.session.add(round_)
    db.session.commit()
    return round_
