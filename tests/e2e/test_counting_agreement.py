"""The browser counts like the server: static/js/counting.js against course/text/platforms.py.

Every text of the counting table in tests/exercises/test_counting.py is measured on
both sides for every platform, and once more per counting mode with small limits so
that overflow positions fall in every kind of unit. Overflow indices differ (UTF-16
in JavaScript, code points in Python); the text after them must not.
"""
from course.text.platforms import COUNTINGS, PLATFORMS, client_rules, measure, weighted_length
from tests.exercises.test_counting import ROWS

SMALL_LIMITS = (0, 1, 2, 5, 17)

MEASURE_IN_THE_BROWSER = """
async ([rules, probes, texts, platforms]) => {
    const counting = await import("/static/js/counting.js");
    counting.configure(rules);
    const measured = probes.map(([text, mode, limit]) => {
        const result = counting.measure(text, mode, limit);
        return [result.length, result.overflowAt === null ? null : text.slice(result.overflowAt)];
    });
    const lengths = texts.map((text) => platforms.map((key) => counting.weightedLength(key, text)));
    return {measured, lengths};
}
"""


def _unique_texts() -> list[str]:
    return list(dict.fromkeys(row.text for row in ROWS))


def test_browser_counts_like_the_server(browsing):
    texts = _unique_texts()
    limits = [(p.counting, p.limit) for p in PLATFORMS.values()]
    limits += [(counting, limit) for counting in COUNTINGS for limit in SMALL_LIMITS]
    probes = [(text, counting, limit) for text in texts for counting, limit in limits]
    page = browsing.new_page()
    page.goto("/login")

    browser = page.evaluate(MEASURE_IN_THE_BROWSER, [client_rules(), probes, texts, list(PLATFORMS)])

    mismatches = []
    for (text, counting, limit), (length, rest) in zip(probes, browser["measured"], strict=True):
        server = measure(text, counting, limit)
        expected = (server.length, None if server.overflow_at is None else text[server.overflow_at:])
        if (length, rest) != expected:
            mismatches.append(f"{counting} limit {limit} {text[:40]!r}: browser {(length, rest)!r} server {expected!r}")
    for text, lengths in zip(texts, browser["lengths"], strict=True):
        expected = [weighted_length(key, text) for key in PLATFORMS]
        if lengths != expected:
            mismatches.append(f"weightedLength {text[:40]!r}: browser {lengths} server {expected}")
    assert mismatches == [], "\n".join(mismatches[:20])
    assert len(probes) > 1000  # the whole table went through
