"""Keep secrets of links out of the logs: the request line of a calendar feed or an event's wall names its secret."""
from __future__ import annotations

import logging
import re

# /calendar/<token>.ics and /wall/<token>[/posts] as their routes write them; the tokens are URL-safe Base64.
_SECRET_PATHS = (re.compile(r"(/calendar/)[A-Za-z0-9_-]{20,}(\.ics)"), re.compile(r"(/wall/)[A-Za-z0-9_-]{20,}()"))


class FeedTokenFilter(logging.Filter):
    """Replace the token in a logged feed path by "…", whichever logger writes the request line."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = _hide(record.msg)
        if isinstance(record.args, tuple):  # Werkzeug: the request line is an argument
            record.args = tuple(_hide(arg) if isinstance(arg, str) else arg for arg in record.args)
        elif isinstance(record.args, dict):  # gunicorn: the access log's atoms by name
            record.args = {key: _hide(value) if isinstance(value, str) else value
                           for key, value in record.args.items()}
        return True


def _hide(text: str) -> str:
    for pattern in _SECRET_PATHS:
        text = pattern.sub(r"\1…\2", text)
    return text


def hide_feed_tokens(app_logger: logging.Logger) -> None:
    """Add the filter, once, to the loggers that write request paths: Werkzeug's server, gunicorn's access log,
    and the app's own (Flask logs "Exception on <path>" for an error)."""
    for logger in (logging.getLogger("werkzeug"), logging.getLogger("gunicorn.access"), app_logger):
        if not any(isinstance(existing, FeedTokenFilter) for existing in logger.filters):
            logger.addFilter(FeedTokenFilter())
