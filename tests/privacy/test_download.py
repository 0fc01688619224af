"""The download: a ZIP whose data.json and index.html hold everything about the person, and nothing secret."""
import io
import json
import zipfile

from course.accounts.models import Role
from tests.conftest import csrf_token
from tests.privacy.footprint import SECRET_TEXT, leave_footprint


def _download(client) -> zipfile.ZipFile:
    response = client.post("/me/data", data={"csrf_token": csrf_token(client, "/me/data")})
    assert response.status_code == 200
    assert response.mimetype == "application/zip"
    assert "attachment" in response.headers["Content-Disposition"]
    return zipfile.ZipFile(io.BytesIO(response.data))


def test_the_zip_holds_everything_about_the_person(client, auth, create_user, organisation, trainer):
    footprint = leave_footprint(create_user, organisation, trainer)
    auth.login(footprint.person.email)
    archive = _download(client)
    assert sorted(archive.namelist()) == ["data.json", "index.html"]
    data = json.loads(archive.read("data.json"))["data"]
    assert data["profile"][0]["email"] == "robin@acme.example"
    assert data["profile"][0]["name"] == "Robin Reviewer"
    assert data["drafts"][0]["versions"][0]["texts"] == {"post": SECRET_TEXT}
    assert [review["worked"] for review in data["reviews_given"]] == ["The opening question.", "Half a thought"]
    received = data["reviews_received"]
    assert [(review["reviewer"], review["helpfulness"], review["thanks"]) for review in received] == [
        ("Alex Author", 4, "Thanks, Alex!")]
    assert data["answers"][0]["answers"] == {"reflection": "I listen more than I post."}
    assert data["acknowledgements"][0]["version"] == 1
    assert data["presences"] == [{"platform": "mastodon", "address": "@robin@chaos.social",
                                  "created_at": data["presences"][0]["created_at"]}]
    assert data["publications"][0]["event"] == "Open day"
    assert data["follow_marks"] == [{"person": "Alex Author", "marked_at": data["follow_marks"][0]["marked_at"]}]
    assert data["round_goals"][0]["text"] == "Post twice a week."
    assert data["check_ins"][0]["note"] == "Posted once."
    assert data["sign_ins"], "the sign-in of this very download is in the history"
    assert any(row["browser"] == "Firefox · Linux" for row in data["sign_ins"])
    assert "Your review is due" in [message["subject"] for message in data["notifications"]]
    assert any(row["action"] == "person.viewed" and row["about_you"] for row in data["audit_log"])
    assert data["cohort"][0]["circle"] == 1
    assert data["calendar_links"] and data["event_consents"] and data["reminders"] and data["survey_offers"]
    # Nothing secret travels: no password hash, no session or calendar secret.
    text = archive.read("data.json").decode()
    assert "password" not in text and "f" * 64 not in text and "0" * 64 not in text


def test_the_readable_page_is_escaped_and_self_contained(client, auth, create_user, organisation, trainer):
    footprint = leave_footprint(create_user, organisation, trainer)
    auth.login(footprint.person.email)
    page = _download(client).read("index.html").decode()
    assert "<script>" not in page
    assert "My post &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; more" in page
    assert "<link" not in page and "src=" not in page  # no stylesheet, script or image from anywhere
    assert "Reviews you gave" in page and "Robin Reviewer" in page


def test_an_anonymous_review_stays_anonymous_in_the_download(client, auth, create_user, organisation, trainer):
    footprint = leave_footprint(create_user, organisation, trainer)
    footprint.circle.cohort.anonymous_reviews = True
    from course.extensions import db
    db.session.commit()
    auth.login(footprint.person.email)
    data = json.loads(_download(client).read("data.json"))["data"]
    assert [review["reviewer"] for review in data["reviews_received"]] == [None]
    assert "Alex Author" not in json.dumps(data["reviews_received"])


def test_the_page_and_download_in_german(client, auth, create_user):
    admin = create_user(Role.ADMIN, email="ada@example.org", language="de")
    auth.login(admin.email)
    assert "Ihre Daten" in client.get("/me/data").get_data(as_text=True)
    page = _download(client).read("index.html").decode()
    assert "Ihre Daten in Vernetzt" in page and 'lang="de"' in page


def test_a_secret_link_is_left_out(client, auth, learner):
    from course.accounts.services import send_password_reset
    from course.extensions import db
    send_password_reset(learner.email)
    db.session.commit()
    auth.login(learner.email)
    data = json.loads(_download(client).read("data.json"))["data"]
    assert "/reset-password/" not in json.dumps(data)
    assert data["notifications"][0]["body"] == "(held a secret link; left out)"


def test_the_profile_links_to_your_data(client, auth, learner):
    auth.login(learner.email)
    assert 'href="/me/data"' in client.get("/profile").get_data(as_text=True)
