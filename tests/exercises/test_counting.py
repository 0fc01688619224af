"""Counting text per platform: one table, checked here in Python and in
tests/e2e/test_counting_agreement.py against static/js/counting.js.

Rows marked "conformance" come from twitter-text's published conformance suite,
https://github.com/twitter/twitter-text/blob/master/conformance/validate.yml.
We follow its v3 configuration (config/v3.json, the one X uses today): the
section ``WeightedTweetsWithDiscountedEmojiCounterTest``. Its older ``lengths``
section counts every code point as 1 (the v1 rules of 140-character tweets),
so two of its rows carry v3 numbers here, worked out from the v3 weights.
"""
from __future__ import annotations

import json
from dataclasses import dataclass

import pytest
import regex

from course.text.platforms import (
    COUNTINGS,
    PLATFORMS,
    Measure,
    UnknownPlatform,
    client_rules,
    get_platform,
    measure,
    weighted_length,
)


@dataclass(frozen=True)
class Row:
    id: str
    platform: str
    text: str
    length: int
    overflow_at: int | None = None  # Python index of the first unit over the platform's limit


def rows(platform: str, *table: tuple) -> list[Row]:
    return [Row(row[0], platform, *row[1:]) for row in table]


FAMILY = "\U0001F468\u200D\U0001F469\u200D\U0001F467\u200D\U0001F466"  # 👨‍👩‍👧‍👦: 7 code points, 1 grapheme
FLAG_DE = "\U0001F1E9\U0001F1EA"  # 🇩🇪: two regional indicators
KEYCAP_1 = "1\uFE0F\u20E3"  # 1️⃣: digit, variation selector, combining keycap
THUMBS_UP_MEDIUM = "\U0001F44D\U0001F3FD"  # 👍🏽: emoji + skin tone modifier
E_ACUTE_NFD = "e\u0301"  # é written as e + combining acute
GREETING_NFC = "Grüße aus Köln"
GREETING_NFD = "Gru\u0308ße aus Ko\u0308ln"  # ü and ö decomposed; ß has no decomposition
CJK_160 = (  # conformance: "160 CJK char"
    "故人西辞黄鹤楼，烟花三月下扬州。孤帆远影碧空尽，唯见长江天际流。朱雀桥边野草花，乌衣巷口夕阳斜。"
    "旧时王谢堂前燕，飞入寻常百姓家。朝辞白帝彩云间，千里江陵一日还。两岸猿声啼不住，轻舟已过万重山。"
    "泪湿罗巾梦不成，夜深前殿按歌声。红颜未老恩先断，斜倚薰笼坐到明。独在异乡为异客，每逢佳节倍思亲。"
    "遥知兄弟登高处，遍插茱萸少一人。"
)
X_CHUNKS = "xxxxxxxxxx-"
GENERAL_PUNCTUATION = (  # conformance: "Handle General Punctuation Characters ..., no ZWJ/ZWNJ"
    "This is a tweet with general punctuation characters: "
    "\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u200B"
    " \u2010 \u2011 \u2012 \u2013 \u2014 \u2015 \u2016  \u2017 \u2018 \u2019 \u201A \u201B"
    " \u201C \u201D \u201E \u201F \u2032 \u2033 \u2034 \u2035 \u2036 \u2037"
)
ENGLAND = "\U0001F3F4\U000E0067\U000E0062\U000E0065\U000E006E\U000E0067\U000E007F"  # tag sequence flag

