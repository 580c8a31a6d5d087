"""Places the small English model misses: a name after "in", "at" or "near" that the gazetteer
knows is a place, whatever the model took it for.

en_core_web_sm reads unfamiliar South Asian and African towns as people ("In Bogra, a bus
was torched", Bogra tagged PERSON) or not at all ("a strike in Pathankot"). A capitalised
name right after a locative preposition, known to the gazetteer by its own name or an alias
(never a near-spelling) as a town or an administrative area, becomes a GPE entity before
anything reads the entities, so extraction attaches it to its event and geoparsing resolves
it.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from thucydides.geo.gazetteer import Gazetteer

LOCATIVE = frozenset(["in", "at", "near", "outside"])
MAX_NAME_TOKENS = 4
# A town this small shares its name with too many words and people to be taken on trust.
MIN_POPULATION = 5_000
# What the model may have taken a place name for; any other label (a date, an organisation,
# a nationality) is kept.
OVERRIDABLE = frozenset(["PERSON"])
_PLACES = frozenset(["GPE", "LOC", "FAC"])


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


def _known_place(gazetteer: Gazetteer, name: str) -> bool:
    return any(
        c.match in ("primary", "alias")
        and (c.entry.feature in ("admin1", "admin2") or c.entry.population >= MIN_POPULATION)
        for c in gazetteer.candidates(name, fuzzy=False)
    )


def mark_places(doc: Doc, gazetteer: Gazetteer) -> Doc:
    """Add the places after locative prepositions that the model missed, as GPE entities."""
    label_of = {t.i: e for e in doc.ents for t in e}
    added: list[Span] = []
    replaced: set[Span] = set()
    for token in doc:
        if token.lower_ not in LOCATIVE:
            continue
        name = _name_after(doc, token.i)
        if name is None:
            continue
        overlapping = {label_of[t.i] for t in name if t.i in label_of}
        if any(e.label_ not in OVERRIDABLE for e in overlapping):
            continue
        if any(e.start < name.start or e.end > name.end for e in overlapping):
            continue
        if _known_place(gazetteer, name.text):
            added.append(Span(doc, name.start, name.end, label="GPE"))
            replaced |= overlapping
    if added:
        doc.ents = [e for e in doc.ents if e not in replaced] + added
    return doc
