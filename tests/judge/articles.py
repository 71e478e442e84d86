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
    """A body well past the length that is shown whole."""
    parts = ["Harbour authority publishes district counts", ""]
    for i in range(paragraphs):
        parts.append(
            f"In district {i + 1}, inspectors counted {1000 + 37 * i} containers on pier "
            f"{i + 3} during the spring survey. Crews worked {8 + i % 5} extra shifts that "
            f"week at gate {i + 1}. The harbour master said the figures for district {i + 1} "
            "were final."
        )
        parts.append("")
    return "\n".join(parts)
