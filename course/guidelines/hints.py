"""The guidelines' rules as hints beside a draft in the composer, and as the reviewer's reminder.

The composer asks ``guideline_hints`` on each save, so a rule never blocks silently: it explains, next to the text
it is about.
"""
from __future__ import annotations

from dataclasses import dataclass

from babel.lists import format_list
from flask import url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from course.accounts.models import User
from course.guidelines import rules as checks
from course.guidelines.content import quoted, rules_of, section_title
from course.guidelines.models import GuidelineVersion
from course.guidelines.queries import latest_published
from course.guidelines.rules import Rules
from course.text.platforms import PLATFORMS


@dataclass(frozen=True)
class HintContext:
    user: User
    lesson_slug: str
    texts: dict[str, str]  # part key: text
    platforms: dict[str, str | None]  # part key: platform key (None for profile fields)


@dataclass(frozen=True)
class Hint:
    message: str
    part: str | None = None  # the part it is about; None for the whole draft
    link: str | None = None  # where to read more, e.g. a section of the guidelines
    link_text: str | None = None


@dataclass(frozen=True)
class RuleLine:
    label: str
    values: list[str]
    section: str  # the key of the section the rule belongs to


RULE_LABELS = {
    "employer_names": (_l("Names that mean your organisation"), "disclosure"),
    "disclosure_phrases": (_l("Accepted disclosures"), "disclosure"),
    "forbidden_terms": (_l("Never to post"), "confidentiality"),
    "hashtags": (_l("Our hashtags"), "accounts"),
    "platforms": (_l("Platforms with official accounts"), "accounts"),
}


def rule_summary(rules: Rules) -> list[RuleLine]:
    """The rules the composer checks, as lines to show; empty lists are left out."""
    lines = []
    for name, (label, section) in RULE_LABELS.items():
        values = list(getattr(rules, name))
        if name == "platforms":
            values = [PLATFORMS[key].name for key in values if key in PLATFORMS]
        if values:
            lines.append(RuleLine(str(label), values, section))
    return lines


def _listed(values, quote: bool = False) -> str:
    language = str(get_locale())
    return format_list([quoted(value, language) if quote else value for value in values], style="or",
                       locale=language)


def _message(violation: checks.Violation, rules: checks.Rules) -> str:
    if violation.kind == checks.FORBIDDEN:
        return _("“%(term)s” is on your organisation’s list of things never to post. Leave it out, or talk to "
                 "the person named in the guidelines first.", term=violation.term)
    if violation.kind == checks.DISCLOSURE:
        if rules.disclosure_phrases:
            return _("You name %(employer)s. Add a line that says you speak for yourself, such as %(phrases)s.",
                     employer=violation.term, phrases=_listed(rules.disclosure_phrases, quote=True))
        return _("You name %(employer)s. Add a line that says you speak for yourself.", employer=violation.term)
    if violation.kind == checks.HASHTAG_MISSING:
        return _("Posts that name your organisation carry one of its hashtags: %(tags)s.",
                 tags=_listed(rules.hashtags))
    if violation.kind == checks.HASHTAG_CASE:
        return _("Write %(written)s as %(official)s: capital letters help screen readers read a hashtag out.",
                 written=violation.term, official=violation.official)
    platform = PLATFORMS[violation.term].name if violation.term in PLATFORMS else violation.term
    return _("Your organisation has no official account on %(platform)s, so here you speak from your personal "
             "account.", platform=platform)


# Which section explains each kind of rule.
SECTIONS = {checks.FORBIDDEN: "confidentiality", checks.DISCLOSURE: "disclosure", checks.HASHTAG_MISSING: "accounts",
            checks.HASHTAG_CASE: "accounts", checks.PLATFORM: "accounts"}


def rule_hints(version: GuidelineVersion, texts: dict[str, str], platforms: dict[str, str | None]) -> list[Hint]:
    """A hint for each rule of ``version`` that the texts touch, each linked to the section that explains it."""
    rules = rules_of(version)
    included = {section.key: section for section in version.sections if not section.is_skipped}
    hints = []
    for violation in checks.check(rules, texts, platforms):
        section = included.get(SECTIONS[violation.kind])
        anchor = f"section-{section.key}" if section else "rules"
        link = url_for("guidelines.show", organisation_id=version.organisation_id, _anchor=anchor)
        link_text = _("Read “%(title)s”", title=section_title(section)) if section else _("Read the rules")
        hints.append(Hint(_message(violation, rules), violation.part, link, link_text))
    return hints


def guideline_hints(context: HintContext) -> list[Hint]:
    """The composer's hints from the guidelines in force in the writer's organisation."""
    if context.user.organisation_id is None:
        return []
    version = latest_published(context.user.organisation_id)
    return rule_hints(version, context.texts, context.platforms) if version else []


@dataclass(frozen=True)
class ReviewerGuidance:
    """Beside the rubric's "guidelines" criterion: the rules, and those the text under review touches."""

    rules: list[RuleLine]
    hints: list[Hint]
    url: str


def reviewer_guidance(organisation_id: int | None, texts: dict[str, str],
                      platforms: dict[str, str | None]) -> ReviewerGuidance | None:
    """What a reviewer should know of the author's guidelines; None if none are published."""
    version = latest_published(organisation_id) if organisation_id else None
    if version is None:
        return None
    return ReviewerGuidance(rule_summary(rules_of(version)), rule_hints(version, texts, platforms),
                            url_for("guidelines.show", organisation_id=organisation_id))
