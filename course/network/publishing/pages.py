"""The page for publishing a written post on its platform: the text, the compose screen, the link pasted back."""
from __future__ import annotations

from dataclasses import dataclass

from course.accounts.models import User
from course.curriculum.content import Lesson
from course.drafts.models import Draft
from course.drafts.targets import parts_for
from course.network.addresses import parse_mastodon
from course.network.intents import Intent, first_link, intent_for
from course.network.models import Publication
from course.network.publishing.forms import PublishedForm
from course.network.queries import presences_of, publications_of
from course.text.platforms import PLATFORMS, Platform, measure


@dataclass(frozen=True)
class PublishTarget:
    platform: Platform
    text: str
    length: int
    intent: Intent
    address: str | None  # the person's own account there
    needs_server: bool  # Mastodon without an address: the share screen of which server?
    form: PublishedForm
    publications: list[Publication]

    @property
    def is_over(self) -> bool:
        return self.length > (self.platform.limit or self.length)


@dataclass(frozen=True)
class PublishPage:
    lesson: Lesson
    lesson_title: str
    targets: list[PublishTarget]


def publish_page(user: User, lesson: Lesson, language: str, draft: Draft,
                 posted: tuple[str, PublishedForm] | None = None) -> PublishPage:
    """One target per platform the post was written for (not the blog: it has no compose screen); ``posted`` is the
    form just sent for one of them, shown back with its problems."""
    presences = presences_of(user)
    published = publications_of(user, draft.id)
    texts = draft.texts
    targets = []
    for part in parts_for(lesson, language, draft.platform):
        platform = part.platform
        if platform is None or platform.key not in PLATFORMS or part.key not in texts:
            continue
        text = texts[part.key]
        address = presences.get(platform.key)
        host = parse_mastodon(address).host if platform.key == "mastodon" and address else None
        intent = intent_for(platform.key, text, mastodon_host=host, link=first_link(text))
        form = posted[1] if posted is not None and posted[0] == platform.key else \
            PublishedForm(formdata=None, prefix=platform.key)
        targets.append(PublishTarget(platform, text, measure(text, platform.counting, platform.limit).length, intent,
                                     address, platform.key == "mastodon" and host is None, form,
                                     [p for p in published if p.platform == platform.key]))
    return PublishPage(lesson, lesson.text(language).title, targets)
