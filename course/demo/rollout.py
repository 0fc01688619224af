"""The administrator's part of the demo: a second trainer invited on the Team page, not signed up yet."""
from course.accounts import services
from course.accounts.models import Organisation, Role, User
from course.audit.services import record

INVITED_TRAINER = ("Jonas Berg", "jonas.berg@demo.example")


def seed_demo_rollout(organisation: Organisation, admin: User | None) -> None:
    """Invite the second trainer once, as the demo administrator did, with the row the audit log keeps."""
    name, email = INVITED_TRAINER
    if services.find_user_by_email(email) is not None:
        return
    trainer = services.create_user(name=name, email=email, role=Role.TRAINER, organisation=organisation)
    record(admin, "staff.invited", organisation_id=organisation.id, subject=trainer, detail=Role.TRAINER.value)
