"""Words for a nation's people and things ("Spanish", "Scots"): capitalised, but no one's name.

A claim's "Spanish" must still be in its evidence (a nationality can be
wrong), but an evidence passage's "Spanish police" names no person the claim
could have put another in place of. The adjectives and the nouns for one
person are listed (lower case); a plural is its singular with "s" (``is_demonym``).

``NATIONS`` gives the place each word is of: ``facts.names`` reads the two as
one name, so "the Scottish parliament" is written where a passage says
"Scotland", and a passage's "Scotland" stands in for no one a statement calls
"Scottish".
"""

from __future__ import annotations

from factcheck.facts.vocabulary import word_set

DEMONYMS = word_set(
    """
    afghan albanian algerian american andorran angolan argentine argentinian armenian
    australian austrian azerbaijani bahraini bangladeshi belarusian belgian bolivian bosnian
    brazilian british briton brit bulgarian burmese cambodian cameroonian canadian chilean
    chinese colombian congolese croatian cuban cypriot czech danish dane dutch
    ecuadorian egyptian emirati english englishman englishwoman eritrean estonian ethiopian
    european filipino finnish finn french frenchman frenchwoman georgian german ghanaian
    greek guatemalan haitian honduran hungarian icelandic indian indonesian iranian iraqi
    irish irishman israeli italian ivorian jamaican japanese jordanian kazakh kenyan korean
    kosovan kuwaiti kurdish kyrgyz lao latvian lebanese liberian libyan lithuanian
    luxembourgish macedonian malaysian maltese mexican moldovan mongolian montenegrin
    moroccan mozambican namibian nepalese nigerian nigerien norwegian omani pakistani
    palestinian panamanian paraguayan persian peruvian polish pole portuguese qatari
    romanian russian rwandan saudi scottish scot senegalese serbian serb
    singaporean slovak slovakian slovenian somali spanish spaniard sudanese swedish
    swede swiss syrian taiwanese tajik tanzanian thai tibetan tunisian turkish turk
    turkmen ugandan ukrainian uruguayan uzbek venezuelan vietnamese welsh welshman
    yemeni zambian zimbabwean
    african asian arab arabian caribbean nordic scandinavian balkan baltic
    """
)


def is_demonym(word: str) -> bool:
    """True for a listed word (lower case), or its plural ("scots", "britons")."""
    return word in DEMONYMS or (word.endswith("s") and word[:-1] in DEMONYMS)


# A place, then the words for its people and things. A word in no line is of no
# one place ("arab", "nordic"), or is also a common word ("pole", "swede").
_NATION_LINES = """
afghanistan: afghan
albania: albanian
algeria: algerian
america: american
argentina: argentine argentinian
armenia: armenian
australia: australian
austria: austrian
bangladesh: bangladeshi
belgium: belgian
bolivia: bolivian
brazil: brazilian
britain: british briton brit
bulgaria: bulgarian
canada: canadian
chile: chilean
china: chinese
colombia: colombian
croatia: croatian
cuba: cuban
cyprus: cypriot
denmark: danish dane
egypt: egyptian
england: english englishman englishwoman
estonia: estonian
ethiopia: ethiopian
europe: european
finland: finnish
france: french frenchman frenchwoman
germany: german
ghana: ghanaian
greece: greek
hungary: hungarian
iceland: icelandic
india: indian
indonesia: indonesian
iran: iranian
iraq: iraqi
ireland: irish irishman
israel: israeli
italy: italian
jamaica: jamaican
japan: japanese
kenya: kenyan
latvia: latvian
lebanon: lebanese
libya: libyan
lithuania: lithuanian
malaysia: malaysian
mexico: mexican
morocco: moroccan
netherlands: dutch
nigeria: nigerian
norway: norwegian
pakistan: pakistani
peru: peruvian
poland: polish
portugal: portuguese
romania: romanian
russia: russian
scotland: scottish scot
serbia: serbian serb
somalia: somali
spain: spanish spaniard
sweden: swedish
switzerland: swiss
syria: syrian
thailand: thai
turkey: turkish turk
uganda: ugandan
ukraine: ukrainian
venezuela: venezuelan
vietnam: vietnamese
wales: welsh welshman
yemen: yemeni
zimbabwe: zimbabwean
"""


def _nations() -> dict[str, str]:
    nations: dict[str, str] = {}
    for line in _NATION_LINES.strip().splitlines():
        place, words = line.split(":")
        for word in words.split():
            nations[word] = place
    return nations


NATIONS = _nations()
