"""The starting set of streams and their criteria (written for this platform).

Loaded by ``manage.py awards_load_streams`` and the demo seeder; afterwards national staff
manage them in the admin. Each has its name, award title, summary and how to apply in Welsh too
(``*_cy``), shown on Welsh pages, emails and certificates. Each criterion: (principle, title,
description, minimum?); its Welsh title and description are in ``CRITERIA_CY``.
"""

from __future__ import annotations

L, E, S = "learn", "embed", "share"

STREAMS: list[dict] = [
    {
        "slug": "schools",
        "name": "Schools",
        "award_title": "School of Sanctuary",
        "summary": "For primary, secondary and special schools that make pupils and families seeking "
        "sanctuary feel they belong.",
        "name_cy": "Ysgolion",
        "award_title_cy": "Ysgol Noddfa",
        "summary_cy": (
            "Ar gyfer ysgolion cynradd, uwchradd ac arbennig sy'n gwneud i ddisgyblion a theuluoedd sy'n "
            "ceisio noddfa deimlo eu bod yn perthyn."
        ),
        "criteria": [
            (
                L,
                "Pupils and staff learn about sanctuary",
                "Lessons or assemblies help pupils understand why people are forced to leave their homes and "
                "what seeking sanctuary in the UK involves.",
                True,
            ),
            (
                L,
                "Staff training",
                "Staff who work with new arrivals have had training on trauma, language "
                "support and the asylum system.",
                True,
            ),
            (
                E,
                "A welcome for new families",
                "The school has a clear way of welcoming families who arrive "
                "mid-year, including interpreting and a named contact.",
                True,
            ),
            (
                E,
                "Pupil voice",
                "Pupils seeking sanctuary are able to shape what the school does, if they wish to.",
                False,
            ),
            (
                S,
                "Sharing with the wider community",
                "The school shares its learning with parents, other "
                "schools or the local group, for example at an open event.",
                True,
            ),
        ],
    },
    {
        "slug": "universities",
        "name": "Universities",
        "award_title": "University of Sanctuary",
        "summary": "For universities that open their doors to students and academics seeking sanctuary.",
        "name_cy": "Prifysgolion",
        "award_title_cy": "Prifysgol Noddfa",
        "summary_cy": (
            "Ar gyfer prifysgolion sy'n agor eu drysau i fyfyrwyr ac academyddion sy'n ceisio noddfa."
        ),
        "criteria": [
            (
                L,
                "Learning across the university",
                "Students and staff have chances to learn about forced "
                "migration through teaching, research or public events.",
                True,
            ),
            (
                E,
                "Access to study",
                "The university offers scholarships, fee waivers or other routes that let "
                "people seeking sanctuary study.",
                True,
            ),
            (
                E,
                "Support once enrolled",
                "Students seeking sanctuary have tailored support with wellbeing, housing and study skills.",
                True,
            ),
            (
                S,
                "Working with the local movement",
                "The university works with the local group and shares "
                "what it has learned with other institutions.",
                True,
            ),
            (
                S,
                "Research with communities",
                "Research involves people with lived experience as partners, not only as subjects.",
                False,
            ),
        ],
    },
    {
        "slug": "colleges",
        "name": "Further Education colleges",
        "award_title": "College of Sanctuary",
        "summary": "For further education colleges, including their English language provision.",
        "name_cy": "Colegau Addysg Bellach",
        "award_title_cy": "Coleg Noddfa",
        "summary_cy": "Ar gyfer colegau addysg bellach, gan gynnwys eu darpariaeth dysgu Saesneg.",
        "criteria": [
            (
                L,
                "Awareness among staff and learners",
                "Tutors and learners learn about the experiences of people seeking sanctuary.",
                True,
            ),
            (
                E,
                "English language routes",
                "The college offers English classes that people can join "
                "quickly, with help to progress to other courses.",
                True,
            ),
            (
                E,
                "Pastoral care",
                "Learners seeking sanctuary know where to go for help with money, travel and wellbeing.",
                True,
            ),
            (S, "Partnerships", "The college works with local organisations and shares good practice.", True),
        ],
    },
    {
        "slug": "libraries",
        "name": "Libraries",
        "award_title": "Library of Sanctuary",
        "summary": "For public libraries and library services that are places of welcome and information.",
        "name_cy": "Llyfrgelloedd",
        "award_title_cy": "Llyfrgell Noddfa",
        "summary_cy": (
            "Ar gyfer llyfrgelloedd cyhoeddus a gwasanaethau llyfrgell sy'n fannau croeso a gwybodaeth."
        ),
        "criteria": [
            (
                L,
                "Staff understanding",
                "Library staff have learned about the needs of people seeking "
                "sanctuary and how to signpost them.",
                True,
            ),
            (
                E,
                "A welcoming space",
                "Joining is easy without proof of address, and there are books and "
                "resources in community languages.",
                True,
            ),
            (
                E,
                "Activities",
                "The library runs or hosts activities such as conversation clubs or homework help.",
                False,
            ),
            (
                S,
                "Telling the story",
                "The library shares its work through displays, events or its network of libraries.",
                True,
            ),
        ],
    },
    {
        "slug": "health",
        "name": "Health",
        "award_title": "Health service of Sanctuary",
        "summary": "For GP practices, hospitals, trusts and other health organisations.",
        "name_cy": "Iechyd",
        "award_title_cy": "Gwasanaeth Iechyd Noddfa",
        "summary_cy": (
            "Ar gyfer meddygfeydd, ysbytai, ymddiriedolaethau, byrddau iechyd a sefydliadau iechyd eraill."
        ),
        "criteria": [
            (
                L,
                "Understanding entitlement",
                "Staff understand who is entitled to which care and do not turn people away wrongly.",
                True,
            ),
            (E, "Interpreting", "Professional interpreters are offered as a matter of routine.", True),
            (
                E,
                "Registration without barriers",
                "Registration does not demand documents people cannot provide.",
                True,
            ),
            (S, "Sharing practice", "The organisation shares what it has learned with other services.", True),
        ],
    },
    {
        "slug": "maternity",
        "name": "Maternity",
        "award_title": "Maternity service of Sanctuary",
        "summary": "For maternity services caring for women and birthing people seeking sanctuary.",
        "name_cy": "Mamolaeth",
        "award_title_cy": "Gwasanaeth Mamolaeth Noddfa",
        "summary_cy": (
            "Ar gyfer gwasanaethau mamolaeth sy'n gofalu am fenywod a phobl sy'n rhoi genedigaeth sy'n "
            "ceisio noddfa."
        ),
        "criteria": [
            (
                L,
                "Staff learning",
                "Midwives and maternity staff learn about the particular risks faced by "
                "pregnant people seeking sanctuary.",
                True,
            ),
            (
                E,
                "Continuity of care",
                "Care follows the person when they are moved between areas at short notice.",
                True,
            ),
            (
                E,
                "Charging handled with care",
                "Questions about charges never delay urgent or necessary care.",
                True,
            ),
            (S, "Working with others", "The service works with local groups and shares its approach.", True),
        ],
    },
    {
        "slug": "theatres-arts",
        "name": "Theatres and Arts",
        "award_title": "Theatre of Sanctuary",
        "summary": "For theatres, galleries and arts organisations that welcome and platform artists and "
        "audiences seeking sanctuary.",
        "name_cy": "Theatrau a'r Celfyddydau",
        "award_title_cy": "Theatr Noddfa",
        "summary_cy": (
            "Ar gyfer theatrau, orielau a sefydliadau celfyddydol sy'n croesawu artistiaid a "
            "chynulleidfaoedd sy'n ceisio noddfa ac yn rhoi llwyfan iddynt."
        ),
        "criteria": [
            (
                L,
                "Learning through the arts",
                "Programmes help audiences and staff understand the experience of seeking sanctuary.",
                True,
            ),
            (E, "Access to the arts", "Free or low-cost tickets and participation are offered.", True),
            (
                E,
                "Artists with lived experience",
                "Artists seeking sanctuary are paid and given a platform.",
                False,
            ),
            (
                S,
                "Sharing beyond the venue",
                "The organisation shares its work with other arts bodies and the local group.",
                True,
            ),
        ],
    },
    {
        "slug": "faith",
        "name": "Faith",
        "award_title": "Place of worship of Sanctuary",
        "summary": "For congregations and faith communities of every tradition.",
        "name_cy": "Ffydd",
        "award_title_cy": "Addoldy Noddfa",
        "summary_cy": "Ar gyfer cynulleidfaoedd a chymunedau ffydd o bob traddodiad.",
        "criteria": [
            (
                L,
                "Learning together",
                "The community learns about sanctuary, drawing on its own faith tradition.",
                True,
            ),
            (
                E,
                "Practical welcome",
                "The community offers practical help such as food, friendship or accompaniment.",
                True,
            ),
            (S, "Reaching out", "The community connects with other faith groups and the local group.", True),
        ],
    },
    {
        "slug": "sport",
        "name": "Sport",
        "award_title": "Sport of Sanctuary",
        "summary": "For sports clubs and bodies that make taking part easy for people seeking sanctuary.",
        "name_cy": "Chwaraeon",
        "award_title_cy": "Chwaraeon Noddfa",
        "summary_cy": (
            "Ar gyfer clybiau a chyrff chwaraeon sy'n ei gwneud yn hawdd i bobl sy'n ceisio noddfa gymryd "
            "rhan."
        ),
        "criteria": [
            (
                L,
                "Coaches and volunteers learn",
                "Coaches and volunteers understand the barriers people face in joining a club.",
                True,
            ),
            (
                E,
                "Free or low-cost participation",
                "Fees, kit and travel are not a barrier to taking part.",
                True,
            ),
            (
                S,
                "Spreading the word",
                "The club shares its approach with its league or governing body.",
                True,
            ),
        ],
    },
    {
        "slug": "shops",
        "name": "Shops",
        "award_title": "Shop of Sanctuary",
        "summary": "For shops and small businesses that welcome customers, staff and suppliers seeking "
        "sanctuary.",
        "name_cy": "Siopau",
        "award_title_cy": "Siop Noddfa",
        "summary_cy": (
            "Ar gyfer siopau a busnesau bach sy'n croesawu cwsmeriaid, staff a chyflenwyr sy'n ceisio noddfa."
        ),
        "criteria": [
            (L, "Staff awareness", "Staff know about sanctuary and how to be welcoming.", True),
            (
                E,
                "Fair opportunities",
                "The business offers work experience, volunteering or employment where the law allows.",
                True,
            ),
            (S, "Visible welcome", "The business shows its support publicly and encourages others.", True),
        ],
    },
    {
        "slug": "councils",
        "name": "Councils",
        "award_title": "Council of Sanctuary",
        "summary": "For town, parish and community councils (larger local authorities use the Local "
        "Authority Network).",
        "name_cy": "Cynghorau",
        "award_title_cy": "Cyngor Noddfa",
        "summary_cy": (
            "Ar gyfer cynghorau tref, plwyf a chymuned (mae awdurdodau lleol mwy yn defnyddio'r Rhwydwaith "
            "Awdurdodau Lleol)."
        ),
        "criteria": [
            (
                L,
                "Councillors and officers learn",
                "Members and officers have learned about people seeking sanctuary locally.",
                True,
            ),
            (
                E,
                "A public commitment",
                "The council has passed a resolution or policy committing to welcome.",
                True,
            ),
            (E, "Services that welcome", "Council services have been reviewed for barriers.", False),
            (
                S,
                "Working with the local group",
                "The council works with the local group and shares what it does.",
                True,
            ),
        ],
    },
]

