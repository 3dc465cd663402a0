"""A small fixed-window rate limit in the shared cache, for public forms that send email.

Without it, the public charter, contact and pledge forms could be used to flood someone's
inbox.
"""

from __future__ import annotations

import hashlib

from django.core.cache import cache


def hit(scope: str, identity: str, *, limit: int, window_seconds: int) -> bool:
    """Count one attempt; return True while ``identity`` is within ``limit`` per window."""
    digest = hashlib.sha256(identity.strip().lower().encode()).hexdigest()[:32]
    key = f"rl:{scope}:{digest}"
    # add() only sets the key when absent, so the window starts at the first attempt.
    cache.add(key, 0, window_seconds)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, window_seconds)
        count = 1
    return count <= limit
