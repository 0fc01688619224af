"""The cohort report for management: group figures only, the same in both modes, as a page and a PDF."""
import pytest

from course.extensions import db
from tests.guidelines.factories import publish_guidelines
from tests.page_checks import duplicate_ids
from tests.works_council.conftest import NAMES, make_cohort


@pytest.mark.parametrize("mode", [True, False])
def test_the_report_shows_group_figures_and_no_names(client, auth, trainer, cohort, mode):
    cohort.organisation.works_council_mode = mode
    db.session.commit()
    publish_guidelines(cohort.organisation, trainer)
    auth.login(trainer.email)
    page = client.get(f"/cohorts/{cohort.id}/report").get_data(as_text=True)
    assert "Cohort report: Spring" in page
    assert "Stage funnel" in page and "Review health" in page and "Whole cohort" in page
    assert "0&nbsp;%" in page or "0 %" in page or "0%" in page  # the acknowledgement rate: nobody yet
    assert not any(name in page for name in NAMES)
    assert duplicate_ids(page) == []


def test_a_small_cohort_gives_no_figures_in_the_report(client, auth, trainer, council, create_user):
    council.works_council_mode = False  # the same rule in both modes
    db.session.commit()
    small = make_cohort(council, create_user, ["Ida Igel", "Jan Jung"], name="Small")
    auth.login(trainer.email)
    page = client.get(f"/cohorts/{small.id}/report").get_data(as_text=True)
    assert "Too few people to show" in page
    assert "Stage funnel" not in page


def test_the_report_as_pdf(client, auth, trainer, cohort):
    auth.login(trainer.email)
    response = client.get(f"/cohorts/{cohort.id}/report.pdf")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert response.data.startswith(b"%PDF")
    assert b"Ann Adler" not in response.data


def test_the_report_in_german(client, auth, trainer, cohort):
    auth.login(trainer.email)
    client.post("/language", data={"language": "de", "csrf_token": _token(client)})
    page = client.get(f"/cohorts/{cohort.id}/report").get_data(as_text=True)
    assert "Bericht" in page


def _token(client):
    from tests.conftest import csrf_token
    return csrf_token(client)
