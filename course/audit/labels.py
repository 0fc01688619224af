"""What each kind of audit row is called where people read the log. An action without a label is shown as it is
stored, so a new kind of row is never hidden."""
from flask_babel import lazy_gettext as _l

ACTION_LABELS = {
    "organisation.settings_changed": _l("Settings changed"),
    "organisation.test_mail_sent": _l("Test mail sent"),
    "staff.invited": _l("Staff member invited"),
    "staff.invitation_resent": _l("Staff invitation sent again"),
    "staff.organisation_added": _l("Trainer added to the organisation"),
    "staff.deactivated": _l("Staff member deactivated"),
    "staff.reactivated": _l("Staff member reactivated"),
    "people.added": _l("People added to a cohort"),
    "people.deactivated": _l("Person deactivated"),
    "people.reactivated": _l("Person reactivated"),
    "people.invitation_resent": _l("Invitation sent again"),
    "people.invitation_revoked": _l("Invitation withdrawn"),
    "review.hidden": _l("Review hidden"),
    "mail.read": _l("A person's mail read in the outbox"),
    "person.viewed": _l("A person's page opened"),
    "export.downloaded": _l("Export with people's rows downloaded"),
    "progress.sharing": _l("Sharing of one's progress switched"),
    "works_council.member_added": _l("Works-council member added"),
    "works_council.member_removed": _l("Works-council member removed"),
    "audit_log.exported": _l("Audit log exported"),
    "sso.settings_changed": _l("Single sign-on set up or changed"),
    "sso.removed": _l("Single sign-on removed"),
    "sso.provisioned": _l("Account created at first sign-in through the identity provider"),
    "account.deleted": _l("Account deleted"),
    "privacy.retention_run": _l("Personal data deleted after the retention period"),
}


def action_label(action: str) -> str:
    return str(ACTION_LABELS.get(action, action))
