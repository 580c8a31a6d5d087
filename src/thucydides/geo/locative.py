"""Places the small English model misses: a name where a place is expected that the gazetteer
knows is a place, whatever the model took it for. A place is expected after "in", "at" or
"near", after a verb of taking ground ("captured Knin") or a noun of assault ("the siege of
Kobane"), and before a kind of place ("the Bardiya district").

en_core_web_sm reads unfamiliar South Asian and African towns as people ("In Bogra, a bus
was torched", Bogra tagged PERSON), organisations, products or nationalities ("in Panjgur,
Balochistan", both ORG; "In Feni", PRODUCT; "in Laukkai town", NORP) or not at all ("a
strike in Pathankot"). A capitalised name right after a locative preposition, known to the
gazetteer by its own name or an alias (never a near-spelling) as a town or an administrative
area, becomes a GPE entity before anything reads the entities, so extraction attaches it to
its event and geoparsing resolves it; so does a province or country written after it with a
comma ("Panjgur, Balochistan"), and a known town after a name the gazetteer lacks ("at
Annamalai University, Chidambaram").
"""

from __future__ import annotations

import numpy
from spacy.attrs import LEMMA, LOWER
from spacy.strings import hash_string
from spacy.tokens import Doc, Span

from thucydides.geo.gazetteer import Gazetteer
from thucydides.geo.names import COMPASS
from thucydides.geo.place import GazetteerEntry

LOCATIVE = frozenset(["in", "at", "near", "outside", "throughout", "across"])
# "the town of Pakokku", "the outskirts of Kabul": "of" after one of these is locative too.
PLACE_NOUNS = frozenset(
    ["town", "city", "village", "district", "province", "region", "state", "capital",
     "outskirts", "suburb", "suburbs", "area", "municipality", "county", "towns", "cities",
     "villages", "districts", "provinces", "areas", "upazila", "upazilas", "thana", "tehsil",
     "taluk", "taluka", "mandal", "township", "townships", "division", "governorate",
     "prefecture", "neighbourhood", "neighborhood", "locality"]
)  # fmt: skip
# "captured Knin", "liberated Palmyra": what these verbs take is a place; "the siege of Kobane",
# "an attack on Sere Kaniye": so is what follows "of" or "on" after these nouns.
TAKING_VERBS = frozenset(
    ["capture", "recapture", "seize", "liberate", "overrun", "storm", "besiege", "retake",
     "shell", "raid", "bomb", "enter", "encircle"]
)  # fmt: skip
ASSAULT_NOUNS = frozenset(
    ["attack", "assault", "siege", "shelling", "offensive", "raid", "bombardment", "bombing",
     "battle", "capture", "fall"]
)  # fmt: skip
MAX_NAME_TOKENS = 4
# A town this small shares its name with too many words and people to be taken on trust.
MIN_POPULATION = 5_000
# What the model may have taken a place name for; any other label (a date, a number, an
# event) is kept, and a nationality too where the gazetteer knows the word as one ("in
# Afghan villages"; "in Laukkai town", Laukkai tagged NORP, is a town).
OVERRIDABLE = frozenset(["PERSON", "ORG", "PRODUCT", "WORK_OF_ART", "NORP"])


def _name_after(doc: Doc, i: int) -> Span | None:
    """The capitalised name right after token i, unless it is a possessive ("at Ali's house")."""
    end = i + 1
    while (
        end < len(doc)
        and end - i <= MAX_NAME_TOKENS
        and doc[end].is_alpha
        and doc[end].text[0].isupper()
        and not doc[end].is_sent_start
    ):
        end += 1
    if end == i + 1 or (end < len(doc) and doc[end].text in ("'s", "\u2019s")):
        return None
    return _whole_words(doc[i + 1 : end])


def _whole_words(name: Span) -> Span | None:
    """The name, unless it is part of a hyphenated word ("Sant" of "Toan-Sant Village")."""
    doc = name.doc
    joined_before = name.start > 0 and not doc[name.start - 1].whitespace_
    joined_after = name.end < len(doc) and not name[-1].whitespace_ and doc[name.end].text == "-"
    return None if joined_before or joined_after else name


def _ids(words) -> numpy.ndarray:
    return numpy.array([hash_string(w) for w in words], dtype=numpy.uint64)


_LOCATIVE_IDS = _ids(LOCATIVE)
_PLACE_NOUN_IDS = _ids(PLACE_NOUNS)
_TAKING_IDS = _ids(TAKING_VERBS)
_ASSAULT_IDS = _ids(ASSAULT_NOUNS)
_OF = hash_string("of")
_OF_ON = _ids(["of", "on"])


