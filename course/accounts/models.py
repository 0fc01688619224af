"""Organisations and the people in them."""
from __future__ import annotations

import secrets
from collections.abc import MutableMapping
from datetime import datetime
from enum import StrEnum
from typing import Any, cast

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from flask_login import UserMixin
from sqlalchemy.ext.hybrid import hybrid_property
from sqlalchemy.orm import Mapped, mapped_column, relationship

from course.database import UTCDateTime, utcnow
from course.extensions import Model, db


class Role(StrEnum):
    ADMIN = "admin"
    TRAINER = "trainer"
    LEARNER = "learner"


class Track(StrEnum):
    LEADERSHIP = "leadership"
    STAFF = "staff"


TRACK_LABELS = {Track.LEADERSHIP: _l("Leadership"), Track.STAFF: _l("Staff")}


class PersonStatus(StrEnum):
    """Where a person's account stands, decided only by ``User.status``; also a CSS modifier."""

    INVITED = "invited"  # no password set yet
    ACTIVE = "active"
    DEACTIVATED = "deactivated"  # may not sign in, gets no reviews or reminders; their work stays
    LEFT = "left"  # deleted their account: their personal data is gone, reviews they gave stay without a name


PERSON_STATUS_LABELS = {PersonStatus.INVITED: _l("invited"), PersonStatus.ACTIVE: _l("active"),
                        PersonStatus.DEACTIVATED: _l("deactivated"), PersonStatus.LEFT: _l("left")}

# Shown wherever the name of a person who deleted their account would be.
FORMER_PARTICIPANT = _l("a former participant")


def enum_column(enum_class: type[StrEnum]) -> sa.Enum:
    """A portable enum column storing the members' values, with a CHECK constraint."""
    return sa.Enum(
        enum_class,
        native_enum=False,
        create_constraint=True,
        length=16,
        values_callable=lambda members: [m.value for m in members],
        name=enum_class.__name__.lower(),
    )


def new_session_token() -> str:
    return secrets.token_urlsafe(16)


