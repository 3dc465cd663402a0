"""Every audit action the core writes: ``sanctuary.<thing>_<past participle>``."""

ACTIONS = (
    "sanctuary.account_created",
    "sanctuary.account_updated",
    "sanctuary.account_deleted",
    "sanctuary.role_granted",
    "sanctuary.role_revoked",
    "sanctuary.invitation_sent",
    "sanctuary.invitation_reissued",
    "sanctuary.invitation_revoked",
    "sanctuary.invitation_accepted",
    "sanctuary.invitation_link_refused",
    "sanctuary.encryption_keys_rotated",
    "sanctuary.privacy_notice_published",
    "sanctuary.failed_logins_notified",
    "sanctuary.language_preference_set",
)
