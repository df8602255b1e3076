"""Toponym recognition: which spans of a text name places.

spaCy's small model alone misses many (it tags "Qusair" as ORG and small towns as PERSON), and the gazetteer alone
would find "By", "Police" and "Mobile". A span is a toponym when:

- spaCy labels it GPE or LOC (kept even if the gazetteer has no such name: resolution may leave it NULL);
- it is a country's demonym (NORP "Syrian", "Lebanese"), which names the country;
- it opens an organisation's name and is a notable place ("*Ohio* Department of Health"; label ``EMB``: it is
  counted as a toponym, as gold sets do, but never locates an event);
- or it is a capitalised run of words that the gazetteer knows, not inside a person's name or a longer
  organisation name, not a common word, and either a notable place (a country, division, region, or a town of
  at least ``NOTABLE_POPULATION``) or introduced as a place ("the town of X", "in X", "X, Syria", "X province").

The dateline is not part of the body (the clean stage sets it aside), so it is never taken as a toponym here.
Each toponym keeps its cue: the preposition or noun before it ("in", "near", "town of") and a division or country
after a comma ("Pandi, Bulacan"), which resolution and event location both use.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..records import Sentence, Token
from .gazetteer import Gazetteer
from .names import normalise

NOTABLE_POPULATION = 20_000
MAX_WORDS = 5

PLACE_NOUNS = frozenset({
    "town", "city", "village", "villages", "towns", "cities", "district", "province", "provinces", "governorate",
    "region", "state", "county", "capital", "suburb", "suburbs", "area", "neighbourhood", "neighborhood",
    "municipality", "port", "outskirts", "countryside", "camp", "border", "township", "hamlet", "island",
    "parish", "prefecture", "department", "oblast", "territory", "valley", "coast", "enclave", "stronghold",
    "edge", "edges", "centre", "center", "heart", "gates", "streets",
})
TERRITORIAL_VERBS = frozenset({"storm", "capture", "seize", "retake", "recapture", "overrun", "besiege", "shell",
                               "bomb", "raid", "enter", "encircle", "surround", "liberate", "evacuate", "occupy"})
"""Verbs whose object is a place as often as not: "stormed Atareb" introduces Atareb as "in Atareb" would."""
STREET_WORDS = frozenset({"avenida", "avenue", "calle", "carrera", "rua", "rue", "street", "road", "boulevard",
                          "plaza", "praça", "via", "camino", "paseo", "piazza", "strasse", "ulitsa", "prospekt"})
"""A capitalised word after one of these names a street or square ("Avenida Oriental"), not the place."""
DIVISION_WORDS = frozenset({"province", "governorate", "state", "region", "district", "county", "oblast",
                            "department", "prefecture", "parish", "territory", "division", "municipality",
                            "countryside"})
LOCATIVE = frozenset({"in", "at", "near", "outside", "around", "from", "to", "into", "across", "inside", "toward",
                      "towards", "through", "throughout", "between", "within", "on", "of", "off", "via", "north",
                      "south", "east", "west", "northwest", "northeast", "southwest", "southeast", "nearby"})
NOT_PLACES = frozenset({
    "by", "the", "a", "an", "and", "or", "of", "in", "on", "at", "he", "she", "it", "we", "they", "i", "you", "but",
    "sea", "river", "lake", "mount", "gulf", "bay", "ocean", "city", "town", "state", "province", "county", "north",
    "south", "east", "west", "central", "capital", "police", "mobile", "reading", "nice", "split", "best", "male",
    "hope", "deal", "sale", "march", "may", "june", "july", "august", "mission", "union", "liberty", "independence",
    "commerce", "enterprise", "energy", "progress", "victory", "unity", "justice", "freedom", "peace", "republic",
    "president", "minister", "general", "army", "news", "times", "post", "press", "daily", "herald", "university",
    "college", "school", "church", "hospital", "street", "road", "avenue", "square", "park", "airport", "station",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "god", "allah", "islam",
    "christian", "muslim", "jewish", "sunni", "shiite", "shia", "arab", "arabs", "western", "eastern",
    "northern", "southern", "federal", "national", "international", "government", "council", "court", "congress",
    "senate", "parliament", "mr", "mrs", "ms", "dr", "sir", "saint", "st", "lady", "lord", "king", "queen", "prince",
    "bishop", "pope", "home", "office", "house", "white", "black", "green", "red", "blue", "gold", "golden", "new",
    "old", "big", "little", "great", "grand", "high", "low", "english", "french", "spanish", "reuters", "ap", "afp",
    "cnn", "bbc", "internet", "online", "world", "earth", "global", "local", "regional", "urban", "rural", "this",
    "that", "these", "those", "there", "here", "all", "one", "two", "three", "image", "photo", "video", "click",
    "downtown", "uptown", "midtown", "front", "date", "tell", "valley", "border", "frontier", "plaza", "market",
    "centre", "center", "harbour", "harbor", "island", "coast", "hills", "bridge", "junction", "crossing", "summit",
})
@functools.cache
def _stop_words() -> frozenset[str]:
    """spaCy's English stop words, imported on first use (importing spaCy is slow; the gazetteer alone needs none)."""
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS) - {"back", "bottom", "front", "top", "side"}


