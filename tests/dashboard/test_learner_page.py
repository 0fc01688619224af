"""A learner's page for trainers: statuses, timeline, drafts, reviews, private reflections, access, statement count."""
import html
import re
from datetime import timedelta

import pytest
import sqlalchemy as sa

from course.accounts.models import Role, Track
from course.cohorts.models import Circle, Cohort, CohortMember
from course.curriculum.library import lessons
from course.curriculum.models import LessonProgress
from course.database import utcnow
from course.drafts.models import Draft, DraftVersion
from course.exercises.models import ExerciseResponse
from course.extensions import db
from course.guidelines.models import Acknowledgement, GuidelineVersion
from course.reminders.models import Reminder
from course.review.models import Review

NOW = utcnow()
POSTS = ["connection-not-detox", "write-about-your-day", "working-out-loud", "authentic-not-perfect",
         "from-posts-to-conversations"]  # single posts, each for its first platform
STATUS = re.compile(r'<span class="lesson-item__title">(.*?)</span>.*?lesson-status--(\w+)"', re.DOTALL)


@pytest.fixture
def cohort(organisation, learner, create_user):
    """Sam (the learner) and Pia in circle 1 of a cohort of Acme AG."""
    group = Cohort(organisation_id=organisation.id, name="Autumn")
    circle = Circle(cohort=group, number=1)
    peer = create_user(Role.LEARNER, organisation=organisation, name="Pia Peer", email="pia@acme.example")
    group.members = [CohortMember(user=learner, circle=circle, joined_at=NOW - timedelta(days=20)),
                     CohortMember(user=peer, circle=circle, joined_at=NOW - timedelta(days=20))]
    db.session.add(group)
    db.session.commit()
    return group


def peer_of(cohort):
    return next(member.user for member in cohort.members if member.user.name == "Pia Peer")


def page_of(client, auth, user, cohort, learner):
    auth.login(user.email)
    return client.get(f"/cohorts/{cohort.id}/learners/{learner.id}")


def title(slug):
    return lessons.curriculum.lessons[slug].text("en").title


def statuses(text):
    return {html.unescape(name): status for name, status in STATUS.findall(text)}


def progress(user, slug, *, read=True, completed=False, days_ago=10):
    at = NOW - timedelta(days=days_ago)
    db.session.add(LessonProgress(user_id=user.id, lesson_slug=slug, read_at=at if read else None,
                                  completed_at=at + timedelta(hours=1) if completed else None))


def draft(user, slug, text="A first post about my day. #Autumn", *, submitted=True, days_ago=8, versions=1):
    """A draft with ``versions`` versions, each submitted when ``submitted``."""
    at = NOW - timedelta(days=days_ago)
    platform = lessons.curriculum.lessons[slug].exercise.settings["platforms"][0]
    row = Draft(user_id=user.id, lesson_slug=slug, platform=platform, revision=versions, created_at=at, updated_at=at,
                first_submitted_at=at + timedelta(hours=1) if submitted else None)
    for number in range(1, versions + 1):
        moment = at + timedelta(hours=number)
        row.versions.append(DraftVersion(number=number, texts={"post": text}, platform=platform, created_at=moment,
                                         saved_at=moment, submitted_at=moment if submitted else None))
    db.session.add(row)
    db.session.flush()
    return row


def review(of, reviewer, cohort, *, submitted=True, hidden=False, helpfulness=None, days_ago=5):
    at = NOW - timedelta(days=days_ago)
    row = Review(draft_id=of.id, version_id=of.versions[-1].id, reviewer_id=reviewer.id, cohort_id=cohort.id,
                 assigned_at=at, due_at=at + timedelta(days=3), ratings={"clarity": 3},
                 worked="The question at the end.", suggestion="Name the team.",
                 submitted_at=at + timedelta(days=1) if submitted else None,
                 hidden_at=at + timedelta(days=2) if hidden else None, hidden_reason="Rude" if hidden else None,
                 helpfulness=helpfulness, rated_at=at + timedelta(days=2) if helpfulness else None)
    db.session.add(row)
    db.session.flush()
    return row


