"""The description for the works agreement: what this organisation's live settings record and show to whom.

Every statement is chosen by a setting read here, so the text cannot drift from
what the app does: change a setting and the description changes with it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

import sqlalchemy as sa
from flask_babel import force_locale, ngettext
from flask_babel import gettext as _
from markupsafe import Markup

from course.accounts.models import Organisation, Role, User
from course.audit.queries import works_council
from course.cohorts.models import Cohort
from course.dashboard.attention import DEFAULT_IDLE_DAYS
from course.dashboard.shift import MIN_GROUP
from course.dates import format_day
from course.extensions import db
from course.i18n import LANGUAGE_NAMES
from course.pdf import heading, new_pdf, write_html
from course.pdf import title as pdf_title
from course.reminders.services import REMINDER_INTERVAL
from course.sso.settings import provider_of
from course.works_council.visibility import is_restricted, smallest_group


@dataclass(frozen=True)
class Section:
    heading: str
    paragraphs: list[str] = field(default_factory=list)
    items: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Description:
    title: str
    subtitle: str
    language: str
    sections: list[Section]


@dataclass(frozen=True)
class SignIn:
    """How the organisation's people sign in, as far as this installation knows."""

    issuer: str | None = None
    domains: str = ""
    password_sign_in: bool = True


def agreement_language(organisation: Organisation, asked: str | None) -> str:
    """The language asked for if we have it, else the organisation's, else English."""
    if asked in LANGUAGE_NAMES:
        return asked
    return organisation.default_language if organisation.default_language in LANGUAGE_NAMES else "en"


def sign_in_of(organisation: Organisation) -> SignIn:
    """The organisation's single sign-on, if it is set up."""
    provider = provider_of(organisation)
    if provider is None:
        return SignIn()
    return SignIn(provider.issuer, ", ".join(provider.domain_names), provider.password_sign_in)


def _counts(organisation: Organisation) -> tuple[int, int, list[Cohort]]:
    learners = db.session.execute(
        sa.select(sa.func.count(User.id), sa.func.count(User.id).filter(User.shares_progress.is_(True)))
        .where(User.organisation_id == organisation.id, User.role == Role.LEARNER)).one()
    cohorts = list(db.session.scalars(sa.select(Cohort).where(Cohort.organisation_id == organisation.id)
                                      .order_by(Cohort.name)))
    return learners[0], learners[1], cohorts


def works_agreement(organisation: Organisation, language: str, today: date) -> Description:
    """The description in ``language``, from the organisation's settings as they are now."""
    learners, sharing, cohorts = _counts(organisation)
    sign_in = sign_in_of(organisation)
    with force_locale(language):
        sections = [_recorded(), _trainers_see(organisation, learners, sharing), _others_see(cohorts),
                    _reminders(organisation, cohorts), _audit_log(organisation), _retention(organisation), _signing_in(sign_in)]
        return Description(
            _("What Vernetzt records and shows: %(organisation)s", organisation=organisation.name),
            _("A description for the works agreement (§ 87 Abs. 1 Nr. 6 BetrVG), generated on %(date)s from "
              "the organisation’s settings on that day.", date=format_day(today)),
            language, sections)


def _recorded() -> Section:
    return Section(_("What is recorded"), [
        _("Vernetzt is the platform of an onboarding course on social media. For each participant it records:"),
    ], [
        _("name, e-mail address, track (leadership or staff), language, and the cohort and review circle"),
        _("for each lesson, when it was opened and when it was completed"),
        _("drafts of posts with their versions, and when a draft was submitted for review"),
        _("reviews given and received, and how helpful the author found each review"),
        _("when the organisation’s social-media guidelines were acknowledged"),
        _("answers to the surveys at the start, at the end and 90 days later"),
        _("reminders sent, and sign-ins (browser and time)"),
    ])


def _trainers_see(organisation: Organisation, learners: int, sharing: int) -> Section:
    heading = _("What trainers see")
    if not is_restricted(organisation):
        return Section(heading, [
            _("The works-council mode is off. The organisation’s trainers see each participant by name: the "
              "progress through the lessons, drafts submitted, reviews given and open, the last activity, "
              "whether the guidelines were acknowledged and when the last reminder went. They can open a "
              "participant’s page and download the progress as a spreadsheet (CSV)."),
            _("The survey is shown to trainers only as figures about groups of at least %(size)d people.",
              size=MIN_GROUP),
        ])
    size = smallest_group(organisation)
    return Section(heading, [
        _("The works-council mode is on. Trainers see figures about groups of at least %(size)d people: how "
          "many signed up, the completion over time, the stage funnel, the review health, the share who "
          "acknowledged the guidelines and how the survey answers moved. A group of fewer people gives no "
          "figure.", size=size),
        _("Trainers do not see a participant’s own progress, activity or absence of activity, and cannot open "
          "their page or download their rows, unless that participant chose to share their progress on their "
          "profile. Sharing is off until the participant switches it on and can be switched off at any time; "
          "every change of it is written to the audit log."),
        _("Today %(sharing)d of %(learners)d participants share their progress.", sharing=sharing,
          learners=learners),
    ])


