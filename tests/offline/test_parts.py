"""The engine's parts on their own: names, speakers, clauses, facts, stance, duplicates."""

from __future__ import annotations

import pytest

from factcheck.offline.attribution import find_attribution
from factcheck.offline.clauses import split_clauses
from factcheck.offline.dedupe import Candidate, Deduplicator, deduplicate, key_of, key_of_text
from factcheck.offline.entities import Mention, PersonRegistry, find_mentions
from factcheck.offline.features import facts_of, tokenize, verb_index
from factcheck.offline.stance import stance_of
from factcheck.result import Claim


def _mentions(text: str, registry: PersonRegistry | None = None) -> list[tuple[str, str]]:
    found = find_mentions(text, 0, len(text), registry or PersonRegistry())
    return [(m.kind, m.name) for m in found]


def test_titles_and_nationalities_are_stripped_from_names() -> None:
    text = "Chinese President Xi Jinping met Foreign Minister Wang Yi in Beijing."
    assert _mentions(text) == [
        ("person", "Xi Jinping"),
        ("person", "Wang Yi"),
        ("place", "Beijing"),
    ]


def test_one_word_refers_back_to_a_full_name() -> None:
    registry = PersonRegistry()
    _mentions("Police chief Arjun Mehta arrived.", registry)
    assert _mentions("Later Mehta left, and Mr. Mehta returned.", registry) == [
        ("person", "Arjun Mehta"),
        ("person", "Arjun Mehta"),
    ]
    # An unknown capitalised word opening a sentence is not a name.
    assert _mentions("Principles matter to Mehta.", registry) == [("person", "Arjun Mehta")]


def test_shared_word_is_ambiguous() -> None:
    registry = PersonRegistry()
    _mentions("Li Xin and Li Wei spoke.", registry)
    assert registry.lookup("Li") is None
    assert registry.lookup("Wei") == "Li Wei"


def test_organisations_places_and_events_are_not_people() -> None:
    text = "Exercises over the Sea of Japan involved the Ministry of Defence and NATO in Kenya."
    kinds = {name: kind for kind, name in _mentions(text)}
    assert kinds["Sea of Japan"] == "other"
    assert kinds["Ministry of Defence"] == "org"
    assert kinds["NATO"] == "org"
    assert kinds["Kenya"] == "place"
    assert _mentions("The Winter Olympics open in Vesta.")[0] == ("other", "Winter Olympics")


def _speaker(text: str) -> str | None:
    registry = PersonRegistry()
    mentions: list[Mention] = find_mentions(text, 0, len(text), registry)
    found = find_attribution(text, 0, len(text), mentions, lambda _p: "Someone Known")
    return None if found is None else found.speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Yuri Petrov, an adviser to the mayor, said the port reopened.", "Yuri Petrov"),
        ("The port reopened, Yuri Petrov said.", "Yuri Petrov"),
        ("“The port reopened,” said harbour master Yuri Petrov.", "Yuri Petrov"),
        ("Port spokeswoman, Ana Silva, responded that ships were waiting.", "Ana Silva"),
        ("Ana Silva, head of the port in Vesta, said ships were waiting.", "Ana Silva"),
        ("According to Ana Silva, ships were waiting.", "Ana Silva"),
        ("He said ships were waiting.", "Someone Known"),
        ("Officials said ships were waiting.", None),
        ("“Ships wait,” said in a statement Ana Silva.", None),
    ],
)
def test_speakers(text: str, speaker: str | None) -> None:
    assert _speaker(text) == speaker


def _clauses(text: str) -> list[str]:
    return [text[p.start : p.end] for p in split_clauses(text, 0, len(text))]


def test_clause_cuts() -> None:
    assert _clauses("The dam held; the town stayed dry.") == [
        "The dam held",
        "the town stayed dry.",
    ]
    assert _clauses("Rain fell all week, and the river rose.") == [
        "Rain fell all week",
        "the river rose.",
    ]
    assert _clauses("The mayor praised the crews and thanked the army.") == [
        "The mayor praised the crews and thanked the army."
    ]
    # A verb phrase after "but" borrows the first clause's subject.
    pieces = split_clauses(
        "The firm denied the leak but has paid a fine.",
        0,
        len("The firm denied the leak but has paid a fine."),
    )
    assert len(pieces) == 2
    assert pieces[1].subject == (0, 8)
    # A relative clause or a list is never cut off.
    assert _clauses("The town, which flooded in 2019, and its farms recovered.") == [
        "The town, which flooded in 2019, and its farms recovered."
    ]
    # A relative clause set off by commas comes before the main verb.
    assert _clauses("The council cut the budget, and Labour, which came second, spent more.") == [
        "The council cut the budget",
        "Labour, which came second, spent more.",
    ]
    # A semicolon, like "and", lends the first clause's subject to a verb phrase.
    text = "The driver left the team in May; joined a rival club in June."
    pieces = split_clauses(text, 0, len(text))
    assert [text[p.start : p.end] for p in pieces] == [
        "The driver left the team in May",
        "joined a rival club in June.",
    ]
    assert pieces[1].subject == (0, len("The driver"))