def _common(word: str) -> bool:
    """A word that is not a place name on its own: an English stop word or one of ``NOT_PLACES``."""
    return word in NOT_PLACES or word in _stop_words()


_NAME_CHARS = re.compile(r"^(?:[^\W\d_]|['’.\-])+$")
_ABBREVIATION = re.compile(r"^[A-Z]\.(?:[A-Z]\.)+$")


def _capitalised(text: str) -> bool:
    """A capitalised word of letters (any alphabet's: "Medellín", "Ţūz"), apostrophes, dots and hyphens, or an
    abbreviation ("U.S.")."""
    return (bool(text) and text[0].isupper() and bool(_NAME_CHARS.match(text))) or bool(_ABBREVIATION.match(text))


@dataclass(frozen=True, slots=True)
class Toponym:
    """A span of the article text that names a place, with what surrounds it."""

    text: str
    start: int
    end: int
    sentence: int
    """Index of the sentence it is in."""
    label: str
    """How it was found: ``GPE``, ``LOC``, ``NORP`` (a demonym), ``GAZ`` (the gazetteer), ``EMB`` (a place
    opening an organisation's name: "*Ohio* Department of Health"), ``GOLD`` (given)."""
    cue: str = ""
    """The word(s) before it that introduce a place: ``in``, ``near``, ``town of``... (lower case), or empty."""
    division: str = ""
    """A division word right after it ("Homs *province*"), lower case, or empty."""
    container: str = ""
    """The place named after a comma ("Pandi, *Bulacan*"; "Paris, *Texas*"), or empty."""

    @property
    def demonym(self) -> bool:
        return self.label == "NORP"

    @property
    def names_a_place(self) -> bool:
        """False for demonyms and places inside organisation names: they count as evidence of the article's
        places but never locate an event by themselves."""
        return self.label not in ("NORP", "EMB")


def recognise(sentences: Sequence[Sentence], gazetteer: Gazetteer) -> list[Toponym]:
    """Every toponym in the parsed sentences, in text order, without overlaps."""
    people: set[str] = set()
    lower_words: set[str] = set()
    for sentence in sentences:
        for i, j, label in _entities(sentence.tokens):
            if label == "PERSON" and j - i >= 2:  # "Barack Obama": "Obama" alone is the man, not the town
                people.update(t.text for t in sentence.tokens[i:j] if t.text[:1].isupper())
        lower_words.update(t.text for t in sentence.tokens if t.text.islower())
    found: list[Toponym] = []
    for sentence in sentences:
        found.extend(_in_sentence(sentence, gazetteer, people, lower_words))
    return found


