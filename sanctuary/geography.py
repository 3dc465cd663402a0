"""The UK's nations and the English regions, shared by every app that places things."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Nation(models.TextChoices):
    ENGLAND = "england", _("England")
    SCOTLAND = "scotland", _("Scotland")
    WALES = "wales", _("Wales")
    NORTHERN_IRELAND = "northern_ireland", _("Northern Ireland")


class Region(models.TextChoices):
    """English regions; Scotland, Wales and Northern Ireland are each their own region."""

    NORTH_EAST = "north_east", _("North East")
    NORTH_WEST = "north_west", _("North West")
    YORKSHIRE = "yorkshire_humber", _("Yorkshire and the Humber")
    EAST_MIDLANDS = "east_midlands", _("East Midlands")
    WEST_MIDLANDS = "west_midlands", _("West Midlands")
    EAST = "east_of_england", _("East of England")
    LONDON = "london", _("London")
    SOUTH_EAST = "south_east", _("South East")
    SOUTH_WEST = "south_west", _("South West")
    SCOTLAND = "scotland", _("Scotland")
    WALES = "wales", _("Wales")
    NORTHERN_IRELAND = "northern_ireland", _("Northern Ireland")


REGION_NATION: dict[str, str] = {
    **{r.value: Nation.ENGLAND.value for r in list(Region)[:9]},
    Region.SCOTLAND.value: Nation.SCOTLAND.value,
    Region.WALES.value: Nation.WALES.value,
    Region.NORTHERN_IRELAND.value: Nation.NORTHERN_IRELAND.value,
}

# The names used in mySociety's register, mapped to our codes.
REGISTER_NATIONS = {label: value for value, label in Nation.choices}
REGISTER_REGIONS = {
    "North East": Region.NORTH_EAST,
    "North West": Region.NORTH_WEST,
    "Yorkshire and The Humber": Region.YORKSHIRE,
    "East Midlands": Region.EAST_MIDLANDS,
    "West Midlands": Region.WEST_MIDLANDS,
    "East of England": Region.EAST,
    "London": Region.LONDON,
    "South East": Region.SOUTH_EAST,
    "South West": Region.SOUTH_WEST,
    "Scotland": Region.SCOTLAND,
    "Wales": Region.WALES,
    "Northern Ireland": Region.NORTHERN_IRELAND,
}
