"""The audit log: administrators and the works council read it, filter it and export it; administrators name the
works council."""
import ast
import csv
import io
import re
from datetime import timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from course.accounts.models import Role
from course.audit.labels import ACTION_LABELS
from course.audit.models import AuditEvent
from course.audit.services import record
from course.database import utcnow
from course.extensions import db

COURSE = Path(__file__).resolve().parents[2] / "course"


@pytest.fixture
def logged(organisation, trainer, learner, admin):
    """Three entries in Acme's log, one in another organisation's."""
    record(trainer, "review.hidden", organisation_id=organisation.id, subject=learner, detail="review 7")
    record(admin, "organisation.settings_changed", organisation_id=organisation.id,
           detail="works_council_mode: off → on")
    old = AuditEvent(organisation_id=organisation.id, actor_id=trainer.id, subject_id=learner.id,
                     action="people.deactivated", detail="=HYPERLINK(\"http://evil.example\")",
                     created_at=utcnow() - timedelta(days=40))
    db.session.add(old)
    db.session.commit()


@pytest.fixture
def member(create_user, organisation):
    return create_user(Role.LEARNER, organisation=organisation, name="Rita Rat", email="rita@acme.example",
                       works_council_member=True)


def _actions() -> list[str]:
    return list(db.session.scalars(sa.select(AuditEvent.action).order_by(AuditEvent.id)))


def test_an_admin_reads_the_log_with_labels_names_and_details(client, auth, admin, organisation, logged):
    auth.login(admin.email)
    html = client.get(f"/organisations/{organisation.id}/audit-log").get_data(as_text=True)
    assert "3 entries" in html
    assert "Review hidden" in html and "Settings changed" in html and "Person deactivated" in html
    assert "Tara Trainer" in html and "Sam Learner" in html and "works_council_mode: off → on" in html
    table = html[html.index("<tbody>"):]
    assert table.index("Settings changed") < table.index("Review hidden") < table.index("Person deactivated")
    assert "no members named yet" in html


def test_a_works_council_member_reads_it_from_the_navigation(client, auth, member, organisation, logged):
    auth.login(member.email)
    home = client.get("/curriculum/", follow_redirects=True).get_data(as_text=True)
    assert f'href="/organisations/{organisation.id}/audit-log"' in home
    response = client.get(f"/organisations/{organisation.id}/audit-log")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "Review hidden" in html and "Rita Rat" in html
    assert "Name the members" not in html


def test_no_one_else_reads_it(client, auth, learner, trainer, create_user, create_organisation, organisation, logged):
    elsewhere = create_user(Role.LEARNER, organisation=create_organisation("Other GmbH"), works_council_member=True)
    for person, status in ((learner, 403), (trainer, 403), (elsewhere, 404)):
        auth.login(person.email)
        assert client.get(f"/organisations/{organisation.id}/audit-log").status_code == status
        assert client.get(f"/organisations/{organisation.id}/audit-log.csv").status_code == status
        auth.logout()
    assert "audit_log.exported" not in _actions()


def test_filters_narrow_the_page_and_the_export(client, auth, admin, organisation, logged):
    auth.login(admin.email)
    html = client.get(f"/organisations/{organisation.id}/audit-log?action=review.hidden").get_data(as_text=True)
    assert "1 entry" in html and "Review hidden" in html and "Settings changed</th>" not in html
    assert f'href="/organisations/{organisation.id}/audit-log.csv?action=review.hidden"' in html
    since = (utcnow() - timedelta(days=2)).date().isoformat()
    recent = client.get(f"/organisations/{organisation.id}/audit-log?since={since}").get_data(as_text=True)
    assert "2 entries" in recent and "Person deactivated</th>" not in recent
    nothing = client.get(f"/organisations/{organisation.id}/audit-log?action=staff.invited").get_data(as_text=True)
    assert "No entries match." in nothing