X_ROWS = rows(
    "x",
    # conformance, section `lengths` (same under every config: ASCII and links)
    ("conformance-this-is-a-test", "This is a test.", 15),
    ("conformance-http-url", "http://test.com", 23),
    ("conformance-https-url", "https://test.com", 23),
    ("conformance-url-without-protocol", "test.com", 23),
    ("conformance-multiple-urls", "Test https://test.com test https://test.com test.com test", 86),
    # conformance `lengths` says 2 (v1: one per code point). Under v3 both code points lie
    # outside the weight-1 ranges (0-4351, 8192-8205, 8208-8223, 8242-8247): 2 + 2 = 4.
    ("conformance-astral-v3", "\U00010000\U0010FFFF", 4),
    # conformance `lengths` says 4 (v1). Hangul syllables (U+C800...) are above 4351: 4 x 2 = 8.
    ("conformance-hangul-v3", "저찀쯿쿿", 8),
    # conformance, WeightedTweetsWithDiscountedEmojiCounterTest (v3)
    ("conformance-regular-tweet-with-url", "Hi http://test.co", 26),
    ("conformance-just-url", "http://test.co", 23),
    ("conformance-285-chars", "285 chars-" + X_CHUNKS * 25, 285, 280),
    ("conformance-url-in-the-middle", "285 chars- http://www.twitter.com/jack " + X_CHUNKS * 24, 299, 284),
    # the link starts at 265 and no longer fits as a whole: validRangeEnd 264
    ("conformance-url-at-the-end", X_CHUNKS * 24 + " http://www.twitter.com/jack ", 289, 265),
    ("conformance-10-urls", "https://www.twitter.com/aloha " * 10, 240),
    ("conformance-160-cjk", CJK_160, 320, 140),
    ("conformance-160-emoji", "\U0001F637" * 160, 320, 140),
    ("conformance-latin-and-cjk", "the" + CJK_160, 323, 141),
    ("conformance-combining-acute", "A\u0301B", 2),
    ("conformance-hebrew-normalised-to-3", "A\u05E9\u05BC\u05C1", 4),  # U+FB2C is excluded from NFC
    # the decomposed Á (two code points at 279-280) still fits; the x after it does not
    ("conformance-282-with-combining", "282 chars-" + X_CHUNKS * 24 + "xxxxx" + "A\u0301" + "x", 281, 281),
    ("conformance-mixed-emoji", "H\U0001F431\u263A" + FAMILY, 7),
    ("conformance-bmp-emoji", "\U0001F637\U0001F47E\U0001F621\U0001F525\U0001F4A9", 10),
    ("conformance-skin-tone-and-zwj", "\U0001F64B\U0001F3FD\U0001F468\u200D\U0001F3A4", 4),
    ("conformance-general-punctuation", GENERAL_PUNCTUATION, 110),
    ("conformance-64-char-label-is-no-domain", "randomurl" * 7 + "s.com", 68),
    ("conformance-140-families", FAMILY * 140, 280),
    ("conformance-unicode-10-emoji", f"Unicode 10.0 emoji: \U0001F92A; \U0001F9D5; \U0001F9D5\U0001F3FE; {ENGLAND}", 34),
    ("conformance-unicode-9-emoji", "Unicode 9.0 emoji: \U0001F920; \U0001F483; \U0001F483\U0001F3FE", 29),
    # conformance, UnicodeDirectionalMarkerCounterTest
    ("conformance-invalid-characters", "ABC\u202A\uFFFFABC\uFFFE", 12),
    ("conformance-directional-markers", "\u2066\u202Ahttp://foobar.پاکستان/\u202C\u2069", 31),
    # conformance `urls_without_protocol` lists these as links; a link counts 23
    ("conformance-www-domain", "www.example.com", 23),
    ("conformance-short-cctld", "t.co", 23),
    ("conformance-subdomain-cctld", "foo.co.jp", 23),
    ("conformance-domain-path-query", "example.com/path/to/resource?search=foo&lang=en", 23),
    # conformance `urls` lists these as valid links
    ("conformance-cased-url", "HTTPS://www.ExaMPLE.COM/index.html", 23),
    ("conformance-ipv4", "http://192.168.0.1/index.html?src=asdf", 23),
    ("conformance-hashbang-fragment", "http://twitter.com/#!/twitter", 23),
    # our own: links
    ("short-domain-without-path", "vernetzt.de", 11),  # twitter-text invalidShortDomain: no link
    ("short-domain-with-path", "vernetzt.de/kurs", 23),
    ("subdomain-cctld", "www.vernetzt.de", 23),
    ("two-letters-is-no-file-name", "node.js", 7),
    ("link-then-full-stop", "Mehr unter example.com.", 35),  # 11 + 23 + "."
    ("link-then-exclamation", "Siehe https://example.com/kurs!", 30),  # 6 + 23 + "!"
    ("balanced-parentheses", "(https://en.wikipedia.org/wiki/Foo_(bar))", 25),  # "(" + 23 + ")"
    ("emoji-ends-a-link", "https://example.com/foo\U0001F389", 25),  # twitter-text path chars stop at 🎉
    ("e-mail-is-no-link", "info@example.com", 16),
    ("at-domain-is-no-link", "@example.com", 12),
    ("remote-mention-is-not-shortened", "@anna@chaos.social", 18),
    ("mention", "Hallo @anna!", 12),
    # our own: emoji count 2 whatever their length (v3 emojiParsingEnabled)
    ("zwj-family", FAMILY, 2),
    ("flag", FLAG_DE, 2),
    ("keycap", KEYCAP_1, 2),
    ("skin-tone", THUMBS_UP_MEDIUM, 2),
    ("england-tag-sequence", ENGLAND, 2),
    # our own: other scripts and composition
    ("cjk", "日本語", 6),
    ("combining-e-acute", E_ACUTE_NFD, 1),
    ("umlauts-nfc", GREETING_NFC, 14),
    ("umlauts-nfd", GREETING_NFD, 14),
    ("sharp-s-and-umlaut-capitals", "ÄÖÜß", 4),
    ("newline", "Zeile 1\nZeile 2", 15),
    ("empty", "", 0),
    # our own: where the overflow starts
    ("overflow-at-a-link", "x" * 270 + " https://example.com", 294, 271),
    ("overflow-at-an-emoji", "x" * 279 + THUMBS_UP_MEDIUM, 281, 279),
    ("overflow-at-cjk", "x" * 279 + "日", 281, 279),
    ("exactly-at-the-limit", "x" * 257 + " https://example.com", 281, 258),
    ("just-fits", "x" * 256 + " https://example.com", 280),
)

