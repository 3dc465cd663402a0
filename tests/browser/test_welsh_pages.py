"""Welsh pages pass the same accessibility checks as English ones (issue 19), on a desktop and
on a phone, and the header's chooser switches language without JavaScript.

The pages each kind of person opens, in Welsh: the public pages, and those of each role signed
in the way the journeys sign in (a one-time code for the roles that need one). Pages that share
a template with one checked here (a second confirmation page, an edit form like its "new" form)
are left out to keep the module quick. /api/ has no Welsh page: it is one address, in English,
beside the machine addresses it explains (README, "Welsh"). On each page axe
finds no WCAG 2.2 A/AA violation, ``<html lang="cy">`` is set, and the main heading is not the
English one (a template left untranslated shows itself there), unless the heading is the
record's own words (a group's name, an event's title), which are the same in both languages.

One test per role: its records are built once, the person signs in once, and the desktop and
the phone check the same pages in turn (the phone with the desktop's cookies). A failure names
the page and the width, and every page is checked before the test fails.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest
from django.utils import timezone

from tests.browser.conftest import PHONE, assert_accessible, sign_in, staff_with_totp
from tests.factories import (
    TEST_PASSWORD,
    GroupFactory,
    OrganisationContactFactory,
    UserFactory,
    make_lead,
)
from tests.sanctuary.test_privacy_and_accessibility import seed_first_notice

pytestmark = pytest.mark.django_db(transaction=True)


@dataclass(frozen=True)
class Page:
    """A page to open in Welsh: its English address, and the same under /cy/."""

    name: str
    path: str
    # The heading is the record's own words (a name, a title, a case reference), not ours.
    own_words: bool = False
    status: int = 200

    @property
    def welsh(self) -> str:
        return "/cy" + self.path


_H1 = re.compile(r"<h1\b[^>]*>(.*?)</h1>", re.S)


def _text(markup: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


def _english_heading(tab, page: Page) -> str:
    """The heading of the English page, asked for with the same cookies (no rendering)."""
    answer = tab.request.get(page.path, max_redirects=0)
    assert answer.status == page.status, f"English {page.path} answered {answer.status}"
    found = _H1.search(answer.text())
    assert found, f"English {page.path} has no h1"
    return _text(found[1])


def _check(tab, page: Page, english: dict[str, str]) -> None:
    answer = tab.goto(page.welsh)
    assert answer.status == page.status, f"answered {answer.status}"
    assert urlsplit(tab.url).path == urlsplit(page.welsh).path, f"sent on to {tab.url}"
    assert tab.locator("html").get_attribute("lang") == "cy", "<html lang> is not cy"
    headings = tab.locator("h1")
    assert headings.count() == 1, f"{headings.count()} h1 elements"
    if not page.own_words:
        if page.name not in english:
            english[page.name] = _english_heading(tab, page)
        heading = " ".join(headings.text_content().split())
        assert heading != english[page.name], f"heading {heading!r} is the English one"
    assert_accessible(tab)


@pytest.fixture
def assert_welsh_pages(browser, live_server):
    """Check each page in Welsh on a desktop (``tab``), then on a phone signed in as the same
    person; fail at the end naming every page and width that failed."""
    from playwright.sync_api import Error as PlaywrightError

    def check(tab, pages: list[Page]) -> None:
        english: dict[str, str] = {}
        failures: list[str] = []
        phone = browser.new_context(
            base_url=live_server.url,
            viewport=PHONE,
            is_mobile=True,
            has_touch=True,
            storage_state=tab.context.storage_state(),
        )
        phone.set_default_timeout(15_000)
        try:
            for width, current in (("desktop", tab), ("phone", phone.new_page())):
                for page in pages:
                    try:
                        _check(current, page, english)
                    except (AssertionError, PlaywrightError) as error:
                        failures.append(f"{page.name} ({width}, {page.welsh}): {error}")
        finally:
            phone.close()
        assert not failures, f"{len(failures)} failures:\n" + "\n".join(failures)

    return check


def _campaign(**kwargs):
    from importlib import import_module

    from django.apps import apps

    from tests.campaigns.factories import CampaignFactory

    # Transactional tests empty every table, including the action types a data migration made.
    import_module("campaigns.migrations.0002_default_action_types").create_types(apps, None)
    return CampaignFactory(title="Speak up for sanctuary", slug="speak-up", **kwargs)


def _stream():
    from tests.awards.factories import make_stream

    return make_stream(
        name="Schools",
        name_cy="Ysgolion",
        slug="schools",
        award_title="School of Sanctuary",
        award_title_cy="Ysgol Noddfa",
        summary_cy="Ar gyfer ysgolion sy'n croesawu.",
    )


def test_public_pages_in_welsh(page, assert_welsh_pages, national_staff):
    from awards.models import Award
    from groups.models import OrganisationPledge
    from tests.awards.factories import make_draft
    from tests.events.factories import EventFactory
    from tests.groups.factories import CharterVersionFactory, PledgeFactory
    from tests.la_network.factories import make_membership
    from tests.resources.factories import make_resource

    seed_first_notice()
    today = timezone.localdate()
    group = GroupFactory(name="Riverton City of Sanctuary", slug="riverton")
    event = EventFactory(group=group, title="Shared lunch at the hall")
    CharterVersionFactory()
    PledgeFactory(status=OrganisationPledge.Status.APPROVED)
    stream = _stream()
    application = make_draft(stream)
    award = Award.objects.create(
        number="SOS-0001",
        application=application,
        stream=stream,
        organisation=application.organisation,
        awarded_on=today,
        expires_on=today + dt.timedelta(days=3 * 365),
        verification_code="riverton-school-award",
    )
    membership = make_membership(starts_on=today - dt.timedelta(days=30))
    campaign = _campaign(pledge_statement="We stand for welcome.")
    resource = make_resource(national_staff, title="Classroom welcome plan")

    assert_welsh_pages(
        page,
        [
            Page("home", "/"),
            Page("groups directory", "/groups/"),
            Page("group page", "/groups/riverton/", own_words=True),
            Page("charter", "/charter/"),
            Page("organisations", "/charter/organisations/"),
            Page("awards", "/awards/"),
            Page("award stream", f"/awards/{stream.slug}/"),
            Page("award verify", f"/awards/verify/{award.verification_code}/"),
            Page("LA network register", "/la-network/"),
            Page("LA network verify", f"/la-network/verify/{membership.verification_code}/"),
            Page("campaigns", "/campaigns/"),
            Page("campaign", f"/campaigns/{campaign.slug}/", own_words=True),
            Page("what's on", "/events/"),
            Page("event", f"/events/{event.pk}/", own_words=True),
            Page("resources library", "/resources/"),
            Page("resource", f"/resources/{resource.pk}/", own_words=True),
            Page("open data", "/data/"),
            Page("privacy notice", "/privacy/"),
            Page("accessibility statement", "/accessibility/"),
            Page("sign in", "/accounts/login/"),
            Page("create an account", "/accounts/signup/"),
            Page("password reset", "/accounts/password/reset/"),
            Page("page not found", "/no-such-page/", status=404),
        ],
    )


def _reauthenticate(tab) -> None:
    """Enter the password again (in Welsh), as a person does before a sensitive page."""
    tab.goto("/cy/accounts/reauthenticate/")
    tab.locator("main input[type=password]").fill(TEST_PASSWORD)
    tab.locator("main form button[type=submit]").first.click()
    tab.wait_for_url(lambda url: "/reauthenticate/" not in url)


def test_a_supporters_own_pages_in_welsh(page, assert_welsh_pages):
    campaign = _campaign()
    supporter = UserFactory(email="mia@example.org", display_name="Mia Evans")
    sign_in(page, supporter.email, TEST_PASSWORD)
    _reauthenticate(page)

    assert_welsh_pages(
        page,
        [
            Page("dashboard", "/dashboard/"),
            Page("my data", "/account/my-data/"),
            Page("account language", "/account/language/"),
            Page("delete my account", "/account/delete/"),
            Page("confirm your password", "/accounts/reauthenticate/"),
            Page("email addresses", "/accounts/email/"),
            Page("two-factor authentication", "/accounts/2fa/"),
            Page("log an action: choose", f"/campaigns/{campaign.slug}/act/"),
            Page("log an action: MP letter", f"/campaigns/{campaign.slug}/act/?type=write-to-mp"),
        ],
    )


def test_a_group_leads_workspace_in_welsh(page, assert_welsh_pages):
    from groups.models import GroupMembership
    from la_network.models import Application as CouncilApplication
    from la_network.models import Endorsement
    from tests.events.factories import EventFactory, past_event
    from tests.factories import GroupMembershipFactory, LocalAuthorityFactory, OrganisationFactory
    from tests.groups.factories import ActivityFactory, PledgeFactory

    group = GroupFactory(name="Riverton City of Sanctuary", slug="riverton")
    lead = make_lead(group, email="sam@example.org")
    GroupMembershipFactory(group=group, role=GroupMembership.Role.MEMBER)
    activity = ActivityFactory(group=group, title="Welcome picnic")
    event = EventFactory(group=group, title="Coffee morning")
    ended = past_event(group=group, title="Family football afternoon")
    pledge = PledgeFactory(organisation=OrganisationFactory(group=group))
    council_application = CouncilApplication.objects.create(
        local_authority=LocalAuthorityFactory(short_name="Riverton"), created_by=UserFactory()
    )
    council_application.groups.add(group)
    council_endorsement = Endorsement.objects.create(
        application=council_application, group=group, status=Endorsement.Status.REQUESTED
    )

    sign_in(page, lead.email, TEST_PASSWORD)
    manage = "/groups/riverton/manage"
    assert_welsh_pages(
        page,
        [
            Page("workspace", f"{manage}/"),
            Page("edit the group page", f"{manage}/edit/"),
            Page("invite someone", f"{manage}/invite/"),
            Page("activities", f"{manage}/activities/"),
            Page("change an activity", f"{manage}/activities/{activity.pk}/edit/"),
            Page("delete an activity", f"{manage}/activities/{activity.pk}/delete/"),
            Page("organisation pledge", f"{manage}/pledges/{pledge.pk}/", own_words=True),
            Page("events", f"{manage}/events/"),
            Page("publish an event", f"{manage}/events/new/"),
            Page("cancel an event", f"{manage}/events/{event.pk}/cancel/"),
            Page("record an event", f"{manage}/events/{ended.pk}/record/"),
            Page("endorse a council", f"/la-network/endorsements/{council_endorsement.pk}/"),
        ],
    )


def test_an_award_applicants_pages_in_welsh(page, assert_welsh_pages):
    from awards import services as award_services
    from tests.awards.factories import make_stream

    contact = OrganisationContactFactory(organisation__name="Riverton Primary School")
    stream = _stream()
    other = make_stream(name="Libraries", slug="libraries")
    application = award_services.application_start(
        stream=stream, organisation=contact.organisation, user=contact.user
    )
    criterion = stream.criteria.order_by("order").first()

    sign_in(page, contact.user.email, TEST_PASSWORD)
    task_list = f"/awards/applications/{application.pk}"
    assert_welsh_pages(
        page,
        [
            Page("start an application", f"/awards/apply/{other.slug}/"),
            Page("my applications", "/awards/applications/"),
            Page("application task list", f"{task_list}/"),
            Page("evidence for a criterion", f"{task_list}/criteria/{criterion.pk}/", own_words=True),
            Page("commitments", f"{task_list}/commitments/"),
            Page("check and submit", f"{task_list}/check/"),
        ],
    )


def test_a_council_contacts_pages_in_welsh(page, assert_welsh_pages):
    from la_network.models import Requirement
    from tests.factories import LocalAuthorityFactory
    from tests.la_network.factories import CouncilContactFactory, complete_application, make_membership

    officer = UserFactory(email="officer@riverton.example.org")
    applying = CouncilContactFactory(
        user=officer, local_authority=LocalAuthorityFactory(short_name="Riverton")
    )
    application = complete_application(contact=applying)
    member = CouncilContactFactory(user=officer, local_authority=LocalAuthorityFactory(short_name="Abertawe"))
    make_membership(starts_on=timezone.localdate() - dt.timedelta(days=30), contact=member)

    sign_in(page, officer.email, TEST_PASSWORD)
    base = f"/la-network/applications/{application.pk}"
    assert_welsh_pages(
        page,
        [
            Page("apply and memberships", "/la-network/apply/"),
            Page("application", f"{base}/"),
            *(Page(f"section: {key}", f"{base}/{key}/") for key in Requirement.values),
            Page("check and send", f"{base}/check/"),
            Page("member network", "/la-network/network/"),
        ],
    )


def test_national_staff_and_assessor_pages_in_welsh(new_page, assert_welsh_pages):
    from awards import services as award_services
    from awards.models import AssessorProfile
    from groups.models import GroupApplication
    from la_network.models import Application as CouncilApplication
    from resources import services as resource_services
    from sanctuary import services as sanctuary_services
    from tests.awards.factories import complete_minimum, make_assessor
    from tests.la_network.factories import complete_application
    from tests.resources.factories import make_resource

    staff, staff_secret = staff_with_totp("national_staff", email="nadia@example.org")
    assessor, assessor_secret = staff_with_totp("assessor", email="ali@example.org")
    AssessorProfile.objects.create(user=assessor)
    contact = OrganisationContactFactory(organisation__name="Riverton Primary School")
    application = award_services.application_start(
        stream=_stream(), organisation=contact.organisation, user=contact.user
    )
    complete_minimum(application)
    application = award_services.application_submit(application=application, user=contact.user)
    seats = [
        award_services.panel_member_add(application=application, assessor=person, actor=staff)
        for person in (assessor, make_assessor(lived_experience=True), make_assessor())
    ]
    for seat in seats:
        award_services.conflict_declare(member=seat, has_conflict=False)
    award_services.review_start(application=application, actor=staff)
    council = complete_application(status=CouncilApplication.Status.SUBMITTED)
    group_application = GroupApplication.objects.create(
        applicant=UserFactory(),
        name="Aberystwyth Sanctuary",
        area_served="Aberystwyth",
        nation="wales",
        region="wales",
        why="To welcome people.",
        who_involved="Friends from the chapel.",
        accepted_guidelines=True,
    )
    make_resource(staff, title="Classroom welcome plan")
    suggestion = resource_services.suggestion_make(
        user=UserFactory(),
        title="Café guide",
        summary="How to run a welcome café.",
        url="https://example.org/cafe",
    )
    _campaign()
    sanctuary_services.staff_invitation_create(actor=staff, email="new.assessor@example.org", role="assessor")

    desk = new_page()
    sign_in(desk, staff.email, TEST_PASSWORD, totp_secret=staff_secret)
    assert_welsh_pages(
        desk,
        [
            Page("staff dashboard", "/dashboard/"),
            Page("awards overview", "/awards/staff/"),
            Page("award applications", "/awards/staff/applications/"),
            Page("award application", f"/awards/staff/applications/{application.pk}/"),
            Page("LA network dashboard", "/la-network/staff/"),
            Page("LA applications", "/la-network/staff/applications/"),
            Page("LA application review", f"/la-network/staff/applications/{council.pk}/"),
            Page("group applications", "/groups/applications/"),
            Page("group application", f"/groups/applications/{group_application.pk}/", own_words=True),
            Page("organisation pledges", "/charter/organisations/pledges/"),
            Page("resources for staff", "/resources/staff/"),
            Page("add a resource", "/resources/staff/new/"),
            Page("a suggestion", f"/resources/staff/suggestions/{suggestion.pk}/", own_words=True),
            Page("campaign figures", "/campaigns/dashboard/"),
            Page("staff invitations", "/staff/invitations/"),
            Page("system status", "/status/"),
        ],
    )

    reviewer = new_page()
    sign_in(reviewer, assessor.email, TEST_PASSWORD, totp_secret=assessor_secret)
    assert_welsh_pages(
        reviewer,
        [
            Page("my reviews", "/awards/review/"),
            Page("review an application", f"/awards/review/{seats[0].pk}/"),
        ],
    )


def test_a_guardians_and_a_coordinators_pages_in_welsh(new_page, assert_welsh_pages):
    from returnees import services as returnee_services
    from returnees.models import Escalation
    from tests.returnees.factories import monitored_case

    guardian, guardian_secret = staff_with_totp("guardian", email="owen@example.org")
    coordinator, coordinator_secret = staff_with_totp("safeguarding_coordinator", email="priya@example.org")
    case = monitored_case(guardians=[guardian], started_at=timezone.now() - dt.timedelta(days=2))
    returnee_services.plan_version_create(
        actor=coordinator, case=case, sections={"travel": "Bus to the airport"}
    )
    escalation = Escalation.objects.create(
        case=case, reason=Escalation.Reason.FAILED_ATTEMPTS, reference_date=timezone.localdate()
    )
    cases = f"/returnees/cases/{case.reference}"

    phone = new_page()
    sign_in(phone, guardian.email, TEST_PASSWORD, totp_secret=guardian_secret)
    assert_welsh_pages(
        phone,
        [
            Page("my cases", "/returnees/"),
            Page("record a check-in", f"{cases}/check-ins/new/"),
        ],
    )

    desk = new_page()
    sign_in(desk, coordinator.email, TEST_PASSWORD, totp_secret=coordinator_secret)
    _reauthenticate(desk)
    assert_welsh_pages(
        desk,
        [
            Page("cases", "/returnees/"),
            Page("statistics", "/returnees/statistics/"),
            Page("new case", "/returnees/cases/new/"),
            Page("case", f"{cases}/", own_words=True),
            Page("edit the case", f"{cases}/edit/"),
            Page("circle", f"{cases}/circle/"),
            Page("schedule", f"{cases}/schedule/"),
            Page("in-country contact", f"{cases}/contacts/new/"),
            Page("new plan version", f"{cases}/plan/new/"),
            Page("acknowledge an escalation", f"{cases}/escalations/{escalation.pk}/acknowledge/"),
        ],
    )


def test_a_visitor_switches_to_welsh_and_back_without_javascript(browser, live_server):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    tab = context.new_page()
    tab.goto("/groups/")
    tab.get_by_role("link", name="Cymraeg").click()
    tab.wait_for_url("**/cy/groups/")
    assert tab.locator("html").get_attribute("lang") == "cy"
    assert tab.get_by_role("link", name="Neidio i\u2019r prif gynnwys").count() == 1
    tab.get_by_role("link", name="English").click()
    tab.wait_for_url(lambda url: url.endswith("/groups/") and "/cy/" not in url)
    assert tab.locator("html").get_attribute("lang") == "en-gb"
    context.close()


def test_a_signed_in_person_switches_to_welsh_and_their_account_remembers(page):
    person = UserFactory()
    sign_in(page, person.email, TEST_PASSWORD)
    page.goto("/groups/")
    page.get_by_role("button", name="Cymraeg").click()
    page.wait_for_url("**/cy/groups/")
    assert page.locator("html").get_attribute("lang") == "cy"
    assert_accessible(page)
    person.refresh_from_db()
    assert person.preferred_language == "cy"
