"""Matrix entries for groups and the charter."""

from groups import services as group_services
from tests.security.matrix import PUBLIC, SIGNED_IN, Entry, roles

LEAD = roles("lead_this", "national_staff")
STAFF = roles("national_staff")


def _slug(s):
    return {"slug": s.group.slug}


MATRIX = {
    "groups:digest_preference": Entry(lambda s: {}, SIGNED_IN),
    "groups:directory": Entry(lambda s: {}, PUBLIC),
    "groups:apply": Entry(lambda s: {}, SIGNED_IN),
    "groups:applications": Entry(lambda s: {}, STAFF),
    "groups:application_decide": Entry(lambda s: {"pk": s.group_application.pk}, STAFF, record=True),
    # The signed token is the capability: any signed-in user may open the page it names.
    "groups:invitation_accept": Entry(lambda s: {"token": s.invitation_token}, SIGNED_IN),
    "groups:detail": Entry(_slug, PUBLIC),
    "groups:logo": Entry(_slug, PUBLIC),
    "groups:contact": Entry(_slug, PUBLIC),
    "groups:join": Entry(_slug, SIGNED_IN, post_only=True),
    "groups:leave": Entry(_slug, SIGNED_IN, post_only=True),
    "groups:workspace": Entry(_slug, LEAD, record=True),
    "groups:edit": Entry(_slug, LEAD, record=True),
    "groups:invite": Entry(_slug, LEAD, record=True),
    "groups:member_role": Entry(
        lambda s: {"slug": s.group.slug, "pk": s.membership_row.pk},
        LEAD,
        post_only=True,
        record=True,
    ),
    # GET shows the confirmation page (sanctuary.confirm), as a POST without confirmed=yes does.
    "groups:member_remove": Entry(
        lambda s: {"slug": s.group.slug, "pk": s.membership_row.pk}, LEAD, record=True
    ),
    "groups:activities": Entry(_slug, LEAD, record=True),
    "groups:activity_edit": Entry(lambda s: {"slug": s.group.slug, "pk": s.activity.pk}, LEAD, record=True),
    "groups:activity_delete": Entry(lambda s: {"slug": s.group.slug, "pk": s.activity.pk}, LEAD, record=True),
    "groups:pledge_decide": Entry(lambda s: {"slug": s.group.slug, "pk": s.pledge.pk}, LEAD, record=True),
    # Outsiders get 404 before any re-authentication prompt (fixed after this matrix found it).
    "groups:export": Entry(_slug, LEAD, reauth=True, record=True),
    "charter:sign": Entry(lambda s: {}, PUBLIC),
    "charter:edit": Entry(lambda s: {}, STAFF),
    "charter:thanks": Entry(lambda s: {}, PUBLIC),
    # A bad token shows the "link not valid" page to anybody.
    "charter:confirm": Entry(lambda s: {"token": "not-a-token"}, PUBLIC),
    # The signed link is the capability (issue 18): whoever holds it may withdraw or correct.
    "charter:signature": Entry(
        lambda s: {"token": group_services.signature_manage_token(s.signature)}, PUBLIC
    ),
    "charter:pledge": Entry(lambda s: {"token": group_services.pledge_manage_token(s.pledge)}, PUBLIC),
    "charter:organisations": Entry(lambda s: {}, PUBLIC),
    "charter:organisation_sign": Entry(lambda s: {}, PUBLIC),
    "charter:pledges": Entry(lambda s: {}, STAFF),
    "charter:pledge_decide": Entry(lambda s: {"pk": s.pledge.pk}, STAFF, record=True),
    "charter:supporter_logo": Entry(
        lambda s: {"slug": s.organisation.slug}, roles("applicant_this"), record=True
    ),
    "charter:export": Entry(lambda s: {}, STAFF, reauth=True),
}