FEDIVERSE_ROWS = rows(
    "mastodon",
    # app/validators/status_length_validator.rb: links count 23, a remote mention as @user,
    # everything else one per grapheme cluster
    ("remote-mention", "@user@example.social", 5),
    ("remote-mention-in-a-sentence", "Hallo @anna@chaos.social!", 12),  # 6 + "@anna" + "!"
    ("remote-mention-with-dot", "@first.last@mastodon.example", 11),
    ("local-mention", "@anna", 5),
    ("e-mail-is-no-mention", "anna@example.social", 19),
    ("link", "https://example.com/a/very/long/path", 23),
    ("link-then-full-stop", "Mehr: https://example.com/kurs.", 30),  # 6 + 23 + "."
    ("link-with-umlaut-path", "https://example.com/straße", 23),
    ("bare-domain-is-no-link", "example.com", 11),
    ("zwj-family", FAMILY, 1),
    ("flag", FLAG_DE, 1),
    ("keycap", KEYCAP_1, 1),
    ("skin-tone", THUMBS_UP_MEDIUM, 1),
    ("cjk", "日本語", 3),
    ("combining-e-acute", E_ACUTE_NFD, 1),
    ("umlauts-nfd", GREETING_NFD, 14),
    ("newline", "Zeile 1\nZeile 2", 15),
    ("empty", "", 0),
    ("fits-with-a-remote-mention", "x" * 491 + " @someone@example.social", 500),  # 491 + 1 + "@someone"
    ("overflow-at-a-remote-mention", "x" * 495 + " @someone@example.social", 504, 496),
    ("overflow-at-a-link", "x" * 480 + " https://example.com", 504, 481),
    ("overflow-501", "x" * 501, 501, 500),
)