def _in_sentence(sentence: Sentence, gazetteer: Gazetteer, people: set[str] = frozenset(),
                 lower_words: set[str] = frozenset()) -> list[Toponym]:
    """Toponyms of one sentence. ``people``: words of the article's person names ("Obama", "Lincoln"), which
    are not places when they stand alone; ``lower_words``: words the article writes in lower case ("more",
    "from"), which are not places when capitalised at the start of a sentence."""
    tokens = sentence.tokens
    upper_text = _mostly_upper(tokens)
    spans: list[tuple[int, int, str]] = []
    blocked = [False] * len(tokens)
    for i, j, label in _entities(tokens):
        if label in ("GPE", "LOC"):
            named = _looks_like_name(tokens[i], upper_text) or _looks_like_name(tokens[j - 1], upper_text)
            if named and upper_text and j - i == 1:
                # the parser's labels are unreliable in upper-case copy ("MAXIMUM", "SAUL"): ask the gazetteer
                named = _gazetteer_place(tokens, i, j, gazetteer, strict=True, upper=True)
            if named:
                spans.append((i, j, label))
            _block(blocked, i, j)
        elif label == "NORP":
            # "Syrian" names Syria; the plural "Syrians" names people; a town spaCy calls NORP is still a town
            if j < len(tokens) and tokens[j].text.lower() == "capital" and \
                    gazetteer.capital(gazetteer.country_mention(_span_text(tokens, i, j)) or "") is not None:
                spans.append((i, j + 1, "GAZ"))  # "the Ecuadorean capital": Quito
            elif j - i <= 2 and tokens[j - 1].tag != "NNPS" and _names_region(_span_text(tokens, i, j), gazetteer):
                spans.append((i, j, "NORP"))
            elif j - i <= 2 and _gazetteer_place(tokens, i, j, gazetteer, strict=True, upper=upper_text,
                                                 lower_words=lower_words):
                spans.append((i, j, "GAZ"))
            _block(blocked, i, j)
        elif label in ("PERSON", "ORG", "FAC", "WORK_OF_ART", "EVENT", "PRODUCT", "LAW", "LANGUAGE"):
            # A single-name ORG/PERSON the gazetteer knows well may be a place spaCy mislabelled ("Qusair");
            # an organisation named after a notable place starts with it ("Ohio Department of Health").
            if _words(tokens, i, j) <= 2 and not (j - i == 1 and tokens[i].text in people) and _gazetteer_place(
                    tokens, i, j, gazetteer, strict=label != "ORG", upper=upper_text, lower_words=lower_words) \
                    and (label != "PERSON" or _cue(tokens, i) or _big_place(_span_text(tokens, i, j), gazetteer)):
                # a name spaCy calls a person is a place only if introduced as one or a large city ("Homs")
                spans.append((i, j, "GAZ"))
            elif label in ("ORG", "FAC") and j - i > 1:
                inner = _leading_place(tokens, i, j, gazetteer)
                if inner:
                    spans.append((i, inner, "EMB"))
            _block(blocked, i, j)
        elif label:
            _block(blocked, i, j)
    name_words = [_name_word(t, upper_text) for t in tokens]
    i = 0
    while i < len(tokens):
        if blocked[i] or not _looks_like_name(tokens[i], upper_text) or (
                not upper_text and _after_street_word(tokens, i)):
            i += 1
            continue
        run = i  # the longest span from i of name words not already taken, up to MAX_WORDS: longest match first
        while run < min(len(tokens), i + MAX_WORDS) and name_words[run] and not blocked[run]:
            run += 1
        match = None
        for j in range(run, i, -1):
            if _gazetteer_place(tokens, i, j, gazetteer, strict=True, upper=upper_text, lower_words=lower_words):
                match = j
                break
        if match is None or (match - i == 1 and _common_word(tokens, i, people, lower_words)):
            i += 1
            continue
        spans.append((i, match, "GAZ"))
        i = match
    spans.sort()
    out = []
    last_end = -1
    for i, j, label in spans:
        if i < last_end:
            continue
        last_end = j
        out.append(_toponym(sentence, i, j, label))
    return out


