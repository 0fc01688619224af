"""A cohort with a review circle of three, one more member outside it, and a colleague in no cohort."""
from dataclasses import dataclass

import pytest

from course.accounts.models import Role, User
from course.cohorts.models import Cohort, CohortMember
from course.extensions import db
from course.network.addresses import parse_address
from course.network.models import NetworkProfile, Presence, ShownAs, Visibility
from tests.factories import circle_of_three


@dataclass
class Network:
    cohort: Cohort
    author: User  # Alex Author, in circle 1 with Robin and Kim
    robin: User
    kim: User
    outside_circle: User  # in the cohort, in no circle
    colleague: User  # same organisation, no cohort
    trainer: User


def show(user: User, visibility: Visibility, shown_as: ShownAs = ShownAs.NAME, **addresses: str) -> None:
    db.session.add(NetworkProfile(user_id=user.id, visibility=visibility, shown_as=shown_as))
    for platform, typed in addresses.items():
        db.session.add(Presence(user_id=user.id, platform=platform, address=parse_address(platform, typed)))
    db.session.commit()


@pytest.fixture
def network(create_user, organisation, trainer) -> Network:
    circle = circle_of_three(create_user, organisation)
    outside = create_user(organisation=organisation, name="Olga Outside", email="olga@acme.example")
    circle.cohort.members.append(CohortMember(user=outside))
    colleague = create_user(organisation=organisation, name="Carl Colleague", email="carl@acme.example")
    db.session.commit()
    return Network(circle.cohort, circle.author, *circle.reviewers, outside, colleague, trainer)


@pytest.fixture
def stranger(create_user) -> User:
    """A trainer of another organisation."""
    return create_user(Role.TRAINER)