# What the page shows -----------------------------------------------------------

def test_each_lesson_shows_how_far_the_learner_got(client, auth, trainer, learner, cohort):
    peer = peer_of(cohort)
    progress(learner, "networking-is-doing", completed=True)
    progress(learner, "before-we-start")
    progress(learner, "connection-not-detox")
    draft(learner, "connection-not-detox")
    progress(learner, "write-about-your-day")
    review(draft(learner, "write-about-your-day"), peer, cohort)
    progress(learner, "working-out-loud")
    review(draft(learner, "working-out-loud"), peer, cohort, hidden=True)
    db.session.commit()

    text = page_of(client, auth, trainer, cohort, learner).get_data(as_text=True)

    found = statuses(text)
    assert found[title("networking-is-doing")] == "complete"
    assert found[title("before-we-start")] == "read"
    assert found[title("connection-not-detox")] == "submitted"
    assert found[title("write-about-your-day")] == "reviewed"
    assert found[title("working-out-loud")] == "submitted"  # its only review is hidden from the author
    assert found[title("what-holds-us-back")] == "not_started"
    # Lessons of the other track are not listed.
    assert title("guidelines-as-enablement") not in found
    assert title("speaking-within-guidelines") in found
    required = [lesson for lesson in lessons.curriculum.stage("why-network").lessons_for("staff") if lesson.required]
    assert f"1 of {len(required)} required lessons complete" in text


def test_the_header_says_who_and_where(client, auth, trainer, learner, cohort):
    text = page_of(client, auth, trainer, cohort, learner).get_data(as_text=True)
    assert "<h1>Sam Learner" in text
    assert "sam@acme.example" in text
    assert "Staff" in text and "Circle 1" in text
    assert "person-status--active" in text
    assert f'action="/cohorts/{cohort.id}/learners/{learner.id}/remind"' in text


def test_a_learner_without_activity_gets_empty_states(client, auth, trainer, learner, cohort):
    text = page_of(client, auth, trainer, cohort, learner).get_data(as_text=True)
    assert "Nothing yet: Sam Learner has not opened a lesson." in text
    assert "No drafts yet" in text
    assert "No reviews received yet." in text
    assert "No reviews given yet" in text
    assert "Joined the cohort Autumn" in text


def test_a_reminder_today_replaces_the_button_with_the_reason(client, auth, trainer, learner, cohort):
    db.session.add(Reminder(user_id=learner.id, cohort_id=cohort.id, sent_by_id=trainer.id, reasons=["inactive"],
                            sent_at=utcnow() - timedelta(hours=1)))
    db.session.commit()
    text = page_of(client, auth, trainer, cohort, learner).get_data(as_text=True)
    assert "Send a reminder" not in text
    assert "/remind" not in text
    assert "Was reminded by Tara Trainer" in text


def test_the_timeline_lists_what_happened_newest_first(client, auth, trainer, learner, cohort):
    peer = peer_of(cohort)
    progress(learner, "networking-is-doing", completed=True, days_ago=12)
    mine = draft(learner, "connection-not-detox", days_ago=9, versions=2)
    received = review(mine, peer, cohort, helpfulness=4, days_ago=8)
    theirs = draft(peer, "write-about-your-day", days_ago=9)
    given = review(theirs, learner, cohort, days_ago=6)
    version = GuidelineVersion(organisation_id=cohort.organisation_id, number=1, language="en",
                               published_at=NOW - timedelta(days=11))
    db.session.add(version)
    db.session.flush()
    db.session.add(Acknowledgement(user_id=learner.id, version_id=version.id,
                                   acknowledged_at=NOW - timedelta(days=10, hours=12)))
    db.session.add(Reminder(user_id=learner.id, cohort_id=cohort.id, sent_by_id=trainer.id, reasons=["inactive"],
                            sent_at=NOW - timedelta(days=2)))
    db.session.commit()

    text = html.unescape(page_of(client, auth, trainer, cohort, learner).get_data(as_text=True))
    timeline = text[text.index('<ol class="timeline">'):]
    lesson, post, other = title("networking-is-doing"), title("connection-not-detox"), title("write-about-your-day")
    expected = [
        "Was reminded by Tara Trainer",
        f"Sent a review of “{other}” by Pia Peer",
        f"Rated the review by Pia Peer of “{post}” 4 of 5 for helpfulness",
        f"Submitted a revision of “{post}” (version 2)",
        f"Submitted “{post}” for review",
        f"Started a draft for “{post}”",
        "Acknowledged version 1 of the guidelines",
        f"Completed “{lesson}”",
        f"Read “{lesson}”",
        "Joined the cohort Autumn",
    ]
    positions = [timeline.index(item) for item in expected]
    assert positions == sorted(positions)
    assert timeline.count("<time datetime=") == len(expected)
    assert f'href="/cohorts/{cohort.id}/reviews#review-{given.id}"' in timeline
    assert f'href="/cohorts/{cohort.id}/reviews#review-{received.id}"' in timeline
    assert f'href="/cohorts/{cohort.id}/reviews#draft-{mine.id}"' in timeline


