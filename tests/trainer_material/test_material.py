"""The trainer material: complete in both languages, readable by staff (trainers and admins), printable as PDF."""
import io
import re

import pytest
from pypdf import PdfReader

from course.accounts.models import Role
from course.curriculum.library import lessons
from course.trainer_material.content import WEEKS, check_material, circle_guide, session_plans


def test_every_stage_has_a_plan_of_60_to_90_minutes_that_adds_up(app):
    assert check_material([stage.key for stage in lessons.curriculum.stages]) == []


def test_a_missing_plan_is_named(app):
    assert "sessions.yaml: no session plan for stage 'extra-stage'" in check_material(
        [stage.key for stage in lessons.curriculum.stages] + ["extra-stage"])


@pytest.mark.parametrize("language", ["en", "de"])
def test_the_material_exists_in_each_language(language):
    plans = session_plans(language)
    guide = circle_guide(language)
    assert len(plans) == 8 and len(guide.weeks) == WEEKS
    assert all(plan.goal and plan.prepare and plan.timing for plan in plans.values())
    assert all(week.title and week.focus and week.between for week in guide.weeks)


def test_german_and_english_differ():
    assert session_plans("de")["why-network"].goal != session_plans("en")["why-network"].goal
    assert circle_guide("de").weeks[0].title == "Wo wir anfangen"


@pytest.mark.parametrize("language", ["en", "de"])
def test_the_circle_guide_does_not_borrow_working_out_loud_terms(language):
    # The Working Out Loud circle guides are licensed: none of their week titles, hallmark exercises or their
    # arc (a personal goal with people in it, a gratitude exercise, a look back at that goal) anywhere in ours.
    guide = circle_guide(language)
    text = " ".join([guide.introduction, *guide.meeting,
                     *(f"{week.title} {week.focus} {week.between}" for week in guide.weeks)]).lower()
    borrowed = {
        "en": ("relationship list", "contribution", "habit", "visible", "woloutloud", "generosity", "gratitude",
               "thank", "goal from week one", "has a person in it"),
        "de": ("beziehungsliste", "beitragsliste", "gewohnheit", "sichtbar", "großzügig", "dankbarkeit",
               "danken", "ziel aus woche eins", "in dem ein mensch vorkommt"),
    }[language]
    assert [phrase for phrase in borrowed if phrase in text] == []


@pytest.mark.parametrize("language", ["en", "de"])
def test_the_circle_guide_works_with_the_course_own_tools(language):
    # Each meeting builds on something the course taught: its rubric, its 90-day plan, its two yearly questions.
    text = " ".join(f"{week.focus} {week.between}" for week in circle_guide(language).weeks).lower()
    for tool in {"en": ("rubric", "90-day plan", "two questions"),
                 "de": ("kriterien", "90-tage-plan", "zwei fragen")}[language]:
        assert tool in text


@pytest.fixture
def trainer_client(client, auth, trainer):
    auth.login(trainer.email)
    return client


def test_trainer_sees_the_index_with_every_stage(trainer_client):
    html = trainer_client.get("/trainer-material/").get_data(as_text=True)
    assert "Trainer material" in html and "Circle guide" in html
    assert len(re.findall(r'href="/trainer-material/sessions/[a-z-]+"', html)) == 8


def test_trainer_reads_a_session_plan(trainer_client):
    html = trainer_client.get("/trainer-material/sessions/why-network").get_data(as_text=True)
    assert "Why network at all" in html and "What to prepare" in html and "75 minutes" in html
    assert 'href="/learn/before-we-start"' in html
    assert 'href="/trainer-material/sessions/why-network/session-plan.pdf"' in html


def test_an_unknown_stage_is_404(trainer_client):
    assert trainer_client.get("/trainer-material/sessions/no-such-stage").status_code == 404
    assert trainer_client.get("/trainer-material/sessions/no-such-stage/session-plan.pdf").status_code == 404


def test_trainer_reads_the_circle_guide_in_german(trainer_client):
    html = trainer_client.get("/trainer-material/circle-guide", headers={"Accept-Language": "de"}).get_data(as_text=True)
    assert "Woche 1: Wo wir anfangen" in html and "Woche 12: Die nächste Runde" in html


