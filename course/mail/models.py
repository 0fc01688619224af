"""The outbox: every message Vernetzt writes, with where its delivery stands."""
from __future__ import annotations

from datetime import datetime
from enum import StrEnum

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from course.accounts.models import Organisation, Role, User, enum_column
from course.database import UTCDateTime, utcnow
from course.extensions import Model


class MessageStatus(StrEnum):
    WAITING = "waiting"  # for the worker: not yet tried, or tried and to be tried again
    SENDING = "sending"  # claimed by a worker that is handing it to the mail server right now
    SENT = "sent"
    FAILED = "failed"  # given up after the last try
    IN_APP = "in_app"  # no mail server is configured: the recipient reads it in Vernetzt only


STATUS_LABELS = {
    MessageStatus.WAITING: _l("Waiting"),
    MessageStatus.SENDING: _l("Being sent"),
    MessageStatus.SENT: _l("Delivered"),
    MessageStatus.FAILED: _l("Failed"),
    MessageStatus.IN_APP: _l("In the app only"),
}

# The badge each status wears in the outbox.
STATUS_BADGES = {MessageStatus.SENT: "badge--done", MessageStatus.FAILED: "badge--failed",
                 MessageStatus.IN_APP: "badge--quiet"}


class OutboxMessage(Model):
    __tablename__ = "outbox_messages"

    id: Mapped[int] = mapped_column(primary_key=True)
    recipient_address: Mapped[str] = mapped_column(sa.String(320))
    subject: Mapped[str] = mapped_column(sa.String(300))
    body: Mapped[str] = mapped_column(sa.Text)
    # The language it was written in (None: not known, as for messages older than this column).
    language: Mapped[str | None] = mapped_column(sa.String(8))
    # A message that holds a secret link (password reset, invitation): only its recipient may read the body.
    is_secret: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    # Who may see it in the app: the recipient, and trainers of the recipient's organisation.
    recipient_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    organisation_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    status: Mapped[MessageStatus] = mapped_column(
        enum_column(MessageStatus), default=MessageStatus.WAITING, server_default=MessageStatus.IN_APP.value
    )
    attempts: Mapped[int] = mapped_column(default=0, server_default="0")
    last_error: Mapped[str | None] = mapped_column(sa.String(500))
    next_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    recipient: Mapped[User | None] = relationship()
    organisation: Mapped[Organisation | None] = relationship()

    __table_args__ = (sa.Index("ix_outbox_messages_status_next_attempt_at", "status", "next_attempt_at"),)

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS[self.status])

    @property
    def status_badge(self) -> str:
        return STATUS_BADGES.get(self.status, "")

    def is_readable_by(self, user: User) -> bool:
        """Whether ``user`` may read the body: a secret link reaches nobody but its recipient, and in the
        works-council mode no message reaches a trainer but their own (a mail about a review names its author or
        reviewer, who may not share their progress)."""
        if self.recipient_id == user.id:
            return True
        return not self.is_secret and not self.is_private_to_trainer(user)

    def is_private_to_trainer(self, user: User) -> bool:
        """Whether the body is kept from ``user`` because they are a trainer and the message belongs to an
        organisation in the works-council mode."""
        if user.role != Role.TRAINER:
            return False
        organisations = [self.organisation, self.recipient.organisation if self.recipient else None]
        return any(organisation is not None and organisation.works_council_mode for organisation in organisations)
