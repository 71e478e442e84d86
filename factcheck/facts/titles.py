"""Titles and honorifics that stand before a name, and the words offices are made of.

``TITLES`` precede a name and are not part of it ("Foreign Minister Wang Yi",
"Dr Jane Roe"). ``OFFICE_WORDS`` build an office out of a title ("foreign",
"finance", "home"): the offline engine reads them as part of a role before a
name; name matching does not, since they also open names ("Home Office").
"""

from __future__ import annotations

from factcheck.facts.vocabulary import word_set

TITLES = word_set(
    """
    mr mrs ms miss mx dr prof professor sir dame lord lady madam
    president vice prime minister premier chancellor secretary general gen lt col maj capt
    sgt cmdr adm admiral colonel captain lieutenant major sergeant commander marshal
    king queen prince princess emperor empress pope cardinal bishop archbishop rabbi imam
    sheikh emir sultan crown reverend
    senator sen representative rep congressman congresswoman congressmember governor gov
    mayor councillor councilor councilman councilwoman alderman alderwoman ambassador envoy
    consul commissioner speaker chair chairman chairwoman chairperson director spokesman
    spokeswoman spokesperson adviser advisor chief deputy acting former judge justice
    attorney counsel prosecutor inspector officer detective sheriff constable superintendent
    ceo cfo coo cto founder executive head leader lawmaker mp mep coach doctor
    headteacher headmaster headmistress
    """
)

OFFICE_WORDS = word_set(
    """
    foreign state defence defense interior finance health economy trade education energy
    labor labour home national security minister's president's
    """
)