def _pdf_text(response) -> str:
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert response.data.startswith(b"%PDF")
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.data)).pages)


def test_a_session_plan_prints_as_pdf(trainer_client):
    response = trainer_client.get("/trainer-material/sessions/lasting-network/session-plan.pdf")
    text = _pdf_text(response)
    assert "Session plan: stage 8, A network that lasts" in text and "Timing" in text and "Page 1 of" in text
    assert "attachment" in response.headers["Content-Disposition"]
    assert "session-plan-8-lasting-network-en.pdf" in response.headers["Content-Disposition"]


def test_the_circle_guide_prints_as_pdf_in_german(trainer_client):
    response = trainer_client.get("/trainer-material/circle-guide.pdf", headers={"Accept-Language": "de"})
    text = _pdf_text(response)
    assert "Leitfaden für Feedbackgruppen" in text and "Woche 12" in text and "Seite 1 von" in text


def test_the_same_material_prints_to_the_same_bytes(trainer_client):
    first = trainer_client.get("/trainer-material/circle-guide.pdf").data
    assert trainer_client.get("/trainer-material/circle-guide.pdf").data == first


@pytest.mark.parametrize("path", ["/trainer-material/", "/trainer-material/sessions/why-network",
                                  "/trainer-material/sessions/why-network/session-plan.pdf",
                                  "/trainer-material/circle-guide", "/trainer-material/circle-guide.pdf"])
def test_learners_are_refused(client, auth, create_user, path):
    user = create_user(Role.LEARNER)
    auth.login(user.email)
    assert client.get(path).status_code == 403


@pytest.mark.parametrize("path", ["/trainer-material/", "/trainer-material/sessions/why-network",
                                  "/trainer-material/sessions/why-network/session-plan.pdf",
                                  "/trainer-material/circle-guide", "/trainer-material/circle-guide.pdf"])
def test_admins_read_the_material(client, auth, create_user, path):
    admin = create_user(Role.ADMIN)
    auth.login(admin.email)
    assert client.get(path).status_code == 200


def test_the_admin_navigation_links_to_the_material(client, auth, create_user):
    admin = create_user(Role.ADMIN)
    auth.login(admin.email)
    assert 'href="/trainer-material/"' in client.get("/").get_data(as_text=True)


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get("/trainer-material/circle-guide.pdf")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_the_trainer_navigation_links_to_the_material(trainer_client):
    html = trainer_client.get("/trainer-material/").get_data(as_text=True)
    assert re.search(r'<a[^>]*href="/trainer-material/"[^>]*aria-current="page"', html) or \
        'href="/trainer-material/"' in html


def test_the_plans_link_to_the_survey_and_the_circles_of_the_trainer_s_cohorts(trainer_client, organisation,
                                                                                create_organisation):
    from course.cohorts.models import Cohort
    from course.extensions import db

    own = Cohort(organisation_id=organisation.id, name="Autumn")
    foreign = Cohort(organisation_id=create_organisation().id, name="Elsewhere")
    db.session.add_all([own, foreign])
    db.session.commit()
    closing = trainer_client.get("/trainer-material/sessions/lasting-network").get_data(as_text=True)
    guide = trainer_client.get("/trainer-material/circle-guide").get_data(as_text=True)
    assert f'href="/cohorts/{own.id}/survey-shift"' in closing and f'href="/cohorts/{own.id}/circles"' in closing
    assert f'href="/cohorts/{own.id}/circles"' in guide
    assert "Elsewhere" not in closing + guide
    assert "survey-shift" not in trainer_client.get("/trainer-material/sessions/listening").get_data(as_text=True)


def test_a_plan_naming_an_unknown_page_is_reported(app, monkeypatch):
    from course.trainer_material import content

    raw = content._raw("sessions")
    monkeypatch.setitem(raw[0], "pages", ["survey-shift", "feed"])
    assert "sessions.yaml: 'why-network' names the page 'feed'; there are survey-shift, circles" in check_material(
        [stage.key for stage in lessons.curriculum.stages])
