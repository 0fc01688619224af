"""The platforms learners write for, and how each of them counts text.

Text is counted in units: a link (on Mastodon also a remote mention) or else one
extended grapheme cluster, one code point or one word, depending on the
platform. Each unit has a weight; the length is the sum of the weights. Every
pattern and weight is defined here once: ``client_rules()`` hands the very same
regular-expression sources to ``static/js/counting.js``, so the live counter in
the browser agrees with the server. The sources are therefore written in the
common subset of the ``regex`` module and JavaScript's ``u`` mode: ``\\p{...}``
properties, lookbehind and named groups, but no ``\\w``, ``\\b``, ``\\s``, ``\\X``,
possessive quantifiers or inline flags.
"""
from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import regex

# Counting modes.
X = "x"  # twitter-text v3: weighted code points, emoji 2, links 23
FEDIVERSE = "mastodon"  # Mastodon and the fediverse: graphemes, links 23, remote mentions as @user
GRAPHEMES = "graphemes"  # one per extended grapheme cluster
THREADS = "threads"  # one per grapheme cluster, an emoji its UTF-8 bytes (Meta's Threads API documentation)
CHARACTERS = "characters"  # one per code point
WORDS = "words"  # runs of non-whitespace
COUNTINGS = (X, FEDIVERSE, GRAPHEMES, THREADS, CHARACTERS, WORDS)


class UnknownPlatform(ValueError):
    """A platform key that is not one of ``PLATFORMS``."""


@dataclass(frozen=True)
class Platform:
    key: str
    name: str
    limit: int | None  # in the platform's own units; None: long form, no limit
    counting: str  # one of COUNTINGS
    word_range: tuple[int, int] | None = None  # advice for long form, not a hard limit


PLATFORMS: dict[str, Platform] = {
    platform.key: platform
    for platform in [
        Platform("x", "X", 280, X),
        Platform("bluesky", "Bluesky", 300, GRAPHEMES),
        Platform("mastodon", "Mastodon", 500, FEDIVERSE),
        Platform("linkedin", "LinkedIn", 3000, CHARACTERS),
        # Threads (Meta): 500 per post as of 2026-12; Meta documents that an emoji counts as its UTF-8 bytes.
        Platform("threads", "Threads", 500, THREADS),
        Platform("blog", "Blog", None, WORDS, word_range=(300, 900)),
    ]
}


def get_platform(key: str) -> Platform:
    """The platform called ``key`` (case-insensitive); raises ``UnknownPlatform``."""
    platform = PLATFORMS.get(key.strip().lower()) if isinstance(key, str) else None
    if platform is None:
        names = ", ".join(p.name for p in PLATFORMS.values())
        raise UnknownPlatform(f"Unknown platform {key!r}. Choose one of: {names}.")
    return platform


# Links -------------------------------------------------------------------------
#
# Modelled on twitter-text's extractor (github.com/twitter/twitter-text, js/src/regexp),
# simplified where its full TLD list or punycode checks would not fit in a shared pattern.

URL_LENGTH = 23  # t.co wraps every link to 23 characters (twitter-text v3 transformedURLLength); Mastodon copies it

_WORD_CHAR = r"\p{L}\p{M}\p{N}"
# twitter-text's validUrlPrecedingChars: no link right after a letter, digit, @, $ or #.
_NOT_BEFORE_LINK = r"A-Za-z0-9@＠$#＃\uFFFE\uFEFF\uFFFF"
# A bare domain also needs a clean start: not inside a word, an e-mail address or a path.
_NOT_BEFORE_BARE_DOMAIN = _NOT_BEFORE_LINK + _WORD_CHAR + r"_./\-"
_DOMAIN_END = r"(?![" + _WORD_CHAR + r"_@\-])"
_LABEL = r"[" + _WORD_CHAR + r"](?:[" + _WORD_CHAR + r"_\-]{0,61}[" + _WORD_CHAR + r"])?"
_ASCII_LABEL = r"[a-z0-9](?:[a-z0-9_\-]{0,61}[a-z0-9])?"
_IPV4 = r"(?:[0-9]{1,3}\.){3}[0-9]{1,3}"
# With a protocol any alphabetic (also internationalised) TLD will do.
_HOST = (r"(?:(?:" + _LABEL + r"\.)+(?:xn--[a-z0-9\-]{1,59}|[\p{L}\p{M}]{2,63})" + _DOMAIN_END
         + r"|" + _IPV4 + r"(?![0-9]))")
