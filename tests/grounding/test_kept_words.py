"""What the indexes of a body keep equals what they would work out afresh."""

from factcheck.grounding.overlap import SentenceIndex, TextsOnDemand, content_words
from factcheck.grounding.paraphrase import ArticleVocabulary
from factcheck.grounding.roles import People
from factcheck.grounding.summary import SummaryChecker

_SENTENCES = [
    "Mayor Teodora Brisk opened the Riverton bridge on Tuesday.",
    "She said the crossing cost £4.5 million, 100,000 more than planned.",
    "Residents of Riverton’s old quarter welcomed the bridges.",
]


class _CountedTexts(TextsOnDemand):
    """Sentences that count how often each is read, as the body index's texts are built."""

    def __init__(self, texts: list[str]) -> None:
        self.texts = texts
        self.reads = [0] * len(texts)

    def __len__(self) -> int:
        return len(self.texts)

    def text(self, i: int) -> str:
        self.reads[i] += 1
        return self.texts[i]


def test_a_sentence_s_words_are_those_of_its_text_and_read_once() -> None:
    texts = _CountedTexts(_SENTENCES)
    index = SentenceIndex(texts)
    built = list(texts.reads)
    for i, text in enumerate(_SENTENCES):
        assert index.words(i) == content_words(text)
        assert index.words(i) is index.words(i)
    assert [r - b for r, b in zip(texts.reads, built, strict=True)] == [1, 1, 1]


def test_people_read_each_sentence_once() -> None:
    texts = _CountedTexts(_SENTENCES)
    people = People.of(texts)
    assert ("teodora", "brisk") in people.names
    assert texts.reads == [1, 1, 1]


def test_copied_share_counts_words_inside_runs_the_body_has() -> None:
    vocabulary = ArticleVocabulary(" ".join(_SENTENCES))
    assert vocabulary.copied_share("Mayor Teodora Brisk resigned") == 0.75
    assert vocabulary.copied_share("the old quarter") == 0.0
    assert vocabulary.copied_share("old quarter welcomed") == 1.0
    assert vocabulary.copied_share("it rained") == 0.0


def test_an_index_s_people_are_read_when_first_asked_for_and_once() -> None:
    texts = _CountedTexts(_SENTENCES)
    index = SentenceIndex(texts)
    built = list(texts.reads)
    people = People.of_index(index)
    assert texts.reads == built  # nothing read yet
    assert people.names == People.of(_SENTENCES).names
    assert texts.reads == [b + 1 for b in built]
    assert People.of_index(index).includes("Brisk")
    assert texts.reads == [b + 1 for b in built]  # kept for the index


def test_the_capitals_of_a_body_are_built_for_a_summary_without_any() -> None:
    body = (
        "Mayor Teodora Brisk opened the bridge on Tuesday. The crossing, said "
        "Brisk, cost £4.5 million. Residents of the old quarter welcomed it."
    )
    checker = SummaryChecker(body)
    checker.prepare()
    assert "capitalised" not in vars(checker.index)  # a cased summary never reads them
    assert checker.check_summary("Teodora Brisk opened the bridge.")[0].status == "supported"
    assert "capitalised" not in vars(checker.index)
    caseless = checker.check_summary("mayor teodora brisk opened the bridge on tuesday .")
    assert "capitalised" in vars(checker.index)
    assert "brisk" in checker.index.capitalised
    assert [c.status for c in caseless] == ["supported"]
