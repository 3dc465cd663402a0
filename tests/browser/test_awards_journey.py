"""Journey 4: a school applies for an award through the task list with a PDF, fixes a
validation error without losing what it typed, and submits; the panel reviews; staff decide;
the certificate downloads and its verify page says the award is current."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from awards.models import AssessorProfile, Award
from tests.awards.factories import make_stream
from tests.browser.conftest import assert_accessible, sign_in, staff_with_totp
from tests.factories import TEST_PASSWORD, OrganisationContactFactory

pytestmark = pytest.mark.django_db(transaction=True)

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _answer(page, title: str, account: str, *, links: str = "", pdf: bool = False) -> None:
    page.get_by_role("link", name=title).last.click()
    page.get_by_label("What your organisation has done").fill(account)
    if links:
        page.get_by_label("Links to evidence").fill(links)
    if pdf:
        page.get_by_label("Add a file (PDF or image)").set_input_files(
            {"name": "welcome-policy.pdf", "mimeType": "application/pdf", "buffer": PDF}
        )
    page.get_by_label("I have finished this criterion").check()
    page.get_by_role("button", name="Save", exact=True).click()


def test_school_applies_panel_reviews_staff_award_and_the_certificate_verifies(new_page, tmp_path):
    stream = make_stream(name="Schools", slug="schools", award_title="School of Sanctuary")
    contact = OrganisationContactFactory(
        organisation__name="Riverton Primary School", user__email="rosa@example.org"
    )
    staff, staff_secret = staff_with_totp("national_staff", email="nadia@example.org")
    assessors = []
    for index in range(3):
        user, secret = staff_with_totp("assessor", email=f"assessor{index}@example.org")
        AssessorProfile.objects.create(user=user, lived_experience=index == 1)
        assessors.append((user, secret))

    school = new_page()
    sign_in(school, contact.user.email, TEST_PASSWORD)
    school.goto(f"/awards/{stream.slug}/")
    assert_accessible(school)
    school.get_by_role("link", name="Start an application").click()
    assert_accessible(school)
    school.get_by_label("Organisation").select_option(label="Riverton Primary School")
    school.get_by_role("button", name="Start application").click()
    summary = school.locator("[data-error-summary], .alert")
    assert "/awards/applications/" in school.url, (school.url, summary.all_inner_texts())
    application_url = school.url
    assert_accessible(school)

    # A bad link: the error is shown beside the field and the account typed is kept.
    account = "Every member of staff had a session on what seeking sanctuary means."
    _answer(school, "Staff learn", account, links="not a web address", pdf=True)
    assert "is not a web address" in school.content()
    assert school.get_by_label("What your organisation has done").input_value() == account
    assert_accessible(school)
    school.get_by_label("Links to evidence").fill("https://riverton.example.org/welcome")
    school.get_by_label("Add a file (PDF or image)").set_input_files(
        {"name": "welcome-policy.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    school.get_by_role("button", name="Save", exact=True).click()
    assert school.locator("[data-error-summary]").count() == 0
    school.goto(application_url)
    _answer(school, "Welcome families", "New families are welcomed by a buddy family.")
    school.goto(application_url)
    school.get_by_role("link", name="Check your answers and submit").click()
    assert_accessible(school)
    school.get_by_role("button", name="Submit application").click()

    # Staff form the panel and start the review.
    desk = new_page()
    sign_in(desk, staff.email, TEST_PASSWORD, totp_secret=staff_secret)
    desk.goto("/awards/staff/applications/")
    assert_accessible(desk)
    desk.get_by_role("link", name="Riverton Primary School").click()
    for user, _ in assessors:
        choice = desk.get_by_label("Assessor").locator("option", has_text=user.display_name)
        desk.get_by_label("Assessor").select_option(value=choice.get_attribute("value"))
        desk.get_by_role("button", name="Add to panel").click()
    desk.get_by_role("button", name="Start the review").click()
    assert_accessible(desk)

    # Each panel member declares no conflict and reviews every criterion.
    for user, secret in assessors:
        reviewer = new_page()
        sign_in(reviewer, user.email, TEST_PASSWORD, totp_secret=secret)
        reviewer.goto("/awards/review/")
        reviewer.get_by_role("link", name="Riverton Primary School").click()
        reviewer.get_by_label("No, I have no conflict").check()
        reviewer.get_by_role("button", name="Confirm declaration").click()
        assert_accessible(reviewer)
        for radio in reviewer.locator("input[type=radio][value=met]").all():
            radio.check()
        reviewer.get_by_role("button", name="Submit my review").click()

    # Staff record the decision.
    desk.goto(desk.url)
    desk.get_by_label("Make the award").check()
    desk.get_by_label("Feedback to the applicant").fill("A warm, well-evidenced application.")
    desk.get_by_role("button", name="Record decision").click()
    assert Award.objects.filter(organisation=contact.organisation).exists()

    # The school downloads its certificate and checks it online.
    school.goto(application_url)
    with school.expect_download() as download:
        school.get_by_role("link", name="Download your certificate").click()
    pdf = tmp_path / "certificate.pdf"
    download.value.save_as(pdf)
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.read_bytes())).pages)
    assert "Riverton Primary School" in text
    verify_path = re.search(r"/awards/verify/[\w-]+/?", text)[0]
    public = new_page()
    public.goto(verify_path)
    assert_accessible(public)
    assert "genuine and the award is current" in public.content()
