"""Every audit action the geography register writes: ``geography.<thing>_<past participle>``."""

ACTIONS = (
    "geography.postcodes_imported",
    "geography.members_imported",
)
