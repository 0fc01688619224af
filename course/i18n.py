"""The language of each request: the user's setting, a choice made while signed
out, the default of the user's organisation, or the browser's preference, in that order."""
from typing import Any

from flask import current_app, has_request_context, request, session
from flask_babel import get_translations
from flask_login import current_user
from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup

LANGUAGE_NAMES = {"en": "English", "de": "Deutsch"}


def select_locale() -> str:
    """The language for the current request."""
    languages = current_app.config["LANGUAGES"]
    if not has_request_context():  # CLI and mail: the caller forces a locale
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    if current_user.is_authenticated and current_user.language in languages:
        return current_user.language
    if session.get("language") in languages:
        return session["language"]
    default = organisation_language(current_user) if current_user.is_authenticated else None
    if default is not None and default in languages:
        return default
    return request.accept_languages.best_match(languages) or current_app.config["BABEL_DEFAULT_LOCALE"]


def organisation_language(user) -> str | None:
    """The default language of the organisation whose settings apply to ``user`` (a learner's own, a trainer's
    only one), or None."""
    organisation = user.home_organisation
    return organisation.default_language if organisation is not None else None


def template_translations() -> dict[str, Any]:
    """``_``, ``gettext`` and ``ngettext`` for one template, bound to the catalogue of its language.

    Flask-Babel's own template functions look up domain, locale and catalogue for every
    string; a page has dozens. These behave the same (Jinja's "newstyle" gettext: escaped
    arguments, always formatted) and look the catalogue up once per render.
    """
    translations = get_translations()

    @pass_context
    def gettext(context: Context, string: str, **variables: Any) -> str:
        text = translations.ugettext(string)
        return (Markup(text) if context.eval_ctx.autoescape else text) % variables

    @pass_context
    def ngettext(context: Context, singular: str, plural: str, num: int, **variables: Any) -> str:
        variables.setdefault("num", num)
        text = translations.ungettext(singular, plural, num)
        return (Markup(text) if context.eval_ctx.autoescape else text) % variables

    return {"_": gettext, "gettext": gettext, "ngettext": ngettext}
