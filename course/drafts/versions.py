"""Choosing two versions of a draft and comparing them part by part."""
from __future__ import annotations

from dataclasses import dataclass

from flask import request
from flask_babel import gettext as _

from course.curriculum.content import Lesson
from course.dates import format_moment
from course.drafts.models import Draft, DraftVersion
from course.drafts.targets import SINGLE_POST, parts_for
from course.forms import CompareForm, version_choice_form
from course.text.diff import Segment, differs_only_in_spacing, shown_diff
from course.text.platforms import PLATFORMS


@dataclass
class PartComparison:
    label: str
    segments: list[Segment]
    only_spacing: bool = False  # changed, but only in spaces and line breaks

    @property
    def is_unchanged(self) -> bool:
        return all(segment.change == "same" for segment in self.segments)


@dataclass
class Comparison:
    older: DraftVersion
    newer: DraftVersion
    parts: list[PartComparison]


def version_label(version: DraftVersion) -> str:
    when = format_moment(version.saved_at)
    if version.is_submitted:
        return _("Version %(number)s – submitted %(when)s", number=version.number, when=when)
    return _("Version %(number)s – saved %(when)s", number=version.number, when=when)


def compare_form(draft: Draft | None) -> CompareForm:
    """The choice of versions from the query string; by default the last two."""
    versions = reversed(draft.versions) if draft is not None else ()
    return version_choice_form([(v.number, version_label(v)) for v in versions], request.args)


def version_comparison(lesson: Lesson, language: str, draft: Draft, form: CompareForm) -> Comparison | None:
    """Word-by-word changes from the chosen older version to the newer one."""
    older, newer = draft.version(form.older.data), draft.version(form.newer.data)
    if older is None or newer is None:
        return None
    labels = {part.key: part.label for part in parts_for(lesson, language, draft.platform)}
    keys = list(labels) + [key for key in {**older.texts, **newer.texts} if key not in labels]
    texts = [(key, older.texts.get(key, ""), newer.texts.get(key, "")) for key in keys]
    return Comparison(older, newer, [
        PartComparison(_label(key, labels, older, newer), shown_diff(before, after),
                       differs_only_in_spacing(before, after))
        for key, before, after in texts
    ])


def _label(key: str, labels: dict[str, str], older: DraftVersion, newer: DraftVersion) -> str:
    if key == SINGLE_POST and older.platform != newer.platform and older.platform and newer.platform:
        return _("Your post (%(older)s, then %(newer)s)", older=PLATFORMS[older.platform].name,
                 newer=PLATFORMS[newer.platform].name)
    return labels.get(key, key)
