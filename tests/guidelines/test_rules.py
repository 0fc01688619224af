"""The machine-checkable guideline rules: parsing, finding terms, checking drafts."""
import unicodedata

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from course.guidelines.rules import (
    DISCLOSURE,
    FORBIDDEN,
    HASHTAG_CASE,
    HASHTAG_MISSING,
    PLATFORM,
    Rules,
    Violation,
    check,
    find_term,
    parse_hashtags,
    parse_terms,
    rules_from_json,
    rules_to_json,
)

DECOMPOSED_MUELLER = "Mu\u0308ller"


def found(text: str, term: str) -> list[str]:
    normalised = unicodedata.normalize("NFC", text)
    return [normalised[start:end] for start, end in find_term(text, term)]


@pytest.mark.parametrize(("text", "term", "expected"), [
    ("Grüße von Müller", "MÜLLER", ["Müller"]),
    ("MÜLLER kommt", "müller", ["MÜLLER"]),
    (f"Grüße von {DECOMPOSED_MUELLER}", "Müller", ["Müller"]),
    ("Grüße von Müller", DECOMPOSED_MUELLER, ["Müller"]),
    ("in der STRASSE", "Straße", ["STRASSE"]),
    ("in der Straße", "strasse", ["Straße"]),
    ("fALCON and falcon", "Falcon", ["fALCON", "falcon"]),
    ("The Falconer flew", "Falcon", []),
    ("Falcons everywhere", "Falcon", []),
    ("Falcon's wings", "Falcon", ["Falcon"]),
    ("Falcon’s wings", "Falcon", ["Falcon"]),
    ("(Falcon), Falcon.", "Falcon", ["Falcon", "Falcon"]),
    ("Der Müller kommt", "Müll", []),
    ("Der Müll kommt", "Müll", ["Müll"]),
    ("Ärger mit Ärger", "ärger", ["Ärger", "Ärger"]),
    ("Project\nFalcon starts", "Project Falcon", ["Project\nFalcon"]),
    ("project-falcon starts", "Project Falcon", ["project-falcon"]),
    ("Project   \t Falcon", "Project Falcon", ["Project   \t Falcon"]),
    ("Go #ProjectFalcon!", "Project Falcon", ["ProjectFalcon"]),
    ("ProjectFalcon rocks", "project falcon", ["ProjectFalcon"]),
    ("#project_falcon", "Project Falcon", ["project_falcon"]),
    ("NoProject Falcon", "Project Falcon", []),
    ("Project Falconer", "Project Falcon", []),
    ("Project Falcon", "project-falcon", ["Project Falcon"]),
    ("Danke an Müller & Söhne!", "Müller & Söhne", ["Müller & Söhne"]),
    ("Bei C&A gekauft", "c&a", ["C&A"]),
    ("Bei C&AB gekauft", "C&A", []),
    ("Die Demo S.A. in Lyon", "S.A.", ["S.A."]),
    ("SxAx", "S.A.", []),
    ("a+b=c", "a+b", ["a+b"]),
    ("Falcon", "", []),
    ("Falcon", "   \n ", []),
    ("", "Falcon", []),
])
def test_find_term(text, term, expected):
    assert found(text, term) == expected


def test_find_term_spans_index_the_nfc_text():
    text = f"{DECOMPOSED_MUELLER} und Müller"
    assert find_term(text, "Müller") == [(0, 6), (11, 17)]
    assert find_term("Hi Falcon", "Falcon") == [(3, 9)]
    assert find_term("\ufeffFalcon", "\ufeffFalcon") == [(1, 7)]


letters = st.characters(categories=("Lu", "Ll", "Lt", "Lo"))


@given(before=st.text(), term=st.text(letters, min_size=1, max_size=12), after=st.text())
@example(before="\ufeff", term="A", after="")  # spans must not shift when the text holds a BOM
@example(before="Mu\u0308ller", term="STRASSE", after="Straße")
def test_a_term_between_spaces_is_found(before, term, after):
    text = before + " " + term + " " + after
    spans = find_term(text, term)
    assert len(spans) >= 1
    nfc_text, nfc_term = unicodedata.normalize("NFC", text), unicodedata.normalize("NFC", term)
    start = len(unicodedata.normalize("NFC", before + " "))
    assert (start, start + len(nfc_term)) in spans
    assert nfc_text[start:start + len(nfc_term)] == nfc_term


@given(term=st.text(letters, min_size=1, max_size=12), x=letters)
def test_a_term_inside_a_longer_word_is_not_found(term, x):
    assert find_term(x + term + x, term) == []


