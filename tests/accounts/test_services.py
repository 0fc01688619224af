"""Creating accounts, passwords and profiles."""
import pytest
import sqlalchemy as sa

from course.accounts import services
from course.accounts.models import Role, Track, User
from course.extensions import db
from tests.conftest import PASSWORD


def test_email_is_unique_whatever_its_case(create_user):
    create_user(email="Mia.Muster@Example.org")
    with pytest.raises(services.AccountError, match="already an account"):
        create_user(email="mia.muster@EXAMPLE.org ")


def test_database_refuses_duplicate_email_too(create_user, organisation):
    create_user(email="dup@example.org")
    db.session.add(User(name="X", email="dup@example.org", role=Role.ADMIN))
    with pytest.raises(sa.exc.IntegrityError):
        db.session.commit()
    db.session.rollback()


def test_find_user_ignores_case_and_spaces(create_user):
    user = create_user(email="lea@example.org")
    assert services.find_user_by_email("  LEA@Example.ORG ") == user


def test_learner_needs_organisation_and_track(app):
    with pytest.raises(services.AccountError, match="organisation and a track"):
        services.create_user(name="A", email="a@example.org", role=Role.LEARNER, track=Track.STAFF)


def test_database_refuses_a_learner_without_track(organisation):
    db.session.add(User(name="A", email="a@example.org", role=Role.LEARNER, organisation=organisation))
    with pytest.raises(sa.exc.IntegrityError):
        db.session.commit()
    db.session.rollback()


def test_trainer_is_attached_to_several_organisations(create_user, create_organisation):
    first, second = create_organisation("One"), create_organisation("Two")
    trainer = create_user(Role.TRAINER, organisation=first)
    trainer.trained_organisations.append(second)
    db.session.commit()
    assert [o.name for o in trainer.trained_organisations] == ["One", "Two"]
    assert trainer.organisation is None and trainer.track is None


def test_password_is_hashed_with_argon2id(create_user):
    user = create_user()
    assert user.password_hash.startswith("$argon2id$")
    assert PASSWORD not in user.password_hash
    assert services.authenticate(user.email, PASSWORD) == user
    assert services.authenticate(user.email, PASSWORD + "x") is None


def test_old_hash_is_upgraded_on_sign_in(app, create_user):
    user = create_user()
    old_hash = user.password_hash
    app.config["ARGON2_TIME_COST"] = 2
    assert services.authenticate(user.email, PASSWORD) == user
    assert user.password_hash != old_hash and "t=2" in user.password_hash


def test_inactive_and_invited_users_cannot_authenticate(create_user):
    inactive = create_user(active=False)
    invited = create_user(password=None)
    assert services.authenticate(inactive.email, PASSWORD) is None
    assert services.authenticate(invited.email, "") is None
    assert invited.is_invited


def test_set_password_rotates_the_session_token(create_user):
    user = create_user()
    before = user.session_token
    services.set_password(user, "another long password")
    assert user.session_token != before
    assert services.authenticate(user.email, "another long password") == user


def test_change_password_checks_the_current_one(create_user):
    user = create_user()
    with pytest.raises(services.AccountError, match="current password"):
        services.change_password(user, "wrong", "new password 123")
    services.change_password(user, PASSWORD, "new password 123")
    assert services.authenticate(user.email, "new password 123") == user


def test_duplicate_organisation_name_is_refused(create_organisation):
    create_organisation("Acme")
    with pytest.raises(services.AccountError, match="already exists"):
        services.create_organisation(" Acme ")
