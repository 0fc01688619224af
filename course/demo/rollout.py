"""The administrator's part of the demo: a second trainer invited on the Team page, not signed up yet; a learner
on the works council, who reads the audit log."""
from course.accounts import services
from course.accounts.models import Organisation, Role, User
from course.audit.services import add_member, record

INVITED_TRAINER = ("Jonas Berg", "jonas.berg@demo.example")
WORKS_COUNCIL_MEMBER = "hannah@demo.example"


def seed_demo_rollout(organisation: Organisation, admin: User | None) -> None:
    """Invite the second trainer and name the works council once, as the demo administrator did, with the rows the
    audit log keeps."""
    name, email = INVITED_TRAINER
    if services.find_user_by_email(email) is None:
        trainer = services.create_user(name=name, email=email, role=Role.TRAINER, organisation=organisation)
        record(admin, "staff.invited", organisation_id=organisation.id, subject=trainer, detail=Role.TRAINER.value)
    member = services.find_user_by_email(WORKS_COUNCIL_MEMBER)
    if member is not None and not member.works_council_member:
        add_member(organisation, admin, member.email)
