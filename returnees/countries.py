"""Countries people most often return to from the UK (ISO 3166-1 alpha-2 codes).

The code is stored in plain text so pages and statistics can filter by it; the place
within the country is personal and encrypted.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Country(models.TextChoices):
    AF = "AF", _("Afghanistan")
    AL = "AL", _("Albania")
    DZ = "DZ", _("Algeria")
    BD = "BD", _("Bangladesh")
    CM = "CM", _("Cameroon")
    CD = "CD", _("Congo, Democratic Republic of the")
    EG = "EG", _("Egypt")
    ER = "ER", _("Eritrea")
    ET = "ET", _("Ethiopia")
    GM = "GM", _("Gambia")
    GH = "GH", _("Ghana")
    IN = "IN", _("India")
    IR = "IR", _("Iran")
    IQ = "IQ", _("Iraq")
    JM = "JM", _("Jamaica")
    KE = "KE", _("Kenya")
    KW = "KW", _("Kuwait")
    LY = "LY", _("Libya")
    MA = "MA", _("Morocco")
    NG = "NG", _("Nigeria")
    PK = "PK", _("Pakistan")
    PS = "PS", _("Palestine")
    RW = "RW", _("Rwanda")
    SL = "SL", _("Sierra Leone")
    SO = "SO", _("Somalia")
    SS = "SS", _("South Sudan")
    LK = "LK", _("Sri Lanka")
    SD = "SD", _("Sudan")
    SY = "SY", _("Syria")
    TR = "TR", _("Turkey")
    UG = "UG", _("Uganda")
    VN = "VN", _("Vietnam")
    YE = "YE", _("Yemen")
    ZW = "ZW", _("Zimbabwe")
    OTHER = "ZZ", _("Another country")
