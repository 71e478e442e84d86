"""Word lists and precompiled patterns shared by the offline engine.

Everything here is compiled once at import: the engine runs these patterns on
every sentence of inputs up to many megabytes, so nothing is built per call.
"""

from __future__ import annotations

import re

from factcheck.facts.months import MONTH_ABBREVIATIONS, MONTH_NAMES, WEEKDAY_NAMES
from factcheck.facts.months import MONTHS as MONTH_TABLE
from factcheck.facts.months import WEEKDAYS as WEEKDAY_TABLE
from factcheck.facts.numbers import NUMBER_WORDS as NUMBER_WORD_TABLE
from factcheck.facts.titles import OFFICE_WORDS
from factcheck.facts.titles import TITLES as FACT_TITLES


def words(text: str) -> frozenset[str]:
    """A set of the whitespace-separated words of ``text``."""
    return frozenset(text.split())


def scanner(pattern: str, first: str, flags: int = 0) -> re.Pattern[str]:
    """``pattern`` behind a look-ahead for the characters a match can start with.

    The regex engine then skips every other position at C speed: on long
    bodies this makes the searches below two to three times faster. ``first``
    is a character-class body; it must admit every possible first character.
    """
    return re.compile(f"(?=[{first}])(?:{pattern})", flags)


def _upper_letters() -> str:
    """A character-class body holding every capital letter of the scripts news uses.

    Python's ``re`` has no ``\\p{Lu}``; "[A-Z]" alone misses "Łukasiewicz",
    "Ødegård" and "Çağla", so names in those scripts were never seen as names.
    """
    ranges: list[str] = []
    first = last = -1
    for code in (*range(0x2000), *range(0xA640, 0xA800)):
        if chr(code).isupper() or chr(code).istitle():
            if code == last + 1:
                last = code
                continue
            if first >= 0:
                ranges.append(chr(first) if first == last else f"{chr(first)}-{chr(last)}")
            first = last = code
    ranges.append(chr(first) if first == last else f"{chr(first)}-{chr(last)}")
    return "".join(ranges)


# Any capital letter, for character classes: f"[{UPPER}]".
UPPER = _upper_letters()

