"""The main navigation per role, and what every page's layout needs."""
from dataclasses import dataclass
from functools import cache

import sqlalchemy as sa
from flask import has_request_context, request, url_for
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from course.database import read_columns
from course.extensions import db
from course.guidelines.queries import acknowledges_guidelines, pending_number_subquery
from course.i18n import LANGUAGE_NAMES
from course.notifications.queries import unread_count_subquery

NAVIGATION = {
    "learner": [("curriculum.index", _l("My course")), ("review.index", _l("My reviews")),
                ("network.mine", _l("Network")), ("events.index", _l("Events")), ("guidelines.mine", _l("Guidelines"))],
    "trainer": [("home.index", _l("Organisations")), ("curriculum.index", _l("Curriculum")),
                ("trainer_material.index", _l("Trainer material")), ("events.index", _l("Events")),
                ("review.index", _l("My reviews")),
                ("mail.outbox", _l("Outbox"))],
    "admin": [("home.index", _l("Organisations")), ("curriculum.index", _l("Curriculum")),
              ("trainer_material.index", _l("Trainer material")), ("events.index", _l("Events")),
              ("mail.outbox", _l("Outbox")), ("staff.index", _l("Team"))],
}


# Pages that belong under another item than their blueprint's: writing, feedback and the follow-up survey are part of
# the course; the circle's rounds are with the circle, under My reviews.
SECTIONS = {"drafts": "curriculum", "exercises": "curriculum", "review.feedback": "curriculum", "rounds": "review",
            "surveys": "curriculum",
            "cohorts": "home", "organisations": "home", "audit": "home", "guidelines": "guidelines.mine",
            "network": "network.mine", "network.publish": "curriculum", "network.published": "curriculum"}


def _section(endpoint: str) -> str:
    blueprint = endpoint.partition(".")[0]
    return SECTIONS.get(endpoint) or SECTIONS.get(blueprint) or blueprint


@dataclass(frozen=True)
class Banner:
    """Shown on every page until the learner has acknowledged the guidelines in force."""

    number: int
    url: str


@dataclass(frozen=True)
class Header:
    """What every page shows the signed-in person above its content: unread messages, the guidelines banner."""

    unread: int = 0
    banner: Banner | None = None


@cache  # built once, in its two shapes: the page asks on every request
def _header_statement(with_banner: bool) -> sa.Select:
    columns = [unread_count_subquery(), pending_number_subquery()] if with_banner else [unread_count_subquery()]
    return sa.select(*columns)


def page_header() -> Header:
    """The unread count and the guidelines banner, read fresh in one statement."""
    if not current_user.is_authenticated:
        return Header()
    user = current_user._get_current_object()
    with_banner = acknowledges_guidelines(user) and request.endpoint != "guidelines.show"
    row = read_columns(db.session, _header_statement(with_banner),
                       {"user_id": user.id, "organisation_id": user.organisation_id}).one()
    number = row[1] if with_banner else None
    banner = None if number is None else Banner(number, url_for("guidelines.show", organisation_id=user.organisation_id))
    return Header(row[0] or 0, banner)


@dataclass(frozen=True)
class NavItem:
    url: str
    label: str
    is_current: bool


def navigation() -> list[NavItem]:
    """The links in the header for the signed-in user's role."""
    if not current_user.is_authenticated:
        return []
    section = _section(request.endpoint or "")
    items = [
        NavItem(url_for(endpoint), label, _section(endpoint) == section)
        for endpoint, label in NAVIGATION[current_user.role.value]
    ]
    if current_user.works_council_member:  # the works council reads its organisation's audit log
        items.append(NavItem(url_for("audit.log", organisation_id=current_user.organisation_id), _l("Audit log"),
                             _section("audit.log") == section))
    return items


def layout_context() -> dict:
    """Variables every page gets: navigation, language switch, current path."""
    if not has_request_context():  # mail rendered by a CLI command
        return {}
    return {
        # Called by base.html only, so partials and mails rendered during a request cost no queries.
        "nav_items": navigation,
        "language_names": LANGUAGE_NAMES,
        "current_language": str(get_locale()),
        "current_path": request.full_path.rstrip("?"),
        "page_header": page_header,
    }
