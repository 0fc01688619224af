"""Everything people write is rendered as Markdown through the allow-list sanitiser."""
from html.parser import HTMLParser

import pytest
from flask import render_template_string
from jinja2 import TemplateAssertionError

from course.text.user_markdown import ATTRIBUTES, TAGS, render_post, render_user_markdown

# The usual payloads (after the OWASP XSS filter evasion cheat sheet), raw and inside Markdown.
PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    '<img src=x onerror="alert(1)">',
    "<svg/onload=alert(1)>",
    "<body onload=alert(1)>",
    '<iframe src="javascript:alert(1)"></iframe>',
    '<a href="javascript:alert(1)">click</a>',
    '<a href="JaVaScRiPt:alert(1)">click</a>',
    '<a href="&#106;avascript:alert(1)">click</a>',
    "[click](javascript:alert(1))",
    "[click](  javascript:alert(1)  )",
    "![x](javascript:alert(1))",
    '[x](https://example.com "title" onmouseover="alert(1)")',
    '<a href="https://example.com" onclick="alert(1)">ok</a>',
    '<div style="background:url(javascript:alert(1))">x</div>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<input autofocus onfocus="alert(1)">',
    "<details open ontoggle=alert(1)>",
    '"><script>alert(1)</script>',
    "<<script>script>alert(1)<</script>/script>",
    "<object data=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\"></object>",
    '<form action="javascript:alert(1)"><button>go</button></form>',
    "<style>@import 'https://evil.example/x.css';</style>",
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    "#hashtag <img src=x onerror=alert(1)> @mention https://example.com/?q=<script>",
    # Links whose target the sanitiser removes: what is left must not be an anchor without a target.
    "[x](ftp://files.example)",
    "<a>plain</a>",
    '<a title="t">x</a>',
    '<a title="a>b" href="ftp://x">y</a> and <a name="n" rel="me">z</a>',
]


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))


def _tags(html: str):
    parser = _Tags()
    parser.feed(str(html))
    return parser.found


@pytest.mark.parametrize("render", [render_user_markdown, render_post], ids=["markdown", "post"])
@pytest.mark.parametrize("payload", PAYLOADS)
def test_payloads_leave_only_allowed_tags_and_safe_links(render, payload):
    for tag, attrs in _tags(render(payload)):
        assert tag in TAGS
        assert set(attrs) <= ATTRIBUTES.get(tag, set()) | {"class", "rel"}
        assert not any(name.startswith("on") for name in attrs)
        if tag == "a":  # an anchor without a target is no link, and PDF renderers refuse it
            assert attrs.get("href", "").strip().lower().startswith(("http://", "https://", "mailto:"))


def test_a_link_whose_target_is_removed_keeps_its_text_as_plain_text():
    assert render_user_markdown("[files](ftp://files.example) and <a title=\"t\">more</a>") == "<p>files and more</p>"
    assert render_user_markdown("<a>x &amp; <em>y</em></a>") == "<p>x &amp; <em>y</em></p>"


def test_markdown_still_works():
    html = render_user_markdown("**Bold**, _italic_ and a [link](https://example.com).\n\n- one\n- two")
    assert "<strong>Bold</strong>" in html and "<em>italic</em>" in html and "<li>one</li>" in html
    assert '<a href="https://example.com" rel="nofollow noopener noreferrer ugc">link</a>' in html


def test_text_that_looks_like_html_is_shown_not_run():
    assert render_user_markdown("5 < 6 & 7 > 3") == "<p>5 &lt; 6 &amp; 7 &gt; 3</p>"


def test_posts_highlight_hashtags_mentions_and_links_but_not_inside_code():
    html = render_post("#Vernetzt mit @jo und @anna@social.example: https://example.com/a. `#kein`")
    assert '<span class="post-hashtag">#Vernetzt</span>' in html
    assert '<span class="post-mention">@jo</span>' in html
    assert '<span class="post-mention">@anna@social.example</span>' in html
    assert '<a class="post-link" href="https://example.com/a"' in html and "</a>." in html
    assert "<code>#kein</code>" in html


def test_a_post_starting_with_a_hashtag_is_not_a_heading():
    assert render_post("#Montag: neue Woche").startswith('<p><span class="post-hashtag">#Montag</span>')


def test_users_cannot_borrow_other_classes():
    html = render_post('<span class="alert alert--error post-hashtag">x</span>')
    assert 'class="post-hashtag"' in html and "alert" not in html


def test_the_template_filter_says_what_it_trusts_and_sanitises(app):
    with app.test_request_context():
        html = render_template_string("{{ text|user_markdown }}", text="**hi** <script>alert(1)</script>")
        assert html == "<p><strong>hi</strong> </p>"
        with pytest.raises(TemplateAssertionError):  # no filter named only "markdown", trusted or not
            render_template_string("{{ text|markdown }}", text="x")
