"""Signed links sent by email: recording an outcome, confirming a pledge, unsubscribing.

Each kind has its own salt, so a token made for one purpose is useless for another. A signed
token is only base64, readable by anyone who sees the link (a proxy's or a server's log), so
it carries row ids and never an email address or a name.
"""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.utils.crypto import constant_time_compare, salted_hmac

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


def _address_check(email: str) -> str:
    """A keyed digest of the address: the link stops working if the signature's address
    changes (or is erased), without the link revealing the address."""
    return salted_hmac(_PLEDGE, email.strip().lower(), algorithm="sha256").hexdigest()[:20]


def pledge_token(signature) -> str:
    return signing.dumps({"s": signature.pk, "h": _address_check(signature.email)}, salt=_PLEDGE)


def pledge_address_matches(claim: dict, email: str) -> bool:
    """Whether a pledge token's claim was made for ``email``."""
    if "e" in claim:  # links sent before tokens stopped carrying the address; they expire soon
        return constant_time_compare(str(claim["e"]), email)
    return constant_time_compare(str(claim.get("h", "")), _address_check(email))


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
