"""Forgetting a person in the messages written to other people: their name and address become "a former
participant", in the language each message was written in (English where that is not known). Functions flush;
callers commit."""
from __future__ import annotations

import re

import sqlalchemy as sa
from flask_babel import force_locale

from course.accounts.models import FORMER_PARTICIPANT, User
from course.extensions import db
from course.mail.models import OutboxMessage

SUBJECT_LENGTH = OutboxMessage.subject.property.columns[0].type.length


def forget_in_messages(user: User) -> int:
    """Replace ``user``'s stored name and address in every other person's messages; return how many changed.

    Call it before the name and address are cleared, once the person's own messages are gone.
    """
    needles = sorted({text for text in (user.stored_name.strip(), user.email.strip()) if text}, key=len,
                     reverse=True)
    if not needles:
        return 0
    # A whole name only: "Robin" is forgotten in "Robin has reviewed", not in "Robinson".
    pattern = re.compile("|".join(rf"(?<!\w){re.escape(text)}(?!\w)" for text in needles), re.IGNORECASE)
    mentions = sa.or_(*(column.icontains(text, autoescape=True)
                        for text in needles for column in (OutboxMessage.subject, OutboxMessage.body)))
    statement = sa.select(OutboxMessage).where(mentions, OutboxMessage.recipient_id.is_distinct_from(user.id))
    changed = 0
    for message in db.session.scalars(statement):
        with force_locale(message.language or "en"):
            replacement = str(FORMER_PARTICIPANT)
        subject, body = _replaced(pattern, replacement, message.subject), _replaced(pattern, replacement, message.body)
        if (subject, body) != (message.subject, message.body):
            message.subject, message.body = subject[:SUBJECT_LENGTH], body
            changed += 1
    db.session.flush()
    return changed


def _replaced(pattern: re.Pattern[str], replacement: str, text: str) -> str:
    def replace(match: re.Match[str]) -> str:
        before = text[:match.start()].rstrip(" “\"'(")
        starts_sentence = not before or before[-1] in ".!?:\n"
        return replacement[:1].upper() + replacement[1:] if starts_sentence else replacement
    return pattern.sub(replace, text)
