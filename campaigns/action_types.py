"""The action types the platform starts with. Staff can edit these and add more in the admin.

Guidance is our own short advice; the data migration creates any type that is missing
(it never overwrites a type staff have edited). Each has its Welsh beside the English
(``name_cy``, ``guidance_cy``, and ``label_cy``/``choices_cy`` in its field definitions), shown
on Welsh pages and emails (sanctuary.i18n.localised).
"""

from __future__ import annotations

STANCE = [
    ["supportive", "Supportive"],
    ["neutral", "Neutral or non-committal"],
    ["unsupportive", "Unsupportive"],
]
STANCE_CY = [
    ["supportive", "Cefnogol"],
    ["neutral", "Niwtral neu heb ymrwymo"],
    ["unsupportive", "Anghefnogol"],
]
YES_NO = [["yes", "Yes"], ["no", "No"]]
# Welsh answers a past-tense question ("A gawsoch ateb?") with "Do" or "Naddo"; every yes/no
# question below is asked in the past.
YES_NO_CY = [["yes", "Do"], ["no", "Naddo"]]

DEFAULT_TYPES: list[dict] = [
    {
        "slug": "write-to-mp",
        "name": "Write to your MP or a candidate",
        "name_cy": "Ysgrifennu at eich AS neu ymgeisydd",
        "progress_step": "write_to_mp",
        "guidance": (
            "Write in your own words: a short personal letter stands out far more than a template. "
            "Say you live in the constituency, explain in a sentence or two why this matters to you, "
            "and end with one clear request, such as meeting you or speaking up on a named issue. "
            "Keep it to a page and be courteous, even if you expect to disagree."
        ),
        "guidance_cy": (
            "Ysgrifennwch yn eich geiriau eich hun: mae llythyr personol byr yn sefyll allan yn llawer mwy "
            "na thempled. Dywedwch eich bod yn byw yn yr etholaeth, eglurwch mewn brawddeg neu ddwy pam "
            "mae hyn yn bwysig i chi, a gorffennwch gydag un cais clir, megis cyfarfod â chi neu godi "
            "llais ar fater penodol. Cadwch ef i un dudalen a byddwch yn gwrtais, hyd yn oed os ydych yn "
            "disgwyl anghytuno."
        ),
        "detail_fields": [
            {
                "name": "recipient",
                "label": "MP or candidate's name",
                "label_cy": "Enw'r AS neu'r ymgeisydd",
                "kind": "text",
                "required": True,
            },
            {
                "name": "constituency",
                "label": "Constituency",
                "label_cy": "Etholaeth",
                "kind": "text",
                "required": True,
            },
            {
                "name": "sent_on",
                "label": "Date sent",
                "label_cy": "Dyddiad anfon",
                "kind": "date",
                "required": True,
            },
            {
                "name": "method",
                "label": "How you sent it",
                "label_cy": "Sut y gwnaethoch ei anfon",
                "kind": "choice",
                "choices": [["letter", "Letter"], ["email", "Email"], ["form", "Website form"]],
                "choices_cy": [["letter", "Llythyr"], ["email", "E-bost"], ["form", "Ffurflen ar wefan"]],
            },
        ],
        "outcome_fields": [
            {
                "name": "reply",
                "label": "Did you get a reply?",
                "label_cy": "A gawsoch ateb?",
                "kind": "choice",
                "required": True,
                "choices": YES_NO,
                "choices_cy": YES_NO_CY,
            },
            {"name": "reply_on", "label": "Date of the reply", "label_cy": "Dyddiad yr ateb", "kind": "date"},
            {
                "name": "stance",
                "label": "How did the reply read?",
                "label_cy": "Sut oedd naws yr ateb?",
                "kind": "choice",
                "choices": STANCE,
                "choices_cy": STANCE_CY,
            },
        ],
        "rate_field": "reply",
        "rate_value": "yes",
        "breakdown_field": "constituency",
    },
    {
        "slug": "local-press-letter",
        "name": "Letter to the local press",
        "name_cy": "Llythyr i'r wasg leol",
        "progress_step": "local_media",
        "guidance": (
            "Local papers print letters from readers who live nearby. React to something the paper "
            "has just covered, lead with a local story or shared value rather than a list of facts, "
            "and keep it under 250 words. Include your name and town so it can be printed."
        ),
        "guidance_cy": (
            "Mae papurau lleol yn cyhoeddi llythyrau gan ddarllenwyr sy'n byw gerllaw. Ymatebwch i rywbeth "
            "y mae'r papur newydd ei drafod, dechreuwch gyda stori leol neu werth cyffredin yn hytrach na "
            "rhestr o ffeithiau, a chadwch ef o dan 250 gair. Rhowch eich enw a'ch tref fel y gellir ei "
            "gyhoeddi."
        ),
        "detail_fields": [
            {
                "name": "publication",
                "label": "Newspaper or website",
                "label_cy": "Papur newydd neu wefan",
                "kind": "text",
                "required": True,
            },
            {
                "name": "sent_on",
                "label": "Date sent",
                "label_cy": "Dyddiad anfon",
                "kind": "date",
                "required": True,
            },
        ],
        "outcome_fields": [
            {
                "name": "published",
                "label": "Was it published?",
                "label_cy": "A gafodd ei gyhoeddi?",
                "kind": "choice",
                "required": True,
                "choices": YES_NO,
                "choices_cy": YES_NO_CY,
            },
            {
                "name": "published_on",
                "label": "Date published",
                "label_cy": "Dyddiad cyhoeddi",
                "kind": "date",
            },
        ],
        "rate_field": "published",
        "rate_value": "yes",
        "breakdown_field": "publication",
    },
    {
        "slug": "visual-stunt",
        "name": "Visual stunt",
        "name_cy": "Stynt gweledol",
        "progress_step": "make_poster",
        "guidance": (
            "A striking picture can travel further than a speech. Plan one simple image that tells the "
            "story without words, check you have permission for the place, take good photos and only "
            "share faces of people who have agreed to it."
        ),
        "guidance_cy": (
            "Gall llun trawiadol deithio ymhellach nag araith. Cynlluniwch un ddelwedd syml sy'n adrodd y "
            "stori heb eiriau, gwnewch yn siŵr fod gennych ganiatâd i ddefnyddio'r lle, tynnwch luniau da "
            "a rhannwch wynebau pobl sydd wedi cytuno i hynny yn unig."
        ),
        "detail_fields": [
            {
                "name": "description",
                "label": "What you did",
                "label_cy": "Beth a wnaethoch",
                "kind": "text",
                "required": True,
            },
            {
                "name": "people",
                "label": "Roughly how many people took part",
                "label_cy": "Tua faint o bobl a gymerodd ran",
                "kind": "number",
            },
        ],
        "outcome_fields": [],
    },
    {
        "slug": "community-event",
        "name": "Community event",
        "name_cy": "Digwyddiad cymunedol",
        "progress_step": "join_event",
        "guidance": (
            "Events that bring neighbours together, such as a shared meal, a film, a walk or a talk "
            "by someone with lived experience, build the personal connections that change minds. "
            "Invite people beyond the usual circle and think about access and safety."
        ),
        "guidance_cy": (
            "Mae digwyddiadau sy'n dod â chymdogion at ei gilydd, fel pryd o fwyd ar y cyd, ffilm, taith "
            "gerdded neu sgwrs gan rywun â phrofiad bywyd, yn meithrin y cysylltiadau personol sy'n newid "
            "meddyliau. Gwahoddwch bobl y tu hwnt i'r cylch arferol a meddyliwch am hygyrchedd a "
            "diogelwch."
        ),
        "detail_fields": [
            {
                "name": "event_name",
                "label": "Event name",
                "label_cy": "Enw'r digwyddiad",
                "kind": "text",
                "required": True,
            },
            {
                "name": "attendance",
                "label": "Roughly how many came",
                "label_cy": "Tua faint a ddaeth",
                "kind": "number",
            },
        ],
        "outcome_fields": [],
    },
    {
        "slug": "meet-mp",
        "name": "Meet your MP (surgery)",
        "name_cy": "Cyfarfod â'ch AS (cymhorthfa)",
        "progress_step": "meet_mp",
        "guidance": (
            "Book a slot at your MP's surgery and go with one or two others if you can. Prepare a "
            "short personal pitch and a single clear ask. Afterwards, write to thank them and repeat "
            "what they agreed to do."
        ),
        "guidance_cy": (
            "Trefnwch amser yng nghymhorthfa eich AS ac ewch gydag un neu ddau arall os gallwch. Paratowch "
            "neges bersonol fer ac un cais clir. Wedyn, ysgrifennwch i ddiolch iddynt ac ailadroddwch yr "
            "hyn y gwnaethant gytuno i'w wneud."
        ),
        "detail_fields": [
            {
                "name": "recipient",
                "label": "MP's name",
                "label_cy": "Enw'r AS",
                "kind": "text",
                "required": True,
            },
            {
                "name": "constituency",
                "label": "Constituency",
                "label_cy": "Etholaeth",
                "kind": "text",
                "required": True,
            },
        ],
        "outcome_fields": [
            {
                "name": "commitment",
                "label": "Did they agree to do something?",
                "label_cy": "A wnaethant gytuno i wneud rhywbeth?",
                "kind": "choice",
                "required": True,
                "choices": YES_NO,
                "choices_cy": YES_NO_CY,
            },
            {
                "name": "stance",
                "label": "How did they respond?",
                "label_cy": "Sut y gwnaethant ymateb?",
                "kind": "choice",
                "choices": STANCE,
                "choices_cy": STANCE_CY,
            },
        ],
        "rate_field": "commitment",
        "rate_value": "yes",
        "breakdown_field": "constituency",
    },
    {
        "slug": "hustings-question",
        "name": "Question at a hustings",
        "name_cy": "Cwestiwn mewn cyfarfod hystings",
        "progress_step": "meet_mp",
        "guidance": (
            "At a hustings every candidate hears your question in public. Keep it short and open, "
            "ask what they would do rather than what they think, and bring a friend to ask a "
            "follow-up if the answer dodges the point."
        ),
        "guidance_cy": (
            "Mewn cyfarfod hystings mae pob ymgeisydd yn clywed eich cwestiwn yn gyhoeddus. Cadwch ef yn "
            "fyr ac yn agored, gofynnwch beth y byddent yn ei wneud yn hytrach na beth y maent yn ei "
            "feddwl, a dewch â ffrind i ofyn cwestiwn dilynol os yw'r ateb yn osgoi'r pwynt."
        ),
        "detail_fields": [
            {
                "name": "constituency",
                "label": "Constituency",
                "label_cy": "Etholaeth",
                "kind": "text",
                "required": True,
            },
            {"name": "question", "label": "Your question", "label_cy": "Eich cwestiwn", "kind": "text"},
        ],
        "outcome_fields": [],
    },
    {
        "slug": "conversation",
        "name": "Conversation with a friend or family member",
        "name_cy": "Sgwrs gyda ffrind neu aelod o'r teulu",
        "progress_step": "talk_to_someone",
        "guidance": (
            "Most people trust those they know. Listen first, ask what safety and home mean to them, "
            "share why you care in your own words and do not try to win the argument: planting a "
            "seed of doubt is enough."
        ),
        "guidance_cy": (
            "Mae'r rhan fwyaf o bobl yn ymddiried yn y rhai y maent yn eu hadnabod. Gwrandewch yn gyntaf, "
            "gofynnwch beth mae diogelwch a chartref yn ei olygu iddynt, rhannwch pam mae hyn yn bwysig i "
            "chi yn eich geiriau eich hun a pheidiwch â cheisio ennill y ddadl: mae plannu hedyn o "
            "amheuaeth yn ddigon."
        ),
        "detail_fields": [
            {
                "name": "with_whom",
                "label": "Who you spoke with",
                "label_cy": "Gyda phwy y buoch yn siarad",
                "kind": "choice",
                "required": True,
                "choices": [
                    ["family", "Family"],
                    ["friend", "Friend"],
                    ["colleague", "Colleague"],
                    ["neighbour", "Neighbour"],
                    ["other", "Someone else"],
                ],
                "choices_cy": [
                    ["family", "Teulu"],
                    ["friend", "Ffrind"],
                    ["colleague", "Cydweithiwr"],
                    ["neighbour", "Cymydog"],
                    ["other", "Rhywun arall"],
                ],
            },
        ],
        "outcome_fields": [],
    },
    {
        "slug": "social-media-post",
        "name": "Social media post",
        "name_cy": "Neges ar y cyfryngau cymdeithasol",
        "progress_step": "",
        "guidance": (
            "Share a story or a photo from your area and say why it matters to you. Lead with hope "
            "and shared values, do not repeat the myths you want to counter, and never share "
            "details that could identify someone seeking sanctuary without their consent."
        ),
        "guidance_cy": (
            "Rhannwch stori neu lun o'ch ardal a dywedwch pam mae'n bwysig i chi. Dechreuwch gyda gobaith "
            "a gwerthoedd cyffredin, peidiwch ag ailadrodd y mythau yr ydych am eu gwrthbrofi, a pheidiwch "
            "byth â rhannu manylion a allai ddatgelu pwy yw rhywun sy'n ceisio noddfa heb ei ganiatâd."
        ),
        "detail_fields": [
            {
                "name": "platform",
                "label": "Where you posted",
                "label_cy": "Ble y gwnaethoch ei phostio",
                "kind": "text",
                "required": True,
            },
        ],
        "outcome_fields": [],
    },
]
