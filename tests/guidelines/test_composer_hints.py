"""The guidelines' rules at work: hints beside a draft in the composer, guidance for reviewers, and the demo."""
import html as html_module
import re

import pytest
import sqlalchemy as sa
from markupsafe import escape

from course.accounts.models import Organisation
from course.accounts.services import find_organisation, find_user_by_email
from course.demo import DEMO_ORGANISATION, DEMO_PASSWORD, seed_demo
from course.drafts.services import draft_for
from course.extensions import db
from course.guidelines import services
from course.guidelines.queries import latest_published
from course.guidelines.rules import Rules, rules_from_json
from course.guidelines.suggestions import suggested_title
from course.review.models import Review
from tests.drafts.conftest import POST_LESSON, Composer
from tests.factories import circle_of_three
from tests.guidelines.factories import between, publish_guidelines

RULES = Rules(
    employer_names=("Demo GmbH",),
    disclosure_phrases=("my own views",),
    forbidden_terms=("Project Falcon", "Müller & Söhne"),
    hashtags=("#DemoGmbH",),
    platforms=("linkedin", "mastodon"),
)

FALCON = "“Project Falcon” is on your organisation’s list of things never to post. Leave it out, or talk to the person named in the guidelines first."
MUELLER = "“Müller & Söhne” is on your organisation’s list of things never to post. Leave it out, or talk to the person named in the guidelines first."
DISCLOSURE = "You name Demo GmbH. Add a line that says you speak for yourself, such as “my own views”."
HASHTAG_MISSING = "Posts that name your organisation carry one of its hashtags: #DemoGmbH."
HASHTAG_CASE = "Write #demogmbh as #DemoGmbH: capital letters help screen readers read a hashtag out."
BLUESKY = "Your organisation has no official account on Bluesky, so here you speak from your personal account."
NOTHING = "Nothing to point out. Hints appear here when your text touches one of your organisation’s rules."

SECTION = {FALCON: "confidentiality", MUELLER: "confidentiality", DISCLOSURE: "disclosure",
           HASHTAG_MISSING: "accounts", HASHTAG_CASE: "accounts", BLUESKY: "accounts"}


def hints(fragment: str) -> list[tuple[str, str, str]]:
    """Each hint in the composer's hint list as (message, link, link text), unescaped; [] for none."""
    found = re.findall(r'<li class="hint">(.*?) <a href="([^"]*)">(.*?)</a></li>', fragment, re.S)
    assert len(found) == fragment.count('<li class="hint">'), "a hint without a link"
    return [(html_module.unescape(message), html_module.unescape(link), html_module.unescape(text))
            for message, link, text in found]


def page_hints(page: str) -> str:
    return between(page, 'id="composer-hints" aria-live="polite">', "</div>")


def expected(organisation: Organisation, *messages: str) -> list[tuple[str, str, str]]:
    return [(message, f"/guidelines/{organisation.id}#section-{SECTION[message]}",
             f"Read “{suggested_title(SECTION[message], 'en')}”") for message in messages]


@pytest.fixture
def published(organisation, trainer):
    return publish_guidelines(organisation, trainer, rules=RULES, note="Rules for posting.",
                              details={"organisation": "Demo GmbH"})


class Writer(Composer):
    """The composer of a signed-in learner, who knows whose draft it saves."""

    def __init__(self, client, auth, user, slug=POST_LESSON):
        super().__init__(client, auth, slug)
        self.user = user

    def write(self, text: str, platform: str = "linkedin") -> tuple[str, str]:
        """Autosave ``text`` as composer.js does, then open the page: the hints of both, as HTML."""
        draft = draft_for(self.user, self.slug)
        response = self.autosave(text, platform=platform, revision=draft.revision if draft else 0)
        assert response.status_code == 200, response.get_data(as_text=True)
        page = self.page()
        assert escape(text) in page  # the page shows what was saved
        return response.get_json()["hints"], page_hints(page)


@pytest.fixture
def composer(client, auth, learner) -> Writer:
    auth.login(learner.email)
    return Writer(client, auth, learner)


