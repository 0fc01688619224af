"""Retention: a dry run lists and deletes nothing; the run (worker or command) deletes, audited per organisation."""
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from course.accounts.models import Role, User
from course.audit.models import AuditEvent
from course.cohorts.models import Cohort, CohortMember
from course.database import utcnow
from course.extensions import db
from course.privacy.retention import due_for_deletion, months_before
from course.privacy.tasks import apply_retention
from tests.conftest import PASSWORD


def _cohort(organisation, people, *, closed_days_ago: int | None, name: str) -> Cohort:
    cohort = Cohort(organisation_id=organisation.id, name=name,
                    closed_at=utcnow() - timedelta(days=closed_days_ago) if closed_days_ago is not None else None)
    cohort.members = [CohortMember(user=person) for person in people]
    db.session.add(cohort)
    db.session.commit()
    return cohort


def _world(create_user, organisation):
    """Twelve months' retention: one cohort closed 400 days ago (due), one 300 days ago, one still open."""
    organisation.retention_months = 12
    old = [create_user(organisation=organisation, name=f"Old {n}", email=f"old{n}@acme.example") for n in (1, 2)]
    recent = create_user(organisation=organisation, name="Recent", email="recent@acme.example")
    running = create_user(organisation=organisation, name="Running", email="running@acme.example")
    _cohort(organisation, old, closed_days_ago=400, name="2025")
    _cohort(organisation, [recent], closed_days_ago=300, name="2026")
    _cohort(organisation, [running], closed_days_ago=None, name="Now")
    return old, [recent, running]


def test_months_before_keeps_the_day_where_the_month_has_it():
    assert months_before(datetime(2026, 3, 31, 12, tzinfo=UTC), 1) == datetime(2026, 2, 28, 12, tzinfo=UTC)
    assert months_before(datetime(2026, 1, 15, tzinfo=UTC), 13) == datetime(2024, 12, 15, tzinfo=UTC)


def test_the_dry_run_lists_and_deletes_nothing(app, runner, create_user, organisation):
    old, _kept = _world(create_user, organisation)
    result = runner.invoke(args=["privacy", "retention", "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "Old 1 <old1@acme.example>" in result.output and "Old 2" in result.output
    assert "Recent" not in result.output and "Running" not in result.output
    assert "2 people's personal data would be deleted; nothing was changed." in result.output
    db.session.expire_all()
    assert all(db.session.get(User, person.id).deleted_at is None for person in old)
    assert db.session.scalar(sa.select(sa.func.count(AuditEvent.id))) == 0


def test_the_command_deletes_and_audits_the_run(app, runner, create_user, organisation):
    old, kept = _world(create_user, organisation)
    ids = [person.id for person in old]
    result = runner.invoke(args=["privacy", "retention"])
    assert result.exit_code == 0, result.output
    assert "Deleted the personal data of 2 people." in result.output
    db.session.expire_all()
    assert [db.session.get(User, user_id).name for user_id in ids] == ["a former participant"] * 2
    assert all(db.session.get(User, person.id).deleted_at is None for person in kept)
    actions = db.session.execute(sa.select(AuditEvent.action, AuditEvent.actor_id, AuditEvent.detail)
                                 .order_by(AuditEvent.id)).all()
    assert actions == [("account.deleted", None, "retention"), ("account.deleted", None, "retention"),
                       ("privacy.retention_run", None, "2 deleted")]
    assert runner.invoke(args=["privacy", "retention", "--dry-run"]).output.startswith("Dry run: 0 people")


def test_the_worker_runs_it(app, create_user, organisation):
    old, _kept = _world(create_user, organisation)
    apply_retention.call_local()
    db.session.expire_all()
    assert all(db.session.get(User, person.id).is_deleted for person in old)


def test_without_retention_nothing_is_due(app, create_user, organisation):
    _world(create_user, organisation)
    organisation.retention_months = None
    db.session.commit()
    assert due_for_deletion(utcnow()) == []


def test_the_page_shows_the_next_run_and_changes_nothing(client, auth, create_user, organisation):
    old, _kept = _world(create_user, organisation)
    admin = create_user(Role.ADMIN, email="ada@example.org", password=PASSWORD)
    auth.login(admin.email)
    page = client.get(f"/organisations/{organisation.id}/retention").get_data(as_text=True)
    assert "Old 1" in page and "Old 2" in page and "Recent" not in page and "12 months" in page
    assert all(db.session.get(User, person.id).deleted_at is None for person in old)
    organisation.retention_months = None
    db.session.commit()
    page = client.get(f"/organisations/{organisation.id}/retention").get_data(as_text=True)
    assert "No retention period is set" in page and "Old 1" not in page


def test_the_organisation_page_links_retention_and_data_protection(client, auth, create_user, organisation):
    admin = create_user(Role.ADMIN, email="ada@example.org")
    auth.login(admin.email)
    page = client.get(f"/organisations/{organisation.id}").get_data(as_text=True)
    assert f'/organisations/{organisation.id}/retention"' in page
    assert f'/organisations/{organisation.id}/data-protection"' in page
