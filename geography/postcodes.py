"""Reading what people type as a postcode, through ``uk-postcodes-parsing`` (no hand regex).

A full postcode comes back in its standard form ("AB10 1AB"); an outward code alone ("AB10")
is accepted too, for people who would rather not give their full postcode.
"""

from __future__ import annotations

from dataclasses import dataclass

from uk_postcodes_parsing import postcode_utils


@dataclass(frozen=True)
class PostcodeInput:
    outward: str
    full: str = ""  # empty when only an outward code was given

    @property
    def text(self) -> str:
        return self.full or self.outward


def postcode_parse(text: str) -> PostcodeInput | None:
    """The postcode or outward code in ``text``, normalised; None when it is neither."""
    compact = postcode_utils.sanitize(text or "").strip()
    # The library's patterns use \d, which also matches non-ASCII digits: those are no postcode.
    if not compact or len(compact) > 8 or not compact.isascii():
        return None
    if postcode_utils.is_valid(compact):
        full = postcode_utils.to_normalised(compact)
        if full:
            return PostcodeInput(outward=full.split(" ")[0], full=full)
    if postcode_utils.is_valid_outcode(compact):
        return PostcodeInput(outward=compact)
    return None


def postcode_normalise(text: str) -> str | None:
    """A full postcode in standard form, or None: used by the importer for each row."""
    compact = postcode_utils.sanitize(text or "")
    if not compact or len(compact) > 8 or not compact.isascii() or not postcode_utils.is_valid(compact):
        return None
    return postcode_utils.to_normalised(compact)
