"""An organisation's OpenID provider, the e-mail domains it covers, and the people linked to it."""
from __future__ import annotations

from datetime import datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from course.accounts.models import Organisation, Track, User, enum_column
from course.database import UTCDateTime, utcnow
from course.extensions import Model


class Provisioning(StrEnum):
    INVITE = "invite"  # only people who were invited (or already have an account) sign in
    PROVISION = "provision"  # a new person is added to the chosen cohort on their first sign-in


class IdentityProvider(Model):
    __tablename__ = "identity_providers"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        sa.ForeignKey("organisations.id", ondelete="CASCADE"), unique=True)
    issuer: Mapped[str] = mapped_column(sa.String(500))
    client_id: Mapped[str] = mapped_column(sa.String(255))
    # Fernet-encrypted with a key derived from SECRET_KEY (course.sso.secret_box); never shown or logged.
    client_secret_encrypted: Mapped[str] = mapped_column(sa.Text)
    password_sign_in: Mapped[bool] = mapped_column(default=True, server_default=sa.true())
    provisioning: Mapped[Provisioning] = mapped_column(enum_column(Provisioning), default=Provisioning.INVITE)
    cohort_id: Mapped[int | None] = mapped_column(sa.ForeignKey("cohorts.id", ondelete="SET NULL"))
    group_claim: Mapped[str] = mapped_column(sa.String(100), default="groups")
    # Group name -> track value, in the order the administrator wrote them: the first group a person is in wins.
    group_tracks: Mapped[list[list[str]]] = mapped_column(sa.JSON, default=list)
    default_track: Mapped[Track | None] = mapped_column(enum_column(Track))  # None: refuse people in no group
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    organisation: Mapped[Organisation] = relationship()
    domains: Mapped[list[SsoDomain]] = relationship(
        back_populates="provider", cascade="all, delete-orphan", order_by="SsoDomain.name")

    @property
    def domain_names(self) -> list[str]:
        return [domain.name for domain in self.domains]

    def __repr__(self) -> str:
        return f"<IdentityProvider {self.id} {self.issuer!r} organisation {self.organisation_id}>"


class SsoDomain(Model):
    """An e-mail domain covered by one provider; the primary key keeps two organisations from claiming it."""

    __tablename__ = "sso_domains"

    name: Mapped[str] = mapped_column(sa.String(253), primary_key=True)
    provider_id: Mapped[int] = mapped_column(sa.ForeignKey("identity_providers.id", ondelete="CASCADE"), index=True)

    provider: Mapped[IdentityProvider] = relationship(back_populates="domains")


class SsoLink(Model):
    """A person's account at a provider: matched by the provider's subject, never by e-mail once it exists."""

    __tablename__ = "sso_links"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    provider_id: Mapped[int] = mapped_column(sa.ForeignKey("identity_providers.id", ondelete="CASCADE"))
    subject: Mapped[str] = mapped_column(sa.String(255))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_used_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    user: Mapped[User] = relationship()
    provider: Mapped[IdentityProvider] = relationship()

    __table_args__ = (
        sa.UniqueConstraint("provider_id", "subject", name="uq_sso_links_provider_subject"),
        sa.UniqueConstraint("provider_id", "user_id", name="uq_sso_links_provider_user"),
    )
