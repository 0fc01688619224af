"""Acknowledging the guidelines: the banner, the trainer's list, reminders by mail, and the cohort's requirement."""
import re
from datetime import timedelta

import pytest
import sqlalchemy as sa
from flask_babel import force_locale
from flask_babel import gettext as _

from course.accounts.models import Role
from course.cohorts.models import Cohort
from course.database import utcnow
from course.drafts.services import draft_for
from course.extensions import db
from course.guidelines import queries, services
from course.guidelines.acknowledgements import remind
from course.guidelines.models import Acknowledgement
from course.guidelines.rules import Rules
from course.reminders.models import Reminder
from tests.conftest import outbox_messages
from tests.drafts.conftest import POST_LESSON, Composer
from tests.factories import circle_of_three
from tests.guidelines.factories import (
    BANNER,
    BANNER_CLASS,
    acknowledgement,
    between,
    publish_guidelines,
    reviews_of,
)

SUBJECT = "Please read and acknowledge the social-media guidelines"
POST = "Ask Jo about audits: she explains the why. Who else does?"


@pytest.fixture
def version(organisation, trainer):
    return publish_guidelines(organisation, trainer, note="Our first guidelines.",
                              rules=Rules(forbidden_terms=("Project Falcon",)))


def _acknowledge(auth, organisation, number):
    return auth.post(f"/guidelines/{organisation.id}/acknowledge/{number}")


# The banner and acknowledging -----------------------------------------------------------------------------

def test_no_banner_while_nothing_is_published(client, auth, learner, organisation, trainer):
    services.start_draft(organisation, trainer, "en")  # a draft is not in force
    db.session.commit()
    auth.login(learner.email)
    html = client.get("/learn/").get_data(as_text=True)
    assert "My course" in html and BANNER_CLASS not in html and BANNER not in html


def test_the_banner_shows_on_every_page_until_the_learner_acknowledges(client, auth, learner, organisation, version):
    auth.login(learner.email)
    for path in ("/learn/", "/reviews/", "/profile"):
        html = client.get(path).get_data(as_text=True)
        assert BANNER_CLASS in html, path
        assert "Version 1 of your organisation’s social-media guidelines is published." in html
        assert f'href="/guidelines/{organisation.id}">Read the guidelines</a>' in html
    guidelines = client.get(f"/guidelines/{organisation.id}").get_data(as_text=True)
    assert BANNER_CLASS not in guidelines and BANNER not in guidelines  # the page it points to says it itself
    assert "Please read and acknowledge" in guidelines and "Version 1: Our first guidelines." in guidelines
    assert f'action="/guidelines/{organisation.id}/acknowledge/1"' in guidelines
    assert acknowledgement(learner, version) is None

    response = _acknowledge(auth, organisation, 1)
    assert response.status_code == 302 and response.location.endswith(f"/guidelines/{organisation.id}")
    html = client.get(response.location).get_data(as_text=True)
    assert "Thank you. You have acknowledged version 1 of the guidelines." in html
    assert "You have acknowledged version 1. Thank you." in html
    assert "I have read the guidelines" not in html
    row = acknowledgement(learner, version)
    assert row is not None and row.acknowledged_at is not None
    assert abs(row.acknowledged_at - utcnow()) < timedelta(minutes=1)
    assert BANNER_CLASS not in client.get("/learn/").get_data(as_text=True)


