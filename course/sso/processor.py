"""The organisation's identity provider as a processor of personal data, for the data-protection officer's page."""
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from flask_babel import lazy_gettext as _l

from course.accounts.models import Organisation
from course.privacy.processors import Processor, register
from course.sso.settings import provider_of


@register
def identity_provider(_config: Mapping[str, Any], organisation: Organisation) -> Processor | None:
    provider = provider_of(organisation)
    if provider is None:
        return None
    return Processor(
        name=urlsplit(provider.issuer).hostname or provider.issuer,
        purpose=str(_l("Signs the organisation's people in (OpenID Connect) and tells Vernetzt who they are.")),
        data=str(_l("E-mail address, name, the provider's identifier of the person and, if set up, their groups.")),
    )
