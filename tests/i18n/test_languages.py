"""German and English: the catalogue is complete and the right language is chosen."""
import os

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from flask import render_template_string
from flask_babel import force_locale

from tests.conftest import TRANSLATIONS, outbox_messages

PROJECT = TRANSLATIONS.parent.parent


def _extracted_ids() -> set[str]:
    method_map = [("course/**.py", "python"), ("templates/**.html", "jinja2"), ("templates/**.txt", "jinja2")]
    ids = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(PROJECT), method_map, keywords={"_": None, "_l": None, "gettext": None,
                                            "lazy_gettext": None, "ngettext": (1, 2)},
        directory_filter=_scanned,
    ):
        ids.add(message if isinstance(message, str) else message[0])
    return ids


def _scanned(path: str) -> bool:
    # Partials and macros live in folders such as templates/_macros, which Babel skips by default.
    return not os.path.basename(path).startswith(".") and os.path.basename(path) != "node_modules"


def _message_id(message) -> str:
    return message.id if isinstance(message.id, str) else message.id[0]


def _catalogue():
    with open(TRANSLATIONS / "de" / "LC_MESSAGES" / "messages.po", "rb") as file:
        return read_po(file)


def test_every_ui_string_has_a_german_translation():
    catalogue = _catalogue()
    missing = sorted(i for i in _extracted_ids() if not (catalogue.get(i) and catalogue.get(i).string))
    assert missing == [], "run `make translations` and translate: " + "; ".join(missing)


def test_no_translation_is_fuzzy_or_left_over():
    catalogue = _catalogue()
    fuzzy = [m.id for m in catalogue if m.id and m.fuzzy]
    assert fuzzy == []
    extracted = _extracted_ids()
    obsolete = sorted(_message_id(m) for m in catalogue if m.id and _message_id(m) not in extracted)
    assert obsolete == []


def test_browser_language_is_used_when_signed_out(client):
    german = client.get("/login", headers={"Accept-Language": "de-DE,de;q=0.9,en;q=0.5"})
    assert '<html lang="de">' in german.get_data(as_text=True)
    assert "Anmelden" in german.get_data(as_text=True)
    english = client.get("/login", headers={"Accept-Language": "fr-FR,en;q=0.5"})
    assert '<html lang="en">' in english.get_data(as_text=True)


def test_language_can_be_switched_while_signed_out(client, auth):
    response = auth.post("/language", {"language": "de", "next": "/reset-password"})
    assert response.headers["Location"] == "/reset-password"
    html = client.get("/login", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert '<html lang="de">' in html


def test_language_switch_refuses_foreign_next(auth):
    response = auth.post("/language", {"language": "de", "next": "https://evil.example/"})
    assert response.headers["Location"] == "/"


def test_users_setting_wins_over_the_browser(client, auth, create_user):
    user = create_user(language="de")
    auth.login(user.email)
    html = client.get("/profile", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert '<html lang="de">' in html and "Ihr Profil" in html


def test_switching_language_while_signed_in_saves_it_to_the_profile(client, auth, learner):
    auth.login(learner.email)
    auth.post("/language", {"language": "de"})
    assert learner.language == "de"


def test_mail_is_written_in_the_recipients_language(auth, create_user):
    user = create_user(language="de")
    auth.post("/reset-password", {"email": user.email}, headers={"Accept-Language": "en"})
    (message,) = outbox_messages()
    assert message.subject == "Ihr Passwort für Vernetzt zurücksetzen"
    assert message.body.startswith(f"Hallo {user.name},")


TRANSLATED = ("{{ _('Sign out') }} | {{ _('Stage %(number)d', number=2) }} | "
              "{{ ngettext('%(num)d minute to read', '%(num)d minutes to read', 1) }} | "
              "{{ ngettext('%(num)d minute to read', '%(num)d minutes to read', 3) }} | "
              "{% trans %}Sign out{% endtrans %} | {{ _('Dear %(name)s', name='<b>Ann</b>') }}")


@pytest.mark.parametrize(("language", "expected"), [
    ("de", "Abmelden | Etappe 2 | 1 Minute Lesezeit | 3 Minuten Lesezeit | Abmelden | Dear &lt;b&gt;Ann&lt;/b&gt;"),
    ("en", "Sign out | Stage 2 | 1 minute to read | 3 minutes to read | Sign out | Dear &lt;b&gt;Ann&lt;/b&gt;"),
])
def test_templates_translate_into_the_language_of_the_request_and_escape_what_is_filled_in(app, language,
                                                                                           expected):
    with app.test_request_context(headers={"Accept-Language": language}):
        assert render_template_string(TRANSLATED) == expected


def test_a_forced_language_wins_in_templates_rendered_during_a_request(app):
    with app.test_request_context(headers={"Accept-Language": "en"}), force_locale("de"):
        assert render_template_string("{{ _('Sign out') }}") == "Abmelden"
