"""The place each word for a nation's people is of, entry by entry, and how names read it.

The expected places are written out by hand, not read from the table under test.
"""

from __future__ import annotations

import pytest

from factcheck.facts.demonyms import DEMONYMS, NATIONS
from factcheck.facts.names import name_present, name_tokens, name_written

EXPECTED = {
    "afghan": "afghanistan", "albanian": "albania", "algerian": "algeria",
    "american": "america", "argentine": "argentina", "argentinian": "argentina",
    "armenian": "armenia", "australian": "australia", "austrian": "austria",
    "bangladeshi": "bangladesh", "belgian": "belgium", "bolivian": "bolivia",
    "brazilian": "brazil", "british": "britain", "briton": "britain", "brit": "britain",
    "bulgarian": "bulgaria", "canadian": "canada", "chilean": "chile", "chinese": "china",
    "colombian": "colombia", "croatian": "croatia", "cuban": "cuba", "cypriot": "cyprus",
    "danish": "denmark", "dane": "denmark", "egyptian": "egypt", "ethiopian": "ethiopia",
    "english": "england", "englishman": "england", "englishwoman": "england",
    "estonian": "estonia", "european": "europe", "finnish": "finland", "french": "france",
    "frenchman": "france", "frenchwoman": "france", "german": "germany", "ghanaian": "ghana",
    "greek": "greece", "hungarian": "hungary", "icelandic": "iceland", "indian": "india",
    "indonesian": "indonesia", "iranian": "iran", "iraqi": "iraq", "irish": "ireland",
    "irishman": "ireland", "israeli": "israel", "italian": "italy", "jamaican": "jamaica",
    "japanese": "japan", "kenyan": "kenya", "latvian": "latvia", "lebanese": "lebanon",
    "libyan": "libya", "lithuanian": "lithuania", "malaysian": "malaysia",
    "mexican": "mexico", "moroccan": "morocco", "dutch": "netherlands",
    "nigerian": "nigeria", "norwegian": "norway", "pakistani": "pakistan",
    "peruvian": "peru", "polish": "poland", "portuguese": "portugal",
    "romanian": "romania", "russian": "russia", "scottish": "scotland", "scot": "scotland",
    "serbian": "serbia", "serb": "serbia", "somali": "somalia", "spanish": "spain",
    "spaniard": "spain", "swedish": "sweden", "swiss": "switzerland", "syrian": "syria",
    "thai": "thailand", "turkish": "turkey", "turk": "turkey", "ugandan": "uganda",
    "ukrainian": "ukraine", "venezuelan": "venezuela", "vietnamese": "vietnam",
    "welsh": "wales", "welshman": "wales", "yemeni": "yemen", "zimbabwean": "zimbabwe",
}  # fmt: skip


def written(name: str, evidence: str) -> bool:
    tokens = name_tokens(evidence)
    return name_written(name, set(tokens), " ".join(tokens))


def test_the_table_is_the_expected_one() -> None:
    assert NATIONS == EXPECTED


@pytest.mark.parametrize(("word", "place"), sorted(EXPECTED.items()))
def test_each_word_is_written_where_its_place_is(word: str, place: str) -> None:
    assert word in DEMONYMS  # a word for a nation's people, never a person's name
    assert written(word.capitalize(), f"They met in {place.title()} on Monday.")
    assert written(place.title(), f"The {word.capitalize()} side met on Monday.")
    # Another nation's word is not the place.
    other = "wales" if place != "wales" else "scotland"
    assert not written(word.capitalize(), f"They met in {other.title()} on Monday.")


def test_the_plural_of_a_noun_is_its_nation_and_an_adjective_has_none() -> None:
    assert written("Scots", "The vote in Scotland was close.")
    assert written("Israelis", "Israel said no.")
    assert written("Irishmen", "Ireland said no.") and written("Englishwomen", "England won.")
    # Adjectives take no "s": "Britishs" is no word, and "Swiss" ends in one already.
    assert written("Swiss", "Switzerland said no.")
    assert not written("Britishs", "Britain said no.")


def test_a_nation_joins_the_names_that_already_mean_it() -> None:
    # "British" is of Britain, which the UK and the United Kingdom also name.
    assert written("British", "The UK said no.")
    assert written("United Kingdom", "British ministers said no.")
    assert written("American", "The US said no.")


def test_common_words_that_are_also_peoples_are_left_out() -> None:
    # "pole" and "swede" are common words: a passage's "telegraph pole" names no nation.
    assert not written("Poland", "A telegraph pole fell.")
    assert not written("Sweden", "She grew a swede.")
    assert not present("Finland", "Finn said no.")


def present(name: str, evidence: str) -> bool:
    tokens = name_tokens(evidence)
    return name_present(name, set(tokens), " ".join(tokens))