BLUESKY_ROWS = rows(
    "bluesky",
    # one per grapheme cluster (Unicode UAX #29 extended grapheme clusters); links in full
    ("greeting-with-emoji", "Hallo \U0001F44B", 7),
    ("zwj-family", FAMILY, 1),
    ("two-flags", FLAG_DE + "\U0001F1EB\U0001F1F7", 2),
    ("keycap", KEYCAP_1, 1),
    ("skin-tone", THUMBS_UP_MEDIUM, 1),
    ("combining-e-acute", E_ACUTE_NFD, 1),
    ("umlauts-nfc", GREETING_NFC, 14),
    ("umlauts-nfd", GREETING_NFD, 14),
    ("cjk", "日本語", 3),
    ("link-in-full", "https://example.com/kurs", 24),
    ("newline", "Zeile 1\nZeile 2", 15),
    ("empty", "", 0),
    ("overflow-at-a-family", "x" * 300 + FAMILY, 301, 300),
    ("overflow-after-a-family", "x" * 299 + FAMILY + "y", 301, 299 + len(FAMILY)),
)

THREADS_ROWS = rows(
    "threads",
    # 500, one per grapheme cluster, but an emoji weighs its UTF-8 bytes (Meta's Threads API documentation,
    # "Emojis are counted as the number of UTF-8 bytes"); links in full
    ("wave", "Hallo \U0001F44B", 10),
    ("zwj-family", FAMILY, 25),
    ("flag", FLAG_DE, 8),
    ("keycap", KEYCAP_1, 7),
    ("skin-tone", THUMBS_UP_MEDIUM, 8),
    ("umlauts-nfd", GREETING_NFD, 14),
    ("cjk", "日本語", 3),
    ("link-in-full", "https://example.com/kurs", 24),
    ("fits-500", "x" * 475 + FAMILY, 500),
    ("overflow-at-a-family", "x" * 476 + FAMILY, 501, 476),
    ("overflow-501", "x" * 501, 501, 500),
)

LINKEDIN_ROWS = rows(
    "linkedin",
    # one per code point (JavaScript: [...text].length)
    ("zwj-family", FAMILY, 7),
    ("flag", FLAG_DE, 2),
    ("keycap", KEYCAP_1, 3),
    ("skin-tone", THUMBS_UP_MEDIUM, 2),
    ("combining-e-acute", E_ACUTE_NFD, 2),
    ("umlauts-nfc", GREETING_NFC, 14),
    ("umlauts-nfd", GREETING_NFD, 16),
    ("astral", "\U00010000", 1),
    ("link-in-full", "https://example.com", 19),
    ("newline", "Zeile 1\nZeile 2", 15),
    ("empty", "", 0),
    # the limit falls between an emoji and its skin tone modifier
    ("overflow-inside-a-cluster", "x" * 2999 + THUMBS_UP_MEDIUM, 3001, 3000),
)

BLOG_ROWS = rows(
    "blog",
    # words: runs of characters other than Unicode White_Space; no limit
    ("two-words", "Hallo Welt", 2),
    ("extra-whitespace", "  Hallo\n\nWelt  ", 2),
    ("no-break-space-separates", "Straße\u00A0und Weg", 3),
    ("address-is-one-word", "E-Mail-Adresse: info@example.com", 2),
    ("emoji-words", THUMBS_UP_MEDIUM + " " + THUMBS_UP_MEDIUM, 2),
    ("empty", "", 0),
    ("whitespace-only", " \n\t ", 0),
)

ROWS = X_ROWS + FEDIVERSE_ROWS + BLUESKY_ROWS + THREADS_ROWS + LINKEDIN_ROWS + BLOG_ROWS


@pytest.mark.parametrize("row", ROWS, ids=[f"{row.platform}-{row.id}" for row in ROWS])
def test_counts_like_the_platform(row: Row):
    platform = PLATFORMS[row.platform]
    result = measure(row.text, platform.counting, platform.limit)

    assert weighted_length(row.platform, row.text) == row.length
    assert result == Measure(row.length, platform.limit, row.overflow_at)


