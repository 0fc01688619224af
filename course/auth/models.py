"""Sign-ins kept on the server, and the failed attempts the sign-in throttle counts."""
from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from course.accounts.models import User
from course.database import UTCDateTime, utcnow
from course.extensions import Model


class LoginSession(Model):
    """One signed-in browser. The cookie holds ``id:secret``; only a hash of the secret is stored,
    so a copy of the database opens no session. Deleting the row signs that browser out,
    remember-me cookie included."""

    __tablename__ = "login_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    secret_hash: Mapped[str] = mapped_column(sa.String(64))
    browser: Mapped[str] = mapped_column(sa.String(100), default="")  # e.g. "Firefox · Linux"; empty: unknown
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_used_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    user: Mapped[User] = relationship()

    def __repr__(self) -> str:
        return f"<LoginSession {self.id} of user {self.user_id}>"


class LoginFailure(Model):
    """One failed (or still running) sign-in, counted against one key: a device cookie, an account
    or a client address, each as a keyed digest so the table holds no e-mail or IP address."""

    __tablename__ = "login_failures"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(sa.String(64))
    failed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)

    __table_args__ = (sa.Index("ix_login_failures_key_failed_at", "key", "failed_at"),)
