"""Matrix entries for the local authority network."""

from tests.security.matrix import PUBLIC, SIGNED_IN, Entry, roles

COUNCIL = roles("applicant_this", "national_staff")
MEMBERS = roles("applicant_this", "applicant_other", "national_staff")
STAFF = roles("national_staff")


def _draft(s):
    return {"pk": s.draft.pk}


def _membership(s):
    return {"pk": s.membership.pk}


MATRIX = {
    "la_network:register": Entry(lambda s: {}, PUBLIC),
    "la_network:members_csv": Entry(lambda s: {}, PUBLIC),
    "la_network:members_json": Entry(lambda s: {}, PUBLIC),
    # The check page of a certificate: anyone with the code printed on it.
    "la_network:verify": Entry(lambda s: {"code": s.membership.verification_code}, PUBLIC),
    "la_network:apply": Entry(lambda s: {}, SIGNED_IN),
    "la_network:application": Entry(_draft, COUNCIL, record=True),
    "la_network:application_check": Entry(_draft, COUNCIL, record=True),
    "la_network:application_document": Entry(
        lambda s: {"pk": s.application.pk, "kind": "motion"}, COUNCIL, record=True
    ),
    "la_network:application_section": Entry(
        lambda s: {"pk": s.draft.pk, "section": "motion"}, COUNCIL, record=True
    ),
    "la_network:endorsements": Entry(lambda s: {}, SIGNED_IN),
    "la_network:endorsement": Entry(lambda s: {"pk": s.endorsement.pk}, roles("lead_this"), record=True),
    "la_network:membership_renew": Entry(_membership, COUNCIL, post_only=True, record=True),
    "la_network:certificate": Entry(_membership, COUNCIL, record=True),
    "la_network:logo": Entry(_membership, COUNCIL, record=True),
    # The peer network and the working group are for member councils (any) and staff.
    "la_network:network": Entry(lambda s: {}, MEMBERS),
    "la_network:working_group": Entry(lambda s: {}, MEMBERS),
    "la_network:working_group_leave": Entry(lambda s: {"pk": s.working_group.pk}, STAFF, post_only=True),
    "la_network:staff_dashboard": Entry(lambda s: {}, STAFF),
    "la_network:review_list": Entry(lambda s: {}, STAFF),
    "la_network:review": Entry(_draft, STAFF),
    "la_network:review_decide": Entry(_draft, STAFF, post_only=True),
}
