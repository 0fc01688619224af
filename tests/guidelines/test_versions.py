"""Reading the guidelines: the version in force, the list of versions, comparing two, and the exports."""
import base64
import hashlib
import io
import re
from datetime import UTC, datetime

import pytest
from pypdf import PdfReader

from course.guidelines.comparison import ADDED, CHANGED, REMOVED, SAME, compare
from course.guidelines.document import DocumentSection, GuidelinesDocument
from course.guidelines.rules import Rules
from tests.guidelines.conftest import text_of

STANDARD = ["purpose", "spokespeople", "accounts", "disclosure", "confidentiality", "tone", "mistakes", "crisis",
            "privacy", "images", "leadership"]
TITLES = {"purpose": "Why we want to hear from you", "spokespeople": "Who speaks for the organisation",
          "accounts": "Personal and official accounts", "disclosure": "Saying whose views you share",
          "confidentiality": "What stays internal", "tone": "Tone and respect: listen first",
          "mistakes": "When something goes wrong", "crisis": "In a crisis: whom to call",
          "privacy": "Respecting other people's privacy", "images": "Images and copyright",
          "leadership": "Leading by example"}
ACME_RULES = Rules(employer_names=("Acme AG",), disclosure_phrases=("my own views",))


def flat(text: str) -> str:
    return " ".join(text.split())


def section_ids(page: str) -> list[str]:
    return re.findall(r'<section id="section-([\w-]+)"', page)


# The version in force ------------------------------------------------------------------------------------------------

def test_a_learner_reads_the_published_version(published, visit, staff, organisation):
    published(texts={"purpose": "We want to hear **you**."}, skipped=("images",),
              added=(("Works council", "Talk to Kim first."),), note="The first rules we agreed on.")
    page = visit(staff).page(f"/guidelines/{organisation.id}")
    assert section_ids(page) == [key for key in STANDARD if key != "images"] + ["custom-1"]
    assert re.search(r'<a href="#section-purpose">Why we want to hear from you</a>', page)
    assert '<h2 id="title-custom-1">Works council</h2>' in page and "<p>Talk to Kim first.</p>" in page
    assert "We want to hear <strong>you</strong>." in page
    assert "Images and copyright" not in page
    assert "Version 1: The first rules we agreed on." in page and "I have read the guidelines" in page
    assert f'href="/guidelines/{organisation.id}/versions/1/guidelines.pdf"' in page
    assert "Build the guidelines" not in page and "/draft" not in page


def test_readers_see_the_published_version_and_editors_the_draft_too(published, start, visit, trainer, staff,
                                                                    organisation):
    published(texts={"purpose": "Published words."})
    used = start(trainer)
    used.section("purpose", body="Draft-only words.")
    page = visit(staff).page(f"/guidelines/{organisation.id}")
    assert "Published words." in page and "Draft-only words." not in page and "being drafted" not in page
    page = used.visitor.page(f"/guidelines/{organisation.id}")
    assert "Published words." in page and "Draft-only words." not in page
    assert "Version 2 is being drafted." in page and "Continue the draft" in page


@pytest.mark.parametrize(("who", "message", "can_start"), [
    ("trainer", "Start them above: the builder suggests a text for every section", True),
    ("leader", "Start them above: the builder suggests a text for every section", True),
    ("staff", "Your organisation’s leadership and trainers are writing them. You will see them here", False),
    ("admin", "Trainers and leadership learners of this organisation can start them.", False),
])
def test_the_empty_state_when_nothing_is_published(request, visit, start, leader, organisation, who, message,
                                                   can_start):
    start(leader).section("purpose", body="Draft-only words.")  # a draft is no published version
    page = text_of(visit(request.getfixturevalue(who)).get(f"/guidelines/{organisation.id}"))
    assert "No guidelines published yet" in page and message in page
    assert "Draft-only words." not in page
    if can_start:
        assert "Version 1 is being drafted." in page and "Continue the draft" in page
    else:
        assert "being drafted" not in page and "/draft" not in page


def test_the_empty_state_offers_editors_to_start(visit, trainer, organisation):
    page = visit(trainer).page(f"/guidelines/{organisation.id}")
    assert f'action="/guidelines/{organisation.id}/draft"' in page and "Start the guidelines" in page
    # The suggestions start in the language the page is shown in.
    assert re.search(r'<select [^>]*name="language"', page) and '<option selected value="en">English</option>' in page


# The list of versions ------------------------------------------------------------------------------------------------

