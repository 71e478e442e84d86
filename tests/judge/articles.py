"""An invented article, and claims about it that the rules grade differently."""

from __future__ import annotations

ARTICLE = (
    "Harbour board fines ferry operator\n\n"
    "The harbour board fined Nordlys Ferries 40,000 euros on Monday after an inspection found "
    "broken lifejackets on two vessels. The operator said it would appeal the decision within "
    "14 days. Inspector Maja Holm led the inspection, which the board ordered in March. "
    "Passengers were not told about the fault, according to the board. The ferries carry about "
    "2,300 passengers a day between Tarnby and Ostvik.\n"
)

# Three the rules find supported, three with a figure the article lacks, three
# with nothing in the article at all.
SUPPORTED = (
    "The harbour board fined Nordlys Ferries 40,000 euros on Monday.",
    "Inspector Maja Holm led the inspection, which the board ordered in March.",
    "The ferries carry about 2,300 passengers a day between Tarnby and Ostvik.",
)
WRONG_FIGURE = (
    "The harbour board fined Nordlys Ferries 90,000 euros on Monday.",
    "Inspector Maja Holm led the inspection, which the board ordered in June.",
    "The ferries carry about 5,300 passengers a day between Tarnby and Ostvik.",
)
ELSEWHERE = (
    "Quantum chromodynamics predicts gluon confinement.",
    "The orchestra premiered a symphony by Vetrano.",
    "Volcanic ash grounded flights across Iceland.",
)
CLAIMS = (*SUPPORTED, *WRONG_FIGURE, *ELSEWHERE)


def long_article(paragraphs: int = 40) -> str:
    """A body well past the length that is shown whole: the article's paragraph, varied."""
    body = ARTICLE.split("\n\n", 1)[1].strip()
    varied = [body.replace("40,000", f"{40 + i},000") for i in range(paragraphs)]
    return "Harbour board fines, district by district\n\n" + "\n\n".join(varied) + "\n"
