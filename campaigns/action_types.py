"""The action types the platform starts with. Staff can edit these and add more in the admin.

Guidance is our own short advice; the data migration creates any type that is missing
(it never overwrites a type staff have edited).
"""

from __future__ import annotations

STANCE = [
    ["supportive", "Supportive"],
    ["neutral", "Neutral or non-committal"],
    ["unsupportive", "Unsupportive"],
]
YES_NO = [["yes", "Yes"], ["no", "No"]]

DEFAULT_TYPES: list[dict] = [
    {
        "slug": "write-to-mp",
        "name": "Write to your MP or a candidate",
        "progress_step": "write_to_mp",
        "guidance": (
            "Write in your own words: a short personal letter stands out far more than a template. "
            "Say you live in the constituency, explain in a sentence or two why this matters to you, "
            "and end with one clear request, such as meeting you or speaking up on a named issue. "
            "Keep it to a page and be courteous, even if you expect to disagree."
        ),
        "detail_fields": [
            {"name": "recipient", "label": "MP or candidate's name", "kind": "text", "required": True},
            {"name": "constituency", "label": "Constituency", "kind": "text", "required": True},
            {"name": "sent_on", "label": "Date sent", "kind": "date", "required": True},
            {
                "name": "method",
                "label": "How you sent it",
                "kind": "choice",
                "choices": [["letter", "Letter"], ["email", "Email"], ["form", "Website form"]],
            },
        ],
        "outcome_fields": [
            {
                "name": "reply",
                "label": "Did you get a reply?",
                "kind": "choice",
                "required": True,
                "choices": YES_NO,
            },
            {"name": "reply_on", "label": "Date of the reply", "kind": "date"},
            {"name": "stance", "label": "How did the reply read?", "kind": "choice", "choices": STANCE},
        ],
        "rate_field": "reply",
        "rate_value": "yes",
        "breakdown_field": "constituency",
    },
    {
        "slug": "local-press-letter",
        "name": "Letter to the local press",
        "progress_step": "local_media",
        "guidance": (
            "Local papers print letters from readers who live nearby. React to something the paper "
            "has just covered, lead with a local story or shared value rather than a list of facts, "
            "and keep it under 250 words. Include your name and town so it can be printed."
        ),
        "detail_fields": [
            {"name": "publication", "label": "Newspaper or website", "kind": "text", "required": True},
            {"name": "sent_on", "label": "Date sent", "kind": "date", "required": True},
        ],
        "outcome_fields": [
            {
                "name": "published",
                "label": "Was it published?",
                "kind": "choice",
                "required": True,
                "choices": YES_NO,
            },
            {"name": "published_on", "label": "Date published", "kind": "date"},
        ],
        "rate_field": "published",
        "rate_value": "yes",
        "breakdown_field": "publication",
    },
    {
        "slug": "visual-stunt",
        "name": "Visual stunt",
        "progress_step": "make_poster",
        "guidance": (
            "A striking picture can travel further than a speech. Plan one simple image that tells the "
            "story without words, check you have permission for the place, take good photos and only "
            "share faces of people who have agreed to it."
        ),
        "detail_fields": [
            {"name": "description", "label": "What you did", "kind": "text", "required": True},
            {"name": "people", "label": "Roughly how many people took part", "kind": "number"},
        ],
        "outcome_fields": [],
    },
    {
        "slug": "community-event",
        "name": "Community event",
        "progress_step": "join_event",
        "guidance": (
            "Events that bring neighbours together, such as a shared meal, a film, a walk or a talk "
            "by someone with lived experience, build the personal connections that change minds. "
            "Invite people beyond the usual circle and think about access and safety."
        ),
        "detail_fields": [
            {"name": "event_name", "label": "Event name", "kind": "text", "required": True},
            {"name": "attendance", "label": "Roughly how many came", "kind": "number"},
        ],
        "outcome_fields": [],
    },
    {
        "slug": "meet-mp",
        "name": "Meet your MP (surgery)",
        "progress_step": "meet_mp",
        "guidance": (
            "Book a slot at your MP's surgery and go with one or two others if you can. Prepare a "
            "short personal pitch and a single clear ask. Afterwards, write to thank them and repeat "
            "what they agreed to do."
        ),
        "detail_fields": [
            {"name": "recipient", "label": "MP's name", "kind": "text", "required": True},
            {"name": "constituency", "label": "Constituency", "kind": "text", "required": True},
        ],
        "outcome_fields": [
            {
                "name": "commitment",
                "label": "Did they agree to do something?",
                "kind": "choice",
                "required": True,
                "choices": YES_NO,
            },
            {"name": "stance", "label": "How did they respond?", "kind": "choice", "choices": STANCE},
        ],
        "rate_field": "commitment",
        "rate_value": "yes",
        "breakdown_field": "constituency",
    },
    {
        "slug": "hustings-question",
        "name": "Question at a hustings",
        "progress_step": "meet_mp",
        "guidance": (
            "At a hustings every candidate hears your question in public. Keep it short and open, "
            "ask what they would do rather than what they think, and bring a friend to ask a "
            "follow-up if the answer dodges the point."
        ),
        "detail_fields": [
            {"name": "constituency", "label": "Constituency", "kind": "text", "required": True},
            {"name": "question", "label": "Your question", "kind": "text"},
        ],
        "outcome_fields": [],
    },
    {
        "slug": "conversation",
        "name": "Conversation with a friend or family member",
        "progress_step": "talk_to_someone",
        "guidance": (
            "Most people trust those they know. Listen first, ask what safety and home mean to them, "
            "share why you care in your own words and do not try to win the argument: planting a "
            "seed of doubt is enough."
        ),
        "detail_fields": [
            {
                "name": "with_whom",
                "label": "Who you spoke with",
                "kind": "choice",
                "required": True,
                "choices": [
                    ["family", "Family"],
                    ["friend", "Friend"],
                    ["colleague", "Colleague"],
                    ["neighbour", "Neighbour"],
                    ["other", "Someone else"],
                ],
            },
        ],
        "outcome_fields": [],
    },
    {
        "slug": "social-media-post",
        "name": "Social media post",
        "progress_step": "",
        "guidance": (
            "Share a story or a photo from your area and say why it matters to you. Lead with hope "
            "and shared values, do not repeat the myths you want to counter, and never share "
            "details that could identify someone seeking sanctuary without their consent."
        ),
        "detail_fields": [
            {"name": "platform", "label": "Where you posted", "kind": "text", "required": True},
        ],
        "outcome_fields": [],
    },
]
