"""Unlocking by pacing and track, and progress figures; no database needed."""
from datetime import UTC, date, datetime

import pytest

from course.curriculum.content import Curriculum, Lesson, LessonText, Stage
from course.curriculum.models import LessonProgress
from course.curriculum.unlocking import Pace, course_progress, stage_states

TODAY = date(2026, 5, 4)
DONE = datetime(2026, 5, 1, tzinfo=UTC)


def _lesson(slug, stage, order, track="all", required=True):
    text = LessonText(slug, "", "", "")
    return Lesson(slug, stage, order, track, 5, required, None, {"en": text})


@pytest.fixture
def curriculum():
    stages = [Stage(key, n, {"en": key}, {"en": ""}) for n, key in enumerate(["one", "two", "three"], start=1)]
    stages[0].lessons = [_lesson("a", "one", 1), _lesson("b", "one", 2), _lesson("extra", "one", 3, required=False),
                         _lesson("boss", "one", 4, track="leadership")]
    stages[1].lessons = [_lesson("c", "two", 1), _lesson("staff-only", "two", 2, track="staff")]
    stages[2].lessons = [_lesson("d", "three", 1)]
    return Curriculum(stages, {lesson.slug: lesson for stage in stages for lesson in stage.lessons}, {})


def _done(*slugs):
    return {slug: LessonProgress(lesson_slug=slug, read_at=DONE, completed_at=DONE) for slug in slugs}


def _open(states):
    return [state.stage.key for state in states if state.is_open]


def test_self_paced_first_stage_is_open(curriculum):
    states = stage_states(curriculum, "staff", Pace(), {}, TODAY)
    assert _open(states) == ["one"]
    assert states[1].waits_for.key == "one" and states[2].waits_for.key == "two"
    assert all(lesson.is_locked for lesson in states[1].lessons)


def test_self_paced_next_stage_opens_when_required_lessons_are_complete(curriculum):
    assert _open(stage_states(curriculum, "staff", Pace(), _done("a"), TODAY)) == ["one"]
    states = stage_states(curriculum, "staff", Pace(), _done("a", "b"), TODAY)
    assert _open(states) == ["one", "two"]  # the optional lesson does not hold it back
    assert states[0].percent == 67 and states[0].is_complete


def test_self_paced_track_lessons_count_only_for_their_track(curriculum):
    staff = stage_states(curriculum, "staff", Pace(), _done("a", "b", "c"), TODAY)
    assert _open(staff) == ["one", "two"]  # staff must also finish the staff lesson
    leadership = stage_states(curriculum, "leadership", Pace(), _done("a", "b", "c"), TODAY)
    assert _open(leadership) == ["one"]  # leadership still needs "boss" in stage one
    leadership = stage_states(curriculum, "leadership", Pace(), _done("a", "b", "boss", "c"), TODAY)
    assert _open(leadership) == ["one", "two", "three"]


def test_self_paced_cannot_skip_a_locked_stage(curriculum):
    # Lessons of stage two completed earlier do not open stage three while stage two is locked.
    assert _open(stage_states(curriculum, "staff", Pace(), _done("c", "staff-only"), TODAY)) == ["one"]


def test_scheduled_stages_open_on_their_date(curriculum):
    pace = Pace(True, {"one": date(2026, 5, 1), "two": TODAY, "three": date(2026, 5, 11)})
    states = stage_states(curriculum, "staff", pace, {}, TODAY)
    assert _open(states) == ["one", "two"]  # dates, not completion
    assert states[2].opens_on == date(2026, 5, 11) and states[2].waits_for is None


def test_scheduled_first_stage_defaults_to_the_start_date(curriculum):
    pace = Pace(True, {}, starts_on=date(2026, 5, 5))
    states = stage_states(curriculum, "staff", pace, {}, TODAY)
    assert _open(states) == [] and states[0].opens_on == date(2026, 5, 5)
    assert states[1].opens_on is None  # not scheduled yet
    assert _open(stage_states(curriculum, "staff", pace, {}, date(2026, 5, 5))) == ["one"]


def test_preview_opens_everything_and_shows_both_tracks(curriculum):
    states = stage_states(curriculum, None, Pace(True, {}), {}, TODAY, preview=True)
    assert _open(states) == ["one", "two", "three"]
    assert [lesson.lesson.slug for lesson in states[0].lessons] == ["a", "b", "extra", "boss"]


def test_learners_see_only_their_track(curriculum):
    staff = stage_states(curriculum, "staff", Pace(), {}, TODAY)
    assert [state.lesson.slug for state in staff[0].lessons] == ["a", "b", "extra"]
    assert [state.lesson.slug for state in staff[1].lessons] == ["c", "staff-only"]


def test_course_progress(curriculum):
    states = stage_states(curriculum, "staff", Pace(), _done("a", "b", "c"), TODAY)
    progress = course_progress(states)
    assert (progress.completed, progress.total, progress.percent) == (3, 6, 50)


def test_the_bar_counts_complete_lessons_only(curriculum):
    progress = {"a": LessonProgress(lesson_slug="a", read_at=DONE), **_done("b")}
    states = stage_states(curriculum, "staff", Pace(), progress, TODAY)
    assert (states[0].completed, states[0].total, states[0].percent) == (1, 3, 33)
    assert (course_progress(states).completed, course_progress(states).percent) == (1, 17)
    assert not states[0].is_complete


def test_read_is_not_complete(curriculum):
    progress = {"a": LessonProgress(lesson_slug="a", read_at=DONE)}
    state = stage_states(curriculum, "staff", Pace(), progress, TODAY)[0].lessons[0]
    assert state.is_read and not state.is_completed
