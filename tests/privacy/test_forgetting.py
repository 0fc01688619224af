"""After a deletion nothing names the person any more: not the mails to other people, not the audit log, not the
works council's member list, not the People page."""
import json

import sqlalchemy as sa

from course.accounts.models import Role
from course.accounts.services import invite_user
from course.audit.models import AuditEvent
from course.extensions import db
from course.mail.services import send_mail
from course.privacy.archive import collect
from course.privacy.deletion import delete_personal_data
from tests.conftest import PASSWORD, csrf_token, outbox_messages
from tests.privacy.footprint import leave_footprint

NAME, ADDRESS = "Robin Reviewer", "robin@acme.example"
MEMBERS = "/organisations/{}/works-council"


def _naming(text: str) -> list[str]:
    return [f"{message.subject}\n{message.body}" for message in outbox_messages()
            if text.lower() in f"{message.subject}\n{message.body}".lower()]


def test_the_mails_to_other_people_name_a_former_participant(client, auth, create_user, organisation, trainer):
    organisation.default_language = "de"  # the review mails are written in German
    footprint = leave_footprint(create_user, organisation, trainer)
    send_mail(footprint.colleague, f"About {NAME}", f"{NAME} ({ADDRESS.upper()}) asked. Robinson stays.")
    db.session.commit()
    assert _naming(NAME), "the review mails name Robin: Alex learns of Robin's review, the others of Robin's post"
    delete_personal_data(footprint.person, footprint.person)
    db.session.commit()
    assert _naming(NAME) == [] and _naming(ADDRESS) == []
    (own,) = [message for message in outbox_messages() if message.subject.startswith("About")]
    assert own.subject == "About a former participant"
    assert own.body == "A former participant (a former participant) asked. Robinson stays."
    to_alex = [message.body for message in outbox_messages() if message.recipient_id == footprint.author.id]
    assert any("Eine ehemalige Teilnehmerin oder ein ehemaliger Teilnehmer hat" in body for body in to_alex), to_alex
    # Nor do the recipients' downloads, nor the message pages their trainer reads.
    for person in (footprint.author, footprint.colleague):
        download = json.dumps(collect(person), default=str)
        assert NAME not in download and ADDRESS not in download
    auth.login(trainer.email)
    page = client.get("/outbox/").get_data(as_text=True)
    assert NAME not in page


def test_an_invitation_names_a_former_participant_once_the_inviter_left(app, create_user, organisation, trainer):
    invited = create_user(organisation=organisation, name="Nina Neu", password=None)
    invite_user(invited, invited_by=trainer)
    db.session.commit()
    (invitation,) = outbox_messages()
    assert "Tara Trainer has invited you" in invitation.body
    delete_personal_data(trainer, trainer)
    db.session.commit()
    db.session.refresh(invitation)
    assert "Tara Trainer" not in invitation.body
    assert "A former participant has invited you" in invitation.body and "Hello Nina Neu" in invitation.body


def test_no_audit_row_keeps_the_name_or_address_of_a_person_who_left(client, auth, create_user, admin, organisation,
                                                                     trainer):
    create_user(Role.ADMIN, name="Bo Second", email="bo@example.org")
    footprint = leave_footprint(create_user, organisation, trainer)
    auth.login(admin.email)
    assert auth.post(f"/organisations/{organisation.id}/settings/test-mail").status_code == 302
    auth.logout()
    for person in (footprint.person, admin):
        name, address = person.name, person.email
        auth.login(address)
        response = client.post("/me/delete", data={"csrf_token": csrf_token(client, "/me/delete"),
                                                    "password": PASSWORD, "confirm": "y"})
        assert response.status_code == 302
        details = list(db.session.scalars(sa.select(AuditEvent.detail)))
        assert len(details) > 2
        assert [detail for detail in details if name.lower() in detail.lower() or address.lower() in detail.lower()
                ] == []


def test_a_works_council_member_who_leaves_is_no_member_any_more(client, auth, admin, create_user, organisation):
    member = create_user(organisation=organisation, name="Wanda Works", email="wanda@acme.example",
                         works_council_member=True)
    auth.login(admin.email)
    assert "Wanda Works" in client.get(MEMBERS.format(organisation.id)).get_data(as_text=True)
    delete_personal_data(member, member)
    db.session.commit()
    db.session.refresh(member)
    assert member.works_council_member is False
    page = client.get(MEMBERS.format(organisation.id)).get_data(as_text=True)
    assert "Wanda Works" not in page and "a former participant" not in page


def test_the_people_page_shows_no_address_for_a_person_who_left(client, auth, create_user, organisation, trainer):
    footprint = leave_footprint(create_user, organisation, trainer)
    delete_personal_data(footprint.person, footprint.person)
    db.session.commit()
    auth.login(trainer.email)
    page = client.get(f"/cohorts/{footprint.circle.cohort.id}/people").get_data(as_text=True)
    row = page.split(f'id="person-{footprint.person.id}"', 1)[1].split("</tr>", 1)[0]
    assert "deleted.invalid" not in page and "—" in row
    assert footprint.author.email in page
