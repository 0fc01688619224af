"""What keeps a draft from being saved or submitted, in words the writer can act on."""
from __future__ import annotations

from flask_babel import format_decimal
from flask_babel import gettext as _

from course.drafts.targets import Part
from course.text.platforms import measure

MAX_TEXT = 20_000  # characters a single text of a draft may hold


def problems_to_save(parts: list[Part], texts: dict[str, str]) -> dict[str, str]:
    """Texts too long to store at all."""
    return {
        part.key: _("This text has %(length)s characters; a draft holds at most %(max)s. "
                    "Shorten it to save it – your text is still here.",
                    length=format_decimal(len(texts[part.key])), max=format_decimal(MAX_TEXT))
        for part in parts if len(texts[part.key]) > MAX_TEXT
    }


def problems_to_submit(parts: list[Part], texts: dict[str, str]) -> dict[str, str]:
    """Empty parts and parts over their platform's limit."""
    problems = problems_to_save(parts, texts)
    for part in parts:
        text = texts.get(part.key, "")
        if part.key in problems:
            continue
        if not text.strip():
            problems[part.key] = _("%(part)s is empty. Write it before you submit.", part=part.label)
            continue
        size = measure(text, part.counting, part.limit)
        if size.is_over:
            problems[part.key] = over_limit_message(part, size.length)
    return problems


def over_limit_message(part: Part, length: int) -> str:
    """Why an over-long part cannot be submitted, and by how much to shorten it."""
    if part.platform is not None:
        return _("%(part)s has %(length)s characters as %(platform)s counts them; %(platform)s allows %(limit)s. "
                 "Shorten it by %(over)s to submit.", part=part.label, length=format_decimal(length),
                 platform=part.platform.name, limit=format_decimal(part.limit), over=format_decimal(length - part.limit))
    return _("%(part)s has %(length)s characters; it may have %(limit)s. Shorten it by %(over)s to submit.",
             part=part.label, length=format_decimal(length), limit=format_decimal(part.limit),
             over=format_decimal(length - part.limit))
