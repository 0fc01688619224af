"""The demo shows the calendars: Sam has reviews to write and an event ahead, so his calendar has their dates."""
from course.demo import DEMO_PASSWORD
from tests.calendars.conftest import parse


def test_sams_demo_calendar_holds_his_review_due_dates_and_the_event(runner, auth, client):
    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    auth.login("sam@demo.example", DEMO_PASSWORD)

    summaries = [str(event["summary"]) for event in parse(client.get("/calendar/mine.ics")).events]

    assert sorted(summaries) == ["Digital day at the Hamburg site #DemoDigitalDay", "Review due: Connection, not detox",
                                 "Review due: Connection, not detox"]
    page = client.get("/calendar/").get_data(as_text=True)
    assert "Self-paced: each stage opens when the one before is complete" in page