def _others_see(cohorts: list[Cohort]) -> Section:
    items = [
        _("Each participant sees their own progress, drafts and the reviews they gave and received."),
        _("Reviewers, preferably from the participant’s review circle, see the drafts assigned to them."),
        _("Administrators manage the settings and trainers and read the audit log."),
        _("The cohort report for management contains figures about groups only, in both modes, and no names."),
    ]
    items += [_("%(cohort)s: authors see who reviewed their drafts", cohort=cohort.name) if not cohort.anonymous_reviews
              else _("%(cohort)s: reviews are anonymous; authors do not learn who reviewed", cohort=cohort.name)
              for cohort in cohorts]
    return Section(_("What others see"), [], items)


def _reminders(organisation: Organisation, cohorts: list[Cohort]) -> Section:
    paragraphs = [
        _("Trainers can remind participants who have had no activity for a number of days (%(days)d unless the "
          "trainer chooses otherwise), who have overdue reviews or who have not acknowledged the guidelines. "
          "Nobody receives more than one reminder in %(hours)d hours.", days=DEFAULT_IDLE_DAYS,
          hours=int(REMINDER_INTERVAL.total_seconds() // 3600)),
    ]
    if is_restricted(organisation):
        paragraphs.append(_("In the works-council mode reminders go out on the same rules, and the trainer learns "
                            "only how many were sent, not to whom."))
    items = [_("%(cohort)s: reviews are due %(days)d days after they are assigned; %(guidelines)s",
               cohort=cohort.name, days=cohort.review_due_days,
               guidelines=_("the guidelines must be acknowledged") if cohort.guidelines_required
               else _("acknowledging the guidelines is voluntary")) for cohort in cohorts]
    return Section(_("Reminders"), paragraphs, items)


def _audit_log(organisation: Organisation) -> Section:
    members = len(works_council(organisation))
    readers = (ngettext("Administrators and the member of the works council read and export it.",
                        "Administrators and the %(num)d members of the works council read and export it.",
                        members) if members else
               _("Administrators read and export it; no members of the works council are named yet, who would read "
                 "and export it too."))
    return Section(_("The audit log"), [
        _("Vernetzt writes to an audit log who did what and when, and whose data it concerned:"), readers,
    ], [
        _("every view of a participant’s page by a trainer or administrator"),
        _("every download of a list with participants’ rows"),
        _("every change of the organisation’s settings, of trainers and administrators, and of a participant’s "
          "choice to share their progress"),
        _("people added or deactivated, and reviews hidden by a trainer"),
    ])


def _retention(organisation: Organisation) -> Section:
    if organisation.retention_months:
        text = _("The personal data of a cohort is deleted %(months)d months after the cohort is closed.",
                 months=organisation.retention_months)
    else:
        text = _("No retention period is set: personal data is kept until the participant deletes their account.")
    return Section(_("How long data is kept"), [text])


def _signing_in(sign_in: SignIn) -> Section:
    if sign_in.issuer is None:
        return Section(_("Signing in"), [_("Participants sign in with their e-mail address and a password.")])
    paragraphs = [_("Participants with an e-mail address at %(domains)s sign in through the organisation’s "
                    "identity provider (%(issuer)s).", domains=sign_in.domains or "–", issuer=sign_in.issuer)]
    paragraphs.append(_("Signing in with a password is still allowed.") if sign_in.password_sign_in
                      else _("Signing in with a password is switched off."))
    return Section(_("Signing in"), paragraphs)


def to_markdown(description: Description) -> str:
    """The description as Markdown, for the appendix of the works agreement."""
    lines = [f"# {_escape(description.title)}", "", _escape(description.subtitle), ""]
    for section in description.sections:
        lines += [f"## {_escape(section.heading)}", ""]
        for paragraph in section.paragraphs:
            lines += [_escape(paragraph), ""]
        if section.items:
            lines += [f"- {_escape(item)}" for item in section.items] + [""]
    return "\n".join(lines)


def _escape(text: str) -> str:
    """Text that Markdown shows as typed: a name like "*Acme*" stays a name."""
    return "".join("\\" + char if char in "\\`*_[]#<>|" else char for char in text)


def to_pdf(description: Description, author: str, today: date) -> bytes:
    """The description on A4."""
    pdf = new_pdf(description.title, author, description.language, datetime.combine(today, datetime.min.time()))
    pdf_title(pdf, description.title, description.subtitle)
    for section in description.sections:
        heading(pdf, section.heading)
        html = Markup("").join(Markup("<p>{}</p>").format(paragraph) for paragraph in section.paragraphs)
        if section.items:
            html += Markup("<ul>{}</ul>").format(Markup("").join(Markup("<li>{}</li>").format(item)
                                                                 for item in section.items))
        write_html(pdf, html)
    return bytes(pdf.output())
