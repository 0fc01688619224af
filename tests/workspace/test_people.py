"""The People page: inviting one by one and from a CSV file, resending, revoking, deactivating, reactivating."""
import re
from io import BytesIO
from pathlib import Path

import pytest
import sqlalchemy as sa

from course.accounts.models import Role, Track, User
from course.accounts.services import find_user_by_email
from course.cohorts.models import CohortMember
from course.drafts.models import Draft
from course.extensions import db
from course.mail.models import OutboxMessage
from course.review.models import Review
from course.workspace.people import roster
from tests.conftest import PASSWORD, AuthActions, outbox_messages
from tests.workspace.conftest import learners, submit

FILES = Path(__file__).parent / "files"
LINK = re.compile(r"http://localhost(/invitation/\S+)")
SIGNED = re.compile(r'name="rows" type="hidden" value="([^"]+)"')


def upload(auth, cohort, name: str, data: bytes | None = None):
    content = (FILES / name).read_bytes() if data is None else data
    return auth.post(f"/cohorts/{cohort.id}/people/upload", {"file": (BytesIO(content), name)},
                     content_type="multipart/form-data")


def signed_rows(response) -> str:
    return SIGNED.search(response.get_data(as_text=True)).group(1)


def confirm(auth, cohort, signed: str):
    return auth.post(f"/cohorts/{cohort.id}/people/confirm", {"rows": signed})


def invite(auth, cohort, name="Zoë Weiß", email="zoe@acme.example", track="staff"):
    return auth.post(f"/cohorts/{cohort.id}/people/invite", {"name": name, "email": email, "track": track})


def members_of(cohort) -> set[str]:
    return set(db.session.scalars(sa.select(User.email).join(CohortMember, CohortMember.user_id == User.id)
                                  .where(CohortMember.cohort_id == cohort.id)))


def user_count() -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(User))


def invitation_path(email: str) -> str:
    message = [m for m in outbox_messages() if m.recipient_address == email][-1]
    return LINK.search(message.body).group(1)


@pytest.fixture
def cohort(make_cohort):
    return make_cohort()


@pytest.fixture
def signed_in(auth, trainer):
    auth.login(trainer.email)
    return trainer


# Access ------------------------------------------------------------------

ROUTES = [("GET", "/cohorts/{cohort}/people"), ("GET", "/cohorts/{cohort}/people/example.csv")] + [
    ("POST", f"/cohorts/{{cohort}}/people/{action}") for action in (
        "invite", "upload", "confirm", "{user}/resend", "{user}/revoke", "{user}/deactivate", "{user}/reactivate")]


@pytest.fixture
def ids(make_cohort):
    cohort = make_cohort(staff=1)
    return {"cohort": cohort.id, "user": learners(cohort)[0].id}


def _request(client, auth, method, path):
    return client.get(path) if method == "GET" else auth.post(path, {"name": "A", "email": "a@acme.example",
                                                                     "track": "staff", "rows": "x"})


@pytest.mark.parametrize(("method", "route"), ROUTES)
def test_trainer_of_another_organisation_gets_404(client, auth, create_user, ids, method, route):
    auth.login(create_user(Role.TRAINER).email)
    assert _request(client, auth, method, route.format(**ids)).status_code == 404


@pytest.mark.parametrize(("method", "route"), ROUTES)
def test_learner_gets_403(client, auth, learner, ids, method, route):
    auth.login(learner.email)
    assert _request(client, auth, method, route.format(**ids)).status_code == 403


@pytest.mark.parametrize(("method", "route"), ROUTES)
def test_signed_out_visitors_are_sent_to_sign_in(client, auth, ids, method, route):
    response = _request(client, auth, method, route.format(**ids))
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")


@pytest.mark.parametrize("action", ["resend", "revoke", "deactivate", "reactivate"])
def test_people_of_another_cohort_are_not_found_through_this_one(auth, signed_in, make_cohort, action):
    mine, other = make_cohort(staff=1), make_cohort(staff=1)
    outsider = learners(other)[0]
    assert auth.post(f"/cohorts/{mine.id}/people/{outsider.id}/{action}").status_code == 404
    db.session.expire_all()
    assert outsider.active and find_user_by_email(outsider.email) is not None


