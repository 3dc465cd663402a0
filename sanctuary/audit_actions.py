"""Every audit action the core writes: ``sanctuary.<thing>_<past participle>``."""

ACTIONS = ("sanctuary.encryption_keys_rotated",)