def test_a_reversed_period_says_so_and_keeps_the_dates(client, auth, admin, organisation, logged):
    auth.login(admin.email)
    html = client.get(f"/organisations/{organisation.id}/audit-log?since=2026-05-10&until=2026-05-01"
                      ).get_data(as_text=True)
    assert "The end of the period comes before its start." in html
    assert 'value="2026-05-10"' in html and 'value="2026-05-01"' in html
    assert "3 entries" in html


def test_the_export_holds_every_entry_safely_and_is_logged(client, auth, member, organisation, logged):
    auth.login(member.email)
    response = client.get(f"/organisations/{organisation.id}/audit-log.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(response.get_data().decode("utf-8-sig"))))
    assert rows[0] == ["When (UTC)", "Kind of entry", "Code", "By", "Whose data", "Detail"]
    assert [row[2] for row in rows[1:]] == ["organisation.settings_changed", "review.hidden", "people.deactivated"]
    assert rows[3][5] == "'=HYPERLINK(\"http://evil.example\")"  # a spreadsheet keeps it text
    (exported,) = db.session.scalars(sa.select(AuditEvent).where(AuditEvent.action == "audit_log.exported"))
    assert (exported.actor_id, exported.organisation_id, exported.detail) == (member.id, organisation.id, "3 rows")


def test_the_export_in_german_uses_semicolons_and_german_labels(client, auth, admin, organisation, logged):
    admin.language = "de"
    db.session.commit()
    auth.login(admin.email)
    text = client.get(f"/organisations/{organisation.id}/audit-log.csv").get_data().decode("utf-8-sig")
    assert text.splitlines()[0].startswith("Zeitpunkt (UTC);")
    assert "Bewertung ausgeblendet" in text or "Feedback ausgeblendet" in text


def test_an_admin_names_and_removes_works_council_members(client, auth, admin, learner, organisation):
    auth.login(admin.email)
    assert "No members named yet." in client.get(f"/organisations/{organisation.id}/works-council").get_data(
        as_text=True)
    response = auth.post(f"/organisations/{organisation.id}/works-council", {"email": " SAM@acme.example "})
    assert response.status_code == 302
    db.session.refresh(learner)
    assert learner.works_council_member
    page = client.get(f"/organisations/{organisation.id}/works-council").get_data(as_text=True)
    assert "Sam Learner" in page
    auth.post(f"/organisations/{organisation.id}/works-council/{learner.id}/remove", {})
    db.session.refresh(learner)
    assert not learner.works_council_member
    assert _actions() == ["works_council.member_added", "works_council.member_removed"]


def test_only_people_of_the_organisation_can_be_members(client, auth, admin, trainer, organisation, create_user,
                                                        create_organisation):
    stranger = create_user(Role.LEARNER, organisation=create_organisation("Other GmbH"), email="x@other.example")
    auth.login(admin.email)
    for address in ("nobody@acme.example", stranger.email, trainer.email):
        response = auth.post(f"/organisations/{organisation.id}/works-council", {"email": address})
        assert response.status_code == 400
        html = response.get_data(as_text=True)
        assert f"No one in Acme AG has an account with the address {address}." in html
        assert f'value="{address}"' in html
    assert auth.post(f"/organisations/{organisation.id}/works-council/{stranger.id}/remove", {}).status_code == 404
    assert _actions() == []


# The functions that write a row, and the views' and services' wrappers that pass the action on to them.
WRITERS = {"record", "record_access", "_record", "_act", "_change"}
ACTION = re.compile(r"[a-z_]+\.[a-z_]+")


def _actions_in_code() -> set[str]:
    """Every action the code hands to a writer of the log as a literal."""
    actions = set()
    for path in COURSE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) in WRITERS:
                actions |= {arg.value for arg in node.args
                            if isinstance(arg, ast.Constant) and isinstance(arg.value, str)
                            and ACTION.fullmatch(arg.value)}
    return actions


def test_every_kind_of_entry_the_code_writes_has_a_label():
    written = _actions_in_code()
    assert {"review.hidden", "staff.invited", "people.added", "audit_log.exported"} <= written
    assert written - set(ACTION_LABELS) == set()
