"""Text people write, rendered as Markdown through an allow-list sanitiser.

Nothing a user typed reaches a page any other way: Markdown may carry raw
HTML, so the rendered HTML is always cleaned by nh3 (Rust's ammonia) against
the short list below.
"""
import xml.etree.ElementTree as etree
from html.parser import HTMLParser

import markdown
import nh3
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.util import AtomicString
from markupsafe import Markup

TAGS = {"p", "br", "strong", "em", "del", "a", "ul", "ol", "li", "blockquote", "code", "pre", "hr", "span"}
ATTRIBUTES = {"a": {"href", "title"}}
CLASSES = {"span": {"post-hashtag", "post-mention"}, "a": {"post-link"}}
URL_SCHEMES = {"http", "https", "mailto"}
LINK_REL = "nofollow noopener noreferrer ugc"

# Hashtags and mentions as the platforms recognise them: after a space or at the start.
HASHTAG = r"(?<![\w&#/])#(\w*[^\W\d_]\w*)"
MENTION = r"(?<![\w/])@\w+(?:@[\w-]+(?:\.[\w-]+)+)?"
URL = r"https?://[^\s<>\"]*[^\s<>\".,;:!?'()\[\]]"


class _Highlight(InlineProcessor):
    def __init__(self, pattern: str, tag: str, css_class: str):
        super().__init__(pattern)
        self.tag, self.css_class = tag, css_class

    def handleMatch(self, match, data):  # noqa: N802 (the name Markdown calls)
        element = etree.Element(self.tag)
        element.set("class", self.css_class)
        element.text = AtomicString(match.group(0))
        if self.tag == "a":
            element.set("href", match.group(0))
        return element, match.start(0), match.end(0)


class _PostExtension(Extension):
    """Posts are not documents: no headings (a leading #hashtag stays a hashtag)."""

    def extendMarkdown(self, md):  # noqa: N802
        md.parser.blockprocessors.deregister("hashheader")
        md.parser.blockprocessors.deregister("setextheader")
        md.inlinePatterns.register(_Highlight(URL, "a", "post-link"), "post_link", 85)  # after raw HTML is set aside
        md.inlinePatterns.register(_Highlight(HASHTAG, "span", "post-hashtag"), "post_hashtag", 14)
        md.inlinePatterns.register(_Highlight(MENTION, "span", "post-mention"), "post_mention", 13)


class _UnwrapTargetlessLinks(HTMLParser):
    """Re-emits sanitised HTML unchanged except that an ``<a>`` without ``href`` gives way to its content.

    nh3 keeps an anchor whose link it removed (``[x](ftp://…)``, ``<a title="t">``): on a page it is
    no link at all, and PDF renderers refuse it. The input is nh3's output, so it is well formed, has
    no comments and never nests anchors; text and entities are copied exactly as they came.
    """

    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.out: list[str] = []
        self._kept: list[bool] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self._kept.append(any(name == "href" for name, _value in attrs))
            if not self._kept[-1]:
                return
        self.out.append(self.get_starttag_text())

    def handle_startendtag(self, tag, attrs):
        self.out.append(self.get_starttag_text())

    def handle_endtag(self, tag):
        if tag == "a" and not (self._kept.pop() if self._kept else False):
            return
        self.out.append(f"</{tag}>")

    def handle_data(self, data):
        self.out.append(data)

    def handle_entityref(self, name):
        self.out.append(f"&{name};")

    def handle_charref(self, name):
        self.out.append(f"&#{name};")


def _unwrap_targetless_links(html: str) -> str:
    if "<a" not in html:
        return html
    parser = _UnwrapTargetlessLinks()
    parser.feed(html)
    parser.close()
    return "".join(parser.out)


def sanitise(html: str) -> Markup:
    """``html`` reduced to the allowed tags, attributes, classes and link schemes; links without a target unwrapped."""
    cleaned = nh3.clean(html, tags=TAGS, attributes=ATTRIBUTES, url_schemes=URL_SCHEMES,
                        link_rel=LINK_REL, allowed_classes=CLASSES)
    return Markup(_unwrap_targetless_links(cleaned))  # noqa: S704 (cleaned by nh3 just above)


def render_user_markdown(text: str) -> Markup:
    """A user's Markdown as safe HTML."""
    return sanitise(markdown.markdown(text, extensions=["sane_lists", "nl2br"]))


def render_post(text: str) -> Markup:
    """A post as it would look once published: Markdown with hashtags, mentions and links highlighted."""
    return sanitise(markdown.markdown(text, extensions=["sane_lists", "nl2br", _PostExtension()]))
