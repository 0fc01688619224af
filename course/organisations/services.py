"""Changing how an organisation runs Vernetzt. Functions flush; the view commits."""
from flask_babel import lazy_gettext as _l

from course.accounts.models import Organisation, User
from course.audit.services import record, shown
from course.mail.models import OutboxMessage
from course.mail.services import compose_mail, mail_language, send_mail

# The settings the organisation's settings page edits, in the order the audit log names them.
SETTINGS = ("default_language", "works_council_mode", "smallest_group", "retention_months")


def update_settings(organisation: Organisation, actor: User, values: dict) -> list[str]:
    """Apply the changed ``values`` and write one audit row naming each change; the names of what changed."""
    changes = []
    for name in SETTINGS:
        old, new = getattr(organisation, name), values[name]
        if new == "":
            new = None
        if old != new:
            setattr(organisation, name, new)
            changes.append(f"{name}: {shown(old)} → {shown(new)}")
    if changes:
        record(actor, "organisation.settings_changed", organisation_id=organisation.id, detail="; ".join(changes))
    return [change.partition(":")[0] for change in changes]



def send_test_mail(organisation: Organisation, actor: User) -> OutboxMessage:
    """A test mail to ``actor`` in the language of the organisation's people, delivered by the worker like any
    other."""
    language = organisation.default_language or mail_language(actor)
    mail = compose_mail(actor, _l("Vernetzt test mail"), "mail/test_mail.txt", language=language,
                        organisation=organisation)
    message = send_mail(actor, mail.subject, mail.body, language=mail.language)
    record(actor, "organisation.test_mail_sent", organisation_id=organisation.id)  # to the actor, named by actor_id
    return message