@pytest.mark.parametrize(("text", "expected"), [
    ("Falcon\nProject Falcon\n", ("Falcon", "Project Falcon")),
    ("  Project \t  Falcon  ", ("Project Falcon",)),
    ("Falcon\n\n   \nfalcon\nFALCON\nOsprey", ("Falcon", "Osprey")),
    ("Straße\nSTRASSE", ("Straße",)),
    (f"{DECOMPOSED_MUELLER}\nMüller", ("Müller",)),
    ("\ufeffFalcon\r\nOsprey\r\n", ("Falcon", "Osprey")),
    ("Müller & Söhne\nC&A", ("Müller & Söhne", "C&A")),
    ("", ()),
    ("\n \n", ()),
])
def test_parse_terms(text, expected):
    assert parse_terms(text) == expected


def test_parse_terms_normalises_to_nfc():
    assert parse_terms(DECOMPOSED_MUELLER)[0] == "Müller"
    assert len(parse_terms(DECOMPOSED_MUELLER)[0]) == 6


@pytest.mark.parametrize(("text", "hashtags", "invalid"), [
    ("#DemoWerk #Würzburg", ("#DemoWerk", "#Würzburg"), []),
    ("DemoWerk, Würzburg;Lyon\nParis", ("#DemoWerk", "#Würzburg", "#Lyon", "#Paris"), []),
    ("#DemoWerk, #demowerk; DEMOWERK", ("#DemoWerk",), []),
    ("#2026 #a-b #ok_2026", ("#ok_2026",), ["#2026", "#a-b"]),
    ("2026, 2026", (), ["2026"]),
    ("#, ##x", (), ["#", "##x"]),
    (" ,; \n", (), []),
    ("", (), []),
    (f"#{DECOMPOSED_MUELLER} #Müller", ("#Müller",), []),
    ("\ufeff#DemoWerk", ("#DemoWerk",), []),
])
def test_parse_hashtags(text, hashtags, invalid):
    assert parse_hashtags(text) == (hashtags, invalid)


RULES = Rules(
    employer_names=("DemoWerk", "Demo Werk GmbH"),
    disclosure_phrases=("my own views", "meine persönliche Meinung"),
    forbidden_terms=("Project Falcon", "Müller & Söhne"),
    hashtags=("#DemoWerk", "#LifeAtDemo"),
    platforms=("linkedin", "mastodon"),
)


def run(texts: dict[str, str], platforms: dict[str, str | None] | None = None, rules: Rules = RULES):
    return check(rules, texts, platforms or {})


def test_clean_draft_touches_nothing():
    texts = {"intro": "Proud of the team at DemoWerk! #DemoWerk", "outro": "These are my own views."}
    assert run(texts, {"intro": "linkedin", "outro": "mastodon"}) == []


def test_forbidden_terms_one_per_part_and_term():
    texts = {
        "a": "Working on project-falcon with MÜLLER & SÖHNE. Project\nFalcon again.",
        "b": "Nothing to see.",
        "c": "#ProjectFalcon",
    }
    assert run(texts) == [
        Violation(FORBIDDEN, "a", "Project Falcon"),
        Violation(FORBIDDEN, "a", "Müller & Söhne"),
        Violation(FORBIDDEN, "c", "Project Falcon"),
    ]


def test_forbidden_term_in_decomposed_text():
    rules = Rules(forbidden_terms=("Müller",))
    assert check(rules, {"a": f"Bei {DECOMPOSED_MUELLER}"}, {}) == [Violation(FORBIDDEN, "a", "Müller")]


def test_employer_without_disclosure():
    texts = {"a": "Nice weather.", "b": "Great day at demowerk #DemoWerk", "c": "DemoWerk again"}
    assert run(texts) == [Violation(DISCLOSURE, "b", "DemoWerk")]


def test_employer_named_by_second_name_multi_word():
    assert run({"a": "Hi from demo-werk gmbh #LifeAtDemo"}) == [Violation(DISCLOSURE, "a", "Demo Werk GmbH")]


def test_official_hashtag_names_the_employer():
    assert run({"a": "Hi #DemoWerk"}) == [Violation(DISCLOSURE, "a", "DemoWerk")]


def test_disclosure_in_another_part_counts():
    texts = {"post": "Great day at DemoWerk #DemoWerk", "bio": "Meine persönliche Meinung."}
    assert run(texts) == []


@pytest.mark.parametrize("disclosure", [
    "MY OWN VIEWS", "My  own\nviews", "meine PERSÖNLICHE meinung", "meine perso\u0308nliche Meinung",
])
def test_disclosure_written_differently(disclosure):
    assert run({"post": f"DemoWerk rocks #DemoWerk. {disclosure}"}) == []


