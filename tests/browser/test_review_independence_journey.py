"""Journey: panel reviews stay independent. One assessor submits; another cannot see that review
until submitting their own, and never sees a colleague's draft; a submitted review is locked until
national staff reopen it with a reason, which its author then reads."""

from __future__ import annotations

import pytest

from awards import services
from awards.models import AssessorProfile, PanelMember
from tests.awards.factories import make_submitted
from tests.browser.conftest import assert_accessible, sign_in, staff_with_totp
from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


def _assessor(name: str, *, lived: bool = False):
    user, secret = staff_with_totp("assessor", email=f"{name.lower()}@example.org", display_name=name)
    AssessorProfile.objects.create(user=user, lived_experience=lived)
    return user, secret


def _review(page, member: PanelMember, outcome: str, comment: str, button: str) -> None:
    page.goto(f"/awards/review/{member.pk}/")
    for answer in member.application.answers.all():
        page.locator(f"input[name='outcome_{answer.pk}'][value='{outcome}']").check()
        page.locator(f"textarea[name='comment_{answer.pk}']").fill(comment)
    page.get_by_role("button", name=button).click()


def test_reviews_are_independent_locked_once_submitted_and_reopened_only_by_staff(new_page):
    staff, staff_secret = staff_with_totp("national_staff", email="staff@example.org")
    (ada, ada_secret), (ben, ben_secret), (cy, _cy_secret) = (
        _assessor("Ada", lived=True),
        _assessor("Ben"),
        _assessor("Cy"),
    )
    application = make_submitted()
    for person in (ada, ben, cy):
        member = services.panel_member_add(application=application, assessor=person, actor=staff)
        services.conflict_declare(member=member, has_conflict=False)
    services.review_start(application=application, actor=staff)
    member_of = {m.assessor_id: m for m in PanelMember.objects.filter(application=application)}

    # Ada submits her review.
    ada_page = new_page()
    sign_in(ada_page, ada.email, TEST_PASSWORD, totp_secret=ada_secret)
    _review(ada_page, member_of[ada.pk], "not_met", "Ada's considered view", "Submit my review")
    assert_accessible(ada_page)
    assert "it is locked" in ada_page.content()

    # Ben sees nothing of Ada's before submitting, and a draft of his own does not change that.
    ben_page = new_page()
    sign_in(ben_page, ben.email, TEST_PASSWORD, totp_secret=ben_secret)
    _review(ben_page, member_of[ben.pk], "partly", "Ben's half-formed draft", "Save draft")
    assert_accessible(ben_page)
    assert "Ada's considered view" not in ben_page.content()

    # Ada never sees Ben's draft.
    ada_page.reload()
    assert "half-formed draft" not in ada_page.content()
    assert "Submit my review" not in ada_page.content()  # her own review is locked

    # Once Ben submits, he sees Ada's submitted review (and Cy's unwritten one is nowhere).
    _review(ben_page, member_of[ben.pk], "met", "Ben's final view", "Submit my review")
    ben_page.goto(f"/awards/review/{member_of[ben.pk].pk}/")
    assert "Ada's considered view" in ben_page.content()
    assert_accessible(ben_page)

    # Staff reopen Ada's review, with a reason.
    staff_page = new_page()
    sign_in(staff_page, staff.email, TEST_PASSWORD, totp_secret=staff_secret)
    staff_page.goto(f"/awards/staff/applications/{application.pk}/")
    assert "Ben's half-formed draft" not in staff_page.content()
    staff_page.get_by_text("Reopen Ada's review").click()
    staff_page.get_by_label("Why Ada's review is reopened").fill(
        "Please look again at the evidence for Embed."
    )
    staff_page.get_by_role("button", name="Reopen the review").click()
    assert "The review is reopened" in staff_page.content()
    assert_accessible(staff_page)

    # Ada reads why and can change her review again; Ben no longer sees it meanwhile.
    ada_page.reload()
    assert "Please look again at the evidence for Embed." in ada_page.content()
    assert ada_page.get_by_role("button", name="Submit my review").count() == 1
    assert_accessible(ada_page)
    ben_page.reload()
    assert "Ada's considered view" not in ben_page.content()