def test_verbs() -> None:
    assert verb_index(tokenize("China supports Russia's demands.").words) == 1
    assert verb_index(tokenize("Russia's demands for the claims.").words) is None
    assert verb_index(tokenize("The talks were held.").words) == 2
    # A possessive is a noun, not an -s verb: "the Kolm plant's overrun in millions".
    assert verb_index(tokenize("the Kolm plant's overrun in millions").words) is None


@pytest.mark.parametrize(
    ("text", "number", "date"),
    [
        ("The two will attend the ceremony.", False, False),
        ("The two countries signed 3 deals.", True, False),
        ("Cases of COVID-19 fell.", False, False),
        ("It opened on 4 June 2021.", False, True),
        ("It reopened in May.", False, True),
        ("It cost 2.5 million dollars last year.", True, True),
        ("More than a dozen deals were signed.", True, False),
    ],
)
def test_facts(text: str, number: bool, date: bool) -> None:
    facts = facts_of(text)
    assert (facts.number, facts.date) == (number, date)


def test_facts_flags() -> None:
    assert facts_of("It was their first meeting since 2019.").first_since
    assert facts_of("It is the largest lake in Norland.").ranking
    assert facts_of("The city must act.").opinion
    assert facts_of("Is it safe?").question
    assert facts_of("Read more: the full story.").boilerplate
    assert not facts_of("The watchdog group said so.").boilerplate


@pytest.mark.parametrize(
    ("text", "stance"),
    [
        ("The ministry has denied the report.", "denied"),
        ("The firm rejected allegations of fraud.", "denied"),
        ("The firm dismissed reports of a sale.", "denied"),
        ("The firm rejected the offer.", "asserted"),
        ("The plant may close.", "hedged"),
        ("The plant reopened in May.", "asserted"),
        ("The mayor reportedly resigned.", "hedged"),
        ("The mayor is believed to have resigned.", "hedged"),
        ("The deal is expected to be signed.", "hedged"),
        ("The mayor may have denied it.", "denied"),
        ("The mayor resigned.", "asserted"),
    ],
)
def test_stance(text: str, stance: str) -> None:
    assert stance_of(text) == stance


def _candidate(text: str) -> Candidate:
    return Candidate(Claim(text=text, quote=text), 1.0)


def test_deduplicate_keeps_the_first_of_near_copies() -> None:
    kept = deduplicate(
        [
            _candidate("The council approved a 5 million euro budget on Monday."),
            _candidate("On Monday, the council approved a 5 million euro budget."),
            _candidate("The council approved a 6 million euro budget on Monday."),
            _candidate("The mayor opened a 5 million euro bridge on Monday."),
        ]
    )
    assert [c.claim.text for c in kept] == [
        "The council approved a 5 million euro budget on Monday.",
        "The council approved a 6 million euro budget on Monday.",
        "The mayor opened a 5 million euro bridge on Monday.",
    ]


def test_ruled_out_is_no_attribution() -> None:
    assert _speaker("Although Vesta has ruled out a merger, Ana Silva said talks go on.") == (
        "Ana Silva"
    )
    assert _speaker("Judge Ana Silva ruled that the fee was unlawful.") == "Ana Silva"


def test_duplicates_are_sought_only_within_the_window() -> None:
    dedupe = Deduplicator(window=3)
    repeat = key_of_text("The council approved a 5 million euro budget on Monday.")
    assert dedupe.keep(repeat)
    assert not dedupe.keep(repeat)  # right behind it: a copy
    for n in range(3):  # three other claims push it out of the window
        assert dedupe.keep(key_of_text(f"The port handled {n + 10} ships in May."))
    assert dedupe.keep(repeat)  # too far back to be remembered


def test_duplicate_keys_from_words_match_keys_from_text() -> None:
    text = "The council approved a 1,200 euro grant on Monday."
    words = frozenset(["The", "council", "approved", "a", "1,200", "euro", "grant", "on", "Monday"])
    numbers, content = key_of(words, frozenset(w.lower() for w in words))
    assert numbers == key_of_text(text)[0] == ("1200",)
    assert content == key_of_text(text)[1] - {"1200"} | {"1,200"}