def test_readers_see_published_versions_only(published, start, visit, trainer, staff, organisation):
    published(note="First version.")
    published(note="Second version.")
    start(trainer).section("purpose", body="Draft-only words.")
    base = f"/guidelines/{organisation.id}/versions"

    editor_page = visit(trainer).page(base)
    labels = re.findall(r'<li><a href="[^"]+/versions/(\d)">([^<]+)</a>', editor_page)
    assert [number for number, _label in labels] == ["3", "2", "1"]
    assert labels[0][1] == "Version 3 – draft"
    assert re.fullmatch(r"Version 2 – published \d{1,2} \w{3} \d{4}", labels[1][1])
    assert "— Second version." in editor_page

    reader = visit(staff)
    page = reader.page(base)
    assert re.findall(r'<li><a href="[^"]+/versions/(\d)">', page) == ["2", "1"]
    assert "Version 3" not in page and "– draft" not in page
    for path in ("/3", "/3/guidelines.md", "/3/guidelines.html", "/3/guidelines.pdf", "/9"):
        assert reader.get(base + path).status_code == 404, path
    assert reader.get(base + "/2").status_code == 200

    editor = visit(trainer)
    draft_page = editor.page(base + "/3")
    assert "This is the draft. It changes until it is published." in draft_page and "Draft-only words." in draft_page
    markdown = editor.get(base + "/3/guidelines.md")
    assert markdown.status_code == 200 and "Draft, saved on" in markdown.get_data(as_text=True)
    assert editor.get(base + "/9").status_code == 404


def test_the_version_page_shows_that_version(published, visit, staff, organisation):
    published(texts={"purpose": "Old words."}, note="First version.")
    published(texts={"purpose": "New words."}, note="Second version.")
    reader = visit(staff)
    old = reader.page(f"/guidelines/{organisation.id}/versions/1")
    assert "Old words." in old and "New words." not in old and "First version." in old
    assert section_ids(old) == STANDARD
    new = reader.page(f"/guidelines/{organisation.id}/versions/2")
    assert "New words." in new and "Old words." not in new


# Comparing two versions ----------------------------------------------------------------------------------------------

def changes_on(page: str) -> list[tuple[str, str, list[str], str]]:
    """Each compared section as (title, change class, badges, body)."""
    found = []
    for change, heading, body in re.findall(r'<li class="section-change section-change--(\w+)">\s*<h3>(.*?)</h3>'
                                            r'(.*?)</li>', page, re.S):
        title = re.sub(r"<[^>]+>", "", heading.split('<span class="badge">')[0]).strip()
        badges = re.findall(r'<span class="badge">([^<]+)</span>', heading)
        found.append((title, change, badges, body))
    return found


@pytest.fixture
def two_versions(published):
    published(texts={"purpose": "We listen to our colleagues."}, rules=ACME_RULES)
    return published(note="Second version.", texts={"purpose": "We listen closely to our colleagues and clients."},
                     added=(("Works council", "Talk to Kim first."),), skipped=("tone",), moves=(("crisis", -1),),
                     rules=Rules(employer_names=("Acme AG",), disclosure_phrases=("my own views",),
                                 forbidden_terms=("Project Falcon",)))


def test_comparing_two_versions_section_by_section(two_versions, visit, staff, organisation):
    response = visit(staff).get(f"/guidelines/{organisation.id}/versions?older=1&newer=2")
    assert response.status_code == 200
    page = text_of(response)
    changes = changes_on(page)
    order = ["purpose", "spokespeople", "accounts", "disclosure", "confidentiality", "tone", "crisis", "mistakes",
             "privacy", "images", "leadership"]
    assert [title for title, *_rest in changes] == [TITLES[key] for key in order] + ["Works council"]
    by_title = {title: (change, badges, body) for title, change, badges, body in changes}

    change, badges, body = by_title[TITLES["purpose"]]
    assert (change, badges) == ("changed", ["changed"])
    assert re.search(r'We listen <ins><span class="visually-hidden">added: </span>closely</ins> to our ', body)
    assert re.search(r'<del><span class="visually-hidden">removed: </span>colleagues\.</del>', body)
    assert re.search(r'<ins><span class="visually-hidden">added: </span>colleagues and clients\.</ins>', body)

    change, badges, body = by_title["Works council"]
    assert (change, badges) == ("added", ["new in the newer version"])
    assert '<ins><span class="visually-hidden">added: </span>Talk to Kim first.</ins>' in body

    change, badges, body = by_title[TITLES["tone"]]
    assert (change, badges) == ("removed", ["left out of the newer version"]) and "<del>" in body

    assert by_title[TITLES["crisis"]][:2] == ("same", ["unchanged", "moved"])
    change, badges, body = by_title[TITLES["spokespeople"]]
    assert (change, badges) == ("same", ["unchanged"]) and "No changes in this section." in body
    assert by_title[TITLES["mistakes"]][:2] == ("same", ["unchanged"])  # the neighbour crisis jumped over

    assert "The rules the composer checks changed too." in page
    # By default the two newest versions are compared.
    assert changes_on(text_of(visit(staff).get(f"/guidelines/{organisation.id}/versions"))) == changes


