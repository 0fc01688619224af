"""An event of the network fixture's cohort, under way, created by its trainer; the other fixtures of tests/network."""
from datetime import timedelta

import pytest

from course.database import utcnow
from course.events.models import Event
from course.extensions import db
from tests.network import conftest as network_fixtures

# The fixtures of the network's tests, shared here.
network, stranger = network_fixtures.network, network_fixtures.stranger


@pytest.fixture
def event(network) -> Event:
    now = utcnow()
    event = Event(organisation_id=network.cohort.organisation_id, name="Digital day", hashtag="#DigiTag27",
                  starts_at=now - timedelta(hours=1), ends_at=now + timedelta(hours=6), place="Hall 2",
                  created_by_id=network.trainer.id, cohorts=[network.cohort])
    db.session.add(event)
    db.session.commit()
    return event
