"""CSV exports: UTF-8 with a byte-order mark, Excel's separator, one row per learner or per learner and lesson."""
import csv
import io
from datetime import timedelta

import pytest

from course.accounts.models import Role, Track
from course.cohorts.models import Cohort, CohortMember
from course.curriculum.library import lessons
from course.curriculum.models import LessonProgress
from course.dashboard.export import safe_cell
from course.database import utcnow
from course.extensions import db


@pytest.fixture
def cohort(organisation, create_user):
    group = Cohort(organisation_id=organisation.id, name="Frühjahr")
    db.session.add(group)
    jurgen = create_user(Role.LEARNER, organisation=organisation, name="Jürgen Groß", track=Track.LEADERSHIP)
    sneaky = create_user(Role.LEARNER, organisation=organisation, name="=HYPERLINK(\"http://evil\")")
    group.members += [CohortMember(user=jurgen), CohortMember(user=sneaky)]
    db.session.add(LessonProgress(user_id=jurgen.id, lesson_slug="networking-is-doing",
                                  read_at=utcnow() - timedelta(hours=2), completed_at=utcnow()))
    db.session.commit()
    return group


def download(client, auth, trainer, cohort, kind):
    auth.login(trainer.email)
    response = client.get(f"/cohorts/{cohort.id}/export/{kind}.csv", )
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    return response.data


def rows_of(data: bytes, delimiter=",") -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")  # the byte-order mark Excel looks for
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=delimiter))


def test_one_row_per_learner(client, auth, trainer, cohort):
    rows = rows_of(download(client, auth, trainer, cohort, "learners"))

    header, *people = rows
    assert header[:3] == ["Name", "E-mail address", "Track"]
    assert len(people) == 2
    jurgen = next(row for row in people if row[0] == "Jürgen Groß")
    record = dict(zip(header, jurgen, strict=True))
    assert record["Track"] == "Leadership"
    assert record["Lessons completed"] == "1"
    assert record["Lessons on the track"] == str(len(lessons.curriculum.sequence("leadership")))
    assert record["Stage 1: Why network at all"] == f"1/{len(lessons.curriculum.stages[0].lessons)}"


def test_one_row_per_learner_and_lesson(client, auth, trainer, cohort):
    header, *rows = rows_of(download(client, auth, trainer, cohort, "lessons"))

    assert header == ["Name", "E-mail address", "Track", "Circle", "Stage", "Lesson number", "Lesson", "Status"]
    expected = len(lessons.curriculum.sequence("leadership")) + len(lessons.curriculum.sequence("staff"))
    assert len(rows) == expected
    jurgen = [row[5:] for row in rows if row[0] == "Jürgen Groß"]
    assert jurgen[0] == ["1.1", "Before we start", "not started"]  # the before-survey comes first
    assert jurgen[1] == ["1.2", "Networking is something you do", "complete"]


def test_a_formula_stays_text(client, auth, trainer, cohort):
    _, *people = rows_of(download(client, auth, trainer, cohort, "learners"))

    assert any(row[0] == "'=HYPERLINK(\"http://evil\")" for row in people)
    assert safe_cell("+49 30 123") == "'+49 30 123" and safe_cell("Anna") == "Anna" and safe_cell(None) == ""


def test_german_files_use_semicolons_and_german_headers(client, auth, trainer, cohort):
    trainer.language = "de"
    db.session.commit()

    header, *people = rows_of(download(client, auth, trainer, cohort, "learners"), delimiter=";")

    assert header[0] == "Name" and header[1] == "E-Mail-Adresse"
    assert any(row[0] == "Jürgen Groß" for row in people)


def test_the_csv_names_its_charset_once(client, auth, trainer, cohort):
    auth.login(trainer.email)
    response = client.get(f"/cohorts/{cohort.id}/export/learners.csv")
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"


def test_the_file_name_has_an_ascii_fallback_a_utf8_form_and_nothing_unsafe(client, auth, trainer, cohort):
    cohort.name = 'Früh/jahr\\: "A" <b>|*?\r\nX-Evil: 1'
    db.session.commit()
    auth.login(trainer.email)
    disposition = client.get(f"/cohorts/{cohort.id}/export/lessons.csv").headers["Content-Disposition"]
    assert "\r" not in disposition and "\n" not in disposition
    fallback = disposition.split("filename=")[1].split(";")[0]
    assert fallback.isascii() and not set(fallback) & set('/\\:<>|*?')
    assert "filename*=UTF-8''Fr%C3%BCh" in disposition
    utf8_name = disposition.split("filename*=UTF-8''")[1]
    assert not {"%2F", "%5C", "%3A", "%22", "%3C", "%3E", "%7C", "%2A", "%3F", "%0D", "%0A"} & {
        utf8_name[i:i + 3] for i in range(len(utf8_name))}
    assert utf8_name.endswith(".csv") and "lessons" in utf8_name
