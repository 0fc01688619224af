"""Writing in the composer: a signed-in learner and helpers to save like the page does."""
import json

import pytest

from course.curriculum.library import lessons
from tests.conftest import csrf_token
from tests.factories import POST_LESSON  # noqa: F401 (the drafts tests name it from here too)

THREE_PLATFORMS = "form-and-limits"  # one text each for X, Mastodon and LinkedIn
PROFILE_LESSON = "your-profile"  # bio (160) and about (2,000)


@pytest.fixture
def writer(auth, learner):
    auth.login(learner.email)
    return learner


@pytest.fixture
def lesson():
    def find(slug: str = POST_LESSON):
        return lessons.curriculum.lessons[slug]

    return find


class Composer:
    """Saves as the browser does: the form for Save/Submit, JSON for autosave."""

    def __init__(self, client, auth, slug=POST_LESSON):
        self.client, self.auth, self.slug = client, auth, slug

    def save(self, text="", *, revision=0, platform="x", action="save", **fields):
        data = {"revision": str(revision), "platform": platform, action: "1", **fields}
        if text is not None:
            data["text_post"] = text
        return self.auth.post(f"/learn/{self.slug}/write", data)

    def autosave(self, text="", *, revision=0, platform="x", **fields):
        token = csrf_token(self.client)
        body = {"csrf_token": token, "revision": revision, "platform": platform, "text_post": text, **fields}
        return self.client.post(f"/learn/{self.slug}/draft", data=json.dumps(body),
                                headers={"Content-Type": "application/json", "X-CSRFToken": token})

    def page(self) -> str:
        return self.client.get(f"/learn/{self.slug}/write").get_data(as_text=True)


@pytest.fixture
def composer(client, auth, writer) -> Composer:
    return Composer(client, auth)