def test_trainers_see_no_banner(client, auth, trainer, learner, organisation, version):  # learner: someone pending
    auth.login(trainer.email)
    for path in ("/", "/learn/", f"/guidelines/{organisation.id}"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert BANNER_CLASS not in response.get_data(as_text=True), path


def test_a_new_version_asks_again(client, auth, learner, organisation, trainer, version):
    auth.login(learner.email)
    _acknowledge(auth, organisation, 1)
    assert BANNER_CLASS not in client.get("/learn/").get_data(as_text=True)

    second = publish_guidelines(organisation, trainer, note="Now with hashtags.")
    assert second.number == 2
    html = client.get("/learn/").get_data(as_text=True)
    assert BANNER_CLASS in html and "Version 2 of your organisation’s social-media guidelines" in html
    page = client.get(f"/guidelines/{organisation.id}").get_data(as_text=True)
    assert f'action="/guidelines/{organisation.id}/acknowledge/2"' in page
    assert "Version 2: Now with hashtags." in page and "/acknowledge/1" not in page

    _acknowledge(auth, organisation, 2)
    assert acknowledgement(learner, second).acknowledged_at is not None
    assert acknowledgement(learner, version).acknowledged_at is not None  # the first stays on record
    assert BANNER_CLASS not in client.get("/learn/").get_data(as_text=True)


def test_an_outdated_version_cannot_be_acknowledged(client, auth, learner, organisation, trainer, version):
    second = publish_guidelines(organisation, trainer, note="Second.")
    auth.login(learner.email)
    response = _acknowledge(auth, organisation, 1)
    assert response.status_code == 302
    html = client.get(response.location).get_data(as_text=True)
    assert "A newer version of the guidelines has been published. Read it and acknowledge that one." in html
    assert "Thank you. You have acknowledged" not in html
    assert acknowledgement(learner, version) is None and acknowledgement(learner, second) is None
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Acknowledgement)) == 0
    assert BANNER_CLASS in client.get("/learn/").get_data(as_text=True)


def test_acknowledging_twice_keeps_the_first_time(client, auth, learner, organisation, version):
    auth.login(learner.email)
    _acknowledge(auth, organisation, 1)
    first = utcnow() - timedelta(days=3)
    db.session.execute(sa.update(Acknowledgement).where(Acknowledgement.user_id == learner.id)
                       .values(acknowledged_at=first))
    db.session.commit()
    response = _acknowledge(auth, organisation, 1)
    assert response.status_code == 302
    assert acknowledgement(learner, version).acknowledged_at == first
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Acknowledgement)) == 1


def test_unknown_or_unpublished_versions_cannot_be_acknowledged(client, auth, learner, organisation, trainer,
                                                                 version, create_organisation):
    draft = services.start_draft(organisation, trainer, "en")
    db.session.commit()
    auth.login(learner.email)
    assert _acknowledge(auth, organisation, 7).status_code == 404
    assert _acknowledge(auth, organisation, draft.number).status_code == 400
    other = create_organisation("Other AG")
    assert _acknowledge(auth, other, 1).status_code == 404
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Acknowledgement)) == 0


# The trainer's list ---------------------------------------------------------------------------------------

@pytest.fixture
def people(create_user, organisation, create_organisation, learner, trainer, version):
    """Sam (pending, English), Dora (pending, German), Ada (acknowledged), and people who must not be listed."""
    dora = create_user(organisation=organisation, name="Dora Deutsch", email="dora@acme.example", language="de")
    ada = create_user(organisation=organisation, name="Ada Acknowledged", email="ada@acme.example")
    inactive = create_user(organisation=organisation, name="Ivo Inactive", email="ivo@acme.example", active=False)
    other = create_organisation("Other AG")
    outsider = create_user(organisation=other, name="Olga Outsider", email="olga@other.example")
    other_trainer = create_user(Role.TRAINER, organisation=other, name="Otto Othertrainer", email="otto@other.example")
    db.session.add(Acknowledgement(user_id=ada.id, version_id=version.id, acknowledged_at=utcnow()))
    db.session.commit()
    return {"sam": learner, "dora": dora, "ada": ada, "inactive": inactive, "outsider": outsider,
            "other_trainer": other_trainer, "other": other}


def _sections(html: str) -> tuple[str, str]:
    pending = between(html, 'id="pending-title"', "</section>")
    done = between(html, 'id="done-title"', "</section>")
    return pending, done


