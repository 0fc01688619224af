"""People around one organisation's guidelines, and helpers that build them over HTTP or through the services.

``organisation`` (Acme AG) has a trainer, a leadership learner (``leader``) and a staff learner (``staff``);
Globex GmbH next door has its own trainer and learner, who must never see Acme's guidelines.
"""
from __future__ import annotations

import html
import re

import pytest
import sqlalchemy as sa

from course.accounts.models import Organisation, Role, Track, User
from course.extensions import db
from course.guidelines import services
from course.guidelines.content import section_body, section_title
from course.guidelines.models import GuidelineSection, GuidelineVersion
from course.guidelines.queries import draft_of
from course.guidelines.rules import Rules, rules_to_json
from tests.conftest import AuthActions, csrf_token


@pytest.fixture
def leader(create_user, organisation) -> User:
    return create_user(Role.LEARNER, organisation=organisation, track=Track.LEADERSHIP, name="Lea Leader",
                       email="lea@acme.example")


@pytest.fixture
def staff(create_user, organisation) -> User:
    return create_user(Role.LEARNER, organisation=organisation, track=Track.STAFF, name="Stan Staff",
                       email="stan@acme.example")


@pytest.fixture
def other_organisation(create_organisation) -> Organisation:
    return create_organisation("Globex GmbH")


@pytest.fixture
def outsider_trainer(create_user, other_organisation) -> User:
    return create_user(Role.TRAINER, organisation=other_organisation, name="Otto Outsider",
                       email="otto@globex.example")


@pytest.fixture
def outsider_learner(create_user, other_organisation) -> User:
    # Leadership: the strongest learner there is, and still a stranger to Acme's guidelines.
    return create_user(Role.LEARNER, organisation=other_organisation, track=Track.LEADERSHIP, name="Olga Outsider",
                       email="olga@globex.example")


# Reading pages ---------------------------------------------------------------

def text_of(response) -> str:
    """The page with HTML entities resolved, for comparing with what a reader sees."""
    return html.unescape(response.get_data(as_text=True))


def textarea(page: str, name: str) -> str:
    """The content of the textarea ``name`` (entities resolved), as a browser would submit it."""
    match = re.search(rf'<textarea[^>]*name="{name}"[^>]*>\r?\n?(.*?)</textarea>', page, re.S)
    assert match, f"no textarea {name}"
    return html.unescape(match.group(1))


def input_value(page: str, name: str) -> str:
    match = re.search(rf'<input[^>]*name="{name}"[^>]*>', page)
    assert match, f"no input {name}"
    value = re.search(r'value="([^"]*)"', match.group(0))
    return html.unescape(value.group(1)) if value else ""


def section_keys(version: GuidelineVersion) -> list[str]:
    return [section.key for section in sorted(version.sections, key=lambda s: s.position)]


def fresh_draft(organisation: Organisation) -> GuidelineVersion | None:
    """The draft as stored: whatever a request left in the shared session unsaved is dropped first."""
    db.session.rollback()
    return draft_of(organisation)


def all_versions(organisation: Organisation) -> list[GuidelineVersion]:
    db.session.rollback()
    return list(db.session.scalars(sa.select(GuidelineVersion).where(GuidelineVersion.organisation_id == organisation.id)
                                   .order_by(GuidelineVersion.number)))


# Visiting and building over HTTP ---------------------------------------------

class Visitor:
    """One person signed in with a browser of their own (a test client)."""

    def __init__(self, client, user: User):
        self.client, self.auth, self.user = client, AuthActions(client), user
        response = self.auth.login(user.email)
        assert response.status_code == 302, f"{user.email} could not sign in"

    def get(self, path: str, **kwargs):
        return self.client.get(path, **kwargs)

    def post(self, path: str, data: dict | None = None, **kwargs):
        """A form post with the session's CSRF token."""
        return self.auth.post(path, data, **kwargs)

    def post_json(self, path: str, body: dict):
        token = csrf_token(self.client)
        return self.client.post(path, json=body, headers={"X-CSRFToken": token})

    def page(self, path: str) -> str:
        response = self.get(path)
        assert response.status_code == 200, f"GET {path}: {response.status_code}"
        return response.get_data(as_text=True)