SAMPLES = [
    pytest.param("project falcon is late again, sadly.", [FALCON], id="lower-case"),
    pytest.param("PROJECT-FALCON ships next week!", [FALCON], id="upper-case-hyphen"),
    pytest.param("Proud of everyone on #ProjectFalcon", [FALCON], id="hashtag"),
    pytest.param("Lunch with MÜLLER & SÖHNE today.", [MUELLER], id="upper-case-umlauts"),
    pytest.param("Lunch with Mu\u0308ller & So\u0308hne today.", [MUELLER], id="decomposed-umlauts"),
    pytest.param("Reading The Falconer and Project Falconer.", [], id="longer-word"),
    pytest.param("A good day at Demo GmbH with the team. #DemoGmbH", [DISCLOSURE], id="no-disclosure"),
    pytest.param("A good day at Demo GmbH with the team.", [DISCLOSURE, HASHTAG_MISSING], id="no-disclosure-no-tag"),
    pytest.param("A good day at Demo GmbH with the team. #DemoGmbH My own views.", [], id="disclosed"),
    pytest.param("Proud of #demogmbh today. My own views.", [HASHTAG_CASE], id="hashtag-case"),
    pytest.param("Project Falcon at Demo GmbH", [FALCON, DISCLOSURE, HASHTAG_MISSING], id="in-order"),
]


@pytest.mark.parametrize(("text", "messages"), SAMPLES)
def test_autosave_and_page_show_the_hints_of_the_text(composer, organisation, published, text, messages):
    autosaved, page = composer.write(text)
    assert hints(autosaved) == hints(page) == expected(organisation, *messages)
    if not messages:
        assert NOTHING in autosaved and NOTHING in page


def test_a_platform_without_an_official_account_gets_a_hint(composer, organisation, published):
    text = "A calm feed is a good feed: I follow fewer people and read them properly."
    autosaved, page = composer.write(text, platform="bluesky")
    assert hints(autosaved) == hints(page) == expected(organisation, BLUESKY)
    for official in ("linkedin", "mastodon"):
        autosaved, page = composer.write(text, platform=official)
        assert hints(autosaved) == hints(page) == []


def test_nothing_published_no_hints(composer, organisation, trainer):
    draft = services.start_draft(organisation, trainer, "en")  # rules in a draft are not in force
    services.update_details(draft, trainer, revision=draft.revision, language="en",
                            details={"organisation": "Demo GmbH"}, rules={"forbidden_terms": ["Project Falcon"]})
    db.session.commit()
    autosaved, page = composer.write("Project Falcon at Demo GmbH", platform="bluesky")
    assert hints(autosaved) == hints(page) == []
    assert NOTHING in autosaved and NOTHING in page


def test_another_organisations_rules_do_not_apply(client, auth, create_user, create_organisation, published):
    outsider = create_user(organisation=create_organisation("Other AG"), email="olga@other.example")
    auth.login(outsider.email)
    composer = Writer(client, auth, outsider)
    autosaved, page = composer.write("Project Falcon at Demo GmbH, #demogmbh", platform="bluesky")
    assert hints(autosaved) == hints(page) == []


def test_hints_link_to_the_rules_when_their_section_is_skipped(client, composer, organisation, trainer):
    publish_guidelines(organisation, trainer, rules=RULES, note="Short.", skip=("confidentiality", "accounts"))
    autosaved, page = composer.write("Project Falcon at Demo GmbH", platform="bluesky")
    rules_link = f"/guidelines/{organisation.id}#rules"
    disclosure_link = f"/guidelines/{organisation.id}#section-disclosure"
    assert hints(autosaved) == hints(page) == [
        (FALCON, rules_link, "Read the rules"),
        (DISCLOSURE, disclosure_link, f"Read “{suggested_title('disclosure', 'en')}”"),
        (HASHTAG_MISSING, rules_link, "Read the rules"),
        ("Your organisation has no official account on Bluesky, so here you speak from your personal account.",
         rules_link, "Read the rules"),
    ]
    # Both anchors exist on the page the hints link to; the skipped section does not.
    guidelines = client.get(f"/guidelines/{organisation.id}").get_data(as_text=True)
    assert 'id="rules"' in guidelines and 'id="section-disclosure"' in guidelines
    assert 'id="section-confidentiality"' not in guidelines and "Project Falcon" in between(
        guidelines, 'id="rules"', "</section>")