def test_employer_without_disclosure_phrases_in_rules_still_reported():
    rules = Rules(employer_names=("DemoWerk",))
    assert check(rules, {"a": "DemoWerk! my own views"}, {}) == [Violation(DISCLOSURE, "a", "DemoWerk")]


def test_employer_inside_longer_word_is_not_named():
    assert run({"a": "DemoWerkstatt is a shop"}) == []


def test_hashtag_case_mismatch():
    texts = {"a": "My own views on #demowerk and #DEMOWERK and #demowerk", "b": "#lifeatdemo #Other"}
    assert run(texts) == [
        Violation(HASHTAG_CASE, "a", "#demowerk", "#DemoWerk"),
        Violation(HASHTAG_CASE, "a", "#DEMOWERK", "#DemoWerk"),
        Violation(HASHTAG_CASE, "b", "#lifeatdemo", "#LifeAtDemo"),
    ]


def test_hashtag_case_with_umlauts():
    rules = Rules(hashtags=("#Würzburg",))
    assert check(rules, {"a": "#wu\u0308rzburg"}, {}) == [Violation(HASHTAG_CASE, "a", "#würzburg", "#Würzburg")]
    assert check(rules, {"a": "#Wu\u0308rzburg"}, {}) == []


def test_hashtag_in_url_or_entity_is_not_a_hashtag():
    rules = Rules(hashtags=("#DemoWerk",))
    assert check(rules, {"a": "https://x.example/#demowerk &#demowerk"}, {}) == []


def test_missing_hashtag_when_employer_named():
    texts = {"a": "Hello", "b": "At DemoWerk today, my own views", "c": "#demowerk"}
    assert run({"a": "Hello", "b": "At DemoWerk today, my own views"}) == [
        Violation(HASHTAG_MISSING, "b", official="#DemoWerk"),
    ]
    assert run(texts) == [Violation(HASHTAG_CASE, "c", "#demowerk", "#DemoWerk")]


def test_no_missing_hashtag_without_employer_or_without_hashtags():
    assert run({"a": "Just a post, my own views"}) == []
    rules = Rules(employer_names=("DemoWerk",), disclosure_phrases=("my own views",))
    assert check(rules, {"a": "DemoWerk, my own views"}, {}) == []


def test_platform_not_in_use():
    texts = {"a": "one", "b": "two", "c": "three", "d": "  "}
    platforms = {"a": "linkedin", "b": "tiktok", "c": None, "d": "tiktok"}
    assert run(texts, platforms) == [Violation(PLATFORM, "b", "tiktok")]
    assert check(Rules(), texts, platforms) == []


def test_blank_texts_touch_nothing():
    assert run({"a": "", "b": " \n\t"}, {"a": "tiktok", "b": "tiktok"}) == []
    assert run({}) == []


def test_order_of_kinds():
    texts = {"a": "Project Falcon at DemoWerk #lifeatdemo", "b": "Project Falcon"}
    assert [(v.kind, v.part) for v in run(texts, {"a": "tiktok", "b": "linkedin"})] == [
        (FORBIDDEN, "a"), (FORBIDDEN, "b"), (DISCLOSURE, "a"), (HASHTAG_CASE, "a"), (PLATFORM, "a"),
    ]
    texts = {"a": "Project Falcon at DemoWerk", "b": "#other"}
    assert [v.kind for v in run(texts, {"b": "tiktok"})] == [FORBIDDEN, DISCLOSURE, HASHTAG_MISSING, PLATFORM]


def test_json_round_trip():
    data = rules_to_json(RULES)
    assert data == {
        "employer_names": ["DemoWerk", "Demo Werk GmbH"],
        "disclosure_phrases": ["my own views", "meine persönliche Meinung"],
        "forbidden_terms": ["Project Falcon", "Müller & Söhne"],
        "hashtags": ["#DemoWerk", "#LifeAtDemo"],
        "platforms": ["linkedin", "mastodon"],
    }
    assert rules_from_json(data) == RULES


@pytest.mark.parametrize(("data", "expected"), [
    (None, Rules()),
    ({}, Rules()),
    ("not a dict", Rules()),
    ({"hashtags": None, "platforms": ["linkedin", None, 3, "  "]}, Rules(platforms=("linkedin",))),
    ({"employer_names": "DemoWerk", "unknown": ["x"]}, Rules(employer_names=("DemoWerk",))),
    ({"forbidden_terms": [" Falcon "], "hashtags": 7}, Rules(forbidden_terms=("Falcon",))),
])
def test_rules_from_json_is_tolerant(data, expected):
    assert rules_from_json(data) == expected
