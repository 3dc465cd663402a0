"""Matrix entries for the public JSON API and its page (issue 21): public data, open to all."""

from tests.security.matrix import PUBLIC, Entry

MATRIX = {
    "api:index": Entry(lambda s: {}, PUBLIC),
    "api:openapi": Entry(lambda s: {}, PUBLIC),
    "api:list": Entry(lambda s: {"name": "groups"}, PUBLIC),
    "api:detail": Entry(lambda s: {"name": "groups", "key": s.group.slug}, PUBLIC),
}
