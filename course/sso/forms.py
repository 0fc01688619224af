"""The single sign-on settings of an organisation."""
import re

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, PasswordField, SelectChoice, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length, ValidationError

from course.accounts.models import TRACK_LABELS, Track
from course.forms import UserTextForm, at_most
from course.sso.fetching import address_problem
from course.sso.models import Provisioning
from course.sso.services import provider_for_domain

DOMAIN = re.compile(r"^(?=.{1,253}$)(?!-)[a-z0-9-]{1,63}(?<!-)(\.(?!-)[a-z0-9-]{1,63}(?<!-))+$")
TRACKS = {track.value: track for track in Track}


def parse_domains(text: str) -> list[str]:
    """The domains in ``text`` (separated by commas, spaces or lines), lower-cased, without "@" or a final dot."""
    names = (name.strip().lower().lstrip("@").rstrip(".") for name in re.split(r"[\s,;]+", text or ""))
    return list(dict.fromkeys(name for name in names if name))


def parse_group_tracks(text: str) -> list[list[str]]:
    """Lines "group = track" as [group, track] pairs; ValueError names the first line that is not one."""
    pairs = []
    for number, line in enumerate((text or "").splitlines(), start=1):
        if not line.strip():
            continue
        group, sep, track = line.rpartition("=")
        if not sep or not group.strip() or track.strip().lower() not in TRACKS:
            raise ValueError(number)
        pairs.append([group.strip(), TRACKS[track.strip().lower()].value])
    return pairs


class SsoSettingsForm(UserTextForm):
    """Issuer, client, domains, whether passwords still work, and what happens on a person's first sign-in."""

    issuer = StringField(
        _l("Issuer URL"),
        description=_l("The provider's issuer, e.g. https://login.microsoftonline.com/<tenant id>/v2.0 or "
                       "https://keycloak.example.com/realms/staff."),
        validators=[DataRequired(_l("Enter the issuer URL of your identity provider.")), at_most(500)])
    client_id = StringField(_l("Client ID"), validators=[
        DataRequired(_l("Enter the client ID the provider gave Vernetzt.")), at_most(255)])
    client_secret = PasswordField(
        _l("Client secret"), validators=[Length(max=2000)], render_kw={"autocomplete": "off"},
        description=_l("Shown never again after saving. Leave it empty to keep the stored secret."))
    domains = TextAreaField(
        _l("E-mail domains"), validators=[DataRequired(_l("Enter at least one e-mail domain, e.g. example.com."))],
        description=_l("People with an address in these domains sign in through the provider. One per line."),
        render_kw={"rows": 3})
    password_sign_in = BooleanField(
        _l("People of these domains may still sign in with a password"), default=True,
        description=_l("Off: password sign-in, password resets and invitations with a password stop for this "
                       "organisation's people in these domains; they sign in through the provider only."))
    provisioning = SelectField(
        _l("A person signing in for the first time"),
        choices=[SelectChoice(Provisioning.INVITE.value, _l("must have been invited first")),
                 SelectChoice(Provisioning.PROVISION.value, _l("joins the cohort chosen below"))])
    cohort_id = SelectField(_l("Cohort they join"), choices=[], validate_choice=True)
    group_claim = StringField(
        _l("Claim holding the groups"), default="groups", validators=[at_most(100)],
        description=_l("The ID token claim listing the person's groups; usually “groups”."))
    group_tracks = TextAreaField(
        _l("Groups and their track"), render_kw={"rows": 3},
        description=_l("One line per group: “group = leadership” or “group = staff”. The first group a person is "
                       "in decides."))
    default_track = SelectField(
        _l("Track of a person in none of these groups"),
        choices=[SelectChoice("", _l("none: they cannot sign up")),
                 *(SelectChoice(track.value, label) for track, label in TRACK_LABELS.items())])
    submit = SubmitField(_l("Save single sign-on"))

    def __init__(self, *args, organisation_id: int, cohorts, has_secret: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation_id = organisation_id
        self.has_secret = has_secret
        self.cohort_id.choices = [SelectChoice("", _l("none chosen")),
                                  *(SelectChoice(str(cohort.id), cohort.name) for cohort in cohorts)]

    def validate_issuer(self, field) -> None:
        problem = address_problem(field.data.strip())
        if problem is not None:
            raise ValidationError(problem)

    def validate_client_secret(self, field) -> None:
        if not field.data and not self.has_secret:
            raise ValidationError(_l("Enter the client secret the provider gave Vernetzt."))

    def validate_domains(self, field) -> None:
        names = parse_domains(field.data)
        bad = [name for name in names if not DOMAIN.match(name)]
        if bad:
            raise ValidationError(_l("“%(domain)s” is not an e-mail domain like example.com.", domain=bad[0]))
        for name in names:
            provider = provider_for_domain(name)
            if provider is not None and provider.organisation_id != self.organisation_id:
                raise ValidationError(_l("“%(domain)s” is covered by another organisation's identity provider.",
                                         domain=name))

    def validate_group_tracks(self, field) -> None:
        try:
            parse_group_tracks(field.data)
        except ValueError as error:
            raise ValidationError(_l("Line %(number)s is not “group = leadership” or “group = staff”.",
                                     number=error.args[0])) from None

    def validate_cohort_id(self, field) -> None:
        if self.provisioning.data == Provisioning.PROVISION.value and not field.data:
            raise ValidationError(_l("Choose the cohort new people join."))

    def validate_group_claim(self, field) -> None:
        if self.provisioning.data == Provisioning.PROVISION.value and not (field.data or "").strip():
            raise ValidationError(_l("Enter the claim that holds the groups, usually “groups”."))