_PORT = r"(?::[0-9]{1,5})?"

# Without a protocol only well-known endings count: common generic TLDs and any two letters
# (country codes). The list is short on purpose: every entry is a word that, after a dot
# without a space, turns prose into a link.
GENERIC_TLDS = (
    "com", "net", "org", "info", "biz", "name", "pro", "edu", "gov", "mil", "int", "mobi", "aero", "asia",
    "jobs", "museum", "travel", "app", "dev", "blog", "social", "xyz", "online", "site", "website", "shop",
    "store", "tech", "news", "media", "cloud", "digital", "email", "agency", "studio", "design", "club",
    "live", "world", "group", "company", "academy", "berlin", "hamburg", "koeln", "bayern", "wien",
    "swiss", "gmbh",
)
_BARE_TLD = r"(?:" + "|".join(GENERIC_TLDS) + r"|[a-z]{2})"
# twitter-text's invalidShortDomain: one label plus a country code ("vernetzt.de") is no
# link unless a path follows; .co and .tv are the exceptions (validSpecialShortDomain, "t.co").
_SHORT_DOMAIN_WITHOUT_PATH = (
    r"(?!" + _ASCII_LABEL + r"\.(?!(?:co|tv)" + _DOMAIN_END + r")[a-z]{2}"
    + r"(?!\.?[" + _WORD_CHAR + r"_@\-])(?!" + _PORT + r"/))"
)
_BARE_HOST = (r"(?<![" + _NOT_BEFORE_BARE_DOMAIN + r"])" + _SHORT_DOMAIN_WITHOUT_PATH
              + r"(?:" + _ASCII_LABEL + r"\.)+" + _BARE_TLD + _DOMAIN_END)


def _path(general: str, ending: str) -> str:
    """A path: ``/``, then characters of ``general`` ending in one of ``ending``; parentheses only balanced."""
    balanced = r"\([" + general + r"]*\)"
    return r"(?:/(?:(?:[" + general + r"]|" + balanced + r")*(?:[" + ending + r"]|" + balanced + r"))?)?"


# twitter-text's path characters: Latin (with accents) and Cyrillic letters, digits and URL
# punctuation; a link ends before other scripts, emoji and trailing punctuation.
_LATIN_ACCENTS = (r"\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u00FF\u0100-\u024F\u0253\u0254\u0256\u0257\u0259"
                  r"\u025B\u0263\u0268\u026F\u0272\u0289\u028B\u02BB\u0300-\u036F\u1E00-\u1EFF")
_X_PATH = _path(r"a-z\u0400-\u04FF0-9!*';:=+,.$/%#\[\]\-\u2013_~&|@" + _LATIN_ACCENTS,
                r"a-z\u0400-\u04FF0-9=_#/+\-" + _LATIN_ACCENTS)
# Mastodon widens the path to any character but whitespace (config/initializers/twitter_regex.rb).
_FEDIVERSE_PATH = _path(r"^\p{White_Space}<>()?", r'^\p{White_Space}()?!*"' + r"'「」<>;:=,.$%\[\]~&|@")
_QUERY = r"(?:\?[a-z0-9!?*'@();:&=+$/%#\[\]\-_.,~|]*[a-z0-9\-_&=#/])?"
_PROTOCOL = r"(?<![" + _NOT_BEFORE_LINK + r"])https?://"

