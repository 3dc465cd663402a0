"""Journey 5: a council applies to the Local Authority Network, the local group's lead
endorses, national staff ask for a change, the council makes it; staff try to approve before
checking the five requirements and are told what is missing, tick them in the same form,
approve; the council finds its certificate, whose link opens the term's check page, and appears
on the public register and in the open data."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from pypdf import PdfReader

from la_network.models import CouncilContact, Membership
from tests.browser.conftest import assert_accessible, sign_in, staff_with_totp
from tests.factories import TEST_PASSWORD, GroupFactory, LocalAuthorityFactory, UserFactory, make_lead

pytestmark = pytest.mark.django_db(transaction=True)


def _fill_section(page, link: str, fields: dict[str, str]) -> None:
    page.get_by_role("link", name=link).click()
    assert_accessible(page)
    for label, value in fields.items():
        page.get_by_label(label, exact=False).first.fill(value)
    page.get_by_role("button", name="Save").click()
    summary = page.locator("[data-error-summary]")
    assert summary.count() == 0, summary.inner_text()
    assert "Saved." in page.content()


def test_council_applies_group_endorses_staff_request_a_change_then_approve(new_page):
    council = LocalAuthorityFactory(
        code="RVT", short_name="Riverton", official_name="Riverton Borough Council"
    )
    group = GroupFactory(name="Riverton City of Sanctuary", slug="riverton")
    lead = make_lead(group, email="lead@example.org")
    officer = UserFactory(email="officer@riverton.example.org", display_name="Ola Officer")
    staff, staff_secret = staff_with_totp("national_staff", email="staff@example.org")
    today = dt.date.today()

    # The council officer starts the application and completes the five requirements.
    applicant = new_page()
    sign_in(applicant, officer.email, TEST_PASSWORD)
    applicant.goto("/la-network/apply/")
    assert_accessible(applicant)
    applicant.get_by_label("Council").select_option(label="Riverton")
    applicant.get_by_label("You are applying as").select_option(index=1)
    applicant.get_by_role("button", name="Start").click()
    assert_accessible(applicant)
    assert CouncilContact.objects.filter(user=officer, local_authority=council).exists()

    _fill_section(
        applicant,
        "Edit: Council motion",
        {
            "Date the motion was passed": (today - dt.timedelta(days=30)).isoformat(),
            "Title of the motion": "Becoming a Council of Sanctuary",
            "Link to the published minutes": "https://riverton.example.org/minutes/42",
        },
    )
    _fill_section(
        applicant,
        "Edit: Charter",
        {
            "Date the charter was signed": (today - dt.timedelta(days=20)).isoformat(),
            "Signed by (name)": "Cllr Ada Lewis",
            "Signed by (role)": "Leader of the council",
        },
    )
    applicant.get_by_role("link", name="Edit: Working with the local group").click()
    applicant.get_by_label("Riverton City of Sanctuary").check()
    applicant.get_by_label("How the council works with the group").fill("Joint welcome events every month.")
    applicant.get_by_role("button", name="Save").click()
    _fill_section(
        applicant,
        "Edit: Written strategy",
        {
            "Strategy title": "Riverton welcome strategy",
            "Public link to the strategy": "https://riverton.example.org/strategy",
            "Strategy start date": today.isoformat(),
            "Strategy end date": (today + dt.timedelta(days=3 * 366)).isoformat(),
        },
    )
    _fill_section(
        applicant,
        "Edit: Contacts",
        {
            "Councillor's name": "Cllr Ada Lewis",
            "Councillor's email": "ada.lewis@riverton.example.org",
            "Councillor's portfolio": "Communities",
            "Officer's name": "Ola Officer",
            "Officer's email": "officer@riverton.example.org",
            "Officer's job title": "Refugee resettlement lead",
        },
    )
    assert_accessible(applicant)

    # The local group's lead endorses it.
    group_lead = new_page()
    sign_in(group_lead, lead.email, TEST_PASSWORD)
    group_lead.goto("/la-network/endorsements/")
    assert_accessible(group_lead)
    group_lead.get_by_role("link", name="Riverton").click()
    assert_accessible(group_lead)
    group_lead.get_by_label("Endorse the application").check()
    group_lead.get_by_label("Statement").fill("We have worked with the council for three years.")
    group_lead.get_by_role("button", name="Send the answer").click()

    # The council checks its answers and sends the application.
    applicant.get_by_role("link", name="Check your answers and send").click()
    assert_accessible(applicant)
    applicant.get_by_role("button", name="Send the application").click()

    # National staff ask for a change.
    reviewer = new_page()
    sign_in(reviewer, staff.email, TEST_PASSWORD, totp_secret=staff_secret)
    reviewer.goto("/la-network/staff/applications/")
    assert_accessible(reviewer)
    reviewer.get_by_role("link", name="Riverton").click()
    assert_accessible(reviewer)
    reviewer.get_by_label("Request changes").check()
    reviewer.get_by_label("Reasons or notes for the council").fill("Please link the adopted strategy.")
    reviewer.get_by_role("button", name="Save the checks and record the decision").click()

    # The council sees the request, fixes the strategy link and sends it again.
    applicant.goto(applicant.url)
    assert "Please link the adopted strategy." in applicant.content()
    assert_accessible(applicant)
    _fill_section(
        applicant,
        "Edit: Written strategy",
        {
            "Public link to the strategy": "https://riverton.example.org/strategy-adopted",
        },
    )
    applicant.get_by_role("link", name="Check your answers and send").click()
    applicant.get_by_role("button", name="Send the application").click()

    # Staff try to approve having verified only the motion: refused, naming what is missing,
    # and the tick they made is kept.
    reviewer.goto(reviewer.url)
    reviewer.get_by_label("Council motion: verified").check()
    reviewer.get_by_label("Approve").check()
    reviewer.get_by_role("button", name="Save the checks and record the decision").click()
    assert_accessible(reviewer)
    summary = reviewer.locator("[data-error-summary]").inner_text()
    assert "Not verified yet: Charter, Working with the local group, Written strategy, Contacts." in summary
    assert reviewer.get_by_label("Council motion: verified").is_checked()
    assert not Membership.objects.exists()

    # They check the rest in the same form and approve.
    for requirement in ("Charter", "Working with the local group", "Written strategy", "Contacts"):
        reviewer.get_by_label(f"{requirement}: verified").check()
    reviewer.get_by_label("Approve").check()
    reviewer.get_by_role("button", name="Save the checks and record the decision").click()
    assert "Decision recorded." in reviewer.content()
    membership = Membership.objects.get()

    # The council finds the certificate of its new term on its membership page.
    applicant.goto("/la-network/apply/")
    assert_accessible(applicant)
    certificate = applicant.get_by_role("link", name=f"Certificate for {membership.starts_on.year}")
    assert certificate.count() == 1
    pdf = applicant.request.get(certificate.get_attribute("href"))
    assert pdf.status == 200 and pdf.body().startswith(b"%PDF")

    # Anyone can follow the certificate's link to check it; a wrong code is plainly refused.
    page = PdfReader(io.BytesIO(pdf.body())).pages[0]
    links = [a.get_object()["/A"]["/URI"] for a in page.get("/Annots", []) if a.get_object().get("/A")]
    verify_path = "/" + next(link for link in links if "/la-network/verify/" in link).split("/", 3)[3]
    assert verify_path == f"/la-network/verify/{membership.verification_code}/"
    checker = new_page()
    checker.goto(verify_path)
    assert_accessible(checker)
    assert "genuine and the council's membership is current" in checker.content()
    assert checker.locator("h1").count() == 1
    answer = checker.goto("/la-network/verify/not-a-real-code/")
    assert answer.status == 404
    assert_accessible(checker)
    assert "We have no certificate with this code" in checker.content()

    # The council is on the public register and in the open data.
    public = new_page()
    public.goto("/la-network/")
    assert_accessible(public)
    assert "Riverton" in public.content()
    members = public.request.get("/la-network/members.json").json()
    assert "RVT" in str(members)
    assert "strategy-adopted" in str(members)
