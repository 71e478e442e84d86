"""Words for a nation's people and things ("Spanish", "Scots"): capitalised, but no one's name.

A claim's "Spanish" must still be in its evidence (a nationality can be
wrong), but an evidence passage's "Spanish police" names no person the claim
could have put another in place of. The adjectives and the nouns for one
person are listed (lower case); a plural is its singular with "s" (``is_demonym``).
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