def test_the_trainer_sees_who_has_and_who_has_not(client, auth, trainer, organisation, people):
    auth.login(trainer.email)
    response = client.get(f"/guidelines/{organisation.id}/acknowledgements")
    assert response.status_code == 200
    pending, done = _sections(response.get_data(as_text=True))
    assert "Not acknowledged yet (2)" in pending and "Acknowledged (1)" in done
    assert re.findall(r'<th scope="row">([^<]+)</th>', pending) == ["Dora Deutsch", "Sam Learner"]
    assert "Ada Acknowledged" in done and "Ada Acknowledged" not in pending
    for name in ("Ivo Inactive", "Olga Outsider", "Otto Othertrainer", "Tara Trainer"):
        assert name not in pending and name not in done
    assert "Remind everyone who has not" in pending and "Remind Sam Learner" in pending


def test_the_list_is_for_trainers_of_the_organisation_only(client, auth, organisation, people):
    auth.login(people["sam"].email)
    assert client.get(f"/guidelines/{organisation.id}/acknowledgements").status_code == 403
    auth.logout()
    auth.login(people["other_trainer"].email)
    assert client.get(f"/guidelines/{organisation.id}/acknowledgements").status_code == 404


def test_the_list_says_when_nothing_is_published(client, auth, trainer, organisation, learner):
    auth.login(trainer.email)
    html = client.get(f"/guidelines/{organisation.id}/acknowledgements").get_data(as_text=True)
    assert "Nothing to acknowledge yet: no version of the guidelines is published." in html
    assert "Sam Learner" not in html


# Reminders ------------------------------------------------------------------------------------------------

def _remind(auth, organisation, **data):
    return auth.post(f"/guidelines/{organisation.id}/acknowledgements/remind", {k: str(v) for k, v in data.items()})


def _reminded_at(user, version):
    row = acknowledgement(user, version)
    return row.reminded_at if row else None


def test_remind_everyone_mails_each_pending_learner_once_in_their_language(client, auth, trainer, organisation,
                                                                            people, version):
    auth.login(trainer.email)
    response = _remind(auth, organisation)
    assert response.status_code == 302 and response.location.endswith(f"/guidelines/{organisation.id}/acknowledgements")
    assert "2 reminders sent." in client.get(response.location).get_data(as_text=True)

    messages = outbox_messages()
    assert sorted(m.recipient_address for m in messages) == ["dora@acme.example", "sam@acme.example"]
    by_address = {m.recipient_address: m for m in messages}
    link = f"http://localhost/guidelines/{organisation.id}"
    sam, dora = by_address["sam@acme.example"], by_address["dora@acme.example"]
    assert sam.subject == SUBJECT
    assert sam.body.startswith("Hello Sam Learner,")
    assert "Version 1 of the social-media guidelines of Acme AG was published on" in sam.body
    assert link in sam.body.split()
    with force_locale("de"):
        german_subject = _(SUBJECT)
        german_greeting = _("Hello %(name)s,", name="Dora Deutsch")
    assert dora.subject == german_subject
    assert german_greeting == "Hallo Dora Deutsch,"  # the catalogue has it: the mail must use it
    assert dora.body.startswith(german_greeting) and link in dora.body.split()
    assert sam.recipient_id == people["sam"].id and sam.organisation_id == organisation.id

    for name in ("sam", "dora"):
        row = acknowledgement(people[name], version)
        assert row.reminded_at is not None and row.acknowledged_at is None
    assert _reminded_at(people["ada"], version) is None
    assert queries.pending_version(people["sam"]).id == version.id


def test_pressing_again_within_a_day_sends_nothing_and_says_so(client, auth, trainer, organisation, people, version):
    auth.login(trainer.email)
    _remind(auth, organisation)
    assert len(outbox_messages()) == 2
    response = _remind(auth, organisation)
    html = client.get(response.location).get_data(as_text=True)
    assert "2 people were reminded less than a day ago and are left out until tomorrow." in html
    assert "reminders sent" not in html and "reminder sent" not in html
    assert len(outbox_messages()) == 2
    pending, _done = _sections(html)
    assert pending.count("Reminded today") == 2 and "Remind Sam Learner" not in pending
    # nor one by one
    response = _remind(auth, organisation, user_id=people["sam"].id)
    assert "1 person was reminded less than a day ago" in client.get(response.location).get_data(as_text=True)
    assert len(outbox_messages()) == 2