@pytest.mark.parametrize("action", ["invite", "upload", "confirm", "1/resend", "1/revoke", "1/deactivate"])
def test_posts_without_a_csrf_token_are_refused(client, signed_in, cohort, action):
    assert client.post(f"/cohorts/{cohort.id}/people/{action}").status_code == 400


def test_admin_gets_through(client, auth, admin, cohort):
    auth.login(admin.email)
    assert client.get(f"/cohorts/{cohort.id}/people").status_code == 200


# The page ----------------------------------------------------------------

def test_an_empty_cohort_says_what_to_do_and_shows_the_csv_format(client, signed_in, cohort):
    html = client.get(f"/cohorts/{cohort.id}/people").get_data(as_text=True)
    assert "Nobody is in this cohort yet." in html
    assert "Jürgen Groß,juergen.gross@example.org,leadership" in html
    assert f"/cohorts/{cohort.id}/people/example.csv" in html
    assert 'enctype="multipart/form-data"' in html


def test_the_example_file_is_csv_that_excel_opens_with_umlauts(client, signed_in, cohort):
    response = client.get(f"/cohorts/{cohort.id}/people/example.csv")
    assert response.mimetype == "text/csv" and "attachment" in response.headers["Content-Disposition"]
    assert response.data.startswith(b"\xef\xbb\xbfname,email,track\r\n")
    assert "Zoë Schmidt" in response.data.decode("utf-8-sig")


def test_the_page_lists_members_with_track_circle_status_and_actions(client, auth, signed_in, make_cohort,
                                                                     create_user, organisation):
    cohort = make_cohort(staff=1)
    invite(auth, cohort, name="Nina Neu", email="nina@acme.example", track="leadership")
    gone = create_user(organisation=organisation, name="Gerd Gone", active=False)
    cohort.members.append(CohortMember(user=gone))
    db.session.commit()
    html = client.get(f"/cohorts/{cohort.id}/people").get_data(as_text=True)
    assert "Nina Neu" in html and "nina@acme.example" in html and "Leadership" in html
    assert "invited on" in html and "active, last seen" in html and "deactivated" in html
    assert html.count('data-label="Circle">none') == 3
    assert f"/people/{find_user_by_email('nina@acme.example').id}/resend" in html
    assert f"/people/{gone.id}/reactivate" in html and f"/people/{gone.id}/deactivate" not in html
    assert 'class="table--stack"' in html and "<caption" in html


# Invite one person -------------------------------------------------------

def test_inviting_one_person_creates_an_account_a_membership_and_a_mail(client, auth, signed_in, cohort):
    response = invite(auth, cohort, name="  Zoe\u0308   Weiß ", email="Zoe@ACME.example", track="leadership")
    assert response.status_code == 302 and response.headers["Location"] == f"/cohorts/{cohort.id}/people"
    user = find_user_by_email("zoe@acme.example")
    assert (user.name, user.email, user.track, user.organisation_id) == (
        "Zoë Weiß", "zoe@acme.example", Track.LEADERSHIP, cohort.organisation_id)
    assert user.is_invited and members_of(cohort) == {"zoe@acme.example"}
    (message,) = outbox_messages()
    assert message.recipient_id == user.id and "Tara Trainer has invited you" in message.body
    assert "is invited" in client.get(f"/cohorts/{cohort.id}/people").get_data(as_text=True)
    auth.logout()
    assert "Welcome, Zoë Weiß" in client.get(invitation_path("zoe@acme.example")).get_data(as_text=True)


@pytest.mark.parametrize(("email", "message"), [
    ("not-an-address", "is not a valid e-mail address"),
    ("sam@acme.example", "Already in the cohort"),
    ("tara@acme.example", "belongs to a trainer or administrator account"),
    ("olga@other.example", "belongs to someone in another organisation"),
])
def test_a_refused_invitation_shows_at_the_field_and_keeps_what_was_typed(client, auth, signed_in, cohort, learner,
                                                                          make_cohort, create_user, email, message):
    other = make_cohort()
    other.members.append(CohortMember(user=learner))
    create_user(email="olga@other.example")
    db.session.commit()
    before = user_count()
    response = invite(auth, cohort, name="Jürgen Groß", email=email, track="staff")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert re.search(r'<p class="field__error" id="email-error">[^<]*' + message, html)
    assert 'value="Jürgen Groß"' in html and f'value="{email}"' in html
    assert user_count() == before and members_of(cohort) == set() and outbox_messages() == []


