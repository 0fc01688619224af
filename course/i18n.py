"""The language of each request: the user's setting, a choice made while signed
out, or the browser's preference, in that order."""
from flask import current_app, has_request_context, request, session
from flask_login import current_user

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
    return request.accept_languages.best_match(languages) or current_app.config["BABEL_DEFAULT_LOCALE"]
