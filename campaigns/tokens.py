"""Signed links sent by email: recording an outcome, confirming a pledge, unsubscribing.

Each kind has its own salt, so a token made for one purpose is useless for another.
"""

from __future__ import annotations

from django.conf import settings
from django.core import signing

_OUTCOME = "campaigns.outcome"
_PLEDGE = "campaigns.pledge-confirm"
_UNSUBSCRIBE = "campaigns.unsubscribe"
# The withdraw link in every email about a pledge signature: it names only the row, and works for
# as long as the row exists (withdrawing deletes the row, and the link with it).
_PLEDGE_MANAGE = "campaigns.pledge-manage"


def outcome_token(action) -> str:
    return signing.dumps({"a": action.pk, "u": action.user_id}, salt=_OUTCOME, compress=True)


def outcome_read(token: str) -> dict:
    """Return {"a": action id, "u": owner id}; raises signing.BadSignature (or SignatureExpired)."""
    max_age = settings.CAMPAIGN_OUTCOME_LINK_DAYS * 86400
    return signing.loads(token, salt=_OUTCOME, max_age=max_age)


def pledge_token(signature) -> str:
    return signing.dumps({"s": signature.pk, "e": signature.email}, salt=_PLEDGE, compress=True)


def pledge_read(token: str) -> dict:
    max_age = settings.CAMPAIGN_PLEDGE_CONFIRM_DAYS * 86400
    return signing.loads(token, salt=_PLEDGE, max_age=max_age)


def unsubscribe_token(user) -> str:
    return signing.dumps({"u": user.pk}, salt=_UNSUBSCRIBE)


def unsubscribe_read(token: str) -> dict:
    return signing.loads(token, salt=_UNSUBSCRIBE)


def pledge_manage_token(signature) -> str:
    return signing.dumps({"s": signature.pk}, salt=_PLEDGE_MANAGE)


def pledge_manage_read(token: str) -> int | None:
    """The signature id a withdraw link names, or None when the link is not ours."""
    try:
        data = signing.loads(token, salt=_PLEDGE_MANAGE)
    except signing.BadSignature:
        return None
    pk = data.get("s") if isinstance(data, dict) else None
    return pk if isinstance(pk, int) else None
