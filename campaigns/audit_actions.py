"""Every audit action the campaigns app writes: ``campaigns.<thing>_<past participle>``."""

ACTIONS = (
    "campaigns.action_type_created",
    "campaigns.action_type_updated",
    "campaigns.campaign_created",
    "campaigns.campaign_updated",
    "campaigns.action_logged",
    "campaigns.outcome_recorded",
    "campaigns.action_updated",
    "campaigns.action_deleted",
    "campaigns.follow_up_preference_set",
    "campaigns.progress_ticked",
    "campaigns.progress_unticked",
    "campaigns.pledge_signed",
    "campaigns.pledge_confirmed",
    "campaigns.pledge_deleted",
    "campaigns.pledge_withdrawn",
)
