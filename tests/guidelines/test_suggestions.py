"""The suggested text of each guidelines section: complete, bilingual, fillable, original, plain Markdown."""
import re
import string

import pytest

from course.guidelines import suggestions
from course.guidelines.suggestions import FIELDS, NOTES, SECTION_KEYS, suggested_text, suggested_title
from course.text.user_markdown import render_user_markdown
from tests.originality import word_runs

LANGUAGES = ("en", "de")
KEYS = ("purpose", "spokespeople", "accounts", "disclosure", "confidentiality", "tone",
        "mistakes", "crisis", "privacy", "images", "leadership")
FILLED = {
    "organisation": "DemoWerk GmbH",
    "social_contact": "Tom Weber, social@demowerk.example",
    "crisis_contact": "Jana Berg, +49 30 1234567",
    "hashtags": "#DemoWerk, #WirSindDemo",
    "platforms": "LinkedIn and Mastodon",
    "disclosure": "my own views",
}
SECTIONS = [(key, language) for key in KEYS for language in LANGUAGES]


def _raw(key: str, language: str) -> str:
    return suggestions._sections()[key]["text"][language]


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_the_eleven_sections_in_order():
    assert SECTION_KEYS == KEYS
    names = sorted(path.name for path in suggestions.FOLDER.glob("*.yaml"))
    assert names == [f"{number:02d}-{key}.yaml" for number, key in enumerate(KEYS, start=1)]


@pytest.mark.parametrize("key", KEYS)
def test_each_file_names_its_key_and_has_both_languages(key):
    section = suggestions._sections()[key]
    assert section["key"] == key
    for language in LANGUAGES:
        assert suggested_title(key, language).strip()
        assert _raw(key, language).strip()
    assert suggested_title(key, "de") != suggested_title(key, "en")


@pytest.mark.parametrize(("key", "language"), SECTIONS)
def test_text_is_of_guideline_length(key, language):
    words = len(re.findall(r"\w[\w'’-]*", _raw(key, language)))
    assert 80 <= words <= 200, f"{words} words"


@pytest.mark.parametrize(("key", "language"), SECTIONS)
def test_only_known_placeholders(key, language):
    text = _raw(key, language)
    assert _placeholders(text) <= set(FIELDS)
    assert text.count("{") == text.count("}") == len(re.findall(r"\{\w+\}", text))


@pytest.mark.parametrize(("key", "field"), [("crisis", "crisis_contact"), ("disclosure", "disclosure"),
                                            ("accounts", "platforms"), ("accounts", "social_contact"),
                                            ("spokespeople", "social_contact"), ("purpose", "hashtags")])
def test_sections_use_the_fields_they_need(key, field):
    for language in LANGUAGES:
        assert field in _placeholders(_raw(key, language))


def test_every_field_is_used_somewhere():
    used = set().union(*(_placeholders(_raw(key, language)) for key, language in SECTIONS))
    assert used == set(FIELDS)


@pytest.mark.parametrize(("key", "language"), SECTIONS)
def test_filled_fields_appear_in_the_text(key, language):
    text = suggested_text(key, language, FILLED)
    for name in _placeholders(_raw(key, language)):
        assert FILLED[name] in text
    assert "{" not in text and "}" not in text
    assert "[" not in text  # no note left when every field is filled


@pytest.mark.parametrize(("key", "language"), SECTIONS)
def test_blank_or_missing_fields_show_a_note_in_the_language(key, language):
    blank = dict.fromkeys(FIELDS, "  ")
    for fields in (blank, {}):
        text = suggested_text(key, language, fields)
        for name in _placeholders(_raw(key, language)):
            assert NOTES[language][name] in text
        assert "{" not in text


def test_notes_read_as_asked():
    assert suggested_text("crisis", "en", {}).count("[add who to call in a crisis, with phone number]") == 1
    assert "[ergänzen, wen man in einer Krise anruft, mit Telefonnummer]" in suggested_text("crisis", "de", {})
    assert "[eine Formulierung wie „meine persönliche Meinung“ ergänzen]" in suggested_text("disclosure", "de", {})
    assert "[add a phrase such as “my own views”]" in suggested_text("disclosure", "en", {"disclosure": ""})


def test_an_unknown_language_gets_english():
    assert suggested_title("tone", "fr") == suggested_title("tone", "en")
    assert suggested_text("tone", "fr", FILLED) == suggested_text("tone", "en", FILLED)


def test_an_unknown_key_is_a_clear_error():
    with pytest.raises(KeyError, match="no suggested text.*'hobbies'"):
        suggested_text("hobbies", "en", FILLED)
    with pytest.raises(KeyError, match="purpose, spokespeople"):
        suggested_title("hobbies", "de")


@pytest.mark.parametrize(("key", "language"), SECTIONS)
def test_plain_markdown_that_renders_whole(key, language):
    source = _raw(key, language)
    assert "<" not in source and ">" not in source  # no raw HTML needed
    assert not re.search(r"^\s*#", source, re.MULTILINE)  # no headings: the sanitiser would drop them
    html = str(render_user_markdown(suggested_text(key, language, FILLED)))
    assert set(re.findall(r"</?(\w+)", html)) <= {"p", "ul", "li", "strong", "em"}
    assert "<p>" in html


def test_hashtags_stay_hashtags_when_rendered():
    html = str(render_user_markdown(suggested_text("purpose", "de", FILLED)))
    assert "#DemoWerk, #WirSindDemo" in html


@pytest.mark.parametrize("key", KEYS)
def test_no_sentence_taken_from_the_sources(key, seed_runs):
    section = suggestions._sections()[key]
    text = " ".join([*section["title"].values(), *section["text"].values()])
    shared = word_runs(text) & seed_runs
    assert not shared, "copied from a source: " + "; ".join(" ".join(run) for run in sorted(shared)[:3])