def test_terms_are_shown_as_text_not_markup(client, composer, organisation, trainer):
    publish_guidelines(organisation, trainer, rules=Rules(forbidden_terms=("Projekt <b>Adler</b>",)), note="Adler.")
    autosaved, page = composer.write("Projekt <b>Adler</b> startet bald.")
    message = ("“Projekt <b>Adler</b>” is on your organisation’s list of things never to post. Leave it out, "
               "or talk to the person named in the guidelines first.")
    assert hints(autosaved) == hints(page) == [
        (message, f"/guidelines/{organisation.id}#section-confidentiality",
         f"Read “{suggested_title('confidentiality', 'en')}”")]
    for fragment in (autosaved, page):
        assert "“Projekt &lt;b&gt;Adler&lt;/b&gt;”" in fragment and "<b>" not in fragment
    rules = between(client.get(f"/guidelines/{organisation.id}").get_data(as_text=True), 'id="rules"', "</section>")
    assert "Projekt &lt;b&gt;Adler&lt;/b&gt;" in rules and "<b>" not in rules


# The reviewer's guidance ---------------------------------------------------------------------------------

REVIEWED_LESSON = "working-out-loud"  # a LinkedIn post whose rubric has the "guidelines" criterion
BOX = "Your organisation’s guidelines for this criterion"


@pytest.fixture
def circle(create_user, organisation, learner):
    return circle_of_three(create_user, organisation, author=learner)


def _review_page(client, auth, circle, text: str) -> str:
    """The author submits ``text`` in the composer; the first reviewer opens their review."""
    auth.login(circle.author.email)
    response = Composer(client, auth, slug=REVIEWED_LESSON).save(text, platform="linkedin", action="submit")
    assert response.status_code == 302, response.get_data(as_text=True)
    auth.logout()
    draft = draft_for(circle.author, REVIEWED_LESSON)
    review = db.session.scalar(sa.select(Review).where(Review.draft_id == draft.id,
                                                       Review.reviewer_id == circle.reviewers[0].id))
    assert review is not None
    auth.login(circle.reviewers[0].email)
    response = client.get(f"/reviews/{review.id}")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_the_reviewer_sees_the_rules_and_the_hints_beside_the_criterion(client, auth, circle, organisation, published):
    text = "Working out loud on Project Falcon at Demo GmbH: we are rebuilding the planning board. My own views. #DemoGmbH"
    html = _review_page(client, auth, circle, text)
    assert html.count(BOX) == 1
    assert html.index('name="rating_guidelines"') < html.index(BOX) < html.index('name="worked"')
    box = between(html, f"<summary>{BOX}</summary>", "</details>")
    assert "The composer pointed out to the author:" in box
    assert re.findall(r'<li class="hint">(.*?)</li>', box, re.S) == [escape(FALCON)]
    assert "<dt>Never to post</dt><dd>Project Falcon, Müller &amp; Söhne</dd>" in box
    assert "<dt>Our hashtags</dt><dd>#DemoGmbH</dd>" in box
    assert "<dt>Platforms with official accounts</dt><dd>LinkedIn, Mastodon</dd>" in box
    assert f'<a href="/guidelines/{organisation.id}">Read the guidelines</a>' in box


def test_a_text_within_the_rules_says_so_to_the_reviewer(client, auth, circle, published):
    html = _review_page(client, auth, circle, "Working out loud on our planning board: what would you try next?")
    box = between(html, f"<summary>{BOX}</summary>", "</details>")
    assert "The text touches none of the rules the composer checks." in box
    assert '<li class="hint">' not in box and "Project Falcon" in box  # the rules are still there


def test_without_guidelines_the_box_is_absent(client, auth, circle):
    html = _review_page(client, auth, circle, "Working out loud on Project Falcon at Demo GmbH.")
    assert 'name="rating_guidelines"' in html  # the criterion is there, without the box
    assert BOX not in html and "review-guidelines" not in html


# The demo -------------------------------------------------------------------------------------------------

def test_the_demo_has_guidelines_whose_rules_show_in_the_composer(client, auth):
    seed_demo()
    db.session.commit()
    organisation = find_organisation(DEMO_ORGANISATION)
    version = latest_published(organisation)
    assert version is not None and version.number == 1 and version.is_published
    assert "Project Falcon" in rules_from_json(version.rules).forbidden_terms

    sam = find_user_by_email("sam@demo.example")
    auth.login(sam.email, DEMO_PASSWORD)
    assert "guidelines-banner" in client.get("/learn/").get_data(as_text=True)  # Sam has not acknowledged
    composer = Writer(client, auth, sam)
    autosaved, page = composer.write("Kick-off for Project Falcon today, can't wait!")
    falcon = (FALCON, f"/guidelines/{organisation.id}#section-confidentiality",
              f"Read “{suggested_title('confidentiality', version.language)}”")
    assert hints(autosaved)[0] == falcon and hints(page)[0] == falcon
    assert [message for message, _link, _text in hints(autosaved)] == [FALCON]
