"""Absolute links for mail, inside or outside a request."""
from urllib.parse import urlsplit

from flask import current_app, has_request_context, url_for


def external_url(endpoint: str, **values) -> str:
    """An absolute URL: from the request when there is one, else from ``BASE_URL``."""
    if has_request_context():
        return url_for(endpoint, _external=True, **values)
    base = urlsplit(current_app.config["BASE_URL"])
    adapter = current_app.url_map.bind(
        base.netloc, url_scheme=base.scheme, script_name=base.path or "/"
    )
    return adapter.build(endpoint, values, force_external=True)
