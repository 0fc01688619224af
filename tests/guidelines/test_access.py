"""Who reaches which guidelines route, between organisations and within one.

The routes are read from the app's URL map, so a new route is covered (or makes a test fail) without anyone
remembering to add it here.
"""
import pytest
import sqlalchemy as sa

from course import create_app
from course.extensions import db
from course.guidelines import services
from course.guidelines.models import Acknowledgement
from course.guidelines.queries import draft_of
from tests.conftest import base_config, outbox_messages
from tests.guidelines.conftest import all_versions

# The builder's endpoints: only editors (trainers and leadership learners of the organisation) reach them.
BUILDER = {"start", "details", "section", "skip", "move", "add_section", "delete_section", "publish", "discard",
           "preview"}
# Sample values for the other parts of a route; the organisation is filled in by each test.
SAMPLE = {"key": "purpose", "number": 1, "extension": "pdf"}
# Enough for any of the forms, so a refusal is about who asks, never about what they sent.
FORM = {"language": "en", "note": "A note.", "title": "A title", "body": "A text.", "revision": "0",
        "direction": "down", "skipped": "1", "save": "1", "text": "**x**"}


def _guideline_rules():
    app = create_app(base_config("sqlite://"))
    return [(rule.endpoint, rule, app.view_functions[rule.endpoint].__module__)
            for rule in app.url_map.iter_rules() if rule.endpoint.startswith("guidelines.")]


RULES = _guideline_rules()
SCOPED = sorted({(endpoint.removeprefix("guidelines."), method)
                 for endpoint, rule, _module in RULES if "organisation_id" in rule.arguments
                 for method in rule.methods & {"GET", "POST"}})
BUILDER_ROUTES = [(endpoint, method) for endpoint, method in SCOPED if endpoint in BUILDER]
GET_ROUTES = [endpoint for endpoint, method in SCOPED if method == "GET"]


def path_for(app, endpoint: str, organisation_id: int) -> str:
    rule = next(app.url_map.iter_rules(f"guidelines.{endpoint}"))
    values = {name: value for name, value in SAMPLE.items() if name in rule.arguments}
    return app.url_map.bind("localhost").build(f"guidelines.{endpoint}", {**values, "organisation_id": organisation_id})


def send(visitor, method: str, path: str):
    return visitor.get(path) if method == "GET" else visitor.post(path, {**FORM, "user_id": str(visitor.user.id)})


@pytest.fixture
def scene(published, trainer, staff, organisation, other_organisation, outsider_trainer, outsider_learner):
    """Acme has version 1 published and version 2 drafted; Globex has its own version 1."""
    published(note="Acme's first version.")
    services.start_draft(organisation, trainer, "en")
    published(of=other_organisation, by=outsider_trainer, note="Globex's first version.")
    db.session.commit()
    return organisation


def snapshot(organisation) -> list[tuple]:
    """Everything a request could change about the organisation's guidelines."""
    versions = [(v.number, v.revision, v.published_at, v.note, dict(v.details), dict(v.rules),
                 [(s.key, s.position, s.title, s.body, s.is_skipped) for s in v.sections])
                for v in all_versions(organisation)]
    acknowledgements = db.session.execute(sa.select(Acknowledgement.user_id, Acknowledgement.version_id,
                                                    Acknowledgement.acknowledged_at, Acknowledgement.reminded_at)).all()
    return [versions, sorted(acknowledgements), len(outbox_messages())]


# The list of routes itself -------------------------------------------------------------------------------------------

def test_the_routes_are_all_there():
    assert len(SCOPED) >= 20 and set(BUILDER) <= {endpoint for endpoint, _method in SCOPED}
    # Every route but the learner's way in names the organisation, so the tests below cover it.
    assert {endpoint for endpoint, rule, _module in RULES if "organisation_id" not in rule.arguments} == {
        "guidelines.mine"}


def test_the_builder_routes_are_the_known_ones():
    assert {endpoint.removeprefix("guidelines.") for endpoint, _rule, module in RULES
            if module == "course.guidelines.builder.views"} == BUILDER


def test_the_way_in_leads_a_learner_to_their_own_organisation(visit, outsider_learner, other_organisation, scene):
    response = visit(outsider_learner).get("/guidelines/")
    assert response.status_code == 302 and response.location.endswith(f"/guidelines/{other_organisation.id}")


