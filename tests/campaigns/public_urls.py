"""URL names of the campaigns app that anonymous visitors may open."""

PUBLIC = {
    "campaigns:index",
    "campaigns:detail",
    "campaigns:guidance",
    "campaigns:pledge",
    "campaigns:pledge_confirm",
    "campaigns:unsubscribe",
    "campaigns:photo",
    "campaigns:pledge_manage",
}
