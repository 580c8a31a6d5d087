"""Places the small English model misses: a name after "in", "at" or "near" that the gazetteer
knows is a place, whatever the model took it for.

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
from spacy.attrs import LOWER
from spacy.strings import hash_string
from spacy.tokens import Doc, Span

from thucydides.geo.gazetteer import Gazetteer
from thucydides.geo.place import GazetteerEntry

LOCATIVE = frozenset(["in", "at", "near", "outside", "throughout", "across"])
# "the town of Pakokku", "the outskirts of Kabul": "of" after one of these is locative too.
PLACE_NOUNS = frozenset(
    ["town", "city", "village", "district", "province", "region", "state", "capital",
     "outskirts", "suburb", "suburbs", "area", "municipality", "county"]
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
    return doc[i + 1 : end]


_LOCATIVE_IDS = numpy.array([hash_string(w) for w in LOCATIVE], dtype=numpy.uint64)
_PLACE_NOUN_IDS = numpy.array([hash_string(w) for w in PLACE_NOUNS], dtype=numpy.uint64)
_OF = hash_string("of")


def _locatives(doc: Doc) -> list[int]:
    """The tokens that say where: a locative preposition, or "of" after a place noun; read
    from the document's lowercase ids at once, not token by token."""
    lower = doc.to_array(LOWER)
    found = numpy.isin(lower, _LOCATIVE_IDS)
    found[1:] |= (lower[1:] == _OF) & numpy.isin(lower[:-1], _PLACE_NOUN_IDS)
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
    """Add the places after locative prepositions that the model missed, as GPE entities."""
    label_of = {t.i: e for e in doc.ents for t in e}
    added: list[Span] = []
    replaced: set[Span] = set()
    for i in _locatives(doc):
        name = _name_after(doc, i)
        overlapping = _replaceable(name, label_of, gazetteer) if name is not None else None
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
            continue
        added.append(Span(doc, name.start, name.end, label="GPE"))
        replaced |= overlapping
        if areas:
            added.append(Span(doc, area.start, area.end, label="GPE"))
            replaced |= area_replaced
    if added:
        doc.ents = [e for e in doc.ents if e not in replaced] + added
    return doc