def test_after_a_day_they_can_be_reminded_again(client, auth, trainer, organisation, people, version):
    auth.login(trainer.email)
    _remind(auth, organisation)
    earlier = utcnow() - timedelta(hours=25)
    db.session.execute(sa.update(Reminder).values(sent_at=earlier))
    db.session.commit()
    assert "Remind Sam Learner" in client.get(f"/guidelines/{organisation.id}/acknowledgements").get_data(as_text=True)
    response = _remind(auth, organisation)
    assert "2 reminders sent." in client.get(response.location).get_data(as_text=True)
    messages = outbox_messages()
    assert len(messages) == 4
    assert sorted(m.recipient_address for m in messages[2:]) == ["dora@acme.example", "sam@acme.example"]
    assert _reminded_at(people["sam"], version) > earlier + timedelta(hours=24)


def test_reminding_one_learner(client, auth, trainer, organisation, people, version):
    auth.login(trainer.email)
    response = _remind(auth, organisation, user_id=people["sam"].id)
    assert response.status_code == 302
    assert "1 reminder sent." in client.get(response.location).get_data(as_text=True)
    assert [m.recipient_address for m in outbox_messages()] == ["sam@acme.example"]
    assert _reminded_at(people["sam"], version) is not None and _reminded_at(people["dora"], version) is None
    # Dora can still be reminded today; then everyone pending has been.
    response = _remind(auth, organisation)
    assert "1 reminder sent." in client.get(response.location).get_data(as_text=True)
    assert [m.recipient_address for m in outbox_messages()] == ["sam@acme.example", "dora@acme.example"]


@pytest.mark.parametrize("who", ["ada", "outsider", "inactive", "other_trainer"])
def test_reminding_someone_who_is_not_pending_here_is_not_found(client, auth, trainer, organisation, people, who):
    auth.login(trainer.email)
    assert _remind(auth, organisation, user_id=people[who].id).status_code == 404
    assert _remind(auth, organisation, user_id=987654).status_code == 404
    assert outbox_messages() == []
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Acknowledgement)
                             .where(Acknowledgement.reminded_at.is_not(None))) == 0


@pytest.mark.parametrize("value", ["", "abc", "1.5"])
def test_a_malformed_user_id_reminds_nobody(client, auth, trainer, organisation, people, value):
    """A form meant for one person must never turn into "remind everyone"."""
    auth.login(trainer.email)
    assert _remind(auth, organisation, user_id=value).status_code == 404
    assert outbox_messages() == []


def test_acknowledging_after_a_reminder_moves_the_learner_to_the_acknowledged(client, auth, trainer, organisation,
                                                                            people, version):
    auth.login(trainer.email)
    _remind(auth, organisation)
    auth.logout()
    auth.login(people["sam"].email)
    _acknowledge(auth, organisation, 1)
    row = acknowledgement(people["sam"], version)
    assert row.acknowledged_at is not None and row.reminded_at is not None
    auth.logout()
    auth.login(trainer.email)
    pending, done = _sections(client.get(f"/guidelines/{organisation.id}/acknowledgements").get_data(as_text=True))
    assert "Sam Learner" in done and "Sam Learner" not in pending and "Dora Deutsch" in pending
    db.session.execute(sa.update(Reminder).values(sent_at=utcnow() - timedelta(days=2)))
    db.session.commit()
    response = _remind(auth, organisation)
    assert "1 reminder sent." in client.get(response.location).get_data(as_text=True)
    assert [m.recipient_address for m in outbox_messages()[2:]] == ["dora@acme.example"]


def test_the_reminder_is_plain_text(client, auth, trainer, organisation, create_user, version):
    create_user(organisation=organisation, name="Jo O'Neil & <Co>", email="jo@acme.example")
    organisation.name = "Müller & Söhne"
    db.session.commit()
    auth.login(trainer.email)
    _remind(auth, organisation)
    (mail,) = [m for m in outbox_messages() if m.recipient_address == "jo@acme.example"]
    assert mail.body.startswith("Hello Jo O'Neil & <Co>,")
    assert "guidelines of Müller & Söhne was published" in mail.body and "&amp;" not in mail.body


