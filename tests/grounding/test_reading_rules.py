"""How a statement and its article are read: nations, names after quotations, escaped
quotes and word forms, each with a case built to fool the rule."""

from __future__ import annotations

from factcheck.grounding.paraphrase import ArticleVocabulary
from factcheck.grounding.polarity import flips
from factcheck.grounding.summary import SummaryChecker, check_summary
from factcheck.grounding.support import has_inflection, inflection_keys
from factcheck.grounding.tokenised import capitalised_words, readable


def status(body: str, statement: str) -> str:
    (check,) = check_summary(body, statement)
    return check.status


# --- a nation and the word for its people -------------------------------------

PARLIAMENT = (
    "Presiding officer Ann Tully wept as the members said goodbye on Thursday. "
    "Mr Rennie, who served as first minister between 2007 and 2014, used his last address in the "
    "parliament to say that Scotland was a country of different views. "
    "He joked about the budget and the horse racing at Ayr. "
    "The former party leader delivered his remarks to applause from every bench. "
    "Ms Tully said it had been a final session full of emotion."
)


def test_the_word_for_a_nations_people_is_written_where_the_nation_is() -> None:
    statement = (
        "Former first minister Rennie has delivered his final speech at the Scottish parliament."
    )
    assert status(PARLIAMENT, statement) == "supported"


def test_another_nations_word_is_not_written_there() -> None:
    for nation in ("Welsh", "Irish"):
        statement = f"First minister Rennie gave his final speech at the {nation} parliament."
        assert status(PARLIAMENT, statement) != "supported"
    assert status(PARLIAMENT, "Rennie delivered his final speech in Wales.") != "supported"


# --- a name after a quotation --------------------------------------------------


def test_a_word_after_a_quotation_that_ends_in_a_comma_is_inside_a_sentence() -> None:
    body = (
        '"It is going to be tough," Curtis added. Curtis joined in 1990. '
        '"We will see." Then the team left.'
    )
    names = capitalised_words(body)
    assert "curtis" in names
    # After a quotation that ends its sentence, a capital opens the next one.
    assert "then" not in names
    # A capitalised word the body also writes in lower case is no name.
    assert "curtis" not in capitalised_words(body + " The curtis plant grows.")


def test_a_lower_case_summary_gets_the_capital_of_a_name_said_after_quotations() -> None:
    body = (
        '"If we go down, it is going to be tough to get back," Curtis added. '
        "Curtis believes the squad is good enough to stay up. "
        "Swansea were promoted in 2011."
    )
    checker = SummaryChecker(body)
    assert checker.form("curtis says it would be tough to get back .") == (
        "Curtis says it would be tough to get back."
    )
    (check,) = checker.check_summary("okafor says it would be tough to get back .")
    assert check.status != "supported"  # a name the body never has


# --- quotation marks escaped as a program writes them ---------------------------


def test_an_escaped_quotation_mark_is_read_as_the_mark() -> None:
    assert readable("swansea city\\'s new manager") == "swansea city's new manager"
    assert readable('he said \\"no\\" twice') == 'he said "no" twice'
    # A backslash before anything else stays.
    assert readable("a\\b path") == "a\\b path"


def test_an_escaped_negation_is_a_negation() -> None:
    statement = readable("the council did n\\'t approve the plan .")
    assert statement == "the council didn't approve the plan."
    assert flips(statement, "The council approved the plan.")


# --- the body's own form of a word ---------------------------------------------


def test_a_word_is_looked_up_in_the_form_the_body_writes_it() -> None:
    vocabulary = ArticleVocabulary("The nature of the offence was grave. The images were saved.")
    weight = {"offence": 1.0, "images": 1.0, "imag": 1.0, "save": 1.0, "saved": 1.0}.get
    forms = vocabulary.body_forms({"offenc", "imag", "banned"}, lambda w: weight(w, 2.0))
    # "offences" and "images" meet the body's "offence" and "image"s; "banned" has no form there.
    assert forms == {"offence", "imag", "banned"}


def test_of_several_body_forms_the_commonest_is_taken() -> None:
    vocabulary = ArticleVocabulary("He will save it. It was saved. Saving it saved them.")
    counts = {"save": 1, "saved": 2, "sav": 0}
    forms = vocabulary.body_forms({"sav"}, lambda w: 1.0 / (1 + counts.get(w, 0)))
    assert forms == {"saved"}


OFFENCE = (
    "The court sat in Kelby on Monday. "
    "The judge said the offence involved one image that the accused had tried to conceal. "
    "The hearing lasted an hour."
)


def test_a_statement_in_another_inflection_finds_its_passage() -> None:
    # "offences" and "images" find the sentence that writes "offence" and "image".
    assert status(OFFENCE, "Images of offences were concealed.") == "supported"


def test_a_word_in_no_form_of_the_body_is_still_missing() -> None:
    assert status(OFFENCE, "Images of thefts were concealed.") != "supported"
    assert status(OFFENCE, "Images of offences were never concealed.") != "supported"


def test_a_stemmed_word_meets_the_body_word_it_came_from() -> None:
    # "houses" is read as "hous", whose own stem would drop the "s" as of a plural.
    words = {"house", "boy", "succes"}
    keys = inflection_keys(words)
    assert has_inflection("hous", words, keys)
    assert has_inflection("boys", words, keys)  # the plural "s" still goes
    assert has_inflection("successful", words, keys)  # "success" begins it
    assert not has_inflection("hour", words, keys)
    assert not has_inflection("hou", words, keys)  # too short to begin another word


# --- words a statement quotes ---------------------------------------------------

COUNCIL_TAX = (
    "A commission on local tax reform said there was no magic bullet to cure the system. "
    'It said the council tax had built-in problems "from day one". '
    "Councils in Scotland found that their income fluctuated from year to year. "
    "The report was published on Tuesday."
)


def test_a_quoted_word_the_article_never_uses_is_not_supported() -> None:
    statement = (
        'Councils in Scotland have " serious problems " with the council tax, a report found.'
    )
    (check,) = check_summary(COUNCIL_TAX, statement)
    assert check.status == "partial"
    assert [(f.part, f.where, f.detail) for f in check.findings if f.detail == "quoted"] == [
        ("serious", "in the article", "quoted")
    ]


def test_a_quotation_of_the_articles_words_is_not_a_finding() -> None:
    # The same quotation, in the article's own words: quoted as tokenised corpora write it,
    # as written, and with curly marks; and the same words without the marks.
    for quoted in ("``built-in problems''", '"built-in problems"', "“built-in problems”"):
        statement = f"The council tax had {quoted} from day one, a commission said."
        assert status(COUNCIL_TAX, statement) == "supported", quoted
    vocabulary = ArticleVocabulary(COUNCIL_TAX)
    assert vocabulary.misquoted("Councils have serious problems.") == []  # nothing quoted
    assert vocabulary.misquoted('They had "problems" from day one.') == []
    assert vocabulary.misquoted("They had “grave problems” and “serious” ones.") == [
        "grave",
        "serious",
    ]


def test_an_unsupported_statement_stays_unsupported_when_it_misquotes() -> None:
    (check,) = check_summary(COUNCIL_TAX, 'Zebras "gallop" across the savannah.')
    assert check.status == "unsupported"
