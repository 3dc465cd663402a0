"""Matrix entries for the Sanctuary Awards.

Applicants are the contacts of an organisation ("applicant_this" for organisation A); an
assessor sees only the panel seats they hold ("assessor_this" sits on the panel of A's
application, "assessor_other" on B's only); the lead of group A answers the endorsement
request of A's application. Staff read every application but change none of an applicant's.
"""

from tests.security.matrix import PUBLIC, SIGNED_IN, Entry, roles

OWN = roles("applicant_this")
OWN_OR_STAFF = roles("applicant_this", "national_staff")
APPLICANTS = roles("applicant_this", "applicant_other")
STAFF = roles("national_staff")


def _stream(s):
    return {"slug": s.award.stream.slug}


def _in_review(s):
    return {"pk": s.award_application.pk}


def _draft(s):
    return {"pk": s.award_draft.pk}


def _award(s):
    return {"pk": s.award.pk}


def _evidence(s):
    return {"pk": s.award_application.pk, "evidence_id": s.evidence.pk}


MATRIX = {
    "awards:index": Entry(lambda s: {}, PUBLIC),
    "awards:stream": Entry(_stream, PUBLIC),
    "awards:verify": Entry(lambda s: {"code": s.award.verification_code}, PUBLIC),
    # Starting needs an organisation: anybody else signed in is told how to get linked (403).
    "awards:apply": Entry(_stream, APPLICANTS, denied="403"),
    "awards:interest": Entry(_stream, APPLICANTS, denied="403"),
    # Lists scoped to the person: everyone signed in gets their own (possibly empty) page.
    "awards:application_list": Entry(lambda s: {}, SIGNED_IN),
    "awards:review_list": Entry(lambda s: {}, SIGNED_IN),
    "awards:application": Entry(_in_review, OWN_OR_STAFF, record=True),
    # Changes are the organisation's own: staff who may read the application cannot edit it.
    "awards:answer": Entry(
        lambda s: {"pk": s.award_draft.pk, "criterion_id": s.award_criterion.pk}, OWN, record=True
    ),
    "awards:commitments": Entry(_draft, OWN, record=True),
    "awards:check": Entry(_draft, OWN, record=True),
    "awards:withdraw": Entry(_in_review, OWN, record=True),
    "awards:evidence_delete": Entry(_evidence, OWN, post_only=True, record=True),
    # Evidence: the applicant, staff, and the assessors on that application's panel only.
    "awards:evidence": Entry(
        _evidence, roles("applicant_this", "national_staff", "assessor_this"), record=True
    ),
    "awards:certificate": Entry(_award, OWN_OR_STAFF, record=True),
    "awards:logo": Entry(_award, OWN_OR_STAFF, record=True),
    "awards:reaccredit": Entry(_award, OWN, post_only=True, record=True),
    "awards:endorsement": Entry(lambda s: {"pk": s.award_endorsement.pk}, roles("lead_this"), record=True),
    "awards:review": Entry(lambda s: {"pk": s.panel_seat.pk}, roles("assessor_this"), record=True),
    "awards:staff_overview": Entry(lambda s: {}, STAFF),
    "awards:staff_applications": Entry(lambda s: {}, STAFF),
    "awards:staff_export": Entry(lambda s: {}, STAFF, reauth=True),
    "awards:staff_application": Entry(_in_review, STAFF, record=True),
}