def test_comparing_a_version_with_itself(two_versions, visit, staff, organisation):
    page = text_of(visit(staff).get(f"/guidelines/{organisation.id}/versions?older=2&newer=2"))
    assert "Choose two different versions to compare." in page and changes_on(page) == []


def test_editors_compare_with_the_draft_and_readers_cannot(two_versions, start, visit, trainer, staff,
                                                          organisation):
    start(trainer).section("purpose", body="Draft-only words.")
    path = f"/guidelines/{organisation.id}/versions?older=2&newer=3"
    purpose = next(c for c in changes_on(text_of(visit(trainer).get(path))) if c[0] == TITLES["purpose"])
    assert purpose[1] == "changed" and "Draft-only" in purpose[3]
    # For a reader, version 3 is no choice: the newest published version takes its place.
    page = text_of(visit(staff).get(path))
    assert "Draft-only" not in page and "Version 3" not in page
    assert "Choose two different versions to compare." in page and changes_on(page) == []


def test_a_single_version_has_nothing_to_compare(published, visit, staff, organisation):
    published()
    page = visit(staff).page(f"/guidelines/{organisation.id}/versions")
    assert "Compare two versions" not in page and re.findall(r'/versions/(\d)">', page) == ["1"]


# Exports -------------------------------------------------------------------------------------------------------------

@pytest.fixture
def exported(published, visit, staff, organisation):
    published(texts={"purpose": "We listen to **our colleagues**."}, skipped=("images",),
              added=(("Works council", "Talk to Kim first."),), rules=ACME_RULES)
    reader = visit(staff)

    def get(extension: str):
        response = reader.get(f"/guidelines/{organisation.id}/versions/1/guidelines.{extension}")
        assert response.status_code == 200
        return response

    return get


INCLUDED = [TITLES[key] for key in STANDARD if key != "images"] + ["Works council"]


def test_the_markdown_export(exported):
    response = exported("md")
    assert response.headers["Content-Type"] == "text/markdown; charset=utf-8"
    assert response.headers["Content-Disposition"] == "attachment; filename=guidelines-acme-ag-v1.md"
    text = response.get_data(as_text=True)
    assert re.findall(r"^## (.+)$", text, re.M) == INCLUDED + ["Rules the composer checks"]
    assert "We listen to **our colleagues**." in text and "Note: First version." in text


def test_the_html_export(exported):
    response = exported("html")
    assert response.headers["Content-Type"] == "text/html; charset=utf-8"
    assert response.headers["Content-Disposition"] == "inline; filename=guidelines-acme-ag-v1.html"
    page = response.get_data(as_text=True)
    assert section_ids(page) == [key for key in STANDARD if key != "images"] + ["custom-1"]
    assert "We listen to <strong>our colleagues</strong>." in page and "Images and copyright" not in page


def test_the_html_export_may_use_its_own_style_and_nothing_else(exported, visit, staff, organisation):
    response = exported("html")
    policy = response.headers["Content-Security-Policy"]
    style = re.search(r"<style>(.*?)</style>", response.get_data(as_text=True), re.S).group(1)
    digest = base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()
    assert f"style-src 'sha256-{digest}'" in policy
    assert "default-src 'none'" in policy and "'unsafe-inline'" not in policy and "script-src" not in policy
    # The site's own pages keep the site's policy.
    assert "style-src 'self'" in visit(staff).get(f"/guidelines/{organisation.id}").headers["Content-Security-Policy"]


def test_the_pdf_export_has_every_included_section(exported):
    response = exported("pdf")
    assert response.headers["Content-Type"] == "application/pdf"
    assert response.headers["Content-Disposition"] == "attachment; filename=guidelines-acme-ag-v1.pdf"
    data = response.get_data()
    assert data.startswith(b"%PDF-")
    text = flat(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages))
    for title in INCLUDED:
        assert flat(title) in text, title
    assert "Images and copyright" not in text
    assert "We listen to our colleagues." in text and "Talk to Kim first." in text


