"""Checks any HTML page must pass, whichever feature renders it."""
from collections import Counter
from html.parser import HTMLParser


class _Ids(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.ids += [value for name, value in attrs if name == "id" and value]


def duplicate_ids(html: str) -> list[str]:
    """The ``id`` values used by more than one element: labels, anchors and ARIA references would point astray."""
    parser = _Ids()
    parser.feed(html)
    return sorted(value for value, count in Counter(parser.ids).items() if count > 1)
