"""The processors personal data passes through, for the data-protection officer's page.

A part of Vernetzt that hands data to an outside service registers a function here (``register``) that, given
the app's configuration and the organisation, says which processor is involved; single sign-on registers its
identity provider the same way mail registers the mail server.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from flask_babel import lazy_gettext as _l

from course.accounts.models import Organisation


@dataclass(frozen=True)
class Processor:
    name: str  # e.g. the mail server's host name
    purpose: str  # what it receives and why, in the reader's language
    data: str  # which personal data it receives


Describe = Callable[[Mapping[str, Any], Organisation], Processor | None]
_registry: list[Describe] = []


def register(describe: Describe) -> Describe:
    """Add a processor; ``describe`` answers None where it is not in use (e.g. no mail server configured)."""
    _registry.append(describe)
    return describe


def processors_for(config: Mapping[str, Any], organisation: Organisation) -> list[Processor]:
    """The processors in use for ``organisation`` with this configuration, in the order they registered."""
    return [processor for describe in _registry if (processor := describe(config, organisation)) is not None]


@register
def _mail_server(config: Mapping[str, Any], _organisation: Organisation) -> Processor | None:
    backend = config.get("MAIL_BACKEND") or ("smtp" if config.get("MAIL_SERVER") else "app")
    if backend != "smtp":
        return None
    return Processor(
        name=str(config.get("MAIL_SERVER") or ""),
        purpose=str(_l("Delivers the mail Vernetzt writes: invitations, password resets, reviews due, reminders.")),
        data=str(_l("Name and e-mail address of the recipient, the text of the message.")),
    )
