"""Every audit action the Local Authority Network writes: ``la_network.<thing>_<past participle>``."""

ACTIONS = (
    "la_network.register_imported",
    "la_network.application_started",
    "la_network.section_saved",
    "la_network.endorsement_requested",
    "la_network.endorsement_endorsed",
    "la_network.endorsement_declined",
    "la_network.endorsement_waived",
    "la_network.application_submitted",
    "la_network.review_started",
    "la_network.requirement_reviewed",
    "la_network.changes_requested",
    "la_network.application_approved",
    "la_network.application_declined",
    "la_network.contact_verified",
    "la_network.membership_started",
    "la_network.renewal_started",
    "la_network.membership_lapsed",
    "la_network.certificate_generated",
    "la_network.working_group_joined",
    "la_network.working_group_left",
)
