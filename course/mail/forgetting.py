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
    name, address = user.stored_name.strip(), user.email.strip()
    # The whole name as the mails write it ("Robin" goes in "Robin has reviewed", not in "Robinson"), the address in
    # any case; the longer first, so that an address holding the name goes whole.
    alternatives = sorted(((len(text), written) for text, written in (
        (name, re.escape(name)), (address, f"(?i:{re.escape(address)})")) if text), reverse=True)
    if not alternatives:
        return 0
    pattern = re.compile("|".join(rf"(?<!\w){written}(?!\w)" for _length, written in alternatives))
    needles = [text for text in (name, address) if text]
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