def test_the_table_rows_are_unique():
    ids = [(row.platform, row.id) for row in ROWS]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize(
    ("text", "counting", "limit", "expected"),
    [
        ("Hallo", "characters", 10, Measure(5, 10, None)),
        ("Hallo", "characters", 5, Measure(5, 5, None)),
        ("Hallo", "characters", 3, Measure(5, 3, 3)),
        ("Hallo", "characters", 0, Measure(5, 0, 0)),
        ("", "characters", 0, Measure(0, 0, None)),
        ("eins zwei drei", "words", 2, Measure(3, 2, 10)),
        ("eins zwei drei", "words", None, Measure(3, None, None)),
        ("ab" + FAMILY, "graphemes", 2, Measure(3, 2, 2)),
        ("ab" + FAMILY, "x", 3, Measure(4, 3, 2)),
        ("ab https://example.com", "x", 10, Measure(26, 10, 3)),
        ("ab @anna@chaos.social", "mastodon", 5, Measure(8, 5, 3)),
    ],
    ids=["fits", "exactly", "over", "zero-limit", "empty", "words-over", "words-no-limit",
         "grapheme-over", "emoji-over", "link-over", "remote-mention-over"],
)
def test_measure_with_any_limit(text, counting, limit, expected):
    assert measure(text, counting, limit) == expected


@pytest.mark.parametrize(
    ("result", "is_over", "remaining"),
    [
        (Measure(5, 10, None), False, 5),
        (Measure(10, 10, None), False, 0),
        (Measure(12, 10, 10), True, -2),
        (Measure(500, None, None), False, None),
    ],
    ids=["under", "at", "over", "no-limit"],
)
def test_measure_reports_is_over_and_remaining(result, is_over, remaining):
    assert result.is_over is is_over
    assert result.remaining == remaining


def test_unknown_platform_names_the_choices():
    with pytest.raises(UnknownPlatform) as raised:
        weighted_length("twitter", "Hallo")
    assert str(raised.value) == "Unknown platform 'twitter'. Choose one of: X, Bluesky, Mastodon, LinkedIn, Threads, Blog."
    assert isinstance(raised.value, ValueError)
    with pytest.raises(UnknownPlatform):
        get_platform("")


def test_platform_keys_are_case_insensitive():
    assert get_platform(" LinkedIn ") is PLATFORMS["linkedin"]
    assert weighted_length("X", "http://test.com") == 23


def test_unknown_counting_is_refused():
    with pytest.raises(ValueError, match="Unknown counting 'tweets'"):
        measure("Hallo", "tweets", 10)


def test_platforms_keep_their_names_and_limits():
    assert {key: (p.name, p.limit, p.counting) for key, p in PLATFORMS.items()} == {
        "x": ("X", 280, "x"),
        "bluesky": ("Bluesky", 300, "graphemes"),
        "mastodon": ("Mastodon", 500, "mastodon"),
        "linkedin": ("LinkedIn", 3000, "characters"),
        "threads": ("Threads", 500, "threads"),
        "blog": ("Blog", None, "words"),
    }
    assert PLATFORMS["blog"].word_range == (300, 900)



def test_client_rules_are_json_and_complete():
    rules = json.loads(json.dumps(client_rules()))

    assert set(rules["countings"]) == set(COUNTINGS)
    assert rules["platforms"]["x"] == {"name": "X", "counting": "x", "limit": 280, "word_range": None}
    assert rules["platforms"]["blog"]["word_range"] == [300, 900]
    assert rules["url_length"] == 23
    patterns = [rules["emoji"], rules["word"]] + [c["tokens"] for c in rules["countings"].values() if c["tokens"]]
    for pattern in patterns:
        regex.compile(pattern["source"])  # the browser compiles the same sources (e2e test)
        assert pattern["flags"] in ("", "i")