X_TOKENS = r"(?<url>" + _PROTOCOL + _HOST + _PORT + _X_PATH + _QUERY + r"|" + _BARE_HOST + _PORT + _X_PATH + _QUERY + r")"
# Mastodon counts a remote mention as its local part (app/validators/status_length_validator.rb,
# Account::MENTION_RE): "@anna@chaos.social" counts as "@anna".
FEDIVERSE_TOKENS = (
    r"(?<url>" + _PROTOCOL + _HOST + _PORT + _FEDIVERSE_PATH + _QUERY + r")"
    + r"|(?<mention>(?<![=/" + _WORD_CHAR + r"_])(?<handle>@[a-z0-9_]+(?:[.\-]+[a-z0-9_]+)*)"
    + r"@[" + _WORD_CHAR + r"_.\-]*[" + _WORD_CHAR + r"_])"
)

# Emoji and weights (twitter-text config/v3.json) ------------------------------------

# A grapheme cluster holding any of these is one emoji: ZWJ families, skin tones, flags, keycaps.
EMOJI = r"[\p{Extended_Pictographic}\p{Regional_Indicator}\u20E3]"
EMOJI_WEIGHT = 2
# twitter-text v3 weighs 100 of a scale of 100 (here: 1) inside these ranges, else 200 (here: 2).
LIGHT_RANGES = ((0, 4351), (8192, 8205), (8208, 8223), (8242, 8247))
LIGHT_WEIGHT = 1
DEFAULT_WEIGHT = 2
WORD = r"\P{White_Space}+"


@dataclass(frozen=True)
class _Tokens:
    source: str
    flags: str  # "i" or ""
    weights: dict[str, int | str]  # top-level group -> fixed weight, or the group whose length is the weight


@dataclass(frozen=True)
class _Counting:
    unit: str  # "grapheme", "code_point" or "word"
    tokens: _Tokens | None = None  # units matched before grapheme clusters are taken
    weighted: bool = False  # clusters weigh as on X instead of 1
    emoji_bytes: bool = False  # an emoji cluster weighs its length in UTF-8 bytes instead of 1


_COUNTINGS = {
    X: _Counting("grapheme", _Tokens(X_TOKENS, "i", {"url": URL_LENGTH}), weighted=True),
    FEDIVERSE: _Counting("grapheme", _Tokens(FEDIVERSE_TOKENS, "i", {"url": URL_LENGTH, "mention": "handle"})),
    GRAPHEMES: _Counting("grapheme"),
    THREADS: _Counting("grapheme", emoji_bytes=True),
    CHARACTERS: _Counting("code_point"),
    WORDS: _Counting("word"),
}


def _compile(source: str, flags: str = "") -> Any:
    return regex.compile(source, regex.IGNORECASE if "i" in flags else 0)


_TOKEN_PATTERNS = {key: _compile(c.tokens.source, c.tokens.flags) for key, c in _COUNTINGS.items() if c.tokens}
_EMOJI = _compile(EMOJI)
_WORD = _compile(WORD)
_GRAPHEME = regex.compile(r"\X")  # Python only; the browser uses Intl.Segmenter


def client_rules() -> dict:
    """Everything ``static/js/counting.js`` needs, as JSON-serialisable data.

    ``countings`` maps a counting mode to its unit (``grapheme``, ``code_point``,
    ``word``), whether clusters are weighted as on X, whether an emoji cluster weighs its
    UTF-8 bytes, and the token pattern matched
    before clusters: ``source`` and ``flags`` for ``new RegExp(source, flags + "gu")``
    and ``weights`` per named top-level group, a number or the name of the group
    whose length in code points is the weight. ``platforms`` gives each platform's
    name, counting mode, limit and advised word range.
    """
    return {
        "url_length": URL_LENGTH,
        "emoji": {"source": EMOJI, "flags": "", "weight": EMOJI_WEIGHT},
        "code_point_weights": {
            "default": DEFAULT_WEIGHT,
            "ranges": [[start, end, LIGHT_WEIGHT] for start, end in LIGHT_RANGES],
        },
        "word": {"source": WORD, "flags": ""},
        "countings": {
            key: {
                "unit": counting.unit,
                "weighted": counting.weighted,
                "emoji_bytes": counting.emoji_bytes,
                "tokens": None if counting.tokens is None else {
                    "source": counting.tokens.source,
                    "flags": counting.tokens.flags,
                    "weights": dict(counting.tokens.weights),
                },
            }
            for key, counting in _COUNTINGS.items()
        },
        "platforms": {
            key: {
                "name": platform.name,
                "counting": platform.counting,
                "limit": platform.limit,
                "word_range": list(platform.word_range) if platform.word_range else None,
            }
            for key, platform in PLATFORMS.items()
        },
    }


