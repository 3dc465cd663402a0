from __future__ import annotations

import itertools

import factory
from django.core.files.uploadedfile import SimpleUploadedFile

from resources import services
from resources.models import Resource, Topic
from sanctuary.uploads import clean_upload

_numbers = itertools.count(1)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic

    name = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.Sequence(lambda n: f"topic-{n}")


def make_resource(
    actor,
    *,
    title: str = "",
    summary: str = "How to welcome people.",
    audience: str = Resource.Audience.PUBLIC,
    url: str = "",
    file: bool = False,
    streams=(),
    topics=(),
) -> Resource:
    title = title or f"A welcome pack {next(_numbers)}"
    upload = clean_upload(SimpleUploadedFile("guide.pdf", PDF)) if file else None
    return services.resource_create(
        actor=actor,
        data={"title": title, "summary": summary, "audience": audience},
        streams=streams,
        topics=topics,
        url=url or ("" if file else "https://example.org/pack"),
        upload=upload,
    )