class Builder:
    """The builder's forms, posted as the pages post them."""

    def __init__(self, visitor: Visitor, organisation: Organisation):
        self.visitor, self.organisation = visitor, organisation
        self.base = f"/guidelines/{organisation.id}"

    @property
    def draft(self) -> GuidelineVersion | None:
        return fresh_draft(self.organisation)

    def section_of(self, key: str) -> GuidelineSection:
        return next(section for section in self.draft.sections if section.key == key)

    def start(self, language: str = "en"):
        return self.visitor.post(f"{self.base}/draft", {"language": language})

    def details(self, *, revision: int | None = None, action: str = "save", **fields):
        draft = self.draft
        data = {"revision": str(draft.revision if revision is None else revision), "language": draft.language,
                "organisation": self.organisation.name, "social_contact": "", "crisis_contact": "",
                "employer_names": "", "hashtags": "", "platforms": [], action: "1", **fields}
        return self.visitor.post(f"{self.base}/draft/details", data)

    def section(self, key: str, *, title: str | None = None, body: str = "", revision: int | None = None,
                action: str = "save", **fields):
        found = self.section_of(key)
        data = {"revision": str(found.revision if revision is None else revision),
                "title": section_title(found) if title is None else title, "body": body, **fields}
        if action:
            data[action] = "1"
        return self.visitor.post(f"{self.base}/draft/sections/{key}", data)

    def skip(self, key: str, skipped: bool = True, **fields):
        return self.visitor.post(f"{self.base}/draft/sections/{key}/skip", {"skipped": "1" if skipped else "0",
                                                                            **fields})

    def move(self, key: str, direction: str):
        return self.visitor.post(f"{self.base}/draft/sections/{key}/move", {"direction": direction})

    def add(self, title: str):
        return self.visitor.post(f"{self.base}/draft/sections", {"title": title})

    def delete(self, key: str):
        return self.visitor.post(f"{self.base}/draft/sections/{key}/delete")

    def publish(self, note: str):
        return self.visitor.post(f"{self.base}/draft/publish", {"note": note})

    def discard(self):
        return self.visitor.post(f"{self.base}/draft/discard")

    def preview(self, body: dict):
        return self.visitor.post_json(f"{self.base}/preview", body)


@pytest.fixture
def visit(app):
    """``visit(user)``: that person, signed in with a browser of their own."""

    def factory(user: User) -> Visitor:
        return Visitor(app.test_client(), user)

    return factory


@pytest.fixture
def builder(visit, organisation):
    """``builder(user)``: the builder of the organisation's guidelines, used by ``user``."""

    def factory(user: User, of: Organisation | None = None) -> Builder:
        return Builder(visit(user), of or organisation)

    return factory


@pytest.fixture
def start(builder):
    """``start(user, language)``: ``user`` presses "Start the guidelines"; the builder is returned."""

    def factory(user: User, language: str = "en") -> Builder:
        used = builder(user)
        response = used.start(language)
        assert response.status_code == 302 and response.location.endswith("/draft/details"), response.status_code
        return used

    return factory


# Building through the services -----------------------------------------------

@pytest.fixture
def published(organisation, trainer):
    """Build a version through the services and publish it; returns the published version.

    ``texts`` maps section keys to their own text (``titles`` renames them), ``skipped`` leaves sections out,
    ``added`` appends sections of the organisation's own as (title, text), ``moves`` are (key, -1 or +1).
    """

    def factory(*, of: Organisation | None = None, by: User | None = None, language: str = "en",
                note: str = "First version.", details: dict[str, str] | None = None, rules: Rules | None = None,
                texts: dict[str, str] | None = None, titles: dict[str, str] | None = None,
                skipped: tuple[str, ...] = (), added: tuple[tuple[str, str], ...] = (),
                moves: tuple[tuple[str, int], ...] = ()) -> GuidelineVersion:
        by = by or trainer
        draft = services.start_draft(of or organisation, by, language)
        if details is not None or rules is not None:
            services.update_details(draft, by, revision=draft.revision, language=draft.language,
                                    details=details if details is not None else dict(draft.details),
                                    rules=rules_to_json(rules) if rules is not None else {})
        sections = {section.key: section for section in draft.sections}
        for key in {*(texts or {}), *(titles or {})}:
            section = sections[key]
            services.save_section(section, by, revision=section.revision,
                                  title=(titles or {}).get(key) or section_title(section),
                                  body=(texts or {}).get(key, section_body(section)))
        for key in skipped:
            services.set_skipped(sections[key], by, True)
        for title, body in added:
            section = services.add_section(draft, by, title)
            services.save_section(section, by, revision=section.revision, title=title, body=body)
        for key, step in moves:
            db.session.expire(draft, ["sections"])  # the order as stored, after earlier moves
            assert services.move_section(next(s for s in draft.sections if s.key == key), by, step)
        services.publish(draft, by, note)
        db.session.commit()
        return draft

    return factory
