"""Lesson Markdown to HTML: tables, footnotes, heading anchors, boxes, lesson links."""
from collections.abc import Callable
from xml.etree.ElementTree import Element

import markdown
from flask import url_for
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from course.curriculum.content import LessonText

LESSON_SCHEME = "lesson:"
PAGE_SCHEME = "page:"
# ``page:name`` links in lessons lead to the app's own pages that a lesson speaks of: what a learner does
# after reading about it.
PAGES = {"network": "network.mine", "presences": "network.presences", "feed": "network.my_feed",
         "events": "events.index", "circle-rounds": "rounds.index", "follow-up-survey": "surveys.follow_up"}


class _LessonLinks(Treeprocessor):
    """Turns ``lesson:slug`` and ``page:name`` links into URLs and marks boxes as notes."""

    def __init__(self, md, link_for: Callable[[str], str]):
        super().__init__(md)
        self.link_for = link_for

    def run(self, root: Element) -> None:
        for element in root.iter("a"):
            href = element.get("href", "")
            if href.startswith(LESSON_SCHEME):
                element.set("href", self.link_for(href[len(LESSON_SCHEME):]))
            elif href.startswith(PAGE_SCHEME) and href[len(PAGE_SCHEME):] in PAGES:
                element.set("href", url_for(PAGES[href[len(PAGE_SCHEME):]]))
        for element in root.iter("div"):
            classes = element.get("class", "").split()
            if "admonition" in classes:
                element.set("role", "note")


class LessonExtension(Extension):
    def __init__(self, link_for: Callable[[str], str]):
        super().__init__()
        self.link_for = link_for

    def extendMarkdown(self, md) -> None:
        md.treeprocessors.register(_LessonLinks(md, self.link_for), "lesson_links", 5)


def render_lesson_markdown(source: str, link_for: Callable[[str], str]) -> str:
    """HTML for lesson Markdown from `lessons/`, which is trusted and NOT sanitised: never pass it text people typed
    (that goes through ``course.text.user_markdown.render_user_markdown``)."""
    converter = markdown.Markdown(
        extensions=[
            "tables", "footnotes", "admonition", "sane_lists", "smarty",
            "toc", LessonExtension(link_for),
        ],
        extension_configs={
            "toc": {"permalink": "#", "permalink_title": "", "toc_depth": "2-3"},
            "smarty": {"smart_quotes": False},
        },
        output_format="html",
    )
    return converter.convert(source)


def lesson_url(slug: str) -> str:
    """Where a ``lesson:slug`` link leads."""
    return url_for("curriculum.lesson", slug=slug)


def lesson_html(text: LessonText) -> str:
    """The lesson's HTML, rendered on first use and then kept with the text."""
    if "body" not in text.rendered:
        text.rendered["body"] = render_lesson_markdown(text.body, lesson_url)
    return text.rendered["body"]


def prompt_html(text: LessonText) -> str:
    """The exercise prompt's HTML, rendered once like the lesson."""
    if "prompt" not in text.rendered:
        text.rendered["prompt"] = render_lesson_markdown(text.exercise["prompt"], lesson_url)
    return text.rendered["prompt"]
