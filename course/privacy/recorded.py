"""What Vernetzt records about an organisation's people, why, who sees it and how long it is kept, from the
organisation's live settings: the body of the data-protection officer's page."""
from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _
from flask_babel import ngettext

from course.accounts.models import Organisation


@dataclass(frozen=True)
class Recorded:
    what: str
    why: str
    who: str
    kept: str


def retention_in_words(organisation: Organisation) -> str:
    """How long a learner's personal data is kept after their cohort is closed."""
    if organisation.retention_months is None:
        return _("Until the person deletes their account; no retention period is set.")
    return ngettext("Deleted %(num)d month after the person's cohort is closed, or earlier when they delete "
                    "their account.", "Deleted %(num)d months after the person's cohort is closed, or earlier when "
                    "they delete their account.", organisation.retention_months)


def trainers_see(organisation: Organisation) -> str:
    """What the organisation's trainers see of a person's progress under the current settings."""
    if organisation.works_council_mode:
        return _("Trainers see figures for groups of at least %(count)d people only; a person's own rows only if "
                 "they chose to share their progress. Every view of a person's data is in the audit log.",
                 count=organisation.smallest_group)
    return _("The cohort's trainers see each person's progress, reviews given and overdue, and activity.")


def what_is_recorded(organisation: Organisation) -> list[Recorded]:
    """The categories of personal data, each with its purpose, its readers and its retention."""
    kept = retention_in_words(organisation)
    return [
        Recorded(_("Name, e-mail address, role, track, language"),
                 _("To invite people, sign them in and write to them."),
                 _("The person; the organisation's trainers and administrators."),
                 _("Until the account is deleted; a deleted account keeps no name and no address.")),
        Recorded(_("Sign-ins: browser and times"),
                 _("So that people see and end their sign-ins; to keep accounts safe."),
                 _("The person only."),
                 _("Until the person signs out, or the session expires.")),
        Recorded(_("Lessons read and completed"),
                 _("To unlock the next stage and to show the trainer how the cohort is doing."),
                 trainers_see(organisation), kept),
        Recorded(_("Drafts and their versions"),
                 _("Writing exercises; a draft is its author's until submitted for review."),
                 _("The author; once submitted, the reviewers and the cohort's trainers."), kept),
        Recorded(_("Reviews given and received, helpfulness ratings"),
                 _("Peer feedback on submitted posts."),
                 _("The author and the reviewer (anonymous reviews: without the reviewer's name); trainers."),
                 _("Reviews given stay for their authors after deletion, shown as from a former participant.")),
        Recorded(_("Answers, reflections, survey answers"),
                 _("Exercises of the course; surveys are shown to trainers only in aggregate."),
                 _("The person; a reflection only if they share it with the trainer."), kept),
        Recorded(_("Guideline acknowledgements and reminders"),
                 _("To know who has acknowledged the current guidelines."),
                 trainers_see(organisation), kept),
        Recorded(_("Where people are online, published posts, event consents"),
                 _("The network the course leaves behind; each person chooses who sees them."),
                 _("Whom the person chose: nobody, their circle, their cohort or the organisation."), kept),
        Recorded(_("Messages written to people"),
                 _("Invitations, reminders and notices, kept in the outbox until delivered and read."),
                 _("The recipient; the organisation's trainers see that a message was sent."), kept),
        Recorded(_("Audit log: who viewed or changed what, and whose data it was"),
                 _("Accountability towards the works council and the data-protection officer."),
                 _("The organisation's administrators."),
                 _("As long as the organisation uses Vernetzt; it holds no personal detail beyond who and when.")),
    ]
