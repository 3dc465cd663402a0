"""The identity: every text colour static/css/site.css sets meets WCAG AA on its background.

The colours are read from the stylesheet itself: the palette's custom properties in ``:root``,
resolved through ``var()``, and each rule that sets a text colour paired with the background it
sits on (the same rule's, else the surface its selector starts with, else the page). Bootstrap's
button properties are paired the same way (``--bs-btn-color`` on ``--bs-btn-bg``, and the hover
and pressed states). docs/brand.md lists the palette and these ratios.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import tinycss2
from django.conf import settings

SITE_CSS = Path(settings.BASE_DIR) / "static" / "css" / "site.css"
AA_TEXT = 4.5
AA_NON_TEXT = 3.0
_VAR = re.compile(r"var\(\s*(--[\w-]+)\s*(?:,[^)]*)?\)")


def luminance(hex_colour: str) -> float:
    value = hex_colour.lstrip("#")
    if len(value) == 3:
        value = "".join(c * 2 for c in value)
    channels = [int(value[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _rules() -> list[tuple[list[str], dict[str, str]]]:
    """(selectors, declarations) of every rule, those inside @media included."""
    found = []

    def walk(rules):
        for rule in rules:
            if rule.type == "qualified-rule":
                selectors = [s.strip() for s in tinycss2.serialize(rule.prelude).split(",")]
                declarations = {
                    d.lower_name if not d.name.startswith("--") else d.name: tinycss2.serialize(
                        d.value
                    ).strip()
                    for d in tinycss2.parse_blocks_contents(
                        rule.content, skip_comments=True, skip_whitespace=True
                    )
                    if d.type == "declaration"
                }
                found.append((selectors, declarations))
            elif rule.type == "at-rule" and rule.content is not None:
                walk(tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True))

    walk(tinycss2.parse_stylesheet(SITE_CSS.read_text(), skip_comments=True, skip_whitespace=True))
    return found


def palette() -> dict[str, str]:
    root = {}
    for selectors, declarations in _rules():
        if ":root" in selectors:
            root.update({k: v for k, v in declarations.items() if k.startswith("--")})
    return root


def resolve(value: str, properties: dict[str, str]) -> str:
    for _ in range(10):
        value = _VAR.sub(lambda m: properties[m[1]] if m[1] in properties else m[0], value).strip()
    return value.replace("!important", "").strip()


def text_pairs() -> list[tuple[str, str, str, str]]:
    """(where, text colour, background colour, what the pair is) for every text colour set."""
    properties = palette()
    rules = _rules()
    body_background = resolve("var(--bs-body-bg)", properties)
    surfaces: dict[str, str] = {}
    for selectors, declarations in rules:
        if background := declarations.get("background-color"):
            for selector in selectors:
                surfaces.setdefault(selector, resolve(background, properties))

    def surface_of(selector: str) -> str:
        first = selector.split()[0]
        return surfaces.get(first, body_background)

    pairs = [
        (":root", resolve(f"var({fg})", properties), body_background, fg)
        for fg in (
            "--bs-body-color",
            "--bs-link-color",
            "--bs-link-hover-color",
            "--bs-secondary-color",
            "--bs-heading-color",
        )
    ]
    for selectors, declarations in rules:
        for selector in selectors:
            if (colour := declarations.get("color")) and "inherit" not in colour:
                background = declarations.get("background-color")
                bg = resolve(background, properties) if background else surface_of(selector)
                pairs.append((selector, resolve(colour, properties), bg, "color"))
            for state in ("", "hover-", "active-"):
                fg, bg = declarations.get(f"--bs-btn-{state}color"), declarations.get(f"--bs-btn-{state}bg")
                if fg and bg:
                    pairs.append(
                        (
                            selector,
                            resolve(fg, properties),
                            resolve(bg, properties),
                            f"button {state or 'rest'}",
                        )
                    )
    return pairs


def test_the_palette_is_declared_once_as_custom_properties_and_used_through_them():
    colours = {k: v for k, v in palette().items() if k.startswith("--cos-") and v.startswith("#")}
    assert {"--cos-ink", "--cos-paper", "--cos-harbour", "--cos-amber", "--cos-link", "--cos-focus"} <= set(
        colours
    )
    # Outside :root, every colour is a palette property, never a literal.
    for selectors, declarations in _rules():
        if ":root" in selectors:
            continue
        for name, value in declarations.items():
            assert not re.search(r"#[0-9a-fA-F]{3,6}\b", value), f"{selectors} {name}: {value}"


def test_every_text_colour_the_site_sets_meets_wcag_aa_on_its_background():
    pairs = text_pairs()
    where = {selector for selector, *_ in pairs}
    # The parse found the header, the footer, the home page's surfaces and the buttons.
    assert {
        ".site-header",
        ".site-footer",
        ".hero",
        ".route",
        ".btn-primary",
        ".btn-outline-primary",
    } <= where
    assert len(pairs) >= 20
    failures = [
        f"{selector} ({what}): {fg} on {bg} = {contrast(fg, bg):.2f}"
        for selector, fg, bg, what in pairs
        if not fg.startswith("#") or not bg.startswith("#") or contrast(fg, bg) < AA_TEXT
    ]
    assert failures == []


@pytest.mark.parametrize(
    ("what", "colour", "background"),
    [
        ("field and radio button edges", "--cos-control", "--cos-paper"),
        ("focus ring's dark edge", "--cos-ink", "--cos-paper"),
        ("focus ring on the header", "--cos-focus", "--cos-harbour"),
        ("focus ring on the footer", "--cos-focus", "--cos-harbour-deep"),
    ],
)
def test_outlines_people_must_see_have_3_to_1_against_what_is_behind_them(what, colour, background):
    properties = palette()
    assert contrast(properties[colour], properties[background]) >= AA_NON_TEXT, what


def test_the_contrast_tables_in_docs_brand_md_are_the_palettes_own_figures():
    doc = (Path(settings.BASE_DIR) / "docs" / "brand.md").read_text()
    rows = re.findall(
        r"^\|[^|]*`(#[0-9a-f]{6})`[^|]*\|[^|]*`(#[0-9a-f]{6})`[^|]*\|(?:[^|]*\|)? ([\d.]+) \|$", doc, re.M
    )
    assert len(rows) >= 12
    colours = set(palette().values())
    for fg, bg, ratio in rows:
        assert {fg, bg} <= colours, (fg, bg)
        assert f"{contrast(fg, bg):.2f}" == ratio, (fg, bg, ratio)
