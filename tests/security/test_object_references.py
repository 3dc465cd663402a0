"""Another user's record answers 404, never 403 or a page (SECURITY.md 3, issue 8).

For every matrix entry that names a protected record (``record=True``), the role that owns
record A (lead of group A, contact of council/organisation A, guardian of case A, the
supporter who took action A, the assessor on the panel of award application A) opens the same
URL with record B's id/slug/reference/token:
the answer must be 404. The same role on record A is allowed, which shows the 404 comes from
the record and not from the role. Each case runs with and without a fresh re-authentication,
so a view cannot hide behind its re-authentication page either.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.returnees.factories import reauthenticate
from tests.security.fixtures import as_role, world  # noqa: F401  (fixtures)
from tests.security.matrix import load_matrix
from tests.security.outcomes import classify

MATRIX = load_matrix()
OWNERS = ("supporter", "lead_this", "applicant_this", "assessor_this", "guardian_this")
# Views only staff may use: the owner of case A is still tried against case B.
FALLBACK_OWNER = {
    "returnees:": "guardian_this",
    "groups:": "lead_this",
    "charter:": "lead_this",
    "awards:": "applicant_this",
}
# Known access bugs, each a strict xfail until fixed: (url name, role) -> reason.
NO_REAUTH_BUG: dict[tuple[str, str], str] = {}


def _owner(name, entry) -> str:
    owners = [role for role in OWNERS if role in entry.allow]
    if owners:
        return owners[0]
    return next(role for prefix, role in FALLBACK_OWNER.items() if name.startswith(prefix))


def _cases():
    for name in sorted(MATRIX):
        entry = MATRIX[name]
        if not entry.record:
            continue
        role = _owner(name, entry)
        for fresh in (True, False):
            marks = []
            bug = NO_REAUTH_BUG.get((name, role))
            if bug and not fresh:
                marks.append(pytest.mark.xfail(strict=True, reason=bug))
            label = "reauthenticated" if fresh else "no-reauth"
            yield pytest.param(name, role, fresh, marks=marks, id=f"{name}-{role}-{label}")


def _client(make_client, the_world, role, fresh):
    client = make_client(role)
    if fresh:
        reauthenticate(client, the_world["users"][role])
    return client


def test_every_record_view_has_an_owner_to_try():
    for name, entry in MATRIX.items():
        if entry.record:
            assert _owner(name, entry), name


@pytest.mark.parametrize("name,role,fresh", list(_cases()))
def test_other_record_answers_404(world, as_role, name, role, fresh):  # noqa: F811
    entry = MATRIX[name]
    client = _client(as_role, world, role, fresh)
    url_b = reverse(name, kwargs=entry.kwargs(world["b"]))
    if entry.post_only:
        got = classify(client.post(url_b, {}))
        assert got == "404", f"POST {url_b} (record B) as {role}: expected 404, got {got}"
    else:
        got = classify(client.get(url_b))
        assert got == "404", f"GET {url_b} (record B) as {role}: expected 404, got {got}"
    if role in entry.allow:
        url_a = reverse(name, kwargs=entry.kwargs(world["a"]))
        expected = "method" if entry.post_only else ("ok" if fresh or not entry.reauth else "reauth")
        got = classify(client.get(url_a))
        assert got == expected, f"GET {url_a} (record A) as {role}: expected {expected}, got {got}"


def _mixed(name, role, build):
    return pytest.param(name, role, build, id=f"{name}-{role}")


# Parent of A, child of B: the child must be looked up within the parent.
MIXED = [
    _mixed("groups:member_role", "lead_this", lambda a, b: {"slug": a.group.slug, "pk": b.membership_row.pk}),
    _mixed(
        "groups:member_remove", "lead_this", lambda a, b: {"slug": a.group.slug, "pk": b.membership_row.pk}
    ),
    _mixed("groups:activity_delete", "lead_this", lambda a, b: {"slug": a.group.slug, "pk": b.activity.pk}),
    _mixed("groups:pledge_decide", "lead_this", lambda a, b: {"slug": a.group.slug, "pk": b.pledge.pk}),
    _mixed(
        "returnees:document_download",
        "guardian_this",
        lambda a, b: {"reference": a.case.reference, "document_id": b.document.pk},
    ),
    _mixed(
        "returnees:document_download",
        "coordinator",
        lambda a, b: {"reference": a.case.reference, "document_id": b.document.pk},
    ),
    _mixed(
        "returnees:escalation_acknowledge",
        "coordinator",
        lambda a, b: {"reference": a.case.reference, "escalation_id": b.escalation.pk},
    ),
    _mixed(
        "returnees:escalation_resolve",
        "coordinator",
        lambda a, b: {"reference": a.case.reference, "escalation_id": b.escalation.pk},
    ),
    _mixed(
        "returnees:circle_remove",
        "coordinator",
        lambda a, b: {"reference": a.case.reference, "guardian_id": b.guardian.pk},
    ),
    # Evidence is looked up within the application named in the URL, by every role that may
    # see some evidence: the applicant, staff, and an assessor of A's panel.
    _mixed(
        "awards:evidence",
        "applicant_this",
        lambda a, b: {"pk": a.award_application.pk, "evidence_id": b.evidence.pk},
    ),
    _mixed(
        "awards:evidence",
        "national_staff",
        lambda a, b: {"pk": a.award_application.pk, "evidence_id": b.evidence.pk},
    ),
    _mixed(
        "awards:evidence",
        "assessor_this",
        lambda a, b: {"pk": a.award_application.pk, "evidence_id": b.evidence.pk},
    ),
    _mixed(
        "awards:evidence_delete",
        "applicant_this",
        lambda a, b: {"pk": a.award_draft.pk, "evidence_id": b.evidence.pk},
    ),
    # A criterion of another stream is not part of this application.
    _mixed(
        "awards:answer",
        "applicant_this",
        lambda a, b: {"pk": a.award_draft.pk, "criterion_id": b.evidence.answer.criterion_id},
    ),
]


@pytest.mark.parametrize("name,role,build", MIXED)
def test_child_of_another_record_answers_404(world, as_role, name, role, build):  # noqa: F811
    client = _client(as_role, world, role, True)
    url = reverse(name, kwargs=build(world["a"], world["b"]))
    # GET and an empty POST: one answers 404, the other 404 or 405 (the view's method).
    got = {"GET": classify(client.get(url)), "POST": classify(client.post(url, {}))}
    assert "404" in got.values() and set(got.values()) <= {"404", "method"}, (
        f"{url} as {role}: expected 404, got {got}"
    )
