"""The demo shows data protection: retention set, a reviewer who left, and the download for every demo login."""
import io
import json
import zipfile

import sqlalchemy as sa

from course.cohorts.models import Cohort
from course.demo import DEMO_PASSWORD, seed_demo
from course.demo.reviews import POST_LESSON
from course.extensions import db
from tests.conftest import csrf_token


def test_the_demo_has_a_former_participant_and_retention(app, client, auth):
    organisation, _users, _wall = seed_demo()
    db.session.commit()
    seed_demo()  # again: still one former participant
    db.session.commit()
    assert organisation.retention_months == 12
    auth.login("sam@demo.example", DEMO_PASSWORD)
    page = client.get(f"/learn/{POST_LESSON}/feedback").get_data(as_text=True)
    assert page.count("a former participant") == 1 and "I tried the grey-scale week" in page
    assert "Ben Vogt" not in page
    client.get("/me/data")
    response = client.post("/me/data", data={"csrf_token": csrf_token(client, "/me/data")})
    data = json.loads(zipfile.ZipFile(io.BytesIO(response.data)).read("data.json"))["data"]
    assert "a former participant" in [review["reviewer"] for review in data["reviews_received"]]
    auth.logout()
    auth.login("trainer@demo.example", DEMO_PASSWORD)
    spring = db.session.scalar(sa.select(Cohort).where(Cohort.name == "Spring cohort"))
    people = client.get(f"/cohorts/{spring.id}/people").get_data(as_text=True)
    assert "a former participant" in people and "Ben Vogt" not in people
    auth.logout()
    auth.login("admin@demo.example", DEMO_PASSWORD)
    retention = client.get(f"/organisations/{organisation.id}/retention").get_data(as_text=True)
    assert "12 months" in retention and "Nobody: no cohort of this organisation was closed" in retention
