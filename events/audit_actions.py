"""Every audit action the events app writes: ``events.<thing>_<past participle>``."""

ACTIONS = (
    "events.event_created",
    "events.event_updated",
    "events.event_cancelled",
    "events.event_activity_recorded",
)
