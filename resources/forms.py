from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from awards.models import Stream
from resources.models import Resource, Topic, review_by_default
from sanctuary.forms import must_choose
from sanctuary.i18n import localised
from sanctuary.uploads import IMAGE, PDF, SafeFileField

FILE_OR_LINK = _("Give either a file or a link, not both.")


class FileOrLinkMixin:
    """Exactly one of an uploaded file or an external link (an existing file counts as given)."""

    existing_file = False

    def clean(self):
        cleaned = super().clean()
        url, upload = cleaned.get("url"), cleaned.get("upload")
        if "upload" in self.errors or "url" in self.errors:
            return cleaned
        if url and upload:
            self.add_error("url", FILE_OR_LINK)
        elif not url and not upload and not self.existing_file:
            self.add_error("upload", _("Upload a file or give a link."))
        return cleaned


class ResourceForm(FileOrLinkMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(
        label=_("Summary"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("In our own words: what it is and who it helps. Do not paste the source's text."),
    )
    upload = SafeFileField(
        label=_("File (PDF or image)"),
        kinds=(PDF, IMAGE),
        required=False,
        help_text=_("A new file replaces the link or the file held now."),
    )
    url = forms.URLField(
        label=_("Or a link to it"),
        max_length=500,
        required=False,
        assume_scheme="https",
        help_text=_("A link replaces the file held now."),
    )
    streams = forms.ModelMultipleChoiceField(
        label=_("Award streams"),
        queryset=Stream.objects.order_by("order", "name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The resource appears in the pack of each stream ticked."),
    )
    topics = forms.ModelMultipleChoiceField(
        label=_("Topics"), queryset=Topic.objects.all(), required=False, widget=forms.CheckboxSelectMultiple
    )
    audience = must_choose(
        forms.ChoiceField(label=_("Who can see it"), choices=Resource.Audience.choices),
        _("Choose who can see this resource."),
    )
    review_by = forms.DateField(
        label=_("Review by"),
        initial=review_by_default,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Staff see the resource flagged after this date, to check it is still right."),
    )

    def __init__(self, *args, resource: Resource | None = None, **kwargs):
        if resource is not None:
            kwargs.setdefault(
                "initial",
                {
                    "title": resource.title,
                    "summary": resource.summary,
                    "url": resource.url,
                    "streams": list(resource.streams.all()),
                    "topics": list(resource.topics.all()),
                    "audience": resource.audience,
                    "review_by": resource.review_by,
                },
            )
            self.existing_file = bool(resource.file)
        super().__init__(*args, **kwargs)

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "data": {f: data[f] for f in ("title", "summary", "audience", "review_by")},
            "streams": data["streams"],
            "topics": data["topics"],
            "url": data["url"],
            "upload": data["upload"] or None,
        }


class SuggestionForm(FileOrLinkMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(
        label=_("What it is and why it would help other groups"), widget=forms.Textarea(attrs={"rows": 4})
    )
    url = forms.URLField(label=_("Link"), max_length=500, required=False, assume_scheme="https")
    upload = SafeFileField(label=_("Or a file (PDF or image)"), kinds=(PDF, IMAGE), required=False)


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Sent to the person who suggested it."),
    )

    def clean_reason(self) -> str:
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise ValidationError(_("Give a reason so the person knows why."))
        return reason


class LibraryFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), max_length=100, required=False)
    stream = forms.ModelChoiceField(
        label=_("Award stream"),
        queryset=Stream.objects.filter(is_published=True).order_by("order", "name"),
        to_field_name="slug",
        required=False,
        empty_label=_("All streams"),
    )
    topic = forms.ModelChoiceField(
        label=_("Topic"),
        queryset=Topic.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("All topics"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stream"].label_from_instance = lambda stream: localised(stream, "name")
