"""The demo organisation a newcomer finds after `make run`."""
from dataclasses import dataclass
from datetime import timedelta

import sqlalchemy as sa

from course.accounts import services
from course.accounts.models import Organisation, Role, Track, User
from course.cohorts.models import Cohort, CohortMember, Pacing
from course.database import utcnow
from course.demo.alumni import alumni_people, seed_demo_alumni
from course.demo.events import seed_demo_event
from course.demo.former import seed_demo_former_participant
from course.demo.guidelines import seed_demo_guidelines
from course.demo.network import seed_demo_network
from course.demo.progress import COURSE_DAYS, seed_demo_progress
from course.demo.reviews import seed_demo_reviews
from course.demo.rollout import seed_demo_rollout
from course.demo.sso import seed_demo_sso
from course.demo.works_council import seed_demo_works_council
from course.extensions import db

DEMO_ORGANISATION = "Demo GmbH"
DEMO_PASSWORD = "vernetzt-demo"
DEMO_COHORT = "Spring cohort"


@dataclass(frozen=True)
class DemoPerson:
    name: str
    email: str
    role: Role
    track: Track | None = None


DEMO_PEOPLE = [
    DemoPerson("Ada Lehmann", "admin@demo.example", Role.ADMIN),
    DemoPerson("Nora Weiss", "trainer@demo.example", Role.TRAINER),
    DemoPerson("Lea Hoffmann", "lea@demo.example", Role.LEARNER, Track.LEADERSHIP),
    DemoPerson("Sam Richter", "sam@demo.example", Role.LEARNER, Track.STAFF),
    *(
        DemoPerson(name, f"{name.split()[0].lower()}@demo.example", Role.LEARNER, Track.STAFF)
        for name in [
            "Jonas Becker",
            "Aylin Demir",
            "Marta Nowak",
            "Felix Wagner",
            "Priya Raman",
            "Tobias Krüger",
            "Leonie Schmidt",
            "Emre Yilmaz",
            "Hannah Vogel",
        ]
    ),
]


SPRING = {person.email for person in DEMO_PEOPLE if person.role == Role.LEARNER}


def seed_demo() -> tuple[Organisation, list[User], str]:
    """Create the demo organisation and its people where they are missing.

    Running it again changes nothing but the demo wall's secret link: existing accounts keep their passwords.
    Returns the organisation, its people and the wall's new secret.
    """
    organisation = services.find_organisation(DEMO_ORGANISATION)
    if organisation is None:
        organisation = services.create_organisation(DEMO_ORGANISATION)
    users = []
    alumni = [DemoPerson(*person) for person in alumni_people()]
    for person in DEMO_PEOPLE + alumni:
        user = services.find_user_by_email(person.email)
        if user is None:
            user = services.create_user(
                name=person.name,
                email=person.email,
                role=person.role,
                track=person.track,
                organisation=organisation if person.role != Role.ADMIN else None,
                password=DEMO_PASSWORD,
            )
        users.append(user)
    by_email = {user.email: user for user in users}
    cohort = _seed_cohort(organisation, [user for user in users if user.email in SPRING])
    seed_demo_progress({user.email: user for user in users if user.is_learner and user.email in SPRING})
    seed_demo_reviews(cohort)
    seed_demo_network(cohort)
    trainer = next((user for user in users if user.role == Role.TRAINER), None)
    wall_token = seed_demo_event(cohort, trainer.id if trainer else None)
    seed_demo_guidelines(organisation, {user.email: user for user in users})
    seed_demo_alumni(organisation, by_email)
    seed_demo_rollout(organisation, next((user for user in users if user.role == Role.ADMIN), None))
    seed_demo_former_participant(organisation, cohort)
    seed_demo_sso(organisation)
    users += seed_demo_works_council(DEMO_PASSWORD)
    return organisation, users, wall_token


def _seed_cohort(organisation: Organisation, learners: list[User]) -> Cohort:
    """A self-paced cohort holding every demo learner who is in no cohort yet."""
    cohort = db.session.scalar(
        sa.select(Cohort).where(Cohort.organisation_id == organisation.id, Cohort.name == DEMO_COHORT)
    )
    if cohort is None:
        cohort = Cohort(organisation=organisation, name=DEMO_COHORT, hashtag="#DemoVernetzt",
                        starts_on=utcnow().date() - timedelta(days=COURSE_DAYS), pacing=Pacing.SELF_PACED)
        db.session.add(cohort)
    placed = set(db.session.scalars(sa.select(CohortMember.user_id)))
    for learner in learners:
        if learner.id not in placed:
            cohort.members.append(CohortMember(user=learner, joined_at=utcnow() - timedelta(days=COURSE_DAYS)))
    db.session.flush()
    return cohort
