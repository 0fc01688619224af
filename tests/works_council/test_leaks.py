"""What the works-council mode keeps from trainers beyond the dashboard: the review page, the People page's last
sign-in, group figures that the named rows beside them would give away, and the bodies of other people's mail."""
from datetime import timedelta

import sqlalchemy as sa

from course.cohorts.models import Circle
from course.curriculum.library import lessons
from course.dashboard.pages.aggregate import group_health
from course.dashboard.progress import load_progress
from course.database import utcnow
from course.extensions import db
from course.mail.models import OutboxMessage
from course.mail.services import send_mails
from course.review import notifications, services
from course.review.models import Review
from tests.conftest import csrf_token
from tests.guidelines.factories import publish_guidelines
from tests.review.conftest import assign
from tests.works_council.conftest import NAMES, make_cohort, member
from tests.workspace.conftest import LESSON, submit

RATINGS = {"authenticity": 3, "audience_fit": 2, "clarity": 4}
UNNAMED = "Someone who does not share their progress"


def share(cohort, *names):
    for name in names:
        member(cohort, name).shares_progress = True
    db.session.commit()


def reviews_of(draft):
    return list(db.session.scalars(sa.select(Review).where(Review.draft_id == draft.id)))


def test_the_review_page_lists_only_drafts_and_reviewers_who_share(client, auth, trainer, cohort):
    share(cohort, "Cem Çelik")
    ann, ben, cem = (member(cohort, name) for name in ("Ann Adler", "Ben Brandt", "Cem Çelik"))
    ann_draft, ben_draft = submit(ann), submit(ben)
    for review in reviews_of(ann_draft):  # the allocation's reviewers; Ben and Cem review by hand below
        db.session.delete(review)
    db.session.commit()
    by_ben, by_cem = assign(ann_draft, ben), assign(ann_draft, cem)
    services.save_review(by_cem, ratings=RATINGS, worked="The hook works.", suggestion="Name the tool.", submit=True)
    db.session.commit()
    auth.login(trainer.email)
    page = client.get(f"/cohorts/{cohort.id}/reviews").get_data(as_text=True)
    assert f'id="draft-{ann_draft.id}"' in page and f'id="draft-{ben_draft.id}"' not in page
    assert not any(name in page for name in NAMES if name not in ("Ann Adler", "Cem Çelik"))
    assert page.count(UNNAMED) == 1
    assert f'id="review-{by_ben.id}"' in page and "review-status--open" not in page
    assert "Hide this review" in page  # Cem's review, which the trainer may still moderate
    token = csrf_token(client)
    assert auth.post(f"/cohorts/{cohort.id}/reviews/{by_ben.id}/hide", {"reason": "Rude."}).status_code == 404
    assert client.post(f"/cohorts/{cohort.id}/drafts/{ben_draft.id}/feedback",
                       data={"csrf_token": token}).status_code == 404
    assert auth.post(f"/cohorts/{cohort.id}/reviews/{by_cem.id}/hide", {"reason": "Rude."}).status_code == 302


