"""Building the guidelines: drafts, sections, details and rules, publishing. Functions flush; views commit."""
from __future__ import annotations

import sqlalchemy as sa
from flask_babel import gettext as _

from course.accounts.models import Organisation, User
from course.database import utcnow
from course.extensions import db
from course.guidelines.content import is_suggestion, section_body, section_title, suggestion_fields
from course.guidelines.models import GuidelineSection, GuidelineVersion
from course.guidelines.queries import draft_of, latest_published
from course.guidelines.rules import Rules, rules_from_json, rules_to_json
from course.guidelines.suggestions import SECTION_KEYS, suggested_text, suggested_title

NOTE_LENGTH = 500
TITLE_LENGTH = 200
# The disclosure a new set of guidelines starts with, in the language of its text.
DEFAULT_DISCLOSURE = {"de": "meine persönliche Meinung", "en": "my own views"}


class GuidelinesError(Exception):
    """A change that cannot be made; ``problems`` maps a field name ('' for the page) to why."""

    def __init__(self, problems: dict[str, str]):
        super().__init__("; ".join(problems.values()))
        self.problems = problems


class GuidelinesConflict(Exception):
    """Someone saved the same part of the draft since the editor opened it; nothing was overwritten."""

    def __init__(self, editor: User | None):
        super().__init__("saved by someone else in the meantime")
        self.editor = editor


def start_draft(organisation: Organisation, user: User, language: str) -> GuidelineVersion:
    """The organisation's draft: the open one, a copy of the latest published version, or the suggestions."""
    draft = draft_of(organisation)
    if draft is not None:
        return draft
    published = latest_published(organisation)
    number = (db.session.scalar(sa.select(sa.func.max(GuidelineVersion.number))
                                .where(GuidelineVersion.organisation_id == organisation.id)) or 0) + 1
    draft = GuidelineVersion(organisation=organisation, number=number, created_by_id=user.id, updated_by_id=user.id,
                             note="", revision=0)
    if published is not None:
        draft.language, draft.details, draft.rules = published.language, dict(published.details), dict(published.rules)
        draft.sections = [GuidelineSection(key=s.key, position=s.position, title=s.title, body=s.body,
                                           is_skipped=s.is_skipped, revision=0) for s in published.sections]
    else:
        draft.language = language if language in DEFAULT_DISCLOSURE else "en"
        draft.details = {"organisation": organisation.name}
        draft.rules = rules_to_json(Rules(employer_names=(organisation.name,),
                                          disclosure_phrases=(DEFAULT_DISCLOSURE[draft.language],)))
        draft.sections = [GuidelineSection(key=key, position=index, is_skipped=False, revision=0)
                          for index, key in enumerate(SECTION_KEYS)]
    db.session.add(draft)
    db.session.flush()
    return draft


def update_details(version: GuidelineVersion, user: User, *, revision: int, language: str, details: dict[str, str],
                   rules: dict) -> None:
    """Store the organisation's details and the rules edited with them; sections still suggested follow."""
    _check_editable(version)
    if revision != version.revision:
        raise GuidelinesConflict(version.updated_by)
    version.language = language
    version.details = {name: (value or "").strip() for name, value in details.items()}
    version.rules = rules_to_json(_with(rules_from_json(version.rules), rules))
    _touch(version, user)


def save_section(section: GuidelineSection, user: User, *, revision: int, title: str, body: str,
                 rules: dict | None = None) -> None:
    """Store a section's title and Markdown (and the rules edited beside it).

    A section that still shows the suggestion and is saved unchanged keeps following the details;
    once edited, its text is the editors' own, even if it is set back to the suggestion.
    """
    version = section.version
    _check_editable(version)
    if revision != section.revision:
        raise GuidelinesConflict(version.updated_by)
    title, body = title.strip(), body.replace("\r\n", "\n").strip()
    problems = {}
    if not title:
        problems["title"] = _("Give the section a title.")
    elif len(title) > TITLE_LENGTH:
        problems["title"] = _("Keep the title under %(count)d characters.", count=TITLE_LENGTH)
    if problems:
        raise GuidelinesError(problems)
    if section.is_custom:
        section.title, section.body = title, body
    else:
        section.title = None if title == suggested_title(section.key, version.language) else title
        suggestion = suggested_text(section.key, version.language, suggestion_fields(version)).strip()
        section.body = None if body == suggestion and is_suggestion(section) else body
    if rules:
        version.rules = rules_to_json(_with(rules_from_json(version.rules), rules))
    section.revision += 1
    _touch(version, user)


