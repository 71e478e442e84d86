"""Facts in text: quantities, dates and names, and when two of them agree.

Pure functions over strings; used by grounding and by the eval scorers.
"""

from factcheck.facts.dates import DateMention, find_dates
from factcheck.facts.matching import (
    bounds_compatible,
    date_fact_present,
    date_facts,
    quantities_match,
    quantity_supported,
    units_compatible,
    value_supported,
    values_match,
)
from factcheck.facts.names import find_names, fold, name_present, name_tokens, name_written
from factcheck.facts.numbers import normalise_number_words, parse_number_words
from factcheck.facts.quantities import Quantity, find_quantities

__all__ = [
    "DateMention",
    "Quantity",
    "bounds_compatible",
    "date_fact_present",
    "date_facts",
    "find_dates",
    "find_names",
    "find_quantities",
    "fold",
    "name_present",
    "name_tokens",
    "name_written",
    "normalise_number_words",
    "parse_number_words",
    "quantities_match",
    "quantity_supported",
    "units_compatible",
    "value_supported",
    "values_match",
]
