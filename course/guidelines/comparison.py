"""Comparing two versions of the guidelines section by section."""
from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher

from flask import request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from course.dates import format_day
from course.forms import CompareForm, version_choice_form
from course.guidelines.document import GuidelinesDocument
from course.guidelines.hints import RULE_LABELS
from course.guidelines.models import GuidelineVersion
from course.guidelines.rules import rules_to_json
from course.text.diff import Segment, differs_only_in_spacing, shown_diff

# How a section changed from the older version to the newer one.
SAME, CHANGED, ADDED, REMOVED = "same", "changed", "added", "removed"
CHANGE_LABELS = {SAME: _l("unchanged"), CHANGED: _l("changed"), ADDED: _l("new in the newer version"),
                 REMOVED: _l("left out of the newer version")}


@dataclass(frozen=True)
class SectionChange:
    key: str
    title: str
    change: str
    title_segments: list[Segment]
    body_segments: list[Segment]
    moved: bool = False
    only_spacing: bool = False  # changed, but only in spaces and line breaks

    @property
    def label(self) -> str:
        return str(CHANGE_LABELS[self.change])


def version_label(version: GuidelineVersion) -> str:
    if version.published_at is not None:
        return _("Version %(number)d – published %(date)s", number=version.number,
                 date=format_day(version.published_at))
    return _("Version %(number)d – draft", number=version.number)


def compare_form(versions: list[GuidelineVersion]) -> CompareForm:
    """The choice from the query string; by default the two newest versions."""
    return version_choice_form([(v.number, version_label(v)) for v in versions], request.args)  # newest first


def compare(older: GuidelinesDocument, newer: GuidelinesDocument) -> list[SectionChange]:
    """Each section of either version, in the newer version's order, with what changed word by word."""
    before = {section.key: (index, section) for index, section in enumerate(older.sections)}
    after = {section.key: (index, section) for index, section in enumerate(newer.sections)}
    unmoved = _in_order(list(before), list(after))
    changes = []
    for key, (_index, section) in after.items():
        if key not in before:
            changes.append(SectionChange(key, section.title, ADDED, shown_diff("", section.title),
                                         shown_diff("", section.body)))
            continue
        old = before[key][1]
        title, body = shown_diff(old.title, section.title), shown_diff(old.body, section.body)
        same = old.title == section.title and old.body == section.body
        spacing = not same and all(old_text == new_text or differs_only_in_spacing(old_text, new_text)
                                   for old_text, new_text in ((old.title, section.title), (old.body, section.body)))
        changes.append(SectionChange(key, section.title, SAME if same else CHANGED, title, body, key not in unmoved,
                                     spacing))
    older_keys = list(before)
    for key, (index, section) in before.items():
        if key not in after:
            # Where it was: right after the section before it in the older version (already placed), or first.
            previous = older_keys[index - 1] if index else None
            position = next(i + 1 for i, change in enumerate(changes) if change.key == previous) if previous else 0
            changes.insert(position, SectionChange(key, section.title, REMOVED, shown_diff(section.title, ""),
                                                   shown_diff(section.body, "")))
    return changes


def _in_order(older: list[str], newer: list[str]) -> set[str]:
    """The keys of the longest run of shared sections kept in order: every other shared section has moved."""
    shared = set(older) & set(newer)
    older, newer = [k for k in older if k in shared], [k for k in newer if k in shared]
    blocks = SequenceMatcher(None, older, newer, autojunk=False).get_matching_blocks()
    return {key for block in blocks for key in older[block.a:block.a + block.size]}


def rules_changed(older: GuidelinesDocument, newer: GuidelinesDocument) -> list[str]:
    """The names of the rule lists that differ between the two versions, as the pages label them."""
    before, after = rules_to_json(older.rules), rules_to_json(newer.rules)
    return [str(label) for name, (label, _section) in RULE_LABELS.items() if before.get(name) != after.get(name)]
