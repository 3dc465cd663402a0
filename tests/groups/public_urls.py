PUBLIC = {
    "groups:directory",
    "groups:detail",
    "groups:logo",
    "groups:contact",
    "charter:sign",
    "charter:thanks",
    "charter:confirm",
    "charter:organisations",
    "charter:organisation_sign",
    "charter:signature",
    "charter:pledge",
}