# Tokens: dotted acronyms (U.S.), words (with inner apostrophes and hyphens),
# numbers (with inner separators). A word never ends in a hyphen or apostrophe.
TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[^\W\d_](?:[\w’'-]*\w)?|\d(?:[\d,.]*\d)?")

STOPWORDS = words(
    """a an the and or but nor so yet for of to in on at by with from into onto upon
    about above after against along amid among around as before behind below beneath
    beside between beyond during except inside near off out outside over past since
    through throughout till toward towards under until up via within without
    i me my mine we us our ours you your yours he him his she her hers it its they
    them their theirs this that these those who whom whose which what where when why
    how is are was were be been being am has have had having do does did doing will
    would shall should can could may might must not no nor only own same than too very
    just also then there here such both each few more most other some any all many
    much one ones if else while because although though whether s t said says say
    mr mrs ms dr news"""
)

# Words that open a sentence with a capital letter without being a name.
SENTENCE_OPENERS = STOPWORDS | words(
    """however meanwhile moreover furthermore nevertheless nonetheless still instead
    indeed yesterday today tomorrow earlier later last next now once officials
    major several another every many few most some beyond despite although though
    unlike like according following under given before after during while whereas
    asked speaking writing principles"""
)

# Leading discourse markers trimmed from claim text ("But", "However,"). Used
# with ``Pattern.match(text, pos)``, which anchors at ``pos`` (a "^" would not).
_MARKERS = (
    "but|and|yet|still|also|however|meanwhile|moreover|furthermore|nevertheless|nonetheless|"
    "indeed|instead|in addition|in fact|at the same time|by contrast|in contrast|"
    "on the other hand|separately|similarly|likewise|additionally|besides|then|thus|"
    "therefore|hence|of course|after all|for example|for instance|in other words|"
    "as a result|even so|in turn|in short"
)
DISCOURSE_MARKER = re.compile(rf"(?:(?:{_MARKERS})\b,?\s+)+", re.I)
# The first word of every marker, in lower case: a text opening with another
# word needs no match at all.
MARKER_OPENERS = frozenset(m.split()[0] for m in _MARKERS.split("|"))

AUXILIARIES = words(
    """is are was were am has have had will would can could may might must shall
    should do does did isn't aren't wasn't weren't hasn't haven't hadn't won't
    wouldn't can't couldn't mustn't shouldn't doesn't didn't don't"""
)

# Finite verb forms that no suffix rule finds (irregular pasts, frequent -s forms).
COMMON_VERBS = words(
    """said says told tells met meets held holds took takes made makes gave gives won
    wins lost loses saw sees came comes became becomes left leaves led leads rose
    rises fell falls grew grows began begins brought brings bought buys built builds
    sent sends spent spends paid pays found finds put puts set sets cut cuts hit hits
    ran runs wrote writes spoke speaks chose chooses drew draws flew flies fought
    fights kept keeps sold sells struck strikes thought thinks understood knew knows
    went goes got gets sought seeks taught teaches stood stands meant means shook
    broke breaks froze stole wore hid withdrew withdraws oversaw overtook upheld
    marks shows tops hits remains stays seems appears adds notes warns argues
    claims denies insists urges plans wants needs supports opposes accuses rejects
    hopes fears expects believes agrees disagrees continues includes reaches
    faces controls owns employs earns costs lets sat sits lay lies slept dealt
    mean meant felt feels heard hears sang swam"""
)

# Present-tense forms without an -s, counted as verbs only right after a
# subject (a name or a pronoun): "China and Russia find", "they plan".
BASE_VERBS = words(
    """find plan say agree oppose support want need see believe think know hope
    fear expect argue claim deny insist urge accuse reject remain stay face control
    own hold take make give win lose come become lead rise fall grow begin bring buy
    build send spend pay keep sell show hit run write speak choose seek stand mean
    meet tell go get do have share consider"""
)

# Words ending in -ed that are not verbs.
NOT_VERBS_ED = words(
    """need hundred sacred naked wicked kindred hatred red bed shed speed seed breed
    feed creed steed weed reed indeed united limited aged beloved learned wretched
    rugged ragged crooked jagged dogged"""
)

PRONOUNS_PERSON = words("he she")
PRONOUNS_THING = words("it they")
SUBJECT_PRONOUNS = words("i we you he she it they")

# A clause opening with one of these depends on another clause.
DEPENDENT_OPENERS = words(
    """which who whom whose that where when while although though because since if
    unless as whereas after before until to of for with by from in on at including
    such especially particularly not than whether once so"""
)

REPORTING_VERBS = (
    "said|says|say|told|tells|added|adds|stressed|stresses|noted|notes|wrote|writes|"
    "argued|argues|warned|warns|claimed|claims|insisted|insists|announced|announces|"
    "stated|states|explained|explains|emphasized|emphasised|emphasizes|emphasises|"
    "asserted|asserts|acknowledged|acknowledges|admitted|admits|confirmed|confirms|"
    "denied|denies|deny|tweeted|posted|responded|replied|recalled|suggested|suggests|"
    "predicted|estimated|declared|declares|observed|commented|maintained|maintains|"
    "reported|reports|revealed|disclosed|conceded|concedes|contended|alleged|alleges|"
    "rejected|rejects|dismissed|dismisses|ruled(?! out)|rules(?! out)|concluded|concludes"
)
REPORTING_VERB = scanner(
    rf"\b(?:{REPORTING_VERBS})\b", "".join(sorted({v[0] for v in REPORTING_VERBS.split("|")}))
)
# The same verbs as a set: a sentence holding none of them needs no search.
REPORTING_WORDS = frozenset(re.sub(r"\(\?!.*?\)", "", REPORTING_VERBS).split("|"))

# Titles before a name and the words offices are made of ("Foreign Minister").
TITLES = FACT_TITLES | OFFICE_WORDS

DEMONYMS = words(
    """american european russian chinese ukrainian british english french german
    italian spanish japanese korean indian pakistani iranian iraqi israeli
    palestinian turkish syrian egyptian saudi african asian arab western eastern
    northern southern soviet canadian mexican brazilian argentine australian dutch
    belgian swiss swedish norwegian danish finnish polish czech hungarian romanian
    greek irish scottish welsh taiwanese vietnamese thai indonesian filipino
    malaysian nigerian kenyan ethiopian south north east west central belarusian
    georgian armenian lebanese afghan cuban venezuelan colombian chilean peruvian
    kazakh uzbek muslim christian jewish catholic democratic republican federal
    international global"""
)

COUNTRY_ACRONYMS = words("US U.S. USA U.S.A. UK U.K. UAE U.A.E. DRC PRC")

PLACES = words(
    """afghanistan albania algeria argentina armenia australia austria azerbaijan
    bahrain bangladesh belarus belgium bolivia bosnia brazil bulgaria cambodia
    cameroon canada chile china colombia congo croatia cuba cyprus czechia denmark
    ecuador egypt estonia ethiopia finland france georgia germany ghana greece
    guatemala haiti honduras hungary iceland india indonesia iran iraq ireland israel
    italy jamaica japan jordan kazakhstan kenya kosovo kuwait kyrgyzstan laos latvia
    lebanon libya lithuania luxembourg madagascar malaysia mali malta mexico moldova
    mongolia montenegro morocco mozambique myanmar namibia nepal netherlands nicaragua
    niger nigeria norway oman pakistan palestine panama paraguay peru philippines
    poland portugal qatar romania russia rwanda senegal serbia singapore slovakia
    slovenia somalia spain sudan sweden switzerland syria taiwan tajikistan tanzania
    thailand tunisia turkey turkmenistan uganda ukraine uruguay uzbekistan venezuela
    vietnam yemen zambia zimbabwe britain england scotland wales europe asia africa
    america xinjiang tibet crimea donbas gaza moscow beijing washington kyiv kiev
    london paris berlin tokyo brussels rome madrid seoul delhi tehran ankara cairo
    jerusalem shanghai minsk warsaw geneva vienna ottawa canberra taipei hongkong"""
)
PLACE_PHRASES = frozenset(
    {
        "united states",
        "united kingdom",
        "united arab emirates",
        "south korea",
        "north korea",
        "saudi arabia",
        "new zealand",
        "south africa",
        "soviet union",
        "european union",
        "united nations",
        "hong kong",
        "new york",
        "los angeles",
        "eastern europe",
        "western europe",
        "central asia",
        "middle east",
        "latin america",
        "sri lanka",
        "czech republic",
    }
)

# A capitalised word here makes its phrase an organisation, event or place,
# never a person.
NON_PERSON_WORDS = words(
    """ministry agency company corporation corp inc ltd llc plc bank council union party
    committee commission department university institute association group court
    parliament congress senate government times post news reuters press school
    college academy foundation fund society center centre office bureau service
    services authority board organization organisation alliance league federation
    club team airlines airways motors industries holdings partners studios media
    network olympics olympic games cup championship championships war summit festival
    day award awards prize act bill treaty agreement accord conference forum street
    square road avenue river sea ocean mountain mountains island islands region
    province city county district republic kingdom empire studies science sciences
    economics law politics affairs relations exchange market index hospital church
    museum stadium airport station bridge palace house hall tower capitol winter
    summer spring autumn fall covid pandemic internet general assembly army navy
    police guard forces force fleet brigade division initiative project program
    programme plan report rights watch amnesty communications petroleum"""
)

ORG_SUFFIXES = words(
    """ministry agency company corporation corp inc ltd llc plc bank council union party
    committee commission department university institute association group court
    parliament congress senate government times post reuters press foundation fund
    society office bureau service authority board organization organisation alliance
    league federation club team airlines airways motors industries holdings network
    army navy police school college academy institut instituto université universidad
    universität library gallery"""
)
# Last words of company names ("Alvern Water", "Helio Motors"): an organisation,
# never a person. Words that are also common surnames (Power, Steel) are left out.
COMPANY_WORDS = words(
    """water energy motors foods media pharma pharmaceuticals telecom labs mining oil gas
    electric chemicals logistics shipping airlines airways rail insurance financial
    securities ventures software systems technologies solutions networks brands studios
    entertainment publishing automotive utilities capital minerals metals resources
    dairy dairies farms brewery breweries textiles aerospace construction engineering
    properties hotels resorts"""
)
# Common nouns that stand for an organisation already named ("the company said").
ORG_NOUNS = ORG_SUFFIXES | words(
    """firm operator utility insurer lender retailer carmaker manufacturer airline
    regulator watchdog ministry government council authority agency company group
    charity hospital museum"""
)
# Nouns that stand for any organisation in focus ("the company" after "Alvern
# Water"); other organisation nouns must appear in the name ("the authority"
# after "Saren Basin Authority").
GENERIC_ORG_NOUNS = words("company firm group operator organisation organization")

MONTHS = frozenset(MONTH_TABLE)
WEEKDAYS = frozenset(WEEKDAY_TABLE)

# Month names with abbreviations ("Jan."), and weekday names, capitalised.
_MONTH_NAMES = "|".join(
    [
        *MONTH_NAMES,
        *(rf"{a.capitalize()}\." for a in sorted(MONTH_ABBREVIATIONS, key=len, reverse=True)),
    ]
)
_WEEKDAY_NAMES = "|".join(WEEKDAY_NAMES)
# Number words (not "one", far more often a pronoun, nor "zero"), and the
# words that make a number a multiple or a percentage.
_NUMBER_WORDS = "|".join(
    sorted(
        [*(NUMBER_WORD_TABLE - {"one", "zero"}), "twice", "percent", "per cent"],
        key=len,
        reverse=True,
    )
)

# Words whose presence lets a costlier pattern run at all (most sentences
# have none of them, and a set intersection is far cheaper than a search).
NUMBER_WORDS = frozenset(_NUMBER_WORDS.replace("per cent", "cent").split("|"))
MONTH_WORDS = frozenset([*MONTH_NAMES, *(a.capitalize() for a in MONTH_ABBREVIATIONS)])
WEEKDAY_WORDS = frozenset(WEEKDAY_NAMES)
RELATIVE_DATE_WORDS = words("yesterday tomorrow tonight last next this earlier later coming past")
FIRST_WORDS = words("first")
RANKING_WORDS = words(
    """largest biggest highest lowest smallest longest shortest fastest slowest oldest
    youngest fewest record record-breaking ranked ranking worst best second-largest
    third-largest second-biggest than compared outnumber outnumbers outnumbered surpass
    surpasses surpassed exceed exceeds exceeded overtook"""
)
OPINION_WORDS = words(
    """should must ought think believe feel view opinion important time clear essential
    vital it's hopefully unfortunately fortunately clearly obviously undoubtedly sadly
    shameful disgrace disgraceful outrage outrageous outraged"""
)

YEAR = scanner(r"(?<![\w.,$£€-])(?:1[89]\d\d|20\d\d)s?(?![\w%-]|[.,]\d)", "12")
# A number that is not part of a word ("COVID-19", "G7") and not a year:
# a figure, or a number word (searched apart: each pass runs only when needed).
DIGIT_NUMBER = scanner(
    r"(?<![\w-])[$£€¥]?\d(?:[\d,.]*\d)?(?:\s?%|\s?(?:percent|per cent))?(?![\w-])",
    r"$£€¥\d",
    re.I,
)
WORD_NUMBER = scanner(rf"\b(?:{_NUMBER_WORDS})\b", "tfsenhmbdp", re.I)
# Month and weekday names are matched case-sensitively ("May" the month, not
# "may" the modal); the relative expressions in any case.
DATE = scanner(
    rf"\b(?:{_MONTH_NAMES}|{_WEEKDAY_NAMES})(?![\w'])"
    r"|(?i:\b(?:yesterday|tomorrow|tonight)\b"
    r"|\b(?:last|next|this|earlier this|later this)\s+"
    r"(?:week|weekend|month|year|spring|summer|autumn|fall|winter|decade|century)\b"
    r"|\bin the (?:coming|past|last|next) (?:days|weeks|months|years)\b)",
    "JFMASONDTWyYtTlLnNeEiI",
)
# "4 June", "June 4th": the number is a day, not a quantity.
DAY_OF_MONTH = re.compile(
    rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTH_NAMES})(?![\w'])"
    rf"|\b(?:{_MONTH_NAMES})\s+\d{{1,2}}(?:st|nd|rd|th)?\b"
)
FIRST_SINCE = scanner(
    r"\bfirst\b[^.;!?]{0,80}?\bsince\b|\bfor the first time\b|\bfirst[- ]ever\b"
    r"|\bthe first time\b|\bfor the first\b",
    "ft",
    re.I,
)
RANKING = scanner(
    r"\b(?:largest|biggest|highest|lowest|smallest|longest|shortest|fastest|slowest|"
    r"oldest|youngest|fewest|record|record-breaking|ranked|ranking|worst|"
    r"best|second-largest|third-largest|second-biggest|more than|less than|"
    r"fewer than|compared with|compared to|outnumber\w*|surpass\w*|overtook|exceed\w*)\b",
    "lbhsfoyrwtmce",
    re.I,
)
# The writer's (or a speaker's) own belief: never a checkable claim unless a
# named speaker holds it.
FIRST_PERSON_OPINION = re.compile(
    r"\b(?:I|[Ww]e)\s+(?:(?:do not|don't|still|really|firmly|strongly|also)\s+)?"
    r"(?:think|believe|suspect|feel|reckon|doubt|guess|hope|am (?:sure|convinced|certain)|"
    r"am here to say)\b"
)
OPINION = scanner(
    r"\b(?:should|must|ought to|I think|I believe|we believe|I feel|in my (?:view|opinion)|"
    r"it is (?:important|time|clear|essential|vital)|it's (?:time|important|clear)|"
    r"hopefully|unfortunately|fortunately|clearly|obviously|undoubtedly|"
    r"sadly|shameful|disgrace\w*|outrage\w*)\b",
    "smoiwhufcd",
    re.I,
)
STATE_VERBS = words(
    """is are was were remains remain remained stays stay stayed has have had holds
    hold held owns own owned serves serve served belongs belong lies lie"""
)
# The first word of every alternative of BOILERPLATE below.
BOILERPLATE_WORDS = words(
    """read related click subscribe sign advertisement share follow image photo caption
    watch listen copyright all back leave"""
)
# Page furniture that can survive inside a body ("Read more: ...", "Photo: ...").
BOILERPLATE = re.compile(
    r"\W*(?:(?:read more|related (?:articles?|stories|coverage)|click here|subscribe|"
    r"sign up|advertisement|share this|share on|follow us|follow me|image|photo|"
    r"caption|watch|listen|copyright|all rights reserved|back to top|"
    r"leave a (?:reply|comment))\b|©|(?:https?://|www\.)\S)",
    re.I,
)
OPEN_QUOTES = "“‘«\"'"

# Words right before "after"/"before" that make it part of a time expression
# ("two months after", "shortly before", "the day after"): never a clause cut.
TIME_WORDS = words(
    """shortly soon just right immediately long only even well moments seconds minutes
    hours days weeks months years decades centuries moment second minute hour day week
    month year decade century morning afternoon evening night weekend spring summer
    autumn winter time times"""
)
# A part ending in one of these is unfinished: a cut right after it leaves a fragment.
DANGLING_ENDS = words(
    """and or but nor the a an of to with for from by in on at as than that which who
    whose whom this these those its their his her our my your into onto upon"""
)
# Subjects that name nothing: a clause about them is checkable only with a fact.
EMPTY_SUBJECTS = words(
    """it they this these those that he she nothing nobody everything everyone something
    someone anything anyone everybody somebody"""
)
