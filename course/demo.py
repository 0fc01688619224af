"""The demo organisation a newcomer finds after `make run`."""
from dataclasses import dataclass

from course.accounts import services
from course.accounts.models import Organisation, Role, Track, User

DEMO_ORGANISATION = "Demo GmbH"
DEMO_PASSWORD = "vernetzt-demo"


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


def seed_demo() -> tuple[Organisation, list[User]]:
    """Create the demo organisation and its people where they are missing.

    Running it again changes nothing: existing accounts keep their passwords.
    """
    organisation = services.find_organisation(DEMO_ORGANISATION)
    if organisation is None:
        organisation = services.create_organisation(DEMO_ORGANISATION)
    users = []
    for person in DEMO_PEOPLE:
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
    return organisation, users
