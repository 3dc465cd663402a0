from __future__ import annotations

import datetime as dt
import zoneinfo
from functools import cache

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events.models import DEFAULT_TIME_ZONE, Event
from events.selectors import FIRST_FILTER_DAY, LAST_FILTER_DAY
from sanctuary.geography import Nation, Region
from sanctuary.widgets import DateInput, PlainSelect

# Far enough ahead for any plan a group makes, near enough that every time converts safely.
MAX_YEARS_AHEAD = 3


@cache
def time_zone_choices() -> list[tuple[str, str]]:
    """Every IANA zone, the UK's first (most events are here; online ones may be anywhere)."""
    zones = sorted(
        z for z in zoneinfo.available_timezones() if "/" in z and not z.startswith(("Etc/", "SystemV/"))
    )
    zones.remove(DEFAULT_TIME_ZONE)
    return [(DEFAULT_TIME_ZONE, _("UK time (Europe/London)")), *[(z, z.replace("_", " ")) for z in zones]]


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%H:%M")


def local_moment(day: dt.date, time: dt.time, zone: zoneinfo.ZoneInfo) -> dt.datetime | None:
    """``day`` at ``time`` on the clocks of ``zone``, aware; None when that time never happens
    there (the hour skipped when the clocks go forward). In the hour that happens twice when
    they go back, the first is meant."""
    moment = dt.datetime.combine(day, time, tzinfo=zone)
    back = moment.astimezone(dt.UTC).astimezone(zone)
    if back.replace(tzinfo=None) != moment.replace(tzinfo=None):
        return None
    return moment


class EventForm(forms.Form):
    """An event as a lead gives it: local date and time in a time zone (UK time unless told)."""

    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("What is it?"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Who it is for, what will happen, whether people need to bring anything."),
    )
    start_date = forms.DateField(label=_("Date"), widget=DateInput())
    start_time = forms.TimeField(label=_("Starts at"), widget=TimeInput())
    end_date = forms.DateField(label=_("Ends on (if not the same day)"), required=False, widget=DateInput())
    end_time = forms.TimeField(label=_("Ends at"), widget=TimeInput())
    time_zone = forms.ChoiceField(
        label=_("Time zone"),
        initial=DEFAULT_TIME_ZONE,
        widget=PlainSelect,
        help_text=_("Leave this on UK time unless the event is elsewhere."),
    )
    place = forms.CharField(
        label=_("Address"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3, "autocomplete": "off"}),
        help_text=_("Where people should go. Leave it empty for an event that is only online."),
    )
    online_url = forms.URLField(
        label=_("Online link"),
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text=_("The link to join online, if people can."),
    )
    accessibility = forms.CharField(
        label=_("Accessibility"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Step-free access, hearing loop, interpreters, quiet space, childcare, travel help..."),
    )
    booking_url = forms.URLField(
        label=_("Booking link"),
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text=_("Where to book a place, if people need to."),
    )

    def __init__(self, *args, event: Event | None = None, **kwargs):
        if event is not None and "initial" not in kwargs:
            kwargs["initial"] = self.initial_for(event)
        super().__init__(*args, **kwargs)
        self.fields["time_zone"].choices = time_zone_choices()
        self.event = event

    @staticmethod
    def initial_for(event: Event) -> dict:
        start, end = event.local_start, event.local_end
        return {
            "title": event.title,
            "description": event.description,
            "start_date": start.date(),
            "start_time": start.time().replace(tzinfo=None),
            "end_date": end.date() if end.date() != start.date() else None,
            "end_time": end.time().replace(tzinfo=None),
            "time_zone": event.time_zone,
            "place": event.place,
            "online_url": event.online_url,
            "accessibility": event.accessibility,
            "booking_url": event.booking_url,
        }

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("place", "").strip() and not cleaned.get("online_url"):
            self.add_error("place", _("Give an address, an online link, or both."))
        zone_name, day, time = cleaned.get("time_zone"), cleaned.get("start_date"), cleaned.get("start_time")
        end_time = cleaned.get("end_time")
        if not (zone_name and day and time and end_time):
            return cleaned
        today = timezone.localdate()
        if not (dt.date(today.year - 1, 1, 1) <= day <= dt.date(today.year + MAX_YEARS_AHEAD, 12, 31)):
            self.add_error("start_date", _("Choose a date within the next three years."))
            return cleaned
        end_day = cleaned.get("end_date") or day
        if end_day < day or (end_day - day).days > 31:
            self.add_error("end_date", _("The last day must be on or after the first, within a month."))
            return cleaned
        zone = zoneinfo.ZoneInfo(zone_name)
        starts_at, ends_at = local_moment(day, time, zone), local_moment(end_day, end_time, zone)
        skipped = _("The clocks go forward at that time, so it does not exist there. Choose another time.")
        if starts_at is None:
            self.add_error("start_time", skipped)
        if ends_at is None:
            self.add_error("end_time", skipped)
        if starts_at is None or ends_at is None:
            return cleaned
        if ends_at <= starts_at:
            self.add_error("end_time", _("The event must end after it starts."))
        elif ends_at <= timezone.now():
            self.add_error(
                "end_time", _("This time has already passed: publish events that are still to come.")
            )
        cleaned["starts_at"], cleaned["ends_at"] = starts_at, ends_at
        return cleaned

    def event_data(self) -> dict:
        """The fields the services take (times aware, in the zone the lead chose)."""
        data = self.cleaned_data
        return {
            "title": data["title"],
            "description": data["description"],
            "starts_at": data["starts_at"],
            "ends_at": data["ends_at"],
            "time_zone": data["time_zone"],
            "place": data["place"].strip(),
            "online_url": data["online_url"],
            "accessibility": data["accessibility"],
            "booking_url": data["booking_url"],
        }


class WhatsOnFilter(forms.Form):
    """The What's on filters; a value that is not a choice or a date is ignored."""

    nation = forms.ChoiceField(
        label=_("Nation"),
        required=False,
        choices=[("", _("All nations")), *Nation.choices],
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    region = forms.ChoiceField(
        label=_("Region"),
        required=False,
        choices=[("", _("All regions")), *Region.choices],
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    starts_from = forms.DateField(
        label=_("From"), required=False, widget=DateInput(attrs={"class": "form-control"})
    )
    starts_until = forms.DateField(
        label=_("Until"), required=False, widget=DateInput(attrs={"class": "form-control"})
    )

    def _clean_day(self, name: str) -> dt.date | None:
        day = self.cleaned_data.get(name)
        if day is not None and not FIRST_FILTER_DAY <= day <= LAST_FILTER_DAY:
            raise forms.ValidationError(_("Choose a date between 2000 and 2100."))
        return day

    def clean_starts_from(self):
        return self._clean_day("starts_from")

    def clean_starts_until(self):
        return self._clean_day("starts_until")

    def values(self) -> dict:
        if self.is_valid():
            return self.cleaned_data
        return {name: self.cleaned_data.get(name) for name in self.fields if name not in self.errors}
