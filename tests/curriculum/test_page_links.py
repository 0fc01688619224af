"""``page:`` links in lessons lead to the app's pages, and `flask lessons check` refuses unknown ones."""
from course.curriculum.rendering import render_lesson_markdown


def test_page_links_become_the_apps_urls(app):
    with app.test_request_context():
        html = render_lesson_markdown("See [your network](page:network) and [the feed](page:feed).", str)
    assert 'href="/network"' in html and 'href="/feed"' in html
