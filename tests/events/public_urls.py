PUBLIC = {
    "events:whats_on",
    "events:calendar",
    "events:detail",
    "events:detail_ics",
    "events:group_calendar",
}