def test_trainers_cannot_acknowledge(client, auth, trainer, organisation, version):
    auth.login(trainer.email)
    assert _acknowledge(auth, organisation, 1).status_code == 403
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Acknowledgement)) == 0


def test_learners_cannot_remind(client, auth, organisation, people):
    auth.login(people["sam"].email)
    assert _remind(auth, organisation).status_code == 403
    assert _remind(auth, organisation, user_id=people["dora"].id).status_code == 403
    assert outbox_messages() == []


def test_a_trainer_of_another_organisation_cannot_remind(client, auth, organisation, people):
    auth.login(people["other_trainer"].email)
    assert _remind(auth, organisation).status_code == 404
    assert outbox_messages() == []


def test_nobody_to_remind_once_everybody_has_acknowledged(client, auth, trainer, organisation, people, version):
    for name in ("sam", "dora"):
        db.session.add(Acknowledgement(user_id=people[name].id, version_id=version.id, acknowledged_at=utcnow()))
    db.session.commit()
    auth.login(trainer.email)
    response = _remind(auth, organisation)
    html = client.get(response.location).get_data(as_text=True)
    assert "Everybody has acknowledged this version: there is nobody to remind." in html
    assert "Everybody has acknowledged this version." in html
    assert outbox_messages() == []


def test_a_new_version_still_waits_a_day_after_the_last_reminder(client, auth, trainer, organisation, people,
                                                                   version):
    """Reminded about version 1 today: version 2 goes at once only to Ada, who was not; the others hear tomorrow."""
    auth.login(trainer.email)
    _remind(auth, organisation)
    publish_guidelines(organisation, trainer, note="Second.")
    response = _remind(auth, organisation)
    html = client.get(response.location).get_data(as_text=True)
    assert "1 reminder sent." in html
    assert "2 people were reminded less than a day ago and are left out until tomorrow." in html
    assert len(outbox_messages()) == 3
    assert outbox_messages()[-1].recipient_address == "ada@acme.example"
    assert "Version 2 of the social-media guidelines" in outbox_messages()[-1].body


def test_remind_honours_the_day_with_a_frozen_clock(app, organisation, people, version):
    start = utcnow().replace(microsecond=0) - timedelta(days=5)

    def pending_now():
        return [r for r in queries.receipts(organisation, version) if r.acknowledged_at is None]

    assert [r.user.name for r in pending_now()] == ["Dora Deutsch", "Sam Learner"]
    assert remind(version, pending_now(), now=start) == (2, 0)
    db.session.commit()
    assert len(outbox_messages()) == 2
    assert _reminded_at(people["sam"], version) == start
    assert remind(version, pending_now(), now=start + timedelta(hours=23, minutes=59, seconds=59)) == (0, 2)
    db.session.commit()
    assert len(outbox_messages()) == 2 and _reminded_at(people["dora"], version) == start
    assert remind(version, pending_now(), now=start + timedelta(days=1)) == (2, 0)
    db.session.commit()
    assert len(outbox_messages()) == 4
    assert _reminded_at(people["dora"], version) == start + timedelta(days=1)
    # Receipts of people who acknowledged are never mailed, whatever is passed in.
    everyone = queries.receipts(organisation, version)
    assert remind(version, everyone, now=start + timedelta(days=3)) == (2, 0)
    db.session.commit()
    assert "ada@acme.example" not in [m.recipient_address for m in outbox_messages()]


# The cohort's requirement ---------------------------------------------------------------------------------

SETTINGS = {"reviewers_per_draft": "2", "review_due_days": "3"}


@pytest.fixture
def circle(create_user, organisation, learner):
    return circle_of_three(create_user, organisation, author=learner)


def _checkbox(html: str) -> str:
    (tag,) = re.findall(r'<input[^>]*name="guidelines_required"[^>]*>', html)
    assert 'type="checkbox"' in tag
    return "checked" if re.search(r"\schecked[\s>]", tag) else "unchecked"