def _name_before(doc: Doc, i: int) -> Span | None:
    """The capitalised name right before the lowercase place noun at i ("Khanasir" in
    "Khanasir town"); not a sentence's first word, whose capital says nothing, nor a
    compass word ("the first Northern state")."""
    if not doc[i].is_lower:  # "Emerald City Players", "UNION CITY": the noun is in a name
        return None
    start = i
    while (
        start > 0
        and i - start < MAX_NAME_TOKENS
        and doc[start - 1].is_alpha
        and doc[start - 1].text[0].isupper()
        and not doc[start - 1].is_sent_start
    ):
        start -= 1
    if start == i or all(t.lower_ in COMPASS for t in doc[start:i]):
        return None
    return _whole_words(doc[start:i])


def _names(doc: Doc):
    """Names where a place is expected: after a locative word, and before a place noun
    ("the Aziziyah district", "Khanasir town"). The words are read from the document's
    lowercase and lemma ids at once, not token by token."""
    lower, lemma = doc.to_array([LOWER, LEMMA]).T
    place_nouns = numpy.isin(lower, _PLACE_NOUN_IDS)
    for i in _locatives(lower, lemma, place_nouns):
        yield _name_after(doc, i)
    for i in numpy.flatnonzero(place_nouns).tolist():
        yield _name_before(doc, i)


def _locatives(lower: numpy.ndarray, lemma: numpy.ndarray, place_nouns: numpy.ndarray) -> list[int]:
    """The tokens that say where: a locative preposition or a verb of taking ground, "of"
    after a place noun, and "of" or "on" after a noun of assault."""
    found = numpy.isin(lower, _LOCATIVE_IDS) | numpy.isin(lemma, _TAKING_IDS)
    found[1:] |= (lower[1:] == _OF) & place_nouns[:-1]
    found[1:] |= numpy.isin(lower[1:], _OF_ON) & numpy.isin(lemma[:-1], _ASSAULT_IDS)
    return numpy.flatnonzero(found).tolist()


def _exact(gazetteer: Gazetteer, name: str) -> list[GazetteerEntry]:
    """The entries known by this very name or an alias of it (never a near-spelling)."""
    return [
        c.entry for c in gazetteer.candidates(name, fuzzy=False) if c.match in ("primary", "alias")
    ]


def _known_place(entries: list[GazetteerEntry]) -> bool:
    return any(e.feature in ("admin1", "admin2") or e.population >= MIN_POPULATION for e in entries)


def _areas(entries: list[GazetteerEntry]) -> set[tuple[str, str]]:
    """The provinces (country, admin1) and countries (country, "") among the entries."""
    return {
        (e.country_code, e.admin1_code if e.feature == "admin1" else "")
        for e in entries
        if e.feature in ("admin1", "country")
    }


def _town_in(entries: list[GazetteerEntry], areas: set[tuple[str, str]]) -> bool:
    """Some entry lies in one of the areas, however small the town."""
    return any({(e.country_code, e.admin1_code), (e.country_code, "")} & areas for e in entries)


def _replaceable(name: Span, label_of: dict[int, Span], gazetteer: Gazetteer) -> set[Span] | None:
    """The entities a name would replace, or None where it may not replace them."""
    overlapping = {label_of[t.i] for t in name if t.i in label_of}
    if any(e.label_ not in OVERRIDABLE for e in overlapping):
        return None
    if any(e.label_ == "NORP" and gazetteer.demonym_country(e.text) for e in overlapping):
        return None
    if any(e.start < name.start or e.end > name.end for e in overlapping):
        return None
    return overlapping


def mark_places(doc: Doc, gazetteer: Gazetteer) -> Doc:
    """Add the places where places are expected that the model missed, as GPE entities."""
    label_of = {t.i: e for e in doc.ents for t in e}
    added: list[Span] = []
    replaced: set[Span] = set()
    taken: set[int] = set()
    for name in _names(doc):
        if name is None or any(t.i in taken for t in name):
            continue
        overlapping = _replaceable(name, label_of, gazetteer)
        if overlapping is None:
            continue
        # "Panjgur, Balochistan": the province after the comma vouches for a town the
        # gazetteer knows too little about (no population on record).
        comma = name.end < len(doc) and doc[name.end].text == ","
        area = _name_after(doc, name.end) if comma else None
        area_replaced = _replaceable(area, label_of, gazetteer) if area is not None else None
        area_entries = _exact(gazetteer, area.text) if area_replaced is not None else []
        areas = _areas(area_entries)
        entries = _exact(gazetteer, name.text)
        if not (_known_place(entries) or _town_in(entries, areas)):
            # "at Annamalai University, Chidambaram": a name the gazetteer lacks, in a town
            # it knows.
            if area_replaced is not None and _known_place(area_entries):
                added.append(Span(doc, area.start, area.end, label="GPE"))
                replaced |= area_replaced
                taken.update(range(area.start, area.end))
            continue
        added.append(Span(doc, name.start, name.end, label="GPE"))
        replaced |= overlapping
        taken.update(range(name.start, name.end))
        if areas:
            added.append(Span(doc, area.start, area.end, label="GPE"))
            replaced |= area_replaced
            taken.update(range(area.start, area.end))
    if added:
        doc.ents = [e for e in doc.ents if e not in replaced] + added
    return doc
