"""Signed links sent by email: recording an outcome, confirming a pledge, unsubscribing.

Each kind has its own salt, so a token made for one purpose is useless for another.
"""

from __future__ import annotations

from django.conf import settings
from django.core import signing

_OUTCOME = "campaigns.outcome"
_PLEDGE = "campaigns.pledge-confirm"
_UNSUBSCRIBE = "campaigns.unsubscribe"


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