# Another organisation ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("who", ["outsider_trainer", "outsider_learner"])
@pytest.mark.parametrize(("endpoint", "method"), SCOPED)
def test_another_organisation_gets_404(app, request_fixture, visit, scene, who, endpoint, method):
    visitor = visit(request_fixture(who))
    response = send(visitor, method, path_for(app, endpoint, scene.id))
    assert response.status_code == 404


@pytest.mark.parametrize("who", ["outsider_trainer", "outsider_learner"])
def test_another_organisation_changes_nothing(app, request_fixture, visit, scene, who):
    before = snapshot(scene)
    visitor = visit(request_fixture(who))
    for endpoint, method in SCOPED:
        if method == "POST":
            send(visitor, method, path_for(app, endpoint, scene.id))
    assert snapshot(scene) == before


@pytest.mark.parametrize("endpoint", GET_ROUTES)
def test_the_organisations_own_trainer_reaches_every_page(app, visit, trainer, scene, endpoint):
    """The counterpart of the 404s above: the same addresses work for the right person."""
    assert visit(trainer).get(path_for(app, endpoint, scene.id)).status_code == 200


def test_a_learner_cannot_acknowledge_for_another_organisation(visit, staff, scene, other_organisation):
    reader = visit(staff)
    assert reader.post(f"/guidelines/{other_organisation.id}/acknowledge/1").status_code == 404
    assert db.session.scalars(sa.select(Acknowledgement)).all() == []
    response = reader.post(f"/guidelines/{scene.id}/acknowledge/1")
    assert response.status_code == 302
    (row,) = db.session.scalars(sa.select(Acknowledgement)).all()
    assert (row.user_id, row.version_id) == (staff.id, all_versions(scene)[0].id) and row.acknowledged_at is not None


# Within the organisation ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("who", ["staff", "admin"])
@pytest.mark.parametrize(("endpoint", "method"), BUILDER_ROUTES)
def test_readers_get_403_on_the_builder(app, request_fixture, visit, scene, who, endpoint, method):
    before = snapshot(scene)
    response = send(visit(request_fixture(who)), method, path_for(app, endpoint, scene.id))
    assert response.status_code == 403
    assert snapshot(scene) == before


@pytest.mark.parametrize("who", ["trainer", "leader"])
@pytest.mark.parametrize(("endpoint", "method"), [route for route in BUILDER_ROUTES if route[1] == "GET"])
def test_editors_reach_the_builder(app, request_fixture, visit, scene, who, endpoint, method):
    assert visit(request_fixture(who)).get(path_for(app, endpoint, scene.id)).status_code == 200


def test_a_staff_learner_reads_the_published_version_only(visit, staff, scene):
    reader, base = visit(staff), f"/guidelines/{scene.id}"
    for path in ("", "/versions", "/versions/1", "/versions/1/guidelines.md"):
        assert reader.get(base + path).status_code == 200, path
    assert reader.get(base + "/versions/2").status_code == 404  # the draft
    assert reader.get(base + "/acknowledgements").status_code == 403
    assert reader.post(base + "/acknowledgements/remind").status_code == 403


def test_a_leadership_learner_edits_but_does_not_track(visit, leader, scene):
    editor, base = visit(leader), f"/guidelines/{scene.id}"
    assert editor.get(base + "/versions/2").status_code == 200
    assert editor.get(base + "/acknowledgements").status_code == 403


def test_an_admin_reads_and_tracks_but_does_not_edit(visit, admin, staff, scene):
    reader, base = visit(admin), f"/guidelines/{scene.id}"
    page = reader.page(base)
    assert 'id="section-purpose"' in page and "Build the guidelines" not in page
    assert "I have read the guidelines" not in page  # acknowledging is for learners
    for path in ("/versions", "/versions/1", "/versions/1/guidelines.pdf", "/acknowledgements"):
        assert reader.get(base + path).status_code == 200, path
    assert reader.get(base + "/versions/2").status_code == 404  # admins do not build, so drafts are not theirs
    assert reader.post(base + "/acknowledge/1").status_code == 403
    response = reader.post(base + "/acknowledgements/remind")
    assert response.status_code == 302
    (row,) = db.session.scalars(sa.select(Acknowledgement)).all()
    assert (row.user_id, row.acknowledged_at) == (staff.id, None) and row.reminded_at is not None
    assert draft_of(scene).number == 2 and not draft_of(scene).is_published


@pytest.fixture
def request_fixture(request):
    """A fixture by name, for parametrising over people."""
    return request.getfixturevalue