def test_drafts_show_their_submitted_text_escaped(client, auth, trainer, learner, cohort):
    draft(learner, "connection-not-detox", "Hello <script>alert(1)</script> & goodbye")
    db.session.commit()
    text = page_of(client, auth, trainer, cohort, learner).get_data(as_text=True)
    assert "<script>alert(1)</script>" not in text
    assert "Hello &lt;script&gt;alert(1)&lt;/script&gt; &amp; goodbye" in text


def test_an_unsubmitted_draft_shows_that_it_is_in_progress_and_nothing_of_its_text(
        client, auth, trainer, learner, cohort):
    draft(learner, "connection-not-detox", "My unsent confession about the budget", submitted=False, versions=2)
    db.session.commit()
    text = page_of(client, auth, trainer, cohort, learner).get_data(as_text=True)
    assert "unsent confession" not in text
    assert "A draft is in progress. Only Sam Learner can read it until they submit it for review." in text
    assert "2 versions" not in text


def test_a_revision_in_progress_stays_private_and_the_submitted_version_shows(
        client, auth, trainer, learner, admin, cohort):
    row = draft(learner, "connection-not-detox", "The version I sent for review.")
    moment = NOW - timedelta(days=1)
    row.versions.append(DraftVersion(number=2, texts={"post": "Half-finished rewrite, do not read"},
                                     platform=row.platform, created_at=moment, saved_at=moment))
    db.session.commit()
    for viewer in (trainer, admin):
        text = page_of(client, auth, viewer, cohort, learner).get_data(as_text=True)
        assert "Half-finished rewrite" not in text
        assert "The version I sent for review." in text
        assert "Version 1 submitted for review; a revision is in progress" in text
        auth.logout()


def test_others_read_only_the_newest_submitted_version(learner, cohort):
    row = draft(learner, "connection-not-detox", "Sent.", versions=1)
    assert row.shared_version is row.versions[0]
    row.versions.append(DraftVersion(number=2, texts={"post": "Mine alone."}, platform=row.platform))
    db.session.flush()
    assert row.latest.texts == {"post": "Mine alone."} and row.shared_version.texts == {"post": "Sent."}
    assert draft(learner, "write-about-your-day", "Not yet.", submitted=False).shared_version is None


def test_trainers_see_who_reviewed_even_in_an_anonymous_cohort(client, auth, trainer, learner, cohort):
    cohort.anonymous_reviews = True
    peer = peer_of(cohort)
    review(draft(learner, "connection-not-detox"), peer, cohort, helpfulness=5)
    review(draft(peer, "write-about-your-day"), learner, cohort, submitted=False, days_ago=1)
    db.session.commit()
    text = html.unescape(page_of(client, auth, trainer, cohort, learner).get_data(as_text=True))
    received = text[text.index('id="received-title"'):text.index('id="given-title"')]
    given = text[text.index('id="given-title"'):text.index('id="answers-title"')]
    assert f"“{title('connection-not-detox')}”, reviewed by Pia Peer" in received
    assert "The question at the end." in received and "Helpfulness: 5 of 5" in received
    assert f"“{title('write-about-your-day')}” by Pia Peer" in given
    assert "open, due" in given


