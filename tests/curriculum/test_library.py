"""The lesson library: loading, the per-file cache, rendering."""
import os

from course import create_app
from course.curriculum import rendering
from course.curriculum.content import LANGUAGES
from course.curriculum.library import LessonStore, lessons
from course.curriculum.rendering import lesson_html, render_lesson_markdown
from tests.conftest import base_config


def test_shipped_curriculum(app):
    curriculum = lessons.curriculum
    assert len(curriculum.stages) >= 8 and len(curriculum.lessons) >= 24
    assert {lesson.track for lesson in curriculum.lessons.values()} == {"all", "leadership", "staff"}
    for lesson in curriculum.lessons.values():
        assert set(lesson.texts) == set(LANGUAGES)
        for text in lesson.texts.values():
            assert 400 <= text.word_count <= 900 and text.summary and text.takeaway
        assert lesson.exercise is not None


def test_staff_and_leadership_see_their_own_lessons(app):
    curriculum = lessons.curriculum
    staff = {lesson.slug for lesson in curriculum.sequence("staff")}
    leadership = {lesson.slug for lesson in curriculum.sequence("leadership")}
    assert "speaking-within-guidelines" in staff - leadership
    assert {"leading-by-being-visible", "guidelines-as-enablement"} <= leadership - staff
    assert len(curriculum.sequence(None)) == len(curriculum.lessons)


def test_files_are_parsed_once_and_reused(tree):
    store = LessonStore(tree.root)
    first = store.curriculum()
    parsed = store.parse_count
    assert parsed == 8  # stages, rubric and six lesson files
    assert store.curriculum() is first
    assert store.parse_count == parsed


def test_without_reload_changes_are_not_seen(tree):
    store = LessonStore(tree.root, auto_reload=False)
    store.curriculum()
    path = tree.root / "en" / "alpha.md"
    path.write_text(path.read_text().replace("title: Lesson alpha", "title: Changed"))
    assert store.curriculum().lessons["alpha"].text("en").title == "Lesson alpha"


def test_in_debug_only_the_changed_file_is_read_again(tree):
    store = LessonStore(tree.root, auto_reload=True)
    store.curriculum()
    parsed = store.parse_count
    path = tree.root / "en" / "alpha.md"
    path.write_text(path.read_text().replace("title: Lesson alpha", "title: Changed title"))
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    assert store.curriculum().lessons["alpha"].text("en").title == "Changed title"
    assert store.parse_count == parsed + 1


def test_lessons_reload_only_in_debug(app, migrated_database):
    assert app.extensions["lessons"].auto_reload is False
    debug_app = create_app({**base_config(migrated_database), "DEBUG": True, "TESTING": False})
    assert debug_app.extensions["lessons"].auto_reload is True


def test_rendering_tables_footnotes_anchors_boxes_and_links():
    html = render_lesson_markdown(
        "## Two platforms\n\n| Platform | Limit |\n|---|---|\n| X | 280 |\n\n"
        "A claim.[^1]\n\n[^1]: The source.\n\n"
        '!!! try "Try this"\n    Write one sentence.\n\n'
        "Read [the next lesson](lesson:error-culture).\n",
        lambda slug: f"/learn/{slug}",
    )
    assert '<h2 id="two-platforms">' in html and 'class="headerlink"' in html
    assert "<table>" in html and "<td>280</td>" in html
    assert 'class="footnote"' in html and "The source." in html
    assert '<div class="admonition try" role="note">' in html and "Try this" in html
    assert '<a href="/learn/error-culture">the next lesson</a>' in html


def test_lesson_html_is_rendered_once(app, monkeypatch):
    text = lessons.curriculum.lessons["networking-is-doing"].text("de")
    monkeypatch.delitem(text.rendered, "body", raising=False)  # put back afterwards: the library is shared
    renders = []
    monkeypatch.setattr(rendering, "render_lesson_markdown",
                        lambda source, link_for: renders.append(source) or f"<h2>{len(renders)}</h2>")
    first = lesson_html(text)
    again = lesson_html(text)
    assert first is again and renders == [text.body]


def test_german_text_is_german(app):
    lesson = lessons.curriculum.lessons["error-culture"]
    assert lesson.text("de").title != lesson.text("en").title
    assert lesson.text("fr") is lesson.text("en")
