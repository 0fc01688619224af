"""Versions of an organisation's guidelines, their sections, and who acknowledged which version."""
from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from course.database import UTCDateTime, utcnow
from course.extensions import Model

if TYPE_CHECKING:
    from course.accounts.models import Organisation, User


class GuidelineVersion(Model):
    """One version of the guidelines: a draft while ``published_at`` is empty, read-only once published."""

    __tablename__ = "guideline_versions"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(sa.ForeignKey("organisations.id", ondelete="CASCADE"), index=True)
    number: Mapped[int]
    language: Mapped[str] = mapped_column(sa.String(8))  # of the text, and of the suggestions it starts from
    # The organisation's own fields that the suggested texts are filled with (contacts …).
    details: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    rules: Mapped[dict] = mapped_column(sa.JSON, default=dict)  # course.guidelines.rules.Rules as JSON
    note: Mapped[str] = mapped_column(sa.Text, default="")
    # Grows with every saved change, so an editor saving over a colleague's newer change is told.
    revision: Mapped[int] = mapped_column(default=0)
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    updated_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    published_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    organisation: Mapped[Organisation] = relationship()
    updated_by: Mapped[User | None] = relationship(foreign_keys=[updated_by_id])
    published_by: Mapped[User | None] = relationship(foreign_keys=[published_by_id])
    sections: Mapped[list[GuidelineSection]] = relationship(
        back_populates="version", order_by="GuidelineSection.position", cascade="all, delete-orphan"
    )

    __table_args__ = (sa.UniqueConstraint("organisation_id", "number"),)

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    @property
    def dated_at(self) -> datetime:
        return self.published_at or self.updated_at


class GuidelineSection(Model):
    """A section of one version. A standard section whose title or body is empty shows the suggested text."""

    __tablename__ = "guideline_sections"

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(sa.ForeignKey("guideline_versions.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(sa.String(40))  # a standard key, or "custom-<n>" for an added section
    position: Mapped[int]
    title: Mapped[str | None] = mapped_column(sa.String(200))
    body: Mapped[str | None] = mapped_column(sa.Text)
    is_skipped: Mapped[bool] = mapped_column(default=False)
    revision: Mapped[int] = mapped_column(default=0)

    version: Mapped[GuidelineVersion] = relationship(back_populates="sections")

    __table_args__ = (sa.UniqueConstraint("version_id", "key"),)

    @property
    def is_custom(self) -> bool:
        return self.key.startswith("custom-")


class Acknowledgement(Model):
    """A learner and one published version: when they acknowledged it, and when they were last reminded."""

    __tablename__ = "guideline_acknowledgements"

    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    version_id: Mapped[int] = mapped_column(sa.ForeignKey("guideline_versions.id", ondelete="CASCADE"),
                                            primary_key=True, index=True)
    acknowledged_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    reminded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
