"""What a version says: each section's title and text (its own, or the suggestion filled with the details)."""
from __future__ import annotations

from babel.lists import format_list

from course.guidelines.document import DocumentSection, GuidelinesDocument
from course.guidelines.models import GuidelineSection, GuidelineVersion
from course.guidelines.rules import Rules, rules_from_json
from course.guidelines.suggestions import suggested_text, suggested_title
from course.text.platforms import PLATFORMS

DETAIL_FIELDS = ("organisation", "social_contact", "crisis_contact")
QUOTES = {"de": ("\u201e", "\u201c")}  # German „…“; every other language gets English “…”


def quoted(text: str, language: str) -> str:
    """``text`` in the quotation marks of ``language``."""
    opening, closing = QUOTES.get(language, ("\u201c", "\u201d"))
    return f"{opening}{text}{closing}"


def rules_of(version: GuidelineVersion) -> Rules:
    return rules_from_json(version.rules)


def suggestion_fields(version: GuidelineVersion) -> dict[str, str]:
    """The organisation's fields the suggested texts are filled with, in the version's language."""
    rules = rules_of(version)
    details = version.details or {}
    return {
        "organisation": details.get("organisation") or version.organisation.name,
        "social_contact": details.get("social_contact", ""),
        "crisis_contact": details.get("crisis_contact", ""),
        "hashtags": ", ".join(rules.hashtags),
        "platforms": format_list([PLATFORMS[key].name for key in rules.platforms if key in PLATFORMS],
                                 locale=version.language) if rules.platforms else "",
        "disclosure": rules.disclosure_phrases[0] if rules.disclosure_phrases else "",
    }


def section_title(section: GuidelineSection, language: str | None = None) -> str:
    """The section's title; a standard section not renamed shows its suggested title."""
    if section.title or section.is_custom:
        return section.title or ""
    return suggested_title(section.key, language or section.version.language)


def section_body(section: GuidelineSection, fields: dict[str, str] | None = None) -> str:
    """The section's Markdown; a standard section nobody has written yet shows the filled-in suggestion."""
    if section.body is not None or section.is_custom:
        return section.body or ""
    version = section.version
    return suggested_text(section.key, version.language, fields or suggestion_fields(version))


def is_suggestion(section: GuidelineSection) -> bool:
    """Whether the section still shows the suggested text, which follows the details until someone edits it."""
    return section.body is None and not section.is_custom


def document_of(version: GuidelineVersion) -> GuidelinesDocument:
    """The version as a document: included sections in order, with their texts resolved."""
    fields = suggestion_fields(version)
    sections = [DocumentSection(section.key, section_title(section), section_body(section, fields))
                for section in version.sections if not section.is_skipped]
    return GuidelinesDocument(
        organisation=version.organisation.name, number=version.number, is_published=version.is_published,
        dated_at=version.dated_at, note=version.note or "", language=version.language,
        sections=sections, rules=rules_of(version),
    )
