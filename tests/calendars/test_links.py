"""The private subscription link: a secret kept only as its hash, shown once, replaced by a new one, and never a
way into anyone else's calendar."""
from __future__ import annotations

import hashlib
import logging
import re

import sqlalchemy as sa

from course.calendars.models import CalendarLink
from course.calendars.services import make_calendar_link
from course.extensions import db
from tests.calendars.conftest import events_by_uid, parse
from tests.conftest import csrf_token

LINK = re.compile(r'value="http://localhost/calendar/([A-Za-z0-9_-]+)\.ics"')


def _make_link(auth, client) -> str:
    response = auth.post("/calendar/link")
    assert response.status_code == 200
    match = LINK.search(response.get_data(as_text=True))
    assert match, "the new link is on the page"
    return match.group(1)


def _links(user) -> list[CalendarLink]:
    db.session.rollback()  # see what the request committed
    return list(db.session.scalars(sa.select(CalendarLink).where(CalendarLink.user_id == user.id)
                                   .order_by(CalendarLink.id)))


def test_only_the_hash_of_the_secret_is_stored(auth, client, learner):
    auth.login(learner.email)

    token = _make_link(auth, client)

    (link,) = _links(learner)
    assert link.token_hash == hashlib.sha256(token.encode()).hexdigest()
    stored = db.session.execute(sa.select(CalendarLink.__table__)).one()
    assert token not in " ".join(str(value) for value in stored)


def test_the_link_is_shown_once(auth, client, learner):
    auth.login(learner.email)
    token = _make_link(auth, client)

    page = client.get("/calendar/").get_data(as_text=True)

    assert token not in page
    assert "It is shown only once, when you make it." in page
    assert "Make a new link" in page


def test_the_feed_answers_without_signing_in_with_the_owners_calendar(app, auth, client, make_reviewing_circle):
    circle = make_reviewing_circle()
    reviewer = circle.reviewers[0]
    auth.login(reviewer.email)
    token = _make_link(auth, client)

    anonymous = app.test_client()
    response = anonymous.get(f"/calendar/{token}.ics")

    uids = set(events_by_uid(parse(response)))
    assert f"review-{circle.review_by(reviewer).id}@vernetzt" in uids
    assert response.headers["Cache-Control"] == "private, no-store"
    assert not response.headers["Content-Disposition"].startswith("attachment")


def test_a_new_link_revokes_the_old_one(app, auth, client, learner):
    auth.login(learner.email)
    old = _make_link(auth, client)
    new = _make_link(auth, client)

    anonymous = app.test_client()
    assert anonymous.get(f"/calendar/{old}.ics").status_code == 404
    assert anonymous.get(f"/calendar/{new}.ics").status_code == 200
    first, second = _links(learner)
    assert first.is_revoked and not second.is_revoked


def test_an_unknown_or_malformed_token_is_not_found(client, learner):
    make_calendar_link(learner)
    db.session.commit()

    assert client.get("/calendar/" + "A" * 43 + ".ics").status_code == 404
    assert client.get("/calendar/short.ics").status_code == 404


def test_a_deactivated_persons_link_stops_working(app, auth, client, learner):
    auth.login(learner.email)
    token = _make_link(auth, client)
    learner.active = False
    db.session.commit()

    assert app.test_client().get(f"/calendar/{token}.ics").status_code == 404


def test_a_feed_holds_its_owners_reviews_and_nobody_elses(app, auth, client, make_reviewing_circle):
    circle = make_reviewing_circle()
    robin, kim = circle.reviewers
    auth.login(robin.email)
    token = _make_link(auth, client)

    response = app.test_client().get(f"/calendar/{token}.ics")

    uids = set(events_by_uid(parse(response)))
    reviews = {f"review-{circle.review_by(reviewer).id}@vernetzt" for reviewer in (robin, kim)}
    assert uids & reviews == {f"review-{circle.review_by(robin).id}@vernetzt"}
    text = response.get_data(as_text=True)
    for other in (kim, circle.author):
        assert other.name not in text and other.email not in text


def test_making_a_link_needs_the_forms_token(auth, client, learner):
    auth.login(learner.email)
    csrf_token(client)  # a session exists

    response = client.post("/calendar/link", data={})

    assert response.status_code == 400
    assert _links(learner) == []


def test_the_token_never_reaches_the_request_log(app, auth, client, learner, caplog):
    auth.login(learner.email)
    token = _make_link(auth, client)

    with caplog.at_level(logging.INFO, logger="werkzeug"), caplog.at_level(logging.INFO, logger="gunicorn.access"):
        # How Werkzeug's server writes a request line (BaseWSGIRequestHandler.log_request).
        logging.getLogger("werkzeug").info('%s - - [%s] "%s" %s %s', "127.0.0.1", "now",
                                           f"GET /calendar/{token}.ics HTTP/1.1", 200, "-")
        logging.getLogger("gunicorn.access").info("%(h)s %(r)s", {"h": "127.0.0.1",
                                                                  "r": f"GET /calendar/{token}.ics HTTP/1.1"})
        app.logger.error(f"Exception on /calendar/{token}.ics [GET]")  # as Flask logs an error

    assert len(caplog.records) == 3
    assert token not in caplog.text
    assert "GET /calendar/….ics" in caplog.text


def test_the_walls_secret_stays_out_of_the_logs_too():
    from course.calendars.log_filter import _hide

    assert _hide('"GET /wall/PiRt7ygE4_NUQB7BWS6xryyRZdmDG2vJ/posts?version=5 HTTP/1.1" 204') == \
        '"GET /wall/…/posts?version=5 HTTP/1.1" 204'
    assert _hide("GET /wall/PiRt7ygE4_NUQB7BWS6xryyRZdmDG2vJ HTTP/1.1") == "GET /wall/… HTTP/1.1"
