"""Markup every page must get right: unique ids, labelled fields, landmarks."""
from html.parser import HTMLParser

import pytest


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids, self.label_targets, self.fields, self.landmarks = [], set(), [], set()
        self.open_labels = 0

    def handle_endtag(self, tag):
        if tag == "label":
            self.open_labels -= 1

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if "id" in attributes:
            self.ids.append(attributes["id"])
        if tag == "label":
            self.open_labels += 1
            if attributes.get("for"):
                self.label_targets.add(attributes["for"])
        visible = attributes.get("type") not in {"hidden", "submit"} and "hidden" not in attributes
        if tag in {"input", "select", "textarea"} and visible and not self.open_labels:
            self.fields.append(attributes.get("id"))
        if tag in {"main", "nav", "header", "footer"}:
            self.landmarks.add(tag)


def _parse(html: str) -> _Collector:
    collector = _Collector()
    collector.feed(html)
    return collector


PAGES = {
    "anonymous": ["/login", "/reset-password", "/no-such-page"],
    "learner": ["/learn/", "/learn/networking-is-doing", "/learn/before-we-start", "/profile", "/profile/password",
                "/learn/connection-not-detox", "/learn/connection-not-detox/write",
                "/learn/connection-not-detox/versions"],
    "admin": ["/", "/outbox/", "/organisations/{organisation}", "/learn/", "/learn/contact-without-agenda"],
}


@pytest.mark.parametrize(("role", "path"), [(r, p) for r, paths in PAGES.items() for p in paths])
def test_ids_are_unique_and_every_field_has_a_label(client, auth, learner, admin, organisation, role, path):
    if role != "anonymous":
        auth.login({"learner": learner, "admin": admin}[role].email)
    html = client.get(path.format(organisation=organisation.id)).get_data(as_text=True)
    page = _parse(html)
    duplicates = {i for i in page.ids if page.ids.count(i) > 1}
    assert duplicates == set()
    assert [f for f in page.fields if f not in page.label_targets] == []
    assert {"main", "header", "footer"} <= page.landmarks
