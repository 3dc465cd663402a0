"""Matrix entries for campaigns. "supporter" is the plain user who took action A."""

from campaigns import tokens as campaign_tokens
from tests.security.matrix import PUBLIC, SIGNED_IN, Entry, roles

STAFF = roles("national_staff")


def _campaign(s):
    return {"slug": s.campaign.slug}


MATRIX = {
    "campaigns:index": Entry(lambda s: {}, PUBLIC),
    "campaigns:progress": Entry(lambda s: {}, SIGNED_IN),
    "campaigns:mine": Entry(lambda s: {}, SIGNED_IN),
    "campaigns:preferences": Entry(lambda s: {}, SIGNED_IN, post_only=True),
    "campaigns:guidance": Entry(lambda s: {}, PUBLIC),
    "campaigns:dashboard": Entry(lambda s: {}, STAFF),
    "campaigns:export": Entry(lambda s: {}, STAFF, reauth=True),
    "campaigns:group_figures": Entry(
        lambda s: {"slug": s.group.slug}, roles("lead_this", "national_staff"), record=True
    ),
    "campaigns:outcome": Entry(lambda s: {"token": s.outcome_token}, roles("supporter"), record=True),
    "campaigns:unsubscribe": Entry(lambda s: {"token": s.unsubscribe_token}, PUBLIC),
    "campaigns:pledge_confirm": Entry(lambda s: {"token": s.pledge_token}, PUBLIC),
    "campaigns:pledge_manage": Entry(
        lambda s: {"token": campaign_tokens.pledge_manage_token(s.pledge_signature)}, PUBLIC
    ),
    # A public URL of a private photo: strangers, signed in or not, get 404.
    "campaigns:photo": Entry(
        lambda s: {"pk": s.action.pk},
        roles("supporter", "national_staff"),
        anonymous="404",
        record=True,
    ),
    # The author of an action, and national staff, correct or delete it; GET on delete asks first.
    "campaigns:action_edit": Entry(
        lambda s: {"pk": s.action.pk}, roles("supporter", "national_staff"), record=True
    ),
    "campaigns:action_delete": Entry(
        lambda s: {"pk": s.action.pk}, roles("supporter", "national_staff"), record=True
    ),
    "campaigns:detail": Entry(_campaign, PUBLIC),
    "campaigns:act": Entry(_campaign, SIGNED_IN),
    "campaigns:pledge": Entry(_campaign, PUBLIC),
}