# What every starting stream says under "How to apply", in both languages.
HOW_TO_APPLY = (
    "Sign in as a contact for your organisation, start an application, answer each criterion with "
    "what you have done and your evidence, then submit."
)
HOW_TO_APPLY_CY = (
    "Mewngofnodwch fel cyswllt ar gyfer eich sefydliad, dechreuwch gais, atebwch bob maen prawf "
    "gyda'r hyn rydych wedi'i wneud a'ch tystiolaeth, yna cyflwynwch y cais."
)

# The Welsh of each starting criterion, by stream slug and English title: (title, description).
CRITERIA_CY: dict[str, dict[str, tuple[str, str]]] = {
    "schools": {
        "Pupils and staff learn about sanctuary": (
            "Disgyblion a staff yn dysgu am noddfa",
            "Mae gwersi neu wasanaethau yn helpu disgyblion i ddeall pam mae pobl yn cael eu gorfodi i "
            "adael eu cartrefi a beth mae ceisio noddfa yn y DU yn ei olygu.",
        ),
        "Staff training": (
            "Hyfforddiant i staff",
            "Mae staff sy'n gweithio gyda newydd-ddyfodiaid wedi cael hyfforddiant ar drawma, cymorth "
            "iaith a'r system loches.",
        ),
        "A welcome for new families": (
            "Croeso i deuluoedd newydd",
            "Mae gan yr ysgol ffordd glir o groesawu teuluoedd sy'n cyrraedd yng nghanol y flwyddyn, "
            "gan gynnwys cyfieithu ar y pryd ac enw person cyswllt.",
        ),
        "Pupil voice": (
            "Llais y disgybl",
            "Gall disgyblion sy'n ceisio noddfa lywio'r hyn y mae'r ysgol yn ei wneud, os ydynt yn dymuno.",
        ),
        "Sharing with the wider community": (
            "Rhannu â'r gymuned ehangach",
            "Mae'r ysgol yn rhannu'r hyn a ddysgodd â rhieni, ysgolion eraill neu'r grŵp lleol, er "
            "enghraifft mewn digwyddiad agored.",
        ),
    },
    "universities": {
        "Learning across the university": (
            "Dysgu ar draws y brifysgol",
            "Mae gan fyfyrwyr a staff gyfleoedd i ddysgu am fudo gorfodol drwy addysgu, ymchwil neu "
            "ddigwyddiadau cyhoeddus.",
        ),
        "Access to study": (
            "Mynediad at astudio",
            "Mae'r brifysgol yn cynnig ysgoloriaethau, hepgor ffioedd neu lwybrau eraill sy'n galluogi "
            "pobl sy'n ceisio noddfa i astudio.",
        ),
        "Support once enrolled": (
            "Cymorth ar ôl cofrestru",
            "Mae myfyrwyr sy'n ceisio noddfa yn cael cymorth wedi'i deilwra gyda llesiant, tai a "
            "sgiliau astudio.",
        ),
        "Working with the local movement": (
            "Gweithio gyda'r mudiad lleol",
            "Mae'r brifysgol yn gweithio gyda'r grŵp lleol ac yn rhannu'r hyn a ddysgodd â sefydliadau "
            "eraill.",
        ),
        "Research with communities": (
            "Ymchwil gyda chymunedau",
            "Mae ymchwil yn cynnwys pobl â phrofiad bywyd fel partneriaid, nid fel pynciau ymchwil yn unig.",
        ),
    },
    "colleges": {
        "Awareness among staff and learners": (
            "Ymwybyddiaeth ymhlith staff a dysgwyr",
            "Mae tiwtoriaid a dysgwyr yn dysgu am brofiadau pobl sy'n ceisio noddfa.",
        ),
        "English language routes": (
            "Llwybrau dysgu Saesneg",
            "Mae'r coleg yn cynnig dosbarthiadau Saesneg y gall pobl ymuno â nhw'n gyflym, gyda help i "
            "symud ymlaen i gyrsiau eraill.",
        ),
        "Pastoral care": (
            "Gofal bugeiliol",
            "Mae dysgwyr sy'n ceisio noddfa yn gwybod ble i fynd am help gydag arian, teithio a llesiant.",
        ),
        "Partnerships": (
            "Partneriaethau",
            "Mae'r coleg yn gweithio gyda sefydliadau lleol ac yn rhannu arfer da.",
        ),
    },
    "libraries": {
        "Staff understanding": (
            "Dealltwriaeth staff",
            "Mae staff y llyfrgell wedi dysgu am anghenion pobl sy'n ceisio noddfa a sut i'w cyfeirio "
            "at help.",
        ),
        "A welcoming space": (
            "Lle croesawgar",
            "Mae'n hawdd ymaelodi heb brawf cyfeiriad, ac mae llyfrau ac adnoddau ar gael yn ieithoedd "
            "y gymuned.",
        ),
        "Activities": (
            "Gweithgareddau",
            "Mae'r llyfrgell yn cynnal neu'n croesawu gweithgareddau fel clybiau sgwrsio neu help gyda "
            "gwaith cartref.",
        ),
        "Telling the story": (
            "Adrodd yr hanes",
            "Mae'r llyfrgell yn rhannu ei gwaith drwy arddangosfeydd, digwyddiadau neu ei rhwydwaith o "
            "lyfrgelloedd.",
        ),
    },
    "health": {
        "Understanding entitlement": (
            "Deall hawliau i ofal",
            "Mae staff yn deall pwy sydd â hawl i ba ofal ac nid ydynt yn troi pobl i ffwrdd ar gam.",
        ),
        "Interpreting": (
            "Cyfieithu ar y pryd",
            "Cynigir cyfieithwyr proffesiynol fel mater o drefn.",
        ),
        "Registration without barriers": (
            "Cofrestru heb rwystrau",
            "Nid yw cofrestru'n mynnu dogfennau na all pobl eu darparu.",
        ),
        "Sharing practice": (
            "Rhannu arfer",
            "Mae'r sefydliad yn rhannu'r hyn a ddysgodd â gwasanaethau eraill.",
        ),
    },
    "maternity": {
        "Staff learning": (
            "Dysgu i staff",
            "Mae bydwragedd a staff mamolaeth yn dysgu am y risgiau penodol sy'n wynebu pobl feichiog "
            "sy'n ceisio noddfa.",
        ),
        "Continuity of care": (
            "Parhad gofal",
            "Mae'r gofal yn dilyn y person pan gaiff ei symud rhwng ardaloedd ar fyr rybudd.",
        ),
        "Charging handled with care": (
            "Ymdrin â thaliadau yn ofalus",
            "Nid yw cwestiynau am daliadau byth yn oedi gofal brys neu angenrheidiol.",
        ),
        "Working with others": (
            "Gweithio gydag eraill",
            "Mae'r gwasanaeth yn gweithio gyda grwpiau lleol ac yn rhannu ei ddull o weithio.",
        ),
    },
    "theatres-arts": {
        "Learning through the arts": (
            "Dysgu drwy'r celfyddydau",
            "Mae rhaglenni'n helpu cynulleidfaoedd a staff i ddeall y profiad o geisio noddfa.",
        ),
        "Access to the arts": (
            "Mynediad at y celfyddydau",
            "Cynigir tocynnau a chyfleoedd i gymryd rhan am ddim neu am bris isel.",
        ),
        "Artists with lived experience": (
            "Artistiaid â phrofiad bywyd",
            "Mae artistiaid sy'n ceisio noddfa yn cael eu talu ac yn cael llwyfan.",
        ),
        "Sharing beyond the venue": (
            "Rhannu y tu hwnt i'r lleoliad",
            "Mae'r sefydliad yn rhannu ei waith â chyrff celfyddydol eraill a'r grŵp lleol.",
        ),
    },
    "faith": {
        "Learning together": (
            "Dysgu gyda'n gilydd",
            "Mae'r gymuned yn dysgu am noddfa, gan dynnu ar ei thraddodiad ffydd ei hun.",
        ),
        "Practical welcome": (
            "Croeso ymarferol",
            "Mae'r gymuned yn cynnig help ymarferol fel bwyd, cyfeillgarwch neu gwmni wrth fynd i "
            "apwyntiadau.",
        ),
        "Reaching out": (
            "Estyn allan",
            "Mae'r gymuned yn cysylltu â grwpiau ffydd eraill a'r grŵp lleol.",
        ),
    },
    "sport": {
        "Coaches and volunteers learn": (
            "Hyfforddwyr a gwirfoddolwyr yn dysgu",
            "Mae hyfforddwyr a gwirfoddolwyr yn deall y rhwystrau sy'n wynebu pobl wrth ymuno â chlwb.",
        ),
        "Free or low-cost participation": (
            "Cymryd rhan am ddim neu am bris isel",
            "Nid yw ffioedd, cit a theithio yn rhwystr i gymryd rhan.",
        ),
        "Spreading the word": (
            "Lledaenu'r neges",
            "Mae'r clwb yn rhannu ei ddull o weithio â'i gynghrair neu ei gorff llywodraethu.",
        ),
    },
    "shops": {
        "Staff awareness": (
            "Ymwybyddiaeth staff",
            "Mae staff yn gwybod am noddfa a sut i fod yn groesawgar.",
        ),
        "Fair opportunities": (
            "Cyfleoedd teg",
            "Mae'r busnes yn cynnig profiad gwaith, gwirfoddoli neu gyflogaeth lle mae'r gyfraith yn "
            "caniatáu.",
        ),
        "Visible welcome": (
            "Croeso gweladwy",
            "Mae'r busnes yn dangos ei gefnogaeth yn gyhoeddus ac yn annog eraill.",
        ),
    },
    "councils": {
        "Councillors and officers learn": (
            "Cynghorwyr a swyddogion yn dysgu",
            "Mae aelodau a swyddogion wedi dysgu am bobl sy'n ceisio noddfa yn lleol.",
        ),
        "A public commitment": (
            "Ymrwymiad cyhoeddus",
            "Mae'r cyngor wedi pasio penderfyniad neu bolisi sy'n ymrwymo i groesawu.",
        ),
        "Services that welcome": (
            "Gwasanaethau sy'n croesawu",
            "Mae gwasanaethau'r cyngor wedi cael eu hadolygu i chwilio am rwystrau.",
        ),
        "Working with the local group": (
            "Gweithio gyda'r grŵp lleol",
            "Mae'r cyngor yn gweithio gyda'r grŵp lleol ac yn rhannu'r hyn y mae'n ei wneud.",
        ),
    },
}
