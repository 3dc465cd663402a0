"""Demo resources: a few curated items, a topic list and a lead's suggestion waiting for staff.

Everything here is written for the demo; links point at example.org, which answers nothing real.
"""

from __future__ import annotations

from awards.models import Stream
from resources import services
from resources.models import Resource, Suggestion, Topic

TOPICS = [
    ("welcome", "Welcome and hospitality"),
    ("mental-health", "Mental health and wellbeing"),
    ("speaking-up", "Speaking up and campaigning"),
    ("learning", "Learning about sanctuary"),
]

# (title, summary, link, streams, topics, audience)
RESOURCES = [
    (
        "Starting a welcome conversation in class",
        "A short plan for a first lesson about why people seek safety, with questions that let "
        "children share their own stories of moving home if they want to.",
        "https://example.org/resources/welcome-lesson",
        ["schools"],
        ["learning", "welcome"],
        Resource.Audience.PUBLIC,
    ),
    (
        "Making a library a place of welcome",
        "Ideas a library team can try in a month: conversation groups, a shelf of stories from "
        "people who found sanctuary here, and help with forms and digital access.",
        "https://example.org/resources/library-welcome",
        ["libraries"],
        ["welcome"],
        Resource.Audience.PUBLIC,
    ),
    (
        "Supporting students who are seeking sanctuary",
        "How a university can set up scholarships, fee waivers and a named contact, and what "
        "students told us made the biggest difference in their first term.",
        "https://example.org/resources/university-support",
        ["universities", "colleges"],
        ["learning"],
        Resource.Audience.PUBLIC,
    ),
    (
        "Trauma-aware care in maternity services",
        "A checklist for midwives and health visitors: interpreters by default, time to explain "
        "choices, and signposting to local groups after the birth.",
        "https://example.org/resources/maternity-care",
        ["maternity", "health"],
        ["mental-health"],
        Resource.Audience.MEMBERS,
    ),
    (
        "Writing to your MP: a guide for groups",
        "Steps for a group letter to an MP, with tips on sharing real experience safely and "
        "following up after a reply.",
        "https://example.org/resources/write-to-your-mp",
        [],
        ["speaking-up"],
        Resource.Audience.MEMBERS,
    ),
]


def seed(ctx) -> None:
    staff = ctx.users["staff"]
    topics = {}
    for slug, name in TOPICS:
        topic = Topic.objects.filter(slug=slug).first()
        if topic is None:
            topic = services.topic_save(topic=Topic(slug=slug, name=name), actor=staff)
        topics[slug] = topic
    streams = {s.slug: s for s in Stream.objects.all()}
    for title, summary, url, stream_slugs, topic_slugs, audience in RESOURCES:
        if Resource.objects.filter(title=title).exists():
            continue
        services.resource_create(
            actor=staff,
            data={"title": title, "summary": summary, "audience": audience},
            streams=[streams[s] for s in stream_slugs if s in streams],
            topics=[topics[t] for t in topic_slugs],
            url=url,
        )
    lead = ctx.users["lead1"]
    title = "Riverton's guide to running a drop-in café"
    if not Suggestion.objects.filter(suggested_by=lead, title=title).exists():
        services.suggestion_make(
            user=lead,
            title=title,
            summary="What we learned running a weekly café: volunteers' rota, food safety and how we "
            "make new arrivals feel at home from the first visit.",
            url="https://example.org/riverton/cafe-guide",
        )