def _entities(tokens: Sequence[Token]) -> list[tuple[int, int, str]]:
    runs = []
    i = 0
    while i < len(tokens):
        label = tokens[i].ent_type
        if not label:
            i += 1
            continue
        j = i + 1
        while j < len(tokens) and tokens[j].ent_type == label:
            j += 1
        while label != "NORP" and j + 1 < len(tokens) and _hyphen_joined(tokens, j) \
                and tokens[j + 1].ent_type in ("", label):
            j += 2  # "Dutsin-Ma": the parser's entity often stops at the hyphen ("Israeli-Palestinian" is two)
        while j > i + 1 and tokens[j - 1].text in ("'s", "’s", ".", ","):
            j -= 1
        start = i
        if tokens[start].text.lower() == "the":
            start += 1
        if start < j:
            runs.append((start, j, label))
        i = j if j > i else i + 1
    return runs


def _apposed_place_noun(tokens: Sequence[Token], j: int) -> bool:
    """Whether a span ending before ``j`` is followed by ", a town", ", the provincial capital"..."""
    if j + 2 >= len(tokens) or tokens[j].text != "," or tokens[j + 1].text.lower() not in ("a", "an", "the"):
        return False
    return any(t.text.lower() in PLACE_NOUNS for t in tokens[j + 2:j + 5])


def _after_street_word(tokens: Sequence[Token], i: int) -> bool:
    return i > 0 and tokens[i - 1].text.lower() in STREET_WORDS and tokens[i - 1].text[:1].isupper()


def _hyphen_joined(tokens: Sequence[Token], j: int) -> bool:
    """Whether ``tokens[j]`` is a hyphen joining the word before it to a capitalised word after, with no spaces."""
    return (tokens[j].text in ("-", "‐", "‑") and tokens[j].start == tokens[j - 1].end
            and tokens[j + 1].start == tokens[j].end and tokens[j + 1].text[:1].isupper())


def _words(tokens: Sequence[Token], i: int, j: int) -> int:
    """Words in a span, hyphen-joined parts counted as one ("al-Atarib", "Dutsin-Ma") and lower-case particles
    not at all ("Zamora de Hidalgo")."""
    return sum(1 for k in range(i, j) if tokens[k].text not in ("-", "‐", "‑") and tokens[k].text not in _PARTICLES
               and not (k + 1 < j and tokens[k + 1].text in ("-", "‐", "‑") and tokens[k + 1].start == tokens[k].end))


_PARTICLES = frozenset({"de", "del", "da", "do", "dos", "das", "la", "el", "al", "di", "du", "des", "van", "von"})


_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those", "its", "his", "her", "their", "our",
                          "my", "your", "some", "any", "no", "every", "each"})
_SAYING = frozenset({"said", "says", "told", "added", "asked", "wrote", "explained", "noted", "stated", "replied"})


def _common_word(tokens: Sequence[Token], i: int, people: set[str], lower_words: set[str]) -> bool:
    """A lone capitalised word that is a person's name in this article, a word it also writes in lower case
    (sentence-initial "More", "From"), an abbreviation of one or two letters, or a speaker ("Moore said")."""
    text = tokens[i].text
    if text in people or (text.lower() in lower_words and not text.isupper()):
        return True
    if len(text.rstrip(".")) <= 2 and not text.isupper():
        return True
    after = tokens[i + 1].text.lower() if i + 1 < len(tokens) else ""
    return after in _SAYING