def _require(client, auth, trainer, cohort, required=True):
    auth.login(trainer.email)
    data = {**SETTINGS, **({"guidelines_required": "y"} if required else {})}
    response = auth.post(f"/cohorts/{cohort.id}/review-settings", data)
    assert response.status_code == 302
    html = client.get(f"/cohorts/{cohort.id}/review-settings").get_data(as_text=True)
    assert _checkbox(html) == ("checked" if required else "unchecked")
    auth.logout()
    db.session.expire_all()
    assert db.session.get(Cohort, cohort.id).guidelines_required is required


def test_the_setting_is_off_by_default_and_shown_on_the_form(client, auth, trainer, circle):
    auth.login(trainer.email)
    html = client.get(f"/cohorts/{circle.cohort.id}/review-settings").get_data(as_text=True)
    assert "Guidelines acknowledged before submitting" in html
    assert _checkbox(html) == "unchecked"
    assert circle.cohort.guidelines_required is False


def test_a_required_acknowledgement_stops_submitting_until_given(client, auth, trainer, learner, organisation,
                                                                 circle, version):
    _require(client, auth, trainer, circle.cohort)
    auth.login(learner.email)
    composer = Composer(client, auth)
    page = composer.page()
    assert "Before you submit: your cohort asks you to acknowledge the social-media guidelines." in page
    assert f'<a href="/guidelines/{organisation.id}">Read and acknowledge them</a>' in page

    response = composer.save(POST, action="submit")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert ("Your cohort asks everyone to acknowledge the social-media guidelines before a draft goes to review. "
            "Read version 1 and acknowledge it, then submit again; your text is saved.") in html
    assert POST in html
    db.session.expire_all()
    draft = draft_for(learner, POST_LESSON)
    assert draft is not None and draft.texts["post"] == POST
    assert not draft.is_submitted and draft.first_submitted_at is None
    assert reviews_of(draft) == []

    _acknowledge(auth, organisation, 1)
    assert "Read and acknowledge them" not in composer.page()
    response = composer.save(POST, action="submit", revision=draft.revision)
    assert response.status_code == 302 and response.location.endswith(f"/learn/{POST_LESSON}#exercise")
    db.session.expire_all()
    draft = draft_for(learner, POST_LESSON)
    assert draft.is_submitted
    assert sorted(review.reviewer_id for review in reviews_of(draft)) == sorted(r.id for r in circle.reviewers)


def test_a_new_version_must_be_acknowledged_again_before_submitting(client, auth, trainer, learner, organisation,
                                                                   circle, version):
    _require(client, auth, trainer, circle.cohort)
    db.session.add(Acknowledgement(user_id=learner.id, version_id=version.id, acknowledged_at=utcnow()))
    db.session.commit()
    publish_guidelines(organisation, trainer, note="Second.")
    auth.login(learner.email)
    html = Composer(client, auth).save(POST, action="submit").get_data(as_text=True)
    assert "Read version 2 and acknowledge it" in html
    assert reviews_of(draft_for(learner, POST_LESSON)) == []


def test_without_the_setting_submitting_needs_no_acknowledgement(client, auth, trainer, learner, circle, version):
    _require(client, auth, trainer, circle.cohort, required=False)
    auth.login(learner.email)
    composer = Composer(client, auth)
    assert "Read and acknowledge them" not in composer.page()
    response = composer.save(POST, action="submit")
    assert response.status_code == 302
    draft = draft_for(learner, POST_LESSON)
    assert draft.is_submitted and len(reviews_of(draft)) == 2
    assert acknowledgement(learner, version) is None


def test_the_requirement_does_not_block_while_nothing_is_published(client, auth, trainer, learner, organisation,
                                                                   circle):
    services.start_draft(organisation, trainer, "en")  # only a draft: nothing to acknowledge
    db.session.commit()
    _require(client, auth, trainer, circle.cohort)
    auth.login(learner.email)
    composer = Composer(client, auth)
    assert "Read and acknowledge them" not in composer.page()
    response = composer.save(POST, action="submit")
    assert response.status_code == 302
    draft = draft_for(learner, POST_LESSON)
    assert draft.is_submitted and len(reviews_of(draft)) == 2