trainer_organisations = sa.Table(
    "trainer_organisations",
    db.metadata,
    sa.Column("user_id", sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    sa.Column(
        "organisation_id", sa.ForeignKey("organisations.id", ondelete="CASCADE"), primary_key=True
    ),
)


# The stored password of a person whom only their organisation's identity provider signs in: no Argon2 hash, so no
# password matches it, and it tells "signed up" from "invited" as a password would (User.is_invited).
SIGNS_IN_BY_PROVIDER = "!sso"


class Organisation(Model):
    __tablename__ = "organisations"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(200), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Rolling out: the language of its people and its mail where a person chose none (None: the site's);
    # the works-council mode, in which trainers see figures only for groups of at least ``smallest_group``
    # people; and how many months after a cohort is closed its personal data is deleted (None: kept).
    default_language: Mapped[str | None] = mapped_column(sa.String(8))
    works_council_mode: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    smallest_group: Mapped[int] = mapped_column(default=5, server_default="5")
    retention_months: Mapped[int | None]

    learners: Mapped[list[User]] = relationship(
        back_populates="organisation", order_by="User.name"
    )
    trainers: Mapped[list[User]] = relationship(
        secondary=trainer_organisations, back_populates="trained_organisations", order_by="User.name"
    )

    def __repr__(self) -> str:
        return f"<Organisation {self.id} {self.name!r}>"


class User(UserMixin, Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    # The name as typed; read ``name``, which hides it once the account is deleted. The column keeps its name.
    stored_name: Mapped[str] = mapped_column("name", sa.String(200))
    # Stored lower-cased (see accounts.services.normalise_email), so unique
    # also means unique regardless of case.
    email: Mapped[str] = mapped_column(sa.String(320), unique=True)
    password_hash: Mapped[str | None] = mapped_column(sa.String(255))
    role: Mapped[Role] = mapped_column(enum_column(Role))
    track: Mapped[Track | None] = mapped_column(enum_column(Track))
    language: Mapped[str | None] = mapped_column(sa.String(8))
    active: Mapped[bool] = mapped_column(default=True, server_default=sa.true())
    organisation_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("organisations.id", ondelete="RESTRICT"), index=True
    )
    # Part of the fingerprint of reset and invitation links (accounts.tokens): rotating it
    # when the password is set or the account deactivated makes every older link useless.
    session_token: Mapped[str] = mapped_column(sa.String(64), default=new_session_token)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_seen_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # In works-council mode a trainer sees this person's own rows only if they chose to share their progress.
    shares_progress: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    # A member of their organisation's works council: reads and exports its audit log.
    works_council_member: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    # The person deleted their account (or retention did): the row stays for the reviews they gave, nameless.
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    # Flask-Login's id for this object: the sign-in it was loaded through (course.auth.sessions), not a column.
    # Unannotated, so that the ORM does not take it for a column; the cast tells the type checker what it holds.
    login_identity = cast("str | None", None)

    # Loaded with the person: their organisation's settings (language, works-council mode) apply to most of what
    # is shown or sent to them.
    organisation: Mapped[Organisation | None] = relationship(back_populates="learners", lazy="joined")
    trained_organisations: Mapped[list[Organisation]] = relationship(
        secondary=trainer_organisations, back_populates="trainers", order_by="Organisation.name"
    )

    __table_args__ = (
        sa.CheckConstraint(
            "(role = 'learner') = (track IS NOT NULL)", name="track_only_for_learners"
        ),
        sa.CheckConstraint(
            "role != 'learner' OR organisation_id IS NOT NULL", name="learner_has_organisation"
        ),
    )

    @hybrid_property
    def name(self) -> str:
        """The name to show: "a former participant" once the account is deleted, in Python and in SQL alike."""
        return str(FORMER_PARTICIPANT) if self.deleted_at is not None else self.stored_name

    @name.inplace.setter
    def _name_setter(self, value: str) -> None:
        self.stored_name = value

    @name.inplace.expression
    @classmethod
    def _name_expression(cls) -> sa.ColumnElement[str]:
        # Selected as a column (an audit row's actor, a reminder's sender) it reads as on every page.
        return sa.case((cls.deleted_at.is_not(None), sa.literal(str(FORMER_PARTICIPANT))), else_=cls.stored_name)

    # Bulk INSERT and UPDATE statements may name it too, as they did before the column was renamed.
    @name.inplace.bulk_dml
    @classmethod
    def _name_bulk_dml(cls, mapping: MutableMapping[str, Any], value: str) -> None:
        mapping["stored_name"] = value

    @name.inplace.update_expression
    @classmethod
    def _name_update_expression(cls, value: Any) -> list[tuple[Any, Any]]:
        return [(cls.stored_name, value)]

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    @property
    def shown_email(self) -> str:
        """The address to show on lists of people: a dash once the account is deleted (its stand-in reaches no one)."""
        return "—" if self.deleted_at is not None else self.email

    @property
    def track_label(self) -> str:
        """The learner's track as people read it; empty for staff roles."""
        return str(TRACK_LABELS[self.track]) if self.track else ""

    @property
    def home_organisation(self) -> Organisation | None:
        """The organisation whose settings apply to this person: a learner's own, a trainer's only one."""
        if self.organisation_id is not None:
            return self.organisation
        trained = self.trained_organisations if self.role == Role.TRAINER else []
        return trained[0] if len(trained) == 1 else None

    @property
    def is_active(self) -> bool:  # Flask-Login refuses inactive users
        return self.active

    @property
    def has_password(self) -> bool:
        """Whether the person chose a password: not when invited, nor when only their identity provider signs
        them in."""
        return self.password_hash is not None and self.password_hash != SIGNS_IN_BY_PROVIDER

    @property
    def is_invited(self) -> bool:
        """Invited but has not yet set a password (a deleted account has none either, and is no invitation)."""
        return self.password_hash is None and self.deleted_at is None

    @property
    def is_admin(self) -> bool:
        return self.role == Role.ADMIN

    @property
    def status(self) -> PersonStatus:
        if self.deleted_at is not None:
            return PersonStatus.LEFT
        if not self.active:
            return PersonStatus.DEACTIVATED
        return PersonStatus.INVITED if self.is_invited else PersonStatus.ACTIVE

    @property
    def status_label(self) -> str:
        return str(PERSON_STATUS_LABELS[self.status])

    @property
    def is_learner(self) -> bool:
        return self.role == Role.LEARNER

    def get_id(self) -> str:
        if self.login_identity is None:
            raise RuntimeError("Sign people in with course.auth.sessions.sign_in, which gives them a session record.")
        return self.login_identity

    def __eq__(self, other: object) -> bool:
        # One person is one row, whichever sign-in the object came through.
        if not isinstance(other, User):
            return NotImplemented
        return self is other or (self.id is not None and self.id == other.id)

    __hash__ = UserMixin.__hash__

    def rotate_session_token(self) -> None:
        self.session_token = new_session_token()

    def __repr__(self) -> str:
        return f"<User {self.id} {self.email} {self.role}>"