def test_an_invitation_without_a_track_or_name_is_refused_at_the_field(client, auth, signed_in, cohort):
    html = invite(auth, cohort, name="", track="").get_data(as_text=True)
    assert 'id="name-error"' in html and 'id="track-error"' in html and "Please check the highlighted fields." in html
    assert find_user_by_email("zoe@acme.example") is None


def test_a_member_invited_again_is_told_so(client, auth, signed_in, cohort):
    invite(auth, cohort)
    html = invite(auth, cohort).get_data(as_text=True)
    assert "Already a member of this cohort" in html and len(outbox_messages()) == 1


def test_a_learner_of_the_organisation_in_no_cohort_joins_without_a_new_account(client, auth, signed_in, cohort,
                                                                                 learner):
    response = invite(auth, cohort, name="Someone Else", email="SAM@acme.example")
    assert response.status_code == 302
    assert members_of(cohort) == {"sam@acme.example"} and outbox_messages() == []  # has a password already
    db.session.refresh(learner)
    assert learner.name == "Sam Learner"


# Upload and confirm ------------------------------------------------------

@pytest.fixture
def mistakes_world(cohort, make_cohort, learner, create_user, organisation):
    """What mistakes.csv meets: Sam a member, Cora in another cohort, Fritz in none, Olga elsewhere, Tara a trainer."""
    other, cora = make_cohort(), create_user(organisation=organisation, email="cora@acme.example")
    create_user(organisation=organisation, email="fritz@acme.example", name="Fritz Free", password=None)
    create_user(email="olga@other.example")
    cohort.members.append(CohortMember(user=learner))
    other.members.append(CohortMember(user=cora))
    db.session.commit()
    return cohort


def test_an_upload_shows_every_line_and_imports_nothing_until_confirmed(client, auth, signed_in, mistakes_world):
    cohort = mistakes_world
    before = user_count()
    response = upload(auth, cohort, "mistakes.csv")
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "Check the list before anyone is invited" in html
    for text in ["Jürgen Groß", "Gets an account and an invitation by e-mail.", "“not-an-address” is not a valid",
                 "The same address as on line 3.", "The name is missing.", "Unknown track “intern”",
                 "The track is missing", "belongs to someone in another organisation",
                 "Already a member of this cohort", "belongs to a trainer or administrator account",
                 "Already in the cohort “Cohort 2”", "Has an account; joins the cohort.", "mistakes.csv"]:
        assert text in html, text
    assert re.search(r'stats__value">2</span> <span class="stats__label">new', html)
    assert re.search(r'stats__value">8</span> <span class="stats__label">with problems', html)
    assert "Add 3 people to the cohort" in html
    assert user_count() == before and members_of(cohort) == {"sam@acme.example"} and outbox_messages() == []

    response = confirm(auth, cohort, signed_rows(response))
    assert response.status_code == 302 and response.headers["Location"] == f"/cohorts/{cohort.id}/people"
    assert members_of(cohort) == {"sam@acme.example", "juergen.gross@acme.example", "zoe.weiss@acme.example",
                                  "fritz@acme.example"}
    assert user_count() == before + 2
    assert find_user_by_email("juergen.gross@acme.example").track == Track.LEADERSHIP
    assert find_user_by_email("zoe.weiss@acme.example").name == "Zoë Weiß"
    assert sorted(m.recipient_address for m in outbox_messages()) == [
        "fritz@acme.example", "juergen.gross@acme.example", "zoe.weiss@acme.example"]
    html = client.get(f"/cohorts/{cohort.id}/people").get_data(as_text=True)
    assert "3 invitations were sent by e-mail." in html


def test_an_excel_file_imports_with_umlauts(client, auth, signed_in, cohort):
    response = confirm(auth, cohort, signed_rows(upload(auth, cohort, "excel_semicolon.csv")))
    assert response.status_code == 302
    assert {u.name for u in db.session.scalars(sa.select(User).where(User.role == Role.LEARNER))} == {
        "Jürgen Groß", "Zoë Weiß", "Çelik, Ayşe"}
    assert len(outbox_messages()) == 3
    auth.logout()
    assert "Welcome, Zoë Weiß" in client.get(invitation_path("zoe.weiss@acme.example")).get_data(as_text=True)