# compare() on documents ----------------------------------------------------------------------------------------------

def document(*sections: tuple[str, str, str], number: int = 1) -> GuidelinesDocument:
    return GuidelinesDocument(organisation="Acme AG", number=number, is_published=True,
                              dated_at=datetime(2025, 1, 6, tzinfo=UTC), note="", language="en",
                              sections=[DocumentSection(*section) for section in sections])


A, B, C, D = ("a", "Alpha", "First text."), ("b", "Beta", "Second text."), ("c", "Gamma", "Third text."), \
    ("d", "Delta", "Fourth text.")


def summary(changes) -> list[tuple[str, str, bool]]:
    return [(change.key, change.change, change.moved) for change in changes]


def test_identical_versions_are_unchanged():
    changes = compare(document(A, B, C), document(A, B, C, number=2))
    assert summary(changes) == [("a", SAME, False), ("b", SAME, False), ("c", SAME, False)]
    assert [segment.change for segment in changes[0].body_segments] == ["same"]


def test_a_changed_text_and_title_word_by_word():
    (change,) = compare(document(A), document(("a", "Alpha one", "First text, revised."), number=2))
    assert (change.change, change.title, change.moved) == (CHANGED, "Alpha one", False)
    assert [(s.change, s.text) for s in change.title_segments] == [("same", "Alpha "), ("added", "one")]
    assert [(s.change, s.text) for s in change.body_segments] == [("same", "First "), ("removed", "text."),
                                                                  ("added", "text, revised.")]


def test_a_section_changed_only_in_spacing_says_so_and_marks_nothing():
    (change,) = compare(document(A), document(("a", "Alpha", "First\n\ntext. "), number=2))
    assert (change.change, change.only_spacing) == (CHANGED, True)
    assert [s.change for s in change.body_segments] == ["same"]
    (reworded,) = compare(document(A), document(("a", "Alpha", "First  words."), number=2))
    assert not reworded.only_spacing


def test_added_and_removed_sections():
    changes = compare(document(A, B), document(A, C, number=2))
    assert summary(changes) == [("a", SAME, False), ("b", REMOVED, False), ("c", ADDED, False)]
    assert [(s.change, s.text) for s in changes[1].body_segments] == [("removed", "Second text.")]
    assert [(s.change, s.text) for s in changes[2].body_segments] == [("added", "Third text.")]
    assert changes[1].title == "Beta" and changes[2].title == "Gamma"


def test_removed_sections_stay_where_they_were():
    assert summary(compare(document(A, B, C, D), document(C, D, number=2))) == [
        ("a", REMOVED, False), ("b", REMOVED, False), ("c", SAME, False), ("d", SAME, False)]
    assert summary(compare(document(A, B, C, D), document(A, D, number=2))) == [
        ("a", SAME, False), ("b", REMOVED, False), ("c", REMOVED, False), ("d", SAME, False)]
    assert [c.key for c in compare(document(A, B, C), document(("x", "New", "New."), A, C, number=2))] == [
        "x", "a", "b", "c"]


def test_a_moved_section_is_marked_and_the_others_are_not():
    changes = compare(document(A, B, C, D), document(D, A, B, C, number=2))
    assert summary(changes) == [("d", SAME, True), ("a", SAME, False), ("b", SAME, False), ("c", SAME, False)]


def test_a_section_moved_and_changed():
    changes = compare(document(A, B, C), document(B, C, ("a", "Alpha", "First text, moved."), number=2))
    assert summary(changes) == [("b", SAME, False), ("c", SAME, False), ("a", CHANGED, True)]


def test_every_section_of_either_version_appears_once():
    older, newer = document(A, B, C), document(("x", "X", "x."), C, A, ("y", "Y", "y."), number=2)
    keys = [change.key for change in compare(older, newer)]
    assert sorted(keys) == ["a", "b", "c", "x", "y"] and len(keys) == len(set(keys))


def test_a_published_version_with_links_the_sanitiser_strips_still_exports(published, visit, staff, organisation):
    published(texts={"purpose": 'Files: [x](ftp://files.example), <a>plain</a> and <a title="t">titled</a>.'})
    reader = visit(staff)
    responses = {extension: reader.get(f"/guidelines/{organisation.id}/versions/1/guidelines.{extension}")
                 for extension in ("pdf", "html", "md")}
    assert {extension: response.status_code for extension, response in responses.items()} == {
        "pdf": 200, "html": 200, "md": 200}
    text = flat(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(responses["pdf"].get_data())).pages))
    assert "Files: x, plain and titled." in text
