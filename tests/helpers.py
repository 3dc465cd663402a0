"""Small helpers shared by tests across apps."""

from __future__ import annotations

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation


def page_queries(client, url: str) -> int:
    """How many queries a successful GET of ``url`` runs (the page must answer 200)."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    return len(captured)


def get_in(client, url_name: str, *args, language: str, query: str = ""):
    """GET the named page in ``language``: its /cy/ address for Welsh."""
    with translation.override(language):
        return client.get(reverse(url_name, args=args) + query)


def queries_by_language(client, url_name: str, *args) -> dict[str, int]:
    """How many queries the named page runs in Welsh and in English, each with a cold cache:
    a Welsh page must ask the database no more than the English one."""
    counts = {}
    for language in ("cy", "en-gb"):
        cache.clear()
        with translation.override(language):
            url = reverse(url_name, args=args)
        counts[language] = page_queries(client, url)
    return counts


class QueryCounter:
    """An execute wrapper that counts queries without the 9,000 ceiling of CaptureQueriesContext:
    ``with connection.execute_wrapper(counter): ...``."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def reauthenticate(client, user) -> None:
    """Mark the client's session as recently re-authenticated, as allauth's page does."""
    import time

    session = client.session
    session["account_authentication_methods"] = [
        {"method": "password", "at": time.time(), "reauthenticated": True}
    ]
    session["account_authentication_methods_user"] = str(user.pk)
    session.save()


def settle_session(client) -> None:
    """Make the signed-in session's first request, so query counts start from a settled one.

    A session's first page records what later ones reuse for a while: a staff session's start
    and the header's relationship roles (see sanctuary.middleware and context_processors).
    """
    from django.contrib.auth import SESSION_KEY
    from django.urls import reverse

    if SESSION_KEY not in client.session:
        return  # a visitor: nothing to settle
    assert client.get(reverse("account_email")).status_code == 200


def response_text(response) -> str:
    """The body of a response as text, streamed (CSV exports) or not."""
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode()
    return response.content.decode()