@pytest.mark.parametrize(("name", "data", "message"), [
    ("empty.csv", None, "The file is empty."),
    ("not_csv.png", None, "This file is not a CSV file."),
    ("people.xlsx", None, "This is an Excel workbook, not a CSV file."),
    ("names.csv", b"Anna,a@acme.example,staff\n", "The first line should name the columns"),
    ("names.csv", b"name;email\nAnna;a@acme.example\n", "The column “track” is missing."),
    ("big.csv", b"name,email,track\n" + b"x" * 2_000, "The file is larger than"),
])
def test_an_unusable_file_is_refused_on_the_people_page(client, auth, signed_in, cohort, monkeypatch,
                                                        name, data, message):
    monkeypatch.setattr(roster, "MAX_BYTES", 1_000)  # the test client spools bigger uploads to files it leaves open
    before = user_count()
    response = upload(auth, cohort, name, data)
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and 'id="file-error"' in html and message in html
    assert "People in this cohort" in html and user_count() == before


def test_the_app_wide_size_limit_leaves_room_for_the_csv_check_and_its_own_message(app, client, auth, signed_in,
                                                                                     cohort, monkeypatch):
    assert app.config["MAX_CONTENT_LENGTH"] >= 2 * roster.MAX_BYTES
    # Scaled down by a thousand, as above: the file is over the CSV limit, the request under the app's.
    monkeypatch.setattr(roster, "MAX_BYTES", 1_000)
    monkeypatch.setitem(app.config, "MAX_CONTENT_LENGTH", app.config["MAX_CONTENT_LENGTH"] // 1_000)
    response = upload(auth, cohort, "big.csv", b"name,email,track\n" + b"x" * 1_500)
    assert response.status_code == 200 and "The file is larger than 1 MB" in response.get_data(as_text=True)


def test_uploading_without_a_file_asks_for_one(client, auth, signed_in, cohort):
    html = auth.post(f"/cohorts/{cohort.id}/people/upload", {}, content_type="multipart/form-data").get_data(
        as_text=True)
    assert "Choose a CSV file first." in html


def test_a_tampered_list_is_refused(client, auth, signed_in, cohort, make_cohort):
    signed = signed_rows(upload(auth, cohort, "excel_semicolon.csv"))
    assert confirm(auth, cohort, signed[:-3] + ("AAA" if signed[-3:] != "AAA" else "BBB")).status_code == 400
    assert confirm(auth, cohort, "not signed at all").status_code == 400
    assert confirm(auth, make_cohort(), signed).status_code == 400  # signed for another cohort
    assert user_count() == 1 and outbox_messages() == []


def test_a_list_that_changed_since_the_preview_is_shown_again_and_nothing_is_imported(
        client, auth, signed_in, cohort, create_user):
    signed = signed_rows(upload(auth, cohort, "excel_semicolon.csv"))
    create_user(email="zoe.weiss@acme.example")  # meanwhile, in another organisation
    response = confirm(auth, cohort, signed)
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "Something changed since the list was checked" in html
    assert "belongs to someone in another organisation" in html and "Add 2 people to the cohort" in html
    assert members_of(cohort) == set() and outbox_messages() == []
    assert confirm(auth, cohort, signed_rows(response)).status_code == 302
    assert members_of(cohort) == {"juergen.gross@acme.example", "ayse.celik@acme.example"}


def test_a_list_with_nobody_to_add_offers_no_confirmation(client, auth, signed_in, cohort):
    html = upload(auth, cohort, "names.csv", b"name,email,track\nAnna,nope,staff\n").get_data(as_text=True)
    assert "Nobody in this list can be added." in html and "/people/confirm" not in html


# Managing people ---------------------------------------------------------

@pytest.fixture
def invited(auth, signed_in, cohort):
    invite(auth, cohort)
    return find_user_by_email("zoe@acme.example")


def test_resending_mails_a_new_invitation(client, auth, cohort, invited):
    response = auth.post(f"/cohorts/{cohort.id}/people/{invited.id}/resend")
    assert response.status_code == 302
    assert [m.recipient_address for m in outbox_messages()] == ["zoe@acme.example"] * 2
    assert "A new invitation is on its way to zoe@acme.example." in client.get(response.headers["Location"]).get_data(
        as_text=True)


def test_resending_to_someone_with_a_password_is_refused(client, auth, signed_in, make_cohort):
    cohort = make_cohort(staff=1)
    person = learners(cohort)[0]
    response = auth.post(f"/cohorts/{cohort.id}/people/{person.id}/resend", follow_redirects=True)
    assert "has already set a password" in response.get_data(as_text=True) and outbox_messages() == []


def test_revoking_deletes_the_unused_account_and_the_link_stops_working(client, auth, cohort, invited):
    path = invitation_path("zoe@acme.example")
    response = auth.post(f"/cohorts/{cohort.id}/people/{invited.id}/revoke", follow_redirects=True)
    assert "The invitation for Zoë Weiß is withdrawn" in response.get_data(as_text=True)
    db.session.expire_all()
    assert find_user_by_email("zoe@acme.example") is None and members_of(cohort) == set()
    (message,) = db.session.scalars(sa.select(OutboxMessage))  # the sent mail stays, without its recipient
    assert message.recipient_id is None and message.organisation_id == cohort.organisation_id
    auth.logout()
    assert client.get(path).status_code == 400


def test_a_withdrawn_link_does_not_open_the_next_account(client, auth, cohort, invited):
    path = invitation_path("zoe@acme.example")
    auth.post(f"/cohorts/{cohort.id}/people/{invited.id}/revoke")
    invite(auth, cohort, name="Bert Next", email="bert@acme.example")
    auth.logout()
    # SQLite may give Bert the deleted account's id; the token's session-token fingerprint still tells them apart.
    response = client.get(path)
    assert response.status_code == 400 and "Bert Next" not in response.get_data(as_text=True)


def test_revoking_is_refused_once_the_account_has_work(client, auth, signed_in, make_cohort):
    cohort = make_cohort(staff=3)
    author, reviewer = learners(cohort)[0], learners(cohort)[1]
    draft = submit(author)
    reviewer_ids = set(db.session.scalars(sa.select(Review.reviewer_id).where(Review.draft_id == draft.id)))
    reviewer = next(person for person in learners(cohort) if person.id in reviewer_ids)
    reviewer.password_hash, reviewer.last_seen_at = None, None  # invited, yet already given a review
    db.session.commit()
    response = auth.post(f"/cohorts/{cohort.id}/people/{reviewer.id}/revoke", follow_redirects=True)
    assert "already has drafts, reviews or progress" in response.get_data(as_text=True)
    response = auth.post(f"/cohorts/{cohort.id}/people/{author.id}/revoke", follow_redirects=True)
    assert "has already signed in. Deactivate them instead." in response.get_data(as_text=True)
    db.session.expire_all()
    assert {find_user_by_email(p.email) is not None for p in (author, reviewer)} == {True}
    assert len(members_of(cohort)) == 3


def test_deactivating_keeps_the_work_and_stops_sign_in(app, client, auth, signed_in, make_cohort):
    cohort = make_cohort(staff=3)
    person = learners(cohort)[0]
    draft = submit(person)
    theirs = app.test_client()
    AuthActions(theirs).login(person.email)
    assert theirs.get("/profile").status_code == 200
    response = auth.post(f"/cohorts/{cohort.id}/people/{person.id}/deactivate", follow_redirects=True)
    assert f"{person.name} is deactivated" in response.get_data(as_text=True)
    assert theirs.get("/profile").headers["Location"].startswith("/login")  # their session has ended
    db.session.expire_all()
    assert not person.active and db.session.get(Draft, draft.id) is not None
    assert members_of(cohort) == {p.email for p in learners(cohort)}
    auth.logout()
    assert auth.login(person.email).status_code == 200  # the sign-in form again: refused

    auth.login("tara@acme.example")
    response = auth.post(f"/cohorts/{cohort.id}/people/{person.id}/reactivate", follow_redirects=True)
    assert f"{person.name} is active again" in response.get_data(as_text=True)
    auth.logout()
    assert auth.login(person.email, PASSWORD).status_code == 302


def test_deactivating_twice_says_so(client, auth, cohort, invited):
    auth.post(f"/cohorts/{cohort.id}/people/{invited.id}/deactivate")
    response = auth.post(f"/cohorts/{cohort.id}/people/{invited.id}/deactivate", follow_redirects=True)
    assert "is already deactivated" in response.get_data(as_text=True)
    response = auth.post(f"/cohorts/{cohort.id}/people/{invited.id}/resend", follow_redirects=True)
    assert "Reactivate them first" in response.get_data(as_text=True) and len(outbox_messages()) == 1