def set_skipped(section: GuidelineSection, user: User, skipped: bool) -> None:
    """Leave the section out of the guidelines, or bring it back; its text is kept either way."""
    _check_editable(section.version)
    section.is_skipped = skipped
    _touch(section.version, user)


def move_section(section: GuidelineSection, user: User, step: int) -> bool:
    """Swap the section with its neighbour above (``step`` -1) or below (+1); False at either end."""
    version = section.version
    _check_editable(version)
    sections = list(version.sections)
    index = sections.index(section)
    other = index + step
    if step not in (-1, 1) or not 0 <= other < len(sections):
        return False
    section.position, sections[other].position = sections[other].position, section.position
    _touch(version, user)
    return True


def add_section(version: GuidelineVersion, user: User, title: str) -> GuidelineSection:
    """A section of the organisation's own, at the end."""
    _check_editable(version)
    title = title.strip()
    if not title:
        raise GuidelinesError({"title": _("Give the new section a title.")})
    if len(title) > TITLE_LENGTH:
        raise GuidelinesError({"title": _("Keep the title under %(count)d characters.", count=TITLE_LENGTH)})
    position = max((s.position for s in version.sections), default=-1) + 1
    section = GuidelineSection(key=f"custom-{_last_custom_number(version) + 1}", position=position, title=title,
                               body="", is_skipped=False, revision=0)
    version.sections.append(section)
    _touch(version, user)
    return section


def delete_section(section: GuidelineSection, user: User) -> None:
    """Remove a section the organisation added; standard sections can only be skipped."""
    version = section.version
    _check_editable(version)
    if not section.is_custom:
        raise GuidelinesError({"": _("Standard sections cannot be deleted; skip it instead.")})
    version.sections.remove(section)
    _touch(version, user)


def publish(version: GuidelineVersion, user: User, note: str) -> None:
    """Publish the draft with a note; from now on it is read-only and learners are asked to acknowledge it."""
    _check_editable(version)
    note = note.strip()
    problems = {}
    if not note:
        problems["note"] = _("Say in a sentence what this version is about or what changed.")
    elif len(note) > NOTE_LENGTH:
        problems["note"] = _("Keep the note under %(count)d characters.", count=NOTE_LENGTH)
    if all(section.is_skipped for section in version.sections):
        problems[""] = _("Every section is skipped. Include at least one before you publish.")
    if problems:
        raise GuidelinesError(problems)
    fields = suggestion_fields(version)
    for section in version.sections:  # a published text never changes, even if the suggestions do
        section.title, section.body = section_title(section), section_body(section, fields)
    version.note = note
    version.published_at = utcnow()
    version.published_by_id = user.id
    _touch(version, user)


def discard_draft(version: GuidelineVersion) -> None:
    """Delete the unpublished draft; published versions stay."""
    _check_editable(version)
    db.session.delete(version)
    db.session.flush()


def _last_custom_number(version: GuidelineVersion) -> int:
    """The highest number an added section ever had in any version, so a key is never reused for another
    section: comparing versions matches sections by key."""
    keys = db.session.scalars(sa.select(GuidelineSection.key).join(GuidelineVersion)
                              .where(GuidelineVersion.organisation_id == version.organisation_id,
                                     GuidelineSection.key.startswith("custom-")))
    numbers = [int(key.removeprefix("custom-")) for key in [*keys, *(s.key for s in version.sections if s.is_custom)]]
    return max(numbers, default=0)


def _check_editable(version: GuidelineVersion) -> None:
    if version.is_published:
        raise GuidelinesError({"": _("Version %(number)d is published and can no longer be changed. "
                                     "Start a new version to change it.", number=version.number)})


def _touch(version: GuidelineVersion, user: User) -> None:
    version.revision += 1
    version.updated_at = utcnow()
    version.updated_by_id = user.id
    db.session.flush()


def _with(rules: Rules, changes: dict) -> Rules:
    return rules_from_json({**rules_to_json(rules), **changes})