# Measuring -------------------------------------------------------------------------


@dataclass(frozen=True)
class Measure:
    length: int
    limit: int | None
    overflow_at: int | None  # index into the measured text of the first unit that no longer fits

    @property
    def is_over(self) -> bool:
        """Whether the text is longer than the limit."""
        return self.limit is not None and self.length > self.limit

    @property
    def remaining(self) -> int | None:
        """Units left before the limit (negative when over); None without a limit."""
        return None if self.limit is None else self.limit - self.length


def _code_point_weight(code_point: int) -> int:
    for start, end in LIGHT_RANGES:
        if start <= code_point <= end:
            return LIGHT_WEIGHT
    return DEFAULT_WEIGHT


def _cluster_weight(cluster: str, counting: _Counting) -> int:
    if counting.emoji_bytes and _EMOJI.search(cluster):
        return len(cluster.encode("utf-8"))
    if not counting.weighted:
        return 1
    if _EMOJI.search(cluster):
        return EMOJI_WEIGHT
    # Like twitter-text, count the composed form: "A" + combining acute is one "Á".
    return sum(_code_point_weight(ord(char)) for char in unicodedata.normalize("NFC", cluster))


def _clusters(text: str, start: int, end: int, counting: _Counting) -> Iterator[tuple[int, int]]:
    # Segment the stretch between tokens on its own, exactly as the browser does.
    for match in _GRAPHEME.finditer(text[start:end]):
        yield start + match.start(), _cluster_weight(match.group(), counting)


def _token_weight(match: Any, weights: dict[str, int | str]) -> int:
    for group, weight in weights.items():
        if match.group(group) is not None:
            return weight if isinstance(weight, int) else len(match.group(weight))
    raise AssertionError(f"token pattern matched no weighted group: {match.group()!r}")


def _units(text: str, counting: _Counting, tokens: Any) -> Iterator[tuple[int, int]]:
    """(start index, weight) of every unit of ``text``, in order."""
    if counting.unit == "code_point":
        yield from ((index, 1) for index in range(len(text)))
    elif counting.unit == "word":
        yield from ((match.start(), 1) for match in _WORD.finditer(text))
    else:
        position = 0
        if tokens is not None and counting.tokens is not None:
            for match in tokens.finditer(text):
                yield from _clusters(text, position, match.start(), counting)
                yield match.start(), _token_weight(match, counting.tokens.weights)
                position = match.end()
        yield from _clusters(text, position, len(text), counting)


def measure(text: str, counting: str, limit: int | None) -> Measure:
    """How long ``text`` is in ``counting`` units, and where it first runs over ``limit``.

    ``text`` is measured as given: clean it first (``course.text.cleaning.clean_user_text``, as every form
    and service does) so the result matches what the browser counts.
    """
    if counting not in _COUNTINGS:
        raise ValueError(f"Unknown counting {counting!r}. Choose one of: {', '.join(COUNTINGS)}.")
    length, overflow_at = 0, None
    for start, weight in _units(text, _COUNTINGS[counting], _TOKEN_PATTERNS.get(counting)):
        length += weight
        if overflow_at is None and limit is not None and length > limit:
            overflow_at = start
    return Measure(length, limit, overflow_at)


def weighted_length(platform: str, text: str) -> int:
    """The length of ``text`` as ``platform`` counts it; raises ``UnknownPlatform``."""
    found = get_platform(platform)
    return measure(text, found.counting, None).length
