"""Reads of the geography register: a postcode's place, council, constituency and MP, the
groups near it, and local figures. Each function runs a fixed number of queries."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from django.db.models import Avg, Count, ExpressionWrapper, F, FloatField, Prefetch
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone

from geography.models import MP, Constituency, Postcode
from geography.postcodes import PostcodeInput, postcode_parse

EARTH_RADIUS_KM = 6371.0
NEAREST_GROUPS = 5


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


@dataclass
class Place:
    """What the register knows of a postcode or outward code."""

    query: PostcodeInput
    found: bool = False
    latitude: float | None = None
    longitude: float | None = None
    council_codes: list[str] = field(default_factory=list)
    constituency_codes: list[str] = field(default_factory=list)

    @property
    def has_point(self) -> bool:
        return self.latitude is not None and self.longitude is not None


def place_for(query: PostcodeInput) -> Place:
    """The point and areas of a postcode, or of every postcode in an outward code (2 queries)."""
    rows = (
        Postcode.objects.filter(code=query.full)
        if query.full
        else Postcode.objects.filter(outward=query.outward)
    )
    place = Place(query=query)
    centre = rows.aggregate(n=Count("code"), lat=Avg("latitude"), lon=Avg("longitude"))
    if not centre["n"]:
        return place
    place.found = True
    place.latitude, place.longitude = centre["lat"], centre["lon"]
    areas = rows.values_list("council_gss", "constituency_code").distinct()
    for council, constituency in areas:
        if council and council not in place.council_codes:
            place.council_codes.append(council)
        if constituency and constituency not in place.constituency_codes:
            place.constituency_codes.append(constituency)
    place.council_codes.sort()
    place.constituency_codes.sort()
    return place


def point_for_postcode(text: str) -> tuple[float | None, float | None]:
    """Latitude and longitude of a postcode or outward code; (None, None) when unknown."""
    query = postcode_parse(text or "")
    if query is None:
        return None, None
    place = place_for(query)
    return place.latitude, place.longitude


def area_for_postcode(text: str) -> tuple[str, str]:
    """The council and constituency GSS codes of a postcode, when it names exactly one of each."""
    query = postcode_parse(text or "")
    if query is None:
        return "", ""
    place = place_for(query)
    council = place.council_codes[0] if len(place.council_codes) == 1 else ""
    constituency = place.constituency_codes[0] if len(place.constituency_codes) == 1 else ""
    return council, constituency


def constituencies_with_mp(codes) -> list[Constituency]:
    """Constituencies by code, each with ``current_mps`` (the sitting MP first), in 2 queries."""
    sitting = MP.objects.filter(to_date__isnull=True).order_by("-from_date", "name")
    return list(
        Constituency.objects.filter(code__in=list(codes))
        .prefetch_related(Prefetch("members", queryset=sitting, to_attr="current_mps"))
        .order_by("name")
    )


def all_constituencies() -> list[tuple[str, str]]:
    return list(Constituency.objects.order_by("name").values_list("code", "name"))


@dataclass
class NearMe:
    place: Place
    councils: list = field(default_factory=list)
    member_council_ids: set[int] = field(default_factory=set)
    covering_groups: list = field(default_factory=list)
    nearest: list[tuple] = field(default_factory=list)  # (group, km)
    council_choices: list = field(default_factory=list)  # when the postcode is not placed


def near_me(query: PostcodeInput, *, council_code: str = "") -> NearMe:
    """The councils a postcode is in (or the one chosen from the list), whether each is a
    network member, the groups covering them and the nearest groups with a location."""
    from groups.models import Group
    from la_network.models import LocalAuthority
    from la_network.selectors import active_memberships

    result = NearMe(place=place_for(query))
    codes = list(result.place.council_codes)
    if not codes:
        result.council_choices = list(
            LocalAuthority.objects.filter(is_current=True).order_by("short_name").only("code", "short_name")
        )
        chosen = next((c for c in result.council_choices if c.code == council_code), None)
        if chosen is not None:
            result.councils = [chosen]
    if codes:
        result.councils = list(LocalAuthority.objects.filter(gss_code__in=codes, is_current=True))
    if result.councils:
        ids = [c.pk for c in result.councils]
        result.member_council_ids = set(
            active_memberships(timezone.localdate())
            .filter(local_authority_id__in=ids)
            .values_list("local_authority_id", flat=True)
        )
        result.covering_groups = list(
            Group.objects.filter(local_authorities__in=ids)
            .exclude(status=Group.Status.CLOSED)
            .distinct()
            .order_by("name")[:20]
        )
    if result.place.has_point:
        result.nearest = nearest_groups(result.place.latitude, result.place.longitude)
    return result


def nearest_groups(latitude: float, longitude: float, *, limit: int = NEAREST_GROUPS) -> list[tuple]:
    """The ``limit`` open groups nearest the point, with their distance in km (1 query).

    A group is where its meeting postcode is; a group that gave none is placed at the centre
    of the councils it covers (the register's points), so it is still found, and the page says
    the distance is to that area (``group.placed_by_council``).

    The database orders groups by a flat-earth distance (degrees of longitude shrunk by the
    cosine of the latitude: plain arithmetic, so PostgreSQL and SQLite alike) and returns a few
    more than needed; the great-circle distance of those few ranks them exactly.
    """
    from groups.models import Group

    shrink = math.cos(math.radians(latitude)) ** 2
    point_lat = Coalesce(F("latitude"), Cast(Avg("local_authorities__latitude"), FloatField()))
    point_lon = Coalesce(F("longitude"), Cast(Avg("local_authorities__longitude"), FloatField()))
    dlat, dlon = F("point_lat") - latitude, F("point_lon") - longitude
    candidates = (
        Group.objects.exclude(status=Group.Status.CLOSED)
        .annotate(point_lat=point_lat, point_lon=point_lon)
        .filter(point_lat__isnull=False, point_lon__isnull=False)
        .annotate(flat=ExpressionWrapper(dlat * dlat + dlon * dlon * shrink, output_field=FloatField()))
        .order_by("flat", "pk")
        .only("name", "slug", "area_served", "latitude", "longitude")[: limit * 3]
    )
    ranked = []
    for group in candidates:
        group.placed_by_council = group.latitude is None or group.longitude is None
        ranked.append((group, haversine_km(latitude, longitude, group.point_lat, group.point_lon)))
    ranked.sort(key=lambda pair: pair[1])
    return ranked[:limit]


def area_names(council_codes, constituency_codes) -> tuple[dict[str, str], dict[str, str]]:
    from la_network.models import LocalAuthority

    councils = dict(
        LocalAuthority.objects.filter(gss_code__in=list(council_codes)).values_list("gss_code", "short_name")
    )
    constituencies = dict(
        Constituency.objects.filter(code__in=list(constituency_codes)).values_list("code", "name")
    )
    return councils, constituencies


def counts_by_area(queryset, *, council_field: str, constituency_field: str) -> dict[str, list[tuple]]:
    """Rows of ``queryset`` counted by council and by constituency, named, largest first."""
    by_council = list(
        queryset.exclude(**{council_field: ""})
        .values_list(council_field)
        .annotate(n=Count("pk"))
        .order_by("-n")
    )
    by_constituency = list(
        queryset.exclude(**{constituency_field: ""})
        .values_list(constituency_field)
        .annotate(n=Count("pk"))
        .order_by("-n")
    )
    councils, constituencies = area_names([c for c, _ in by_council], [c for c, _ in by_constituency])
    return {
        "councils": [(code, councils.get(code, code), n) for code, n in by_council],
        "constituencies": [(code, constituencies.get(code, code), n) for code, n in by_constituency],
    }


@dataclass
class MPLookup:
    """The constituencies a postcode may be in, each with its sitting MP (``current_mps``)."""

    place: Place
    constituencies: list[Constituency] = field(default_factory=list)

    @property
    def single(self) -> Constituency | None:
        return self.constituencies[0] if len(self.constituencies) == 1 else None

    def initial(self, prefix: str) -> dict:
        """Form values to pre-fill: the constituency and its MP, when the postcode names one."""
        constituency = self.single
        if constituency is None:
            return {}
        values = {"constituency_code": constituency.code, f"{prefix}constituency": constituency.name}
        if constituency.current_mp is not None:
            values[f"{prefix}recipient"] = constituency.current_mp.name
        return values


def mp_lookup(query: PostcodeInput) -> MPLookup:
    """A postcode's constituency (or, for an outward code, its several) and MPs (4 queries)."""
    place = place_for(query)
    return MPLookup(place=place, constituencies=constituencies_with_mp(place.constituency_codes))
