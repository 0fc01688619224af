"""Machine-checkable rules of the guidelines, and checking a draft against them."""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass, fields
from functools import lru_cache

import regex

from course.text.user_markdown import HASHTAG


@dataclass(frozen=True)
class Rules:
    employer_names: tuple[str, ...] = ()  # naming any of these in a post asks for a disclosure
    disclosure_phrases: tuple[str, ...] = ()  # e.g. "my own views", "meine persönliche Meinung"
    forbidden_terms: tuple[str, ...] = ()  # never to post: confidential projects, client names
    hashtags: tuple[str, ...] = ()  # the organisation's hashtags, each starting with "#"
    platforms: tuple[str, ...] = ()  # platform keys (course.text.platforms.PLATFORMS) in official use


FORBIDDEN = "forbidden"
DISCLOSURE = "disclosure"
HASHTAG_MISSING = "hashtag_missing"
HASHTAG_CASE = "hashtag_case"
PLATFORM = "platform"


@dataclass(frozen=True)
class Violation:
    kind: str  # one of the constants above
    part: str | None  # key of the draft part the hint belongs beside
    term: str = ""  # the rule's term; for HASHTAG_CASE the hashtag as written, for PLATFORM the platform key
    official: str = ""  # the organisation's hashtag to suggest


# The pattern the post preview highlights, so a hint is about what the learner sees as a hashtag.
# Run with the regex module: its \w also covers combining marks that NFC cannot fold into a letter.
_HASHTAG = regex.compile(HASHTAG)
_VALID_HASHTAG = regex.compile(r"#\w*[^\W\d_]\w*")
_HASHTAG_SEPARATORS = regex.compile(r"[\s,;]+")
# A term's own words may be joined by a hyphen ("Baden-Württemberg" is also written "Baden Württemberg").
_TERM_SEPARATORS = regex.compile(r"\s+|(?<=\w)[-\u2010\u2011](?=\w)")
# Between words in a post: spaces or a line break, a hyphen, an underscore, or nothing ("#ProjectFalcon").
_TEXT_SEPARATOR = r"(?:\s*[-\u2010\u2011_]\s*|\s+)?"
# FULLCASE: "STRASSE" must find "Straße", which simple case folding cannot.
_FLAGS = regex.IGNORECASE | regex.FULLCASE


def _nfc(text: str | None) -> str:
    return unicodedata.normalize("NFC", text or "")


def _clean(text: str | None) -> str:
    # A BOM pasted from a file is invisible, so it must not make a term differ from its twin.
    return _nfc((text or "").replace("\ufeff", ""))


def _unique(values) -> tuple[str, ...]:
    seen: dict[str, str] = {}
    for value in values:
        seen.setdefault(value.casefold(), value)
    return tuple(seen.values())


def parse_terms(text: str) -> tuple[str, ...]:
    """Terms typed one per line: tidied, NFC-normalised, without blanks or case-insensitive duplicates.

    The first spelling of a duplicate and the order of the lines are kept.
    """
    lines = (" ".join(line.split()) for line in _clean(text).splitlines())
    return _unique(line for line in lines if line)


def parse_hashtags(text: str) -> tuple[tuple[str, ...], list[str]]:
    """Hashtags separated by whitespace, commas or semicolons, as ``(hashtags, invalid)``.

    A missing leading "#" is added. A valid hashtag is "#" and word characters with at least one letter
    ("#Würzburg" yes; "#2026", "#a-b" no). Both drop case-insensitive duplicates, keeping the first
    spelling; invalid entries are listed as typed.
    """
    hashtags, invalid = [], []
    for entry in _HASHTAG_SEPARATORS.split(_clean(text)):
        hashtag = entry if entry.startswith("#") else "#" + entry
        if _VALID_HASHTAG.fullmatch(hashtag):
            hashtags.append(hashtag)
        elif entry:
            invalid.append(entry)
    return _unique(hashtags), list(_unique(invalid))


