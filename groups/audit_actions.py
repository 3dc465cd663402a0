"""Every audit action the groups app (groups and the charter) writes:
``groups.<thing>_<past participle>``."""

ACTIONS = (
    "groups.application_submitted",
    "groups.application_approved",
    "groups.application_declined",
    "groups.group_created",
    "groups.group_updated",
    "groups.contact_message_received",
    "groups.contact_messages_purged",
    "groups.member_joined",
    "groups.invitation_sent",
    "groups.invitation_accepted",
    "groups.member_role_changed",
    "groups.member_removed",
    "groups.activity_recorded",
    "groups.activity_deleted",
    "groups.charter_published",
    "groups.charter_signed",
    "groups.signature_repeat_refused",
    "groups.unconfirmed_signature_replaced",
    "groups.signature_confirmed",
    "groups.unconfirmed_signatures_purged",
    "groups.signatures_exported",
    "groups.pledge_submitted",
    "groups.pledge_approved",
    "groups.pledge_declined",
)
