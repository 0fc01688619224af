"""Planning an event: who may, what it needs, and nothing typed lost when something is missing."""
import sqlalchemy as sa

from course.accounts.models import Track
from course.events.models import Event
from course.extensions import db

FORM = {"name": "Digital day", "starts_at": "2027-03-04T09:00", "ends_at": "2027-03-04T17:00", "place": "Hall 2",
        "hashtag": "DigiTag27", "outside_days": "14"}


def _events() -> list[Event]:
    db.session.expire_all()
    return list(db.session.scalars(sa.select(Event)))


def test_a_trainer_plans_an_event_for_a_cohort(client, auth, network):
    auth.login(network.trainer.email)
    organisation = network.cohort.organisation_id
    response = auth.post(f"/events/new/{organisation}", {**FORM, "cohort_ids": str(network.cohort.id)})
    assert response.status_code == 302
    [event] = _events()
    assert (event.hashtag, [c.id for c in event.cohorts]) == ("#DigiTag27", [network.cohort.id])
    assert event.ends_at > event.starts_at and event.starts_at.tzinfo is not None
    auth.logout()
    auth.login(network.robin.email)
    assert "Digital day" in client.get("/events/").get_data(as_text=True)
    page = client.get(f"/events/{event.id}").get_data(as_text=True)
    assert "Post for this event" in page and "Moderate the wall" not in page


def test_a_leadership_learner_may_plan_and_moderate_a_staff_learner_may_not(client, auth, network):
    organisation = network.cohort.organisation_id
    auth.login(network.robin.email)
    assert client.get(f"/events/new/{organisation}").status_code == 403
    auth.logout()
    network.kim.track = Track.LEADERSHIP
    db.session.commit()
    auth.login(network.kim.email)
    assert auth.post(f"/events/new/{organisation}", {**FORM, "cohort_ids": str(network.cohort.id)}).status_code == 302
    [event] = _events()
    assert client.get(f"/events/{event.id}/moderation").status_code == 200


def test_what_is_missing_is_said_and_what_was_typed_stays(client, auth, network):
    auth.login(network.trainer.email)
    response = auth.post(f"/events/new/{network.cohort.organisation_id}",
                         {**FORM, "hashtag": "Digi Tag", "ends_at": "2027-03-03T17:00"})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "A hashtag has no spaces: try #DigiTag." in page
    assert "The event cannot end before it starts." in page
    assert "Choose at least one cohort of this organisation that takes part." in page
    assert 'value="Digital day"' in page and 'value="Hall 2"' in page
    assert _events() == []


def test_another_organisations_trainer_sees_nothing(client, auth, event, stranger):
    auth.login(stranger.email)
    assert client.get(f"/events/{event.id}").status_code == 404
    assert client.get(f"/events/{event.id}/moderation").status_code == 404
    assert "Digital day" not in client.get("/events/").get_data(as_text=True)


def test_a_learner_of_a_cohort_not_taking_part_sees_nothing(client, auth, event, network):
    auth.login(network.colleague.email)
    assert client.get(f"/events/{event.id}").status_code == 404


def test_the_event_goes_into_calendars(client, auth, event, network):
    from icalendar import Calendar

    auth.login(network.robin.email)
    response = client.get(f"/events/{event.id}/event.ics")
    assert response.mimetype == "text/calendar"
    [entry] = Calendar.from_ical(response.data).walk("VEVENT")
    assert (str(entry["uid"]), str(entry["location"])) == (f"event-{event.id}@vernetzt", "Hall 2")
    assert "#DigiTag27" in str(entry["summary"]) and entry.decoded("dtstart") == event.starts_at.replace(microsecond=0)
    mine = Calendar.from_ical(client.get("/calendar/mine.ics").data)
    assert f"event-{event.id}@vernetzt" in [str(e["uid"]) for e in mine.walk("VEVENT")]