def test_reassigning_offers_and_names_only_people_who_share(client, auth, trainer, cohort):
    share(cohort, "Cem Çelik")
    ann, ben, cem = (member(cohort, name) for name in ("Ann Adler", "Ben Brandt", "Cem Çelik"))
    draft = submit(ann)
    for review in reviews_of(draft):
        db.session.delete(review)
    db.session.commit()
    by_cem = assign(draft, cem)
    auth.login(trainer.email)
    page = client.get(f"/cohorts/{cohort.id}/reviews").get_data(as_text=True)
    assert "Give it to" in page and not any(name in page for name in NAMES if name not in ("Ann Adler", "Cem Çelik"))
    response = auth.post(f"/cohorts/{cohort.id}/reviews/{by_cem.id}/reassign", {"reviewer": str(ben.id)},
                         follow_redirects=True)
    assert "Choose someone from the list" in response.get_data(as_text=True)
    response = auth.post(f"/cohorts/{cohort.id}/reviews/{by_cem.id}/reassign", {"reviewer": ""},
                         follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "someone who does not share their progress" in page
    assert not any(name in page for name in NAMES if name not in ("Ann Adler", "Cem Çelik"))


def test_outside_the_mode_the_review_page_names_everyone(client, auth, trainer, cohort):
    cohort.organisation.works_council_mode = False
    db.session.commit()
    ben = member(cohort, "Ben Brandt")
    submit(ben)
    auth.login(trainer.email)
    page = client.get(f"/cohorts/{cohort.id}/reviews").get_data(as_text=True)
    assert ben.name in page and UNNAMED not in page and "open reviews" in page


def test_the_review_counts_are_withheld_when_they_would_tell_about_one_person(client, auth, trainer, cohort):
    share(cohort, *NAMES[:7])  # seven of eight listed: the counts minus their rows would be Hal's
    submit(member(cohort, "Ann Adler"))
    auth.login(trainer.email)
    page = client.get(f"/cohorts/{cohort.id}/reviews").get_data(as_text=True)
    assert "Too few people to show" in page and "open reviews" not in page


def test_the_people_page_shows_the_last_sign_in_only_of_people_who_share(client, auth, trainer, cohort):
    auth.login(trainer.email)
    page = client.get(f"/cohorts/{cohort.id}/people").get_data(as_text=True)
    assert all(name in page for name in NAMES)
    assert page.count("active, last seen") == 1
    assert page.count(">active</span>") == len(NAMES) - 1
    cohort.organisation.works_council_mode = False
    db.session.commit()
    assert client.get(f"/cohorts/{cohort.id}/people").get_data(as_text=True).count("active, last seen") == len(NAMES)


def test_no_group_figure_beside_the_names_when_only_one_person_is_hidden(client, auth, trainer, cohort):
    share(cohort, *NAMES[:7])
    publish_guidelines(cohort.organisation, trainer)
    auth.login(trainer.email)
    page = client.get(f"/cohorts/{cohort.id}/dashboard").get_data(as_text=True)
    assert "Too few people to show" in page
    assert "of their lessons completed, on average" not in page
    assert "of the signed-up learners have acknowledged" not in page
    assert "Whole cohort</th>\n        \n        <td colspan" in page
    page = client.get(f"/guidelines/{cohort.organisation_id}/acknowledgements").get_data(as_text=True)
    assert "learners have acknowledged version" not in page and "Too few people to show" in page
    report = client.get(f"/cohorts/{cohort.id}/report").get_data(as_text=True)  # names nobody: the size counts
    assert "Too few people to show" not in report


def test_group_figures_show_when_those_hidden_are_a_large_enough_group(client, auth, trainer, cohort):
    share(cohort, *NAMES[:3])  # five hidden
    publish_guidelines(cohort.organisation, trainer)
    auth.login(trainer.email)
    assert "of their lessons completed, on average" in client.get(f"/cohorts/{cohort.id}/dashboard").get_data(
        as_text=True)
    page = client.get(f"/guidelines/{cohort.organisation_id}/acknowledgements").get_data(as_text=True)
    assert "0 of 8 learners have acknowledged version 1." in page


def test_learners_in_no_circle_cannot_be_worked_out_from_the_circles_shown(council, create_user, app):
    cohort = make_cohort(council, create_user, [f"Person {number}" for number in range(12)], name="Circles")
    circles = [Circle(cohort_id=cohort.id, number=number) for number in (1, 2)]
    db.session.add_all(circles)
    db.session.flush()
    for index, one in enumerate(sorted(cohort.members, key=lambda m: m.user.name)):
        one.circle_id = circles[0].id if index < 6 else circles[1].id if index < 11 else None
    db.session.commit()
    with app.test_request_context():
        rows = group_health(load_progress(cohort, lessons.curriculum, utcnow()))
    assert [(row.label, row.people, row.is_shown) for row in rows] == [
        ("Whole cohort", 12, True), ("Circle 1", 6, True), ("Circle 2", 5, False)]


def test_a_trainer_reads_no_body_of_mail_to_someone_else_in_the_mode(client, auth, trainer, admin, cohort):
    ann, ben = member(cohort, "Ann Adler"), member(cohort, "Ben Brandt")
    send_mails([notifications.review_assigned(ann, ben, LESSON, utcnow() + timedelta(days=3), as_trainer=False)])
    db.session.commit()
    message = db.session.scalar(sa.select(OutboxMessage).where(OutboxMessage.recipient_id == ann.id))
    assert ben.name in message.body
    auth.login(trainer.email)
    assert ann.email in client.get("/outbox/").get_data(as_text=True)  # the list stays
    page = client.get(f"/outbox/{message.id}").get_data(as_text=True)
    assert ben.name not in page and "only its recipient" in page
    auth.logout()
    auth.login(admin.email)
    assert ben.name in client.get(f"/outbox/{message.id}").get_data(as_text=True)


def test_outside_the_mode_a_trainer_reads_mail_to_learners(client, auth, trainer, cohort):
    cohort.organisation.works_council_mode = False
    db.session.commit()
    ann, ben = member(cohort, "Ann Adler"), member(cohort, "Ben Brandt")
    send_mails([notifications.review_assigned(ann, ben, LESSON, utcnow() + timedelta(days=3), as_trainer=False)])
    db.session.commit()
    message = db.session.scalar(sa.select(OutboxMessage).where(OutboxMessage.recipient_id == ann.id))
    auth.login(trainer.email)
    assert ben.name in client.get(f"/outbox/{message.id}").get_data(as_text=True)


def test_the_review_page_of_an_anonymous_cohort_does_not_promise_every_name(client, auth, trainer, cohort):
    cohort.anonymous_reviews = True
    db.session.commit()
    auth.login(trainer.email)
    page = client.get(f"/cohorts/{cohort.id}/reviews").get_data(as_text=True)
    assert "authors do not learn who reviewed them." in page and "You see every name." not in page
