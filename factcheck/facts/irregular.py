"""Irregular verb forms and the base form they inflect ("sold" is "sell", "taken" "take").

Matching inflections by their letters ("visited" and "visit") cannot see that
"bought" is a form of "buy": a summary that says "the firm was sold" against
an article that says "agreed to sell the firm" uses the article's word. Forms
that are also common words of another sense ("left", "found", "saw", "lay",
"felt", "fell") are left out: reading them as the verb would match words the
article uses in the other sense.
"""

from __future__ import annotations

# A base form, then its irregular past and participle (written once when they are the same).
_LINES = """
arise arose arisen
awake awoke awoken
bear bore borne
beat beaten
become became
begin began begun
bend bent
bid
bind bound
bite bit bitten
bleed bled
blow blew blown
break broke broken
breed bred
bring brought
build built
burn burnt
buy bought
catch caught
choose chose chosen
cling clung
come came
creep crept
deal dealt
dig dug
draw drew drawn
drink drank drunk
drive drove driven
eat ate eaten
feed fed
fight fought
flee fled
fly flew flown
forbid forbade forbidden
forecast
forget forgot forgotten
forgive forgave forgiven
freeze froze frozen
give gave given
go went gone
grind ground
grow grew grown
hang hung
hear heard
hide hid hidden
hold held
keep kept
kneel knelt
know knew known
lead led
lend lent
lose lost
mean meant
meet met
overcome overcame
overtake overtook overtaken
pay paid
rid
ride rode ridden
ring rang rung
rise rose risen
run ran
seek sought
sell sold
send sent
shake shook shaken
shine shone
shoot shot
shrink shrank shrunk
sing sang sung
sink sank sunk
sit sat
sleep slept
slide slid
speak spoke spoken
spend spent
spin spun
stand stood
steal stole stolen
stick stuck
sting stung
stink stank stunk
strike struck stricken
swear swore sworn
sweep swept
swim swam swum
swing swung
take took taken
teach taught
tear tore torn
think thought
throw threw thrown
understand understood
undertake undertook undertaken
wake woke woken
wear wore worn
weep wept
win won
withdraw withdrew withdrawn
write wrote written
"""


def _forms() -> dict[str, str]:
    forms: dict[str, str] = {}
    for line in _LINES.strip().splitlines():
        base, *others = line.split()
        for form in others:
            forms[form] = base
    return forms


IRREGULAR_FORMS = _forms()


def base_form(word: str) -> str | None:
    """The base form of an irregular verb form (lower case), or None: "sold" -> "sell"."""
    return IRREGULAR_FORMS.get(word)
