"""German stemming for the portal's searches: the offers directory (offers/index.py) and the
minutes archive (meetings/search.py) cut a text into words and stems the same way.

A word is a run of letters and digits ("Aufenthalts-Recht" is two words), lowercased. Its stem
is the German Snowball stem (the stemmer folds umlauts: "Beschlüsse" -> "beschluss"), the
algorithm PostgreSQL's `german` text search configuration uses too.

Stop words ("die", "und", "für", ...) are left out of texts and searches alike: PostgreSQL's
`german` configuration drops them (its list is Snowball's, which STOP_WORDS repeats), so a
search made only of them finds what a search without words finds, on every database. Kept,
they would match nearly every text, as prefixes even more ("die" in "Dienst").

It lives in the project package, not in an app, so that neither app depends on the other.
"""

import re
import threading

import snowballstemmer

# Letters and digits; everything else separates words, as in FTS5 and PostgreSQL.
_WORD = re.compile(r"[^\W_]+")

# Snowball's German stop word list, the one PostgreSQL reads from tsearch_data/german.stop:
# compared with the lowercased word before it is stemmed, as PostgreSQL does.
STOP_WORDS = frozenset(
    """
    aber alle allem allen aller alles als also am an ander andere anderem anderen anderer anderes
    anderm andern anderr anders auch auf aus bei bin bis bist da damit dann der den des dem die das
    daß derselbe derselben denselben desselben demselben dieselbe dieselben dasselbe dazu dein deine
    deinem deinen deiner deines denn derer dessen dich dir du dies diese diesem diesen dieser dieses
    doch dort durch ein eine einem einen einer eines einig einige einigem einigen einiger einiges
    einmal er ihn ihm es etwas euer eure eurem euren eurer eures für gegen gewesen hab habe haben
    hat hatte hatten hier hin hinter ich mich mir ihr ihre ihrem ihren ihrer ihres euch im in indem
    ins ist jede jedem jeden jeder jedes jene jenem jenen jener jenes jetzt kann kein keine keinem
    keinen keiner keines können könnte machen man manche manchem manchen mancher manches mein meine
    meinem meinen meiner meines mit muss musste nach nicht nichts noch nun nur ob oder ohne sehr
    sein seine seinem seinen seiner seines selbst sich sie ihnen sind so solche solchem solchen
    solcher solches soll sollte sondern sonst über um und uns unse unsem unsen unser unses unter
    viel vom von vor während war waren warst was weg weil weiter welche welchem welchen welcher
    welches wenn werde werden wie wieder will wir wird wirst wo wollen wollte würde würden zu zum
    zur zwar zwischen
    """.split()
)

_local = threading.local()
_stems: dict[str, str] = {}


def words(text: str) -> list[str]:
    """The words of a text, lowercased, stop words included."""
    return _WORD.findall(text.lower())


def stem(word: str) -> str:
    """The German Snowball stem of a lowercased word: beratungen -> berat."""
    try:
        return _stems[word]
    except KeyError:
        pass
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:  # a stemmer keeps state while it works: one per thread
        stemmer = _local.stemmer = snowballstemmer.stemmer("german")
    result = stemmer.stemWord(word)
    if len(_stems) < 200_000:  # real vocabularies are far smaller; this bounds the memory
        _stems[word] = result
    return result


def stems(text: str) -> list[str]:
    """The stems of a text's words, in order, without its stop words."""
    return [stem(word) for word in words(text) if word not in STOP_WORDS]


def stemmed(text: str) -> str:
    """A text as the search index holds it: its stems, separated by spaces."""
    return " ".join(stems(text))


def first_match(text: str, prefixes: tuple[str, ...]) -> int:
    """Where the first word of the text stands whose stem starts with one of these stems, or -1:
    what a search for them found in it."""
    for match in _WORD.finditer(text):
        word = match.group().lower()
        if word not in STOP_WORDS and stem(word).startswith(prefixes):
            return match.start()
    return -1


def search_words(query: str, most: int, longest: int) -> list[str]:
    """The words a search looks for (unstemmed): lowercased, without stop words, each cut to
    `longest` characters, the first `most` of them."""
    cut = (word[:longest] for word in words(query))
    return [word for word in cut if word not in STOP_WORDS][:most]
