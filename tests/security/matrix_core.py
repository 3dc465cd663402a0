"""Matrix entries for the core views (sanctuary app)."""

from tests.security.matrix import PUBLIC, SIGNED_IN, Entry, roles

MATRIX = {
    "home": Entry(lambda s: {}, PUBLIC),
    "dashboard": Entry(lambda s: {}, SIGNED_IN),
    "healthz": Entry(lambda s: {}, PUBLIC),
    "system_status": Entry(lambda s: {}, roles("national_staff")),
    "staff_invitations": Entry(lambda s: {}, roles("national_staff")),
    "staff_invitation_resend": Entry(
        lambda s: {"pk": s.staff_invitation.pk}, roles("national_staff"), post_only=True
    ),
    # GET asks for confirmation; the revocation itself needs a confirmed POST.
    "staff_invitation_revoke": Entry(lambda s: {"pk": s.staff_invitation.pk}, roles("national_staff")),
    # The signed link is the capability: anybody holding it sees the welcome (a signed-in person
    # with another address is told to sign out; only the invited address can accept).
    "staff_invitation_accept": Entry(lambda s: {"token": s.staff_invitation_token}, PUBLIC),
    "staff_onboarding_ready": Entry(lambda s: {}, SIGNED_IN),
    # Everyone's own data (issue 18): the page, the download and deleting the account are about
    # the signed-in person only; the download and the deletion first ask for the password again.
    "my_data": Entry(lambda s: {}, SIGNED_IN),
    "my_data_download": Entry(lambda s: {}, SIGNED_IN, reauth=True),
    "account_delete": Entry(lambda s: {}, SIGNED_IN, reauth=True),
    # The person's own language (issue 19): the page, and the header's switch for a signed-in person.
    "account_language": Entry(lambda s: {}, SIGNED_IN),
    "privacy": Entry(lambda s: {}, PUBLIC),
    "accessibility": Entry(lambda s: {}, PUBLIC),
    "robots_txt": Entry(lambda s: {}, PUBLIC),
    "sitemap": Entry(lambda s: {}, PUBLIC),
    # Atom feeds of what the public pages show (issue 21): groups, awards, actions.
    "feed": Entry(lambda s: {"name": "groups"}, PUBLIC),
    # The open data package (issue 21): what the public pages show, as CSV and JSON.
    "open_data": Entry(lambda s: {}, PUBLIC),
    "open_data_package": Entry(lambda s: {}, PUBLIC),
    "open_data_csv": Entry(lambda s: {"name": "groups"}, PUBLIC),
    "open_data_json": Entry(lambda s: {"name": "award-holders"}, PUBLIC),
    "security_txt": Entry(lambda s: {}, PUBLIC),
    "favicon": Entry(lambda s: {}, PUBLIC),
    # The signed link from a recurring email: a GET only shows the button.
    "unsubscribe": Entry(lambda s: {"token": s.digest_unsubscribe_token}, PUBLIC),
}