def _leading_place(tokens: Sequence[Token], i: int, j: int, gazetteer: Gazetteer) -> int | None:
    """End of a notable place that opens an organisation's name ("*Ohio* Department of Health"), or None."""
    for end in range(min(j - 1, i + 3), i, -1):
        text = _span_text(tokens, i, end)
        key = normalise(text)
        if not key or _common(key) or not all(_capitalised(t.text) for t in tokens[i:end]):
            continue
        if gazetteer.country_mention(text) and not gazetteer.demonyms.get(key):
            return end
        places = gazetteer.keys.get(key, ())
        if any(gazetteer.feature[p] in ("ADM1", "PCLI") or gazetteer.population[p] >= 100_000 for p in places):
            return end
    return None


def _big_place(text: str, gazetteer: Gazetteer) -> bool:
    return any(gazetteer.feature[p] != "PPL" or gazetteer.population[p] >= 200_000 for p in gazetteer.lookup(text))


def _names_region(text: str, gazetteer: Gazetteer) -> bool:
    """A demonym of a country ("Syrian") or of a continent or region ("European", "Latin American")."""
    if _common(text.lower()):
        return False
    return bool(gazetteer.country_mention(text)) or any(
        gazetteer.feature[p] in ("CONT", "RGN") for p in gazetteer.lookup(text))


def _block(blocked: list[bool], i: int, j: int) -> None:
    for k in range(i, j):
        blocked[k] = True


def _gazetteer_place(tokens: Sequence[Token], i: int, j: int, gazetteer: Gazetteer, *, strict: bool,
                     upper: bool, lower_words: set[str] = frozenset()) -> bool:
    text = _span_text(tokens, i, j)
    key, country, places, notable = _names(text, gazetteer)
    if not key or _common(key) or (j - i == 1 and len(key) < 3 and not tokens[i].text.isupper()):
        return False
    if upper and j - i == 1 and i > 0 and tokens[i - 1].text.lower() in _DETERMINERS:
        return False  # "THE AREA", "A POINT": a common noun, in upper-case copy as in any other
    if country:
        # "CAR", "US" in upper-case copy are as likely words as the Central African Republic or the United States
        return not (upper and len(key) <= 3 and "." not in text)
    if not places:
        return False
    if notable and not strict:
        return True
    cue = _cue(tokens, i)
    after = tokens[j].text.lower() if j < len(tokens) else ""
    introduced = bool(cue) or after in DIVISION_WORDS or (after == "," and j + 1 < len(tokens)
                                                          and tokens[j + 1].ent_type in ("GPE", "LOC")) \
        or _apposed_place_noun(tokens, j)
    if upper:
        # In upper-case copy every word looks like a name: ask for more ("IN LIMA", or a large place the
        # parser calls a proper noun), and nothing shorter than four letters.
        if len(key) < 4:
            return False
        big = any(gazetteer.feature[p] != "PPL" or gazetteer.population[p] >= 100_000 for p in places)
        return (introduced and (notable or cue in ("in", "near", "outside") or " of" in cue)) or (
            big and all(t.pos == "PROPN" for t in tokens[i:j]))
    if i == 0 and not introduced and j - i == 1:
        # a capitalised first word: a name if the parser says so, or if the article never writes it in lower case
        return notable and (tokens[i].pos == "PROPN" or tokens[i].text.lower() not in lower_words)
    return notable or introduced


def _names(text: str, gazetteer: Gazetteer) -> tuple[str, str | None, tuple[int, ...], bool]:
    """What a span's text names, whatever surrounds it: its key, the country it names, the places of that key
    (or of its respelling) and whether one is notable. Remembered per gazetteer: the same names recur, and most
    spans tried are longer than any name."""
    memo = gazetteer.memo("toponyms")
    found = memo.get(text)
    if found is None:
        key = normalise(text)
        country = gazetteer.country_mention(text) if key else None
        places = (gazetteer.keys.get(key, ()) or gazetteer.respelt(key)) if key else ()
        notable = any(gazetteer.feature[p] != "PPL" or gazetteer.population[p] >= NOTABLE_POPULATION for p in places)
        if len(memo) >= 200_000:
            memo.clear()
        found = memo[text] = (key, country, places, notable)
    return found


