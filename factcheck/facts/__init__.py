"""Facts in text: quantities, dates and names, and when two of them agree.

Pure functions over strings, used by grounding and by the eval scorers. An
implementation package: import from its modules (``factcheck.facts.dates``,
``.names``, ``.numbers``, ``.quantities``, ``.matching``); nothing is re-exported.
"""