def test_private_reflections_never_show_their_content(client, auth, trainer, learner, cohort):
    db.session.add_all([
        ExerciseResponse(user_id=learner.id, lesson_slug="what-holds-us-back", kind="reflection",
                         answers={"answer": "My secret worry is the boss."}, is_shared_with_trainer=False),
        ExerciseResponse(user_id=learner.id, lesson_slug="error-culture", kind="reflection",
                         answers={"answer": "Another private thought."}, is_shared_with_trainer=False),
        ExerciseResponse(user_id=learner.id, lesson_slug="networking-is-doing", kind="reflection",
                         answers={"answer": "I network by <b>listening</b>."}, is_shared_with_trainer=True),
        ExerciseResponse(user_id=learner.id, lesson_slug="whom-do-you-speak-to", kind="plan",
                         answers={"row1_audience": "Hospital maintenance managers"}),
    ])
    db.session.commit()
    text = page_of(client, auth, trainer, cohort, learner).get_data(as_text=True)
    assert "secret worry" not in text and "Another private thought" not in text
    assert "Hospital maintenance managers" not in text
    assert "I network by &lt;b&gt;listening&lt;/b&gt;." in text
    assert "2 private reflections not shared." in text
    assert "1 answer to a plan, replies or a survey is not shown here." in text


# Who may see it ---------------------------------------------------------------

def test_admins_see_the_page(client, auth, admin, learner, cohort):
    assert page_of(client, auth, admin, cohort, learner).status_code == 200


def test_a_trainer_of_another_organisation_gets_404(client, auth, create_user, learner, cohort):
    assert page_of(client, auth, create_user(Role.TRAINER), cohort, learner).status_code == 404


def test_a_learner_gets_403(client, auth, learner, cohort):
    assert page_of(client, auth, peer_of(cohort), cohort, learner).status_code == 403


def test_someone_outside_the_cohort_gets_404(client, auth, trainer, organisation, create_user, cohort):
    outsider = create_user(Role.LEARNER, organisation=organisation, track=Track.LEADERSHIP)
    other = Cohort(organisation_id=organisation.id, name="Spring", members=[CohortMember(user=outsider)])
    db.session.add(other)
    db.session.commit()
    assert page_of(client, auth, trainer, cohort, outsider).status_code == 404
    assert client.get(f"/cohorts/{cohort.id}/learners/{trainer.id}").status_code == 404
    assert client.get(f"/cohorts/{other.id}/learners/{outsider.id}").status_code == 200


# Statement count --------------------------------------------------------------

def test_the_statement_count_does_not_grow_with_drafts_and_reviews(client, auth, trainer, learner, cohort):
    peer = peer_of(cohort)

    def add_work(slugs):
        for slug in slugs:
            progress(learner, slug, completed=True)
            review(draft(learner, slug, versions=2), peer, cohort, helpfulness=3)
            review(draft(peer, slug), learner, cohort)
        db.session.commit()

    url = f"/cohorts/{cohort.id}/learners/{learner.id}"  # the page commits its audit row: ids read before

    def statements():
        client.get(url)  # settles last-seen and the session
        seen = []
        sa.event.listen(db.engine, "before_cursor_execute", record := lambda *args: seen.append(args[2]))
        try:
            assert client.get(url).status_code == 200
        finally:
            sa.event.remove(db.engine, "before_cursor_execute", record)
        return seen

    auth.login(trainer.email)
    add_work(POSTS[:1])
    one = statements()
    add_work(POSTS[1:])
    five = statements()
    assert len(five) == len(one), "\n".join(five)
    # 12 for the page, one for its audit row, one for the signed-in session the previous request's commit expired
    # (the tests share one database session across requests)
    assert len(one) <= 14, "\n".join(one)
