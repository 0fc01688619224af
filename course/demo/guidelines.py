"""Published guidelines for the demo organisation, so a newcomer sees rules at work in the composer.

"Project Falcon" is on the list of terms never to post: writing it in any post shows the hint.
"""
from __future__ import annotations

from flask import current_app

from course.accounts.models import Organisation, User
from course.guidelines import services
from course.guidelines.acknowledgements import acknowledge
from course.guidelines.queries import latest_published
from course.guidelines.rules import Rules, rules_to_json

TRAINER = "trainer@demo.example"
LEADER = "lea@demo.example"
# Some have acknowledged; Sam has not, so he sees the banner, and the trainer has people to remind.
ACKNOWLEDGED = ("lea@demo.example", "jonas@demo.example", "aylin@demo.example", "marta@demo.example")

DETAILS = {
    "organisation": "Demo GmbH",
    "social_contact": "Nora Weiss, social@demo.example",
    "crisis_contact": "Communications on call: +49 30 1234 5678 (day and night)",
}
RULES = Rules(
    employer_names=("Demo GmbH",),
    disclosure_phrases=("my own views", "meine persönliche Meinung", "privat hier"),
    forbidden_terms=("Project Falcon", "Nordlicht Logistik"),
    hashtags=("#DemoGmbH", "#DemoVernetzt"),
    platforms=("linkedin", "mastodon"),
)


def seed_demo_guidelines(organisation: Organisation, people: dict[str, User]) -> None:
    """Publish version 1, written by the trainer and published by Lea from leadership, unless one exists."""
    if latest_published(organisation) is not None:
        return
    trainer, leader = people[TRAINER], people[LEADER]
    draft = services.start_draft(organisation, trainer, current_app.config["BABEL_DEFAULT_LOCALE"])
    services.update_details(draft, trainer, revision=draft.revision, language=draft.language, details=DETAILS,
                            rules=rules_to_json(RULES))
    services.publish(draft, leader, "First version, written by leadership and the trainer together.")
    for email in ACKNOWLEDGED:
        acknowledge(people[email], draft)
