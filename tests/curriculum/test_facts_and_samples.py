"""`flask lessons check`: platform facts carry their month; sample posts fit their platform."""
from datetime import UTC, datetime

from tests.curriculum.test_check import _fails_with

FITS_BLUESKY = "Kurz und gut. " * 21  # 294 graphemes
TOO_LONG_FOR_BLUESKY = "Kurz und gut. " * 22  # 308 graphemes, 307 once the box text is stripped


def _add_front(tree, relative, line):
    path = tree.root / relative
    path.write_text(path.read_text().replace("\ntitle:", f"\n{line}\ntitle:", 1))


def _add_body(tree, relative, text):
    path = tree.root / relative
    path.write_text(path.read_text() + "\n" + text + "\n")


def _months_ago(months: int) -> str:
    today = datetime.now(UTC).date()
    index = today.year * 12 + today.month - 1 - months
    return f"{index // 12}-{index % 12 + 1:02d}"


def test_recent_facts_pass_without_a_warning(check, tree):
    _add_front(tree, "en/alpha.md", f"facts_as_of: {_months_ago(12)}")
    code, output = check()
    assert code == 0, output
    assert "warning" not in output


def test_facts_older_than_twelve_months_warn_but_pass(check, tree):
    _add_front(tree, "en/alpha.md", f"facts_as_of: {_months_ago(13)}")
    code, output = check()
    assert code == 0, output
    assert f"warning: lessons/en/alpha.md: the platform facts are as of {_months_ago(13)}" in output
    assert "3 lessons in 2 stages" in output


def test_facts_month_must_be_year_and_month(check, tree):
    _add_front(tree, "en/alpha.md", "facts_as_of: December")
    _fails_with(check, "lessons/en/alpha.md: facts_as_of must be the month the platform facts were checked, as YYYY-MM")


def test_facts_month_belongs_in_the_english_file(check, tree):
    _add_front(tree, "de/alpha.md", "facts_as_of: 2026-12")
    _fails_with(check, "lessons/de/alpha.md: field 'facts_as_of' belongs in the English file only")


def test_a_sample_that_fits_its_platform_passes(check, tree):
    _add_body(tree, "de/alpha.md", f'!!! example bluesky "Beispielbeitrag auf Bluesky"\n    {FITS_BLUESKY}')
    code, output = check()
    assert code == 0, output


def test_a_sample_longer_than_its_platform_allows_fails(check, tree):
    _add_body(tree, "de/alpha.md", f'!!! example bluesky "Beispielbeitrag auf Bluesky"\n    {TOO_LONG_FOR_BLUESKY}')
    _fails_with(check, 'lessons/de/alpha.md: sample "Beispielbeitrag auf Bluesky": 307 characters as Bluesky counts '
                       "them; the limit is 300")


def test_a_sample_for_two_platforms_is_measured_for_each(check, tree):
    _add_body(tree, "en/alpha.md", f'!!! example mastodon x "On Mastodon or X"\n    {FITS_BLUESKY}')
    output = _fails_with(check, 'sample "On Mastodon or X": 293 characters as X counts them; the limit is 280')
    assert "Mastodon counts" not in output


def test_x_counts_links_as_23(check, tree):
    link = "https://example.com/" + "a" * 300
    _add_body(tree, "en/alpha.md", f'!!! example x "On X"\n    Read this: {link}')
    code, output = check()
    assert code == 0, output


def test_a_sample_must_name_its_platform(check, tree):
    _add_body(tree, "en/alpha.md", '!!! example "Sample post"\n    Hello.')
    _fails_with(check, "lessons/en/alpha.md: sample \"Sample post\": name the platform after 'example'")


def test_an_example_that_is_no_post_says_so(check, tree):
    _add_body(tree, "en/alpha.md", '!!! example other "A bio"\n    Planner of night routes.')
    code, output = check()
    assert code == 0, output


def test_a_sample_for_an_unknown_platform_fails(check, tree):
    _add_body(tree, "en/alpha.md", '!!! example myspace "Old times"\n    Hello.')
    _fails_with(check, "sample \"Old times\": unknown platform 'myspace'")


def test_example_posts_to_reply_to_must_fit_the_platform(check, tree):
    for relative, exercise in [
        ("en/alpha.md", "exercise:\n  kind: replies\n  platform: bluesky\n  prompt: Reply.\n  posts:\n"
                        f"    - {{author: Ana, text: Short.}}\n    - {{author: Ben, text: {TOO_LONG_FOR_BLUESKY.strip()}}}\n"),
        ("de/alpha.md", "exercise:\n  prompt: Antworten Sie.\n  posts:\n"
                        "    - {author: Ana, text: Kurz.}\n    - {author: Ben, text: Auch kurz.}\n"),
    ]:
        path = tree.root / relative
        text = path.read_text()
        start, end = text.index("exercise:"), text.index("---", 4)
        path.write_text(text[:start] + exercise + text[end:])
    output = _fails_with(check, "lessons/en/alpha.md: exercise.posts: entry 2: 307 characters as Bluesky counts them")
    assert "de/alpha.md" not in output


def test_minutes_must_include_reading_time(check, tree):
    path = tree.root / "en" / "alpha.md"
    path.write_text(path.read_text().replace("minutes: 5", "minutes: 3"))
    _fails_with(check, "lessons/en/alpha.md: minutes (3) must include reading time: the text alone takes about 3 minutes")


def _make_post_lesson(tree, platforms: str):
    path = tree.root / "en" / "alpha.md"
    text = path.read_text()
    start, end = text.index("exercise:"), text.index("---", 4)
    path.write_text(text[:start] + f"exercise:\n  kind: post\n  platforms: [{platforms}]\n  prompt: Write.\n" + text[end:])


def test_a_writing_lesson_shows_a_model_post_for_each_platform(check, tree):
    _make_post_lesson(tree, "x, linkedin")
    _add_body(tree, "en/alpha.md", '!!! example x "On X"\n    Short.')
    _add_body(tree, "de/alpha.md", '!!! example x "Auf X"\n    Kurz.\n\n!!! example linkedin "Auf LinkedIn"\n    Länger.')
    output = _fails_with(check, "lessons/en/alpha.md: no model post for LinkedIn")
    assert "de/alpha.md" not in output


def test_a_writing_lesson_with_every_model_post_passes(check, tree):
    _make_post_lesson(tree, "x")
    _add_body(tree, "en/alpha.md", '!!! example x "On X"\n    Short.')
    _add_body(tree, "de/alpha.md", '!!! example x "Auf X"\n    Kurz.')
    code, output = check()
    assert code == 0, output
