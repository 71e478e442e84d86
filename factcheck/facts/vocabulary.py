"""Word lists for telling names from capitalised common words (all lower case)."""

from __future__ import annotations


def word_set(text: str) -> frozenset[str]:
    """The whitespace-separated words of ``text``."""
    return frozenset(text.split())


# Lower-case words inside a name: "Charles de Gaulle", "Ludwig van Beethoven",
# "Mohammed bin Salman", "Ortega y Gasset". ("of" joins names too, but as a
# word of its own: "Sea of Japan", "Port of Castellmar".)
NAME_PARTICLES = word_set("de da di du del della der den des van von la le al bin ibn el y dos das")

# Words that are capitalised only because they open a sentence or a quote.
COMMON_WORDS = word_set(
    """
    a an the this that these those there here it its it's he she they we i you me him her
    them us our your their his my mine who whom whose which what whatever whoever when where
    why how whether if unless until while whilst although though because since as so yet but
    and or nor not no yes both either neither each every all any some many most more much few
    fewer less least several other another such same own only just even also still already
    again always never often sometimes usually now then today yesterday tomorrow later earlier
    soon once twice first second third last next finally meanwhile however moreover furthermore
    nevertheless nonetheless therefore thus hence instead indeed overall separately perhaps
    maybe probably likely certainly clearly apparently reportedly according asked speaking
    after before during despite amid amidst against along among across around at by for from
    in inside into like near of off on onto out outside over per through throughout to toward
    towards under unlike up upon via with within without beyond above below between behind
    beside besides except following including regarding concerning about do does did done
    is are was were be been being have has had having will would shall should can could may
    might must let lets let's please thank thanks oh well okay ok hello dear sir madam
    nothing something anything everything nobody somebody anybody everybody none someone
    anyone everyone whoever whichever wherever whenever
    major minor new old big small large great good bad high low long short full key main top
    early late recent former current future past present total
    officials official police critics experts analysts observers leaders residents authorities
    witnesses protesters troops soldiers people officers sources reports report data figures
    studies study researchers scientists doctors families parents children students workers
    voters lawmakers diplomats ministers members citizens users customers investors
    read watch see click share follow subscribe sign related more update updated editor's note
    photo video image file breaking exclusive opinion analysis explainer
    """
)
