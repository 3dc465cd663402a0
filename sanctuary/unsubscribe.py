"""Stopping a recurring email with one click (RFC 2369 ``List-Unsubscribe``, RFC 8058 one-click).

Every bulk or recurring email (a group's weekly digest, campaign follow-ups) carries its
recipient's own unsubscribe link, in the body and in the ``List-Unsubscribe`` header with
``List-Unsubscribe-Post: List-Unsubscribe=One-Click``, so a mail program can offer an
"unsubscribe" button that POSTs to it. The link's token is signed and names only the account id
and the topic: it never expires (an old email must still let someone stop the next one) and
holds no address or name. Apps declare their topics through the ``email_topics`` hook.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils.functional import Promise

from sanctuary import hooks

_SALT = "sanctuary.unsubscribe"


@dataclass(frozen=True)
class Topic:
    """A kind of recurring email: ``stop(user=..., request=...)`` is the service that ends it."""

    key: str
    name: str | Promise
    stop: Callable[..., Any]


def topics() -> dict[str, Topic]:
    return {topic.key: topic for provider in hooks.providers("email_topics") for topic in provider()}


def unsubscribe_token(*, user_id: int, topic: str) -> str:
    return signing.dumps({"u": user_id, "t": topic}, salt=_SALT)


def unsubscribe_read(token: str) -> tuple[int, str]:
    """The account id and topic a link names; raises ``signing.BadSignature`` for a bad link."""
    data = signing.loads(token, salt=_SALT)
    if not isinstance(data, dict) or not isinstance(data.get("u"), int) or not isinstance(data.get("t"), str):
        raise signing.BadSignature("Unexpected unsubscribe payload")
    return data["u"], data["t"]


def unsubscribe_url(*, user_id: int, topic: str) -> str:
    return settings.SITE_URL + reverse("unsubscribe", args=[unsubscribe_token(user_id=user_id, topic=topic)])


def unsubscribe_headers(url: str) -> dict[str, str]:
    """The headers of a recurring email whose unsubscribe link is ``url`` (an https URL in production)."""
    return {"List-Unsubscribe": f"<{url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
