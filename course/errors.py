"""Styled error pages in the user's language."""
from flask import Flask, current_app, jsonify, render_template, request
from flask_babel import format_decimal
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge

ERROR_TEXTS = {
    400: (
        _l("That request did not work"),
        _l("The page received something it could not use. Go back and try again."),
    ),
    403: (
        _l("This page is not for your role"),
        _l("You are signed in, but this page belongs to another role. Your start page has what you need."),
    ),
    404: (
        _l("Page not found"),
        _l("There is nothing at this address, or it is not yours to see. Check the link or start again from your start page."),
    ),
    405: (
        _l("That did not work"),
        _l("This address cannot be used that way. Go back and use the page's buttons."),
    ),
    429: (
        _l("Too many attempts"),
        _l("Please wait a minute before you try again."),
    ),
    500: (
        _l("Something went wrong on our side"),
        _l("The error has been logged. Please try again in a moment; if it keeps happening, tell your trainer."),
    ),
}

CSRF_TEXT = (
    _l("The form had expired"),
    _l("For your security, forms expire after a while or when you sign in again. Go back, reload the page and send the form once more."),
)


def size_limit() -> str:
    """The app's request size limit in the reader's words, e.g. "2 MB"."""
    megabytes = (current_app.config.get("MAX_CONTENT_LENGTH") or 0) / (1024 * 1024)
    return _("%(size)s MB", size=format_decimal(round(megabytes, 1)))


def _too_large():
    title = _("That was too much at once")
    message = _("The page sent more than the site accepts in one go: at most %(limit)s. Your text was not "
                "saved. Go back, shorten it or split it up, and send it again.", limit=size_limit())
    if request.is_json or request.accept_mimetypes.best == "application/json":
        return jsonify(problems={"": message}), 413  # the composer's autosave shows it beside the text
    return render_template("errors/error.html", code=413, title=title, message=message), 413


def render_error(code: int, texts=None):
    title, message = texts or ERROR_TEXTS.get(code, ERROR_TEXTS[500])
    return render_template("errors/error.html", code=code, title=title, message=message), code


def init_errors(app: Flask) -> None:
    """Register the error pages."""

    @app.errorhandler(CSRFError)
    def csrf_error(_error):
        return render_error(400, CSRF_TEXT)

    @app.errorhandler(RequestEntityTooLarge)
    def too_large(_error):
        return _too_large()

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        if error.code is None or error.code < 400 or error.code not in ERROR_TEXTS:
            return error
        return render_error(error.code)

    @app.errorhandler(500)
    def server_error(_error):
        return render_error(500)
