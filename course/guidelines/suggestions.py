"""Suggested text for each section of the guidelines, in German and English.

The texts live in ``suggestions/NN-key.yaml`` beside this module and are
reviewed like lessons. They hold placeholders such as ``{organisation}`` that
are filled from the organisation's details when the editors start a section.
"""
from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

FOLDER = Path(__file__).parent / "suggestions"
LANGUAGES = ("en", "de")
FIELDS = ("organisation", "social_contact", "crisis_contact", "hashtags", "platforms", "disclosure")

# The number in a file's name only orders the sections; everything else refers to a section by its key.
_PATHS = {path.stem.split("-", 1)[1]: path for path in sorted(FOLDER.glob("[0-9][0-9]-*.yaml"))}
SECTION_KEYS: tuple[str, ...] = tuple(_PATHS)

# An empty field shows up as a note to the editors rather than as a gap nobody notices before publishing.
NOTES = {
    "en": {
        "organisation": "[add the name of your organisation]",
        "social_contact": "[add who looks after the official accounts]",
        "crisis_contact": "[add who to call in a crisis, with phone number]",
        "hashtags": "[add your hashtags]",
        "platforms": "[add the platforms you use]",
        "disclosure": "[add a phrase such as “my own views”]",
    },
    "de": {
        "organisation": "[Name Ihrer Organisation ergänzen]",
        "social_contact": "[ergänzen, wer die offiziellen Konten betreut]",
        "crisis_contact": "[ergänzen, wen man in einer Krise anruft, mit Telefonnummer]",
        "hashtags": "[Ihre Hashtags ergänzen]",
        "platforms": "[Ihre Plattformen ergänzen]",
        "disclosure": "[eine Formulierung wie „meine persönliche Meinung“ ergänzen]",
    },
}


@cache
def _sections() -> dict[str, dict]:
    # Read once per process: the files change only with a release, like the lessons.
    return {key: yaml.safe_load(path.read_text(encoding="utf-8")) for key, path in _PATHS.items()}


def _section(key: str) -> dict:
    try:
        return _sections()[key]
    except KeyError:
        raise KeyError(f"no suggested text for a guidelines section {key!r}; "
                       f"the sections are: {', '.join(SECTION_KEYS)}") from None


def _language(language: str) -> str:
    # Any other interface language gets the English text rather than nothing.
    return language if language in LANGUAGES else "en"


def suggested_title(key: str, language: str) -> str:
    """The suggested title of section ``key`` in ``language`` ("de" or "en"; anything else gives English)."""
    return _section(key)["title"][_language(language)]


def suggested_text(key: str, language: str, fields: dict[str, str]) -> str:
    """The suggested Markdown of section ``key`` with the organisation's ``fields`` filled in.

    A field that is missing or blank becomes a visible note in the text's language,
    e.g. "[add your hashtags]", so the editors see what is still to be added.
    """
    language = _language(language)
    values = {name: (fields.get(name) or "").strip() or NOTES[language][name] for name in FIELDS}
    return _section(key)["text"][language].format_map(values)
