"""Every audit action the resource library writes (sanctuary/audit.py)."""

ACTIONS = (
    "resources.resource_created",
    "resources.resource_updated",
    "resources.resource_archived",
    "resources.resource_restored",
    "resources.resource_deleted",
    "resources.topic_created",
    "resources.topic_updated",
    "resources.topic_deleted",
    "resources.suggestion_made",
    "resources.suggestion_approved",
    "resources.suggestion_declined",
    "resources.links_checked",
)
