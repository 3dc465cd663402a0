"""Matrix entries for the core views (sanctuary app)."""

from tests.security.matrix import PUBLIC, SIGNED_IN, Entry, roles

MATRIX = {
    "home": Entry(lambda s: {}, PUBLIC),
    "dashboard": Entry(lambda s: {}, SIGNED_IN),
    "healthz": Entry(lambda s: {}, PUBLIC),
    "system_status": Entry(lambda s: {}, roles("national_staff")),
}
