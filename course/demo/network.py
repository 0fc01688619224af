"""The demo's network: people who say where they are online, posts published from the course, a feed.

Addresses are on example domains or marked "demo", so the demo never points at a real person.
Publications go through the real service, which checks every link as it checks a learner's.
"""
from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from course.cohorts.models import Cohort
from course.database import utcnow
from course.drafts.models import Draft
from course.extensions import db
from course.network import services
from course.network.models import FollowMark, Publication, ReplyMark, ShownAs, Visibility

# e-mail -> (who sees them, how their name appears, {platform: address})
PRESENCES = {
    "sam@demo.example": (Visibility.COHORT, ShownAs.NAME,
                         {"mastodon": "@sam@mastodon.example", "x": "demo_sam_r",
                          "linkedin": "https://www.linkedin.com/in/demo-sam-richter"}),
    "lea@demo.example": (Visibility.ORGANISATION, ShownAs.NAME,
                         {"linkedin": "https://www.linkedin.com/in/demo-lea-hoffmann", "bluesky": "lea.demo.example",
                          "blog": "https://lea.demo.example"}),
    "jonas@demo.example": (Visibility.CIRCLE, ShownAs.NAME, {"mastodon": "@jonas@social.example", "x": "demo_jonas_b"}),
    "aylin@demo.example": (Visibility.COHORT, ShownAs.INITIALS, {"x": "demo_aylin_d", "threads": "demo.aylin"}),
    "marta@demo.example": (Visibility.COHORT, ShownAs.HANDLE, {"x": "demo_marta_n", "mastodon": "@marta@social.example"}),
    "felix@demo.example": (Visibility.COHORT, ShownAs.NAME, {"x": "demo_felix_w", "bluesky": "felix.demo.example"}),
}


def seed_demo_network(cohort: Cohort) -> None:
    """Presences, the demo's submitted posts published on X with their links, and a few private ticks."""
    people = {member.user.email: member.user for member in cohort.members}
    if db.session.scalar(sa.select(Publication.id).where(Publication.cohort_id == cohort.id).limit(1)):
        return
    for email, (visibility, shown_as, addresses) in PRESENCES.items():
        if email in people:
            services.save_presences(people[email], addresses, visibility, shown_as)
    db.session.flush()
    drafts = list(db.session.scalars(sa.select(Draft).where(
        Draft.user_id.in_([user.id for user in people.values()]), Draft.first_submitted_at.is_not(None))
        .order_by(Draft.id)))
    now = utcnow()
    published = []
    for number, draft in enumerate(drafts):
        handle = PRESENCES.get(draft.author.email, (None, None, {}))[2].get("x")
        if handle is None:
            continue
        link = f"https://x.com/{handle}/status/18{number:03d}00000000000000"
        publication = services.publish(draft.author, draft, "x", draft.texts["post"], link)
        publication.published_at = now - timedelta(days=len(drafts) - number, hours=number)
        published.append(publication)
    db.session.flush()
    sam, lea = people.get("sam@demo.example"), people.get("lea@demo.example")
    if sam is not None and lea is not None:
        services.set_mark(FollowMark, sam, lea.id, True)
    others = [p for p in published if sam is not None and p.user_id != sam.id]
    if sam is not None and others:
        services.set_mark(ReplyMark, sam, others[0].id, True)
    db.session.flush()
