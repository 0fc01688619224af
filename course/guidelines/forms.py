"""Forms of the guidelines builder. The rules (title and note lengths, required note) live in services; the
forms read input and refuse texts too long to work with before anything is parsed or rendered."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    HiddenField,
    IntegerField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from course.forms import UserTextForm, at_most
from course.guidelines.content import DETAIL_FIELDS
from course.guidelines.rules import parse_hashtags, parse_terms
from course.text.platforms import PLATFORMS

LANGUAGES = [("de", "Deutsch"), ("en", "English")]
LANGUAGE_CHOICES = [SelectChoice(code, name) for code, name in LANGUAGES]
# The rules edited beside a section's text, by section key.
SECTION_RULES = {"disclosure": ("disclosure_phrases",), "confidentiality": ("forbidden_terms",)}
BODY_LENGTH = 20_000  # a section's Markdown: several pages, far more than any suggested text
LINE_LENGTH = 500  # a name, a contact, the hashtags
LIST_LENGTH = 2_000  # one entry per line: names, phrases, terms


class StartForm(FlaskForm):
    language = SelectField(_l("Language of the text"), choices=LANGUAGE_CHOICES, default="de",
                           description=_l("The suggested texts are offered in this language."))


class DetailsForm(UserTextForm):
    revision = IntegerField(widget=HiddenField.widget, validators=[Optional()])
    language = SelectField(_l("Language of the text"), choices=LANGUAGE_CHOICES)
    organisation = StringField(_l("Your organisation’s name, as it appears in the text"),
                               validators=[at_most(LINE_LENGTH)])
    social_contact = StringField(
        _l("Who looks after the official accounts"), validators=[at_most(LINE_LENGTH)],
        description=_l("A name and an e-mail address, e.g. “Mara Schulz, social@example.org”."))
    crisis_contact = TextAreaField(
        _l("Whom to call in a crisis"), validators=[at_most(LIST_LENGTH)],
        description=_l("Names and phone numbers that work outside office hours, too."))
    employer_names = TextAreaField(
        _l("Names that mean your organisation"), validators=[at_most(LIST_LENGTH)],
        description=_l("One per line, e.g. the full name, the short name, the brand. A post that names one "
                       "of them is asked for a disclosure."))
    hashtags = StringField(_l("Your hashtags"), validators=[at_most(LINE_LENGTH)],
                           description=_l("Separated by spaces or commas, e.g. #DemoWerk #WirSindDemo."))
    platforms = SelectMultipleField(
        _l("Platforms with official accounts"), choices=[SelectChoice(p.key, p.name) for p in PLATFORMS.values()],
        option_widget=CheckboxInput(), widget=ListWidget(prefix_label=False),
        description=_l("A post for another platform is pointed to the section on personal accounts."))
    save = SubmitField(_l("Save"))
    save_next = SubmitField(_l("Save and continue"))

    def validate_hashtags(self, field) -> None:
        invalid = parse_hashtags(field.data or "")[1]
        if invalid:
            raise ValidationError(_l("These are not hashtags: %(tags)s. A hashtag is # followed by letters and "
                                     "digits, without spaces or hyphens.", tags=", ".join(invalid)))

    def details(self) -> dict[str, str]:
        return {name: getattr(self, name).data or "" for name in DETAIL_FIELDS}

    def rules(self) -> dict:
        """The rules edited in this step."""
        return {"employer_names": parse_terms(self.employer_names.data or ""),
                "hashtags": parse_hashtags(self.hashtags.data or "")[0],
                "platforms": tuple(key for key in self.platforms.data or () if key in PLATFORMS)}


class SectionForm(UserTextForm):
    revision = IntegerField(widget=HiddenField.widget, validators=[Optional()])
    title = StringField(_l("Title"))
    body = TextAreaField(_l("Text"), validators=[at_most(BODY_LENGTH)], description=_l("Markdown: **bold**, *italic*, lists with “-”, links."))
    disclosure_phrases = TextAreaField(
        _l("Accepted disclosures"), validators=[at_most(LIST_LENGTH)],
        description=_l("One per line, e.g. “my own views”. A post that names your organisation should "
                       "contain one of them; the composer points it out when none is there."))
    forbidden_terms = TextAreaField(
        _l("Never to post"), validators=[at_most(LIST_LENGTH)],
        description=_l("One per line: confidential projects, client names, internal code names. The composer "
                       "points out each one it finds, whatever the case or spelling of umlauts."))
    save = SubmitField(_l("Save"))
    save_next = SubmitField(_l("Save and continue"))

    def rules(self, key: str) -> dict:
        """The rules edited in the step of section ``key``."""
        return {name: parse_terms(getattr(self, name).data or "") for name in SECTION_RULES.get(key, ())}


class AddSectionForm(UserTextForm):
    title = StringField(_l("Title of the new section"))


class PublishForm(UserTextForm):
    note = TextAreaField(_l("Note for this version"),
                         description=_l("What it is about or what changed, in a sentence or two. Learners see it "
                                        "when they are asked to acknowledge the new version."))

    newer = SelectField(_l("with version"), coerce=int, validators=[Optional()], validate_choice=False)