def _looks_like_name(token: Token, upper: bool) -> bool:
    text = token.text
    if upper:
        return text.isalpha() and len(text) > 1 and not _common(text.lower())
    if text.isupper() and len(text.replace(".", "")) <= 4:
        return True  # an abbreviation in mixed-case text: "US", "U.K.", "EU" (stop-word spellings included)
    return _capitalised(text) and not _common(text.lower())


def _name_word(token: Token, upper: bool) -> bool:
    text = token.text
    if text in ("-", "al-", "el-") or text.lower() in ("al", "el", "de", "del", "la", "le", "of", "ad", "ash", "as",
                                                       "an", "ar", "az", "bin", "ibn", "abu", "du", "des", "da"):
        return True
    return _capitalised(text) or (upper and text.isalpha())


def _mostly_upper(tokens: Sequence[Token]) -> bool:
    letters = [t.text for t in tokens if t.text.isalpha() and len(t.text) > 1]
    return len(letters) >= 4 and sum(w.isupper() for w in letters) >= 0.8 * len(letters)


def _span_text(tokens: Sequence[Token], i: int, j: int) -> str:
    parts = []
    for k in range(i, j):
        parts.append(tokens[k].text)
        if k + 1 < j and tokens[k + 1].start > tokens[k].end:
            parts.append(" ")
    return "".join(parts)


def _cue(tokens: Sequence[Token], i: int) -> str:
    """The words before token ``i`` that introduce a place ("in", "near", "the town of"), or ''."""
    if i >= 2 and tokens[i - 1].text.lower() == "of" and tokens[i - 2].text.lower() in PLACE_NOUNS:
        return f"{tokens[i - 2].text.lower()} of"
    k = i - 1
    if k >= 0 and tokens[k].text.lower() == "the":
        k -= 1
    if k >= 0 and tokens[k].text.lower() in LOCATIVE and tokens[k].text.lower() != "of":
        return tokens[k].text.lower()
    if k == i - 1 and k >= 0 and tokens[k].pos == "VERB" and tokens[k].lemma.lower() in TERRITORIAL_VERBS:
        return tokens[k].lemma.lower()
    return ""


def _toponym(sentence: Sentence, i: int, j: int, label: str) -> Toponym:
    tokens = sentence.tokens
    start, end = tokens[i].start, tokens[j - 1].end
    division = tokens[j].text.lower() if j < len(tokens) and tokens[j].text.lower() in DIVISION_WORDS else ""
    container = ""
    if j + 1 < len(tokens) and tokens[j].text == ",":
        k = j + 1
        while k < len(tokens) and k - j <= 4 and (tokens[k].ent_type in ("GPE", "LOC") or
                                                  _capitalised(tokens[k].text)):
            k += 1
        if k > j + 1:
            container = _span_text(tokens, j + 1, k)
    text = sentence.text[start - sentence.start:end - sentence.start]
    return Toponym(text=text, start=start, end=end, sentence=sentence.index, label=label, cue=_cue(tokens, i),
                   division=division, container=container)


def given_toponym(text: str, start: int, end: int, sentences: Sequence[Sentence]) -> Toponym:
    """A toponym for a span chosen outside the recogniser (a gold span), with its cue and container read off
    the tokens around it."""
    for sentence in sentences:
        if sentence.start <= start < sentence.end:
            tokens = sentence.tokens
            inside = [t.i for t in tokens if start <= t.start < end]
            if inside:
                found = _toponym(sentence, inside[0], inside[-1] + 1, "GOLD")
                return Toponym(text=text[start:end], start=start, end=end, sentence=sentence.index, label="GOLD",
                               cue=found.cue, division=found.division, container=found.container)
            return Toponym(text=text[start:end], start=start, end=end, sentence=sentence.index, label="GOLD")
    return Toponym(text=text[start:end], start=start, end=end, sentence=-1, label="GOLD")