@lru_cache(maxsize=512)
def _term_pattern(term: str) -> regex.Pattern | None:
    words = [word for word in _TERM_SEPARATORS.split(" ".join(term.split())) if word]
    if not words:
        return None
    body = _TEXT_SEPARATOR.join(regex.escape(word) for word in words)
    # Word boundaries only where the term has a word character at its edge: "S." may be followed by anything.
    # The apostrophe is no word character, so "Falcon's" names Falcon; "Falconer" and "Müller" (for "Müll") do not.
    before = r"(?<!\w)" if regex.match(r"\w", words[0]) else ""
    after = r"(?!\w)" if regex.search(r"\w\Z", words[-1]) else ""
    return regex.compile(before + body + after, _FLAGS)


def find_term(text: str, term: str) -> list[tuple[int, int]]:
    """Spans ``(start, end)`` where ``term`` occurs in ``text`` as a whole word or phrase.

    Case-insensitive with full case folding, and blind to Unicode normalisation: both sides are
    NFC-normalised first, so the spans index ``unicodedata.normalize("NFC", text)`` (the same as ``text``
    unless it held characters NFC rewrites, such as decomposed umlauts). The words of a phrase may be
    separated by any whitespace, a hyphen or an underscore, or written together ("#ProjectFalcon").
    A blank term never matches.
    """
    pattern = _term_pattern(_clean(term))
    if pattern is None:
        return []
    return [match.span() for match in pattern.finditer(_nfc(text))]


def _names_any(text: str, terms: tuple[str, ...]) -> str | None:
    return next((term for term in terms if find_term(text, term)), None)


def check(rules: Rules, texts: dict[str, str], platforms: dict[str, str | None]) -> list[Violation]:
    """Every rule a draft touches, as violations in the order the hints are shown.

    ``texts`` and ``platforms`` are keyed by draft part. The order is: forbidden terms, missing disclosure,
    missing hashtag, hashtag spelling, unused platform; within a kind, parts in the order of ``texts``.
    Blank parts touch no rule.
    """
    parts = {part: _nfc(text) for part, text in texts.items() if text and text.strip()}
    forbidden = [Violation(FORBIDDEN, part, term) for part, text in parts.items()
                 for term in _unique(rules.forbidden_terms) if find_term(text, term)]

    named = ((part, _names_any(text, rules.employer_names)) for part, text in parts.items())
    employer_part, employer = next(((part, name) for part, name in named if name), (None, None))
    disclosed = any(_names_any(text, rules.disclosure_phrases) for text in parts.values())
    disclosure = [Violation(DISCLOSURE, employer_part, employer)] if employer and not disclosed else []

    official = {_bare(tag).casefold(): tag for tag in reversed(rules.hashtags)}  # reversed: first spelling wins
    used = {part: [match.group(0) for match in _HASHTAG.finditer(text)] for part, text in parts.items()}
    uses_official = any(_bare(tag).casefold() in official for tags in used.values() for tag in tags)
    wants_hashtag = employer and rules.hashtags and not uses_official
    missing = [Violation(HASHTAG_MISSING, employer_part, official=rules.hashtags[0])] if wants_hashtag else []

    spelling = []
    for part, tags in used.items():
        for tag in dict.fromkeys(tags):
            wanted = official.get(_bare(tag).casefold())
            if wanted and _bare(tag) != _bare(wanted):
                spelling.append(Violation(HASHTAG_CASE, part, tag, wanted))

    platform = [Violation(PLATFORM, part, key) for part in parts
                if rules.platforms and (key := platforms.get(part)) is not None and key not in rules.platforms]
    return forbidden + disclosure + missing + spelling + platform


def _bare(hashtag: str) -> str:
    # Rules are meant to store hashtags with "#", but one stored without it must still be recognised.
    return _clean(hashtag).lstrip("#")


def rules_from_json(data: dict | None) -> Rules:
    """Rules from their JSON form; missing, null or non-text entries are skipped."""
    data = data if isinstance(data, dict) else {}
    values = {}
    for field in fields(Rules):
        raw = data.get(field.name) or ()
        items = [raw] if isinstance(raw, str) else raw if isinstance(raw, list | tuple) else ()
        values[field.name] = tuple(item.strip() for item in items if isinstance(item, str) and item.strip())
    return Rules(**values)


def rules_to_json(rules: Rules) -> dict:
    """The JSON form of ``rules``: each field as a list of strings."""
    return {field.name: list(getattr(rules, field.name)) for field in fields(Rules)}
