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
comma or in brackets ("Panjgur, Balochistan", "Camoapa (Boaco)"), and a known town or area
after a name the gazetteer lacks ("at Annamalai University, Chidambaram"), which stands for
a village so lacking (`stand_ins`: "in Menda Nkwe village, Bamenda 1 subdivision (Mezam,
Nord-Ouest)").

Local news names its place in other ways too: in a dateline ("CONWAY, SC (WBTW) -"), in the
force that answered ("Joplin Police confirm", "the Kern County Sheriff's Office"), and with a
direction before the town ("in west Kissimmee", "Southeast Bakersfield", which the gazetteer
knows as Kissimmee and Bakersfield). These become GPE entities too.
"""

from __future__ import annotations

import numpy
from spacy.attrs import LEMMA, LOWER
from spacy.strings import hash_string
from spacy.tokens import Doc, Span, Token

from thucydides.geo.gazetteer import FACILITY_WORDS, Gazetteer
from thucydides.geo.names import COMPASS, US_POSTAL_CODES
from thucydides.geo.place import GazetteerEntry
from thucydides.geo.resolve import TOPONYM_LABELS
from thucydides.geo.stand_ins import stand_in
from thucydides.when.dateline import read_dateline

LOCATIVE = frozenset(
    ["in", "at", "near", "outside", "throughout", "across", "through", "around", "inside"]
)
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
# Lowercase words inside place names of many languages ("Virrey del Pino", "Ras al Ain",
# "Bandar-e Abbas" aside).
NAME_PARTICLES = frozenset(
    ["de", "del", "della", "di", "da", "do", "dos", "das", "des", "du", "la", "le", "las", "los",
     "al", "el", "en", "ul", "van", "von", "y"]
)  # fmt: skip
# A town this small shares its name with too many words and people to be taken on trust.
MIN_POPULATION = 5_000
# What the model may have taken a place name for; any other label (a date, a number, an
# event) is kept, and a nationality too where the gazetteer knows the word as one ("in
# Afghan villages"; "in Laukkai town", Laukkai tagged NORP, is a town).
OVERRIDABLE = frozenset(["PERSON", "ORG", "PRODUCT", "WORK_OF_ART", "NORP"])
# A force named after the town or county it serves ("Batesville Police", "Horry County
# Sheriff's Office") names where it serves...
AGENCY_WORDS = frozenset(["police", "sheriff", "constabulary"])
# ...unless the words before it say what kind of force it is ("State Police", "Metro Police",
# "Capitol Police"); such words are read past ("Metro Nashville Police" serves Nashville).
FORCE_KINDS = frozenset(
    ["the", "state", "metro", "metropolitan", "capitol", "capital", "transit", "park", "parks",
     "border", "military", "federal", "national", "royal", "traffic", "tribal", "campus",
     "university", "college", "airport", "port", "railway", "railroad", "highway", "secret",
     "religious", "morality", "riot", "special", "municipal", "harbor", "harbour", "coast",
     "judicial", "frontier", "central", "provincial", "regional", "local", "district",
     "auxiliary", "reserve", "mounted", "river", "marine", "community", "school", "housing",
     "armed", "civil", "tourist", "village", "town", "township", "borough", "division", "area",
     "city"]
)  # fmt: skip
# Of those, the ones that may come after the place and are never the end of a place's name
# ("the Las Vegas Metropolitan Police", "Michigan State Police"; not "Kansas City Police").
KINDS_AFTER_PLACE = frozenset(
    ["metro", "metropolitan", "state", "capitol", "transit", "tribal", "traffic", "campus",
     "housing", "municipal", "regional", "auxiliary"]
)  # fmt: skip


def _name_after(doc: Doc, i: int) -> Span | None:
    """The capitalised name right after token i, unless it is a possessive ("at Ali's house");
    its words may be joined by hyphens, in any case ("in Croix-des-Bouquets"), or by a
    particle before a capitalised word ("in Virrey del Pino"); in brackets, a city and its
    district by a spaced dash, as ACLED writes them ("(Seoul City - Jongno)")."""
    end = i + 1
    while end < len(doc) and end - i <= MAX_NAME_TOKENS and not doc[end].is_sent_start:
        joined = end > i + 1 and (
            (doc[end].text in NAME_PARTICLES and _capitalised(doc, end + 1))
            or (doc[i].text == "(" and _spaced_dash(doc, end))
        )
        if _capitalised(doc, end):
            end += 1
        elif joined or _hyphen_joins(doc, end):
            end += 2
        else:
            break
    if end == i + 1 or (end < len(doc) and doc[end].text in ("'s", "\u2019s")):
        return None
    return _whole_words(doc[i + 1 : end])


def _spaced_dash(doc: Doc, i: int) -> bool:
    """Whether token i is a dash with a space on each side before a capitalised word."""
    return (
        doc[i].text == "-"
        and bool(doc[i - 1].whitespace_)
        and bool(doc[i].whitespace_)
        and _capitalised(doc, i + 1)
    )


def _capitalised(doc: Doc, i: int) -> bool:
    return i < len(doc) and doc[i].is_alpha and doc[i].text[0].isupper()


def _hyphen_joins(doc: Doc, i: int) -> bool:
    """Whether token i is a hyphen joining the word before it to the word after it."""
    return (
        doc[i].text == "-"
        and i + 1 < len(doc)
        and not doc[i - 1].whitespace_
        and not doc[i].whitespace_
        and doc[i - 1].is_alpha
        and doc[i + 1].is_alpha
    )


def _whole_words(name: Span) -> Span | None:
    """The name, unless it is part of a hyphenated word ("Sant" of "Toan-Sant Village");
    a bracket or quote before it joins nothing ("(Santa Fe)"), nor a run of spaces ("STOCKTON-
    Stockton Police", the spaces after a dateline a token of their own)."""
    doc = name.doc
    before = doc[name.start - 1] if name.start > 0 else None
    joined_before = (
        before is not None
        and not before.whitespace_
        and not before.is_left_punct
        and not before.is_space
    )
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
    return _capitalised_before(doc, i)


def _capitalised_before(doc: Doc, i: int) -> Span | None:
    """The capitalised words right before token i, as a name (see `_name_before`)."""
    start = i
    while (
        start > 0
        and i - start < MAX_NAME_TOKENS
        and _capitalised(doc, start - 1)
        and not doc[start - 1].is_sent_start
    ):
        start -= 1
    if start == i or all(t.lower_ in COMPASS for t in doc[start:i]):
        return None
    return _whole_words(doc[start:i])


def _names(doc: Doc):
    """Names where a place is expected: after a locative word (past a direction: "in west
    Kissimmee"), before a place noun ("the Aziziyah district", "Khanasir town"), after
    "capital" ("the capital Niamey") and before a district and province in brackets. The
    words are read from the document's lowercase and lemma ids at once, not token by token."""
    lower, lemma = doc.to_array([LOWER, LEMMA]).T
    place_nouns = numpy.isin(lower, _PLACE_NOUN_IDS)
    for i in _locatives(lower, lemma, place_nouns):
        yield _name_after(doc, i)
        if i + 1 < len(doc) and doc[i + 1].is_lower and doc[i + 1].text in COMPASS:
            yield _name_after(doc, i + 1)
    for i in numpy.flatnonzero(place_nouns).tolist():
        yield _name_before(doc, i)
        # "the capital Niamey"; not "the town Hall", whose name is a namesake's.
        if doc[i].lower_ == "capital":
            yield _name_after(doc, i)
    # "toward the forests adjacent to Labbouneh (Tyr, South)": a name before its district
    # and province in brackets, as ACLED writes a village, whatever word comes before it.
    for token in doc[1:]:
        if token.text == "(" and len(_names_after(doc, token.i)) >= 2:
            yield _capitalised_before(doc, token.i)


def _agency_names(doc: Doc):
    """The place a force is named after ("Joplin" of "Joplin Police confirm", "Horry County"
    of "Horry County Sheriff's Office"), past words of its kind before or after the place
    ("Metro Nashville Police", "the Las Vegas Metropolitan Police Department"), with the
    token that names the force."""
    for token in doc:
        if token.lower_ not in AGENCY_WORDS or token.i == 0:
            continue
        start = end = token.i
        while start > 0 and token.i - start < MAX_NAME_TOKENS and _capitalised(doc, start - 1):
            start -= 1
        while start < end and doc[start].lower_ in FORCE_KINDS:
            start += 1
        while start < end and doc[end - 1].lower_ in KINDS_AFTER_PLACE:
            end -= 1
        if start < end and (name := _whole_words(doc[start:end])) is not None:
            yield name, token


def _force_kinds_named(doc: Doc, label_of: dict[int, Span]) -> set[Span]:
    """The place entities that are a force's kind, not a place: one made only of words of a
    force's kind that the report writes before the force ("Metro police say"), and the same
    words anywhere else in it ("Metro said", "Metro's homicide section"), which the model
    took for Metro, Lampung."""
    kinds = {
        ent.text
        for token in doc
        if token.lower_ in AGENCY_WORDS
        and token.i > 0
        and (ent := label_of.get(token.i - 1)) is not None
        and ent.label_ in TOPONYM_LABELS
        and all(t.lower_ in FORCE_KINDS for t in ent)
    }
    return {e for e in doc.ents if e.label_ in TOPONYM_LABELS and e.text in kinds}


def _dateline_names(doc: Doc):
    """The town of a dateline heading the report and the state or country after it
    ("CONWAY, SC (WBTW) -": "CONWAY" and "SC"), as spans of the document."""
    dateline = read_dateline(doc.text)
    if dateline is None:
        return
    at = dateline.place_start
    for part in doc.text[at : dateline.place_end].split(","):
        start = at + len(part) - len(part.lstrip())
        end = at + len(part.rstrip())
        # "STOCKTON-  Stockton Police say": the dash stays in the town's token.
        span = doc.char_span(start, end, alignment_mode="contract") or doc.char_span(
            start, end + 1, alignment_mode="contract"
        )
        if span is not None and len(span):
            yield span
        at += len(part) + 1


def _postal_codes(doc: Doc):
    """A US state's postal code after a place and a comma ("Springfield, IL")."""
    for ent in doc.ents:
        if ent.label_ in TOPONYM_LABELS and ent.end + 1 < len(doc) and doc[ent.end].text == ",":
            code = doc[ent.end + 1]
            if code.text in US_POSTAL_CODES and code.ent_type_ not in TOPONYM_LABELS:
                yield doc[code.i : code.i + 1]


def _without_direction(doc: Doc, gazetteer: Gazetteer) -> None:
    """A place entity with a direction before a town ("Southeast Bakersfield") that the
    gazetteer knows only as the town: the entity becomes the town."""
    ents, changed = [], False
    for ent in doc.ents:
        if (
            ent.label_ in TOPONYM_LABELS
            and len(ent) > 1
            and ent[0].lower_ in COMPASS
            and not _exact(gazetteer, ent.text)
            and _known_place(_exact(gazetteer, ent[1:].text))
        ):
            ent, changed = Span(doc, ent.start + 1, ent.end, label="GPE"), True
        ents.append(ent)
    if changed:
        doc.ents = ents


def _locatives(lower: numpy.ndarray, lemma: numpy.ndarray, place_nouns: numpy.ndarray) -> list[int]:
    """The tokens that say where: a locative preposition or a verb of taking ground, "of"
    after a place noun, and "of" or "on" after a noun of assault."""
    found = numpy.isin(lower, _LOCATIVE_IDS) | numpy.isin(lemma, _TAKING_IDS)
    found[1:] |= (lower[1:] == _OF) & place_nouns[:-1]
    found[1:] |= numpy.isin(lower[1:], _OF_ON) & numpy.isin(lemma[:-1], _ASSAULT_IDS)
    return numpy.flatnonzero(found).tolist()


def _exact(gazetteer: Gazetteer, name: str) -> list[GazetteerEntry]:
    """The entries known by this very name or an alias of it (never a near-spelling), or
    the city of a district named with it ("Seoul City - Jongno")."""
    return [
        c.entry
        for c in gazetteer.candidates(name, fuzzy=False)
        if c.match in ("primary", "alias", "district")
    ]


def _known_place(entries: list[GazetteerEntry]) -> bool:
    return any(e.feature in ("admin1", "admin2") or e.population >= MIN_POPULATION for e in entries)


def _one_country(entries: list[GazetteerEntry]) -> bool:
    """Whether the provinces among the entries (else the districts, else the known towns)
    are of one country: in "(Baydhaba, Bay)" Bay is Somalia's region, whatever districts and
    towns elsewhere bear the name."""
    for kind in ("admin1", "admin2", "city"):
        if found := {e.country_code for e in entries if e.feature == kind and _known_place([e])}:
            return len(found) == 1
    return False


def _areas(entries: list[GazetteerEntry]) -> set[tuple[str, str]]:
    """The provinces (country, admin1) and countries (country, "") among the entries."""
    return {
        (e.country_code, e.admin1_code if e.feature == "admin1" else "")
        for e in entries
        if e.feature in ("admin1", "country")
    }


def _country_of_areas(gazetteer: Gazetteer, names: list[Span]) -> set[str]:
    """The one country of the names after a place that the gazetteer knows as areas (a
    province, a district, a country) or known towns of a single country ("Mjadel town (Tyr,
    South)": Tyre, Lebanon, so not Myadzyel, Belarus); none where they name no such place or
    places of several countries."""
    found: set[str] = set()
    for name in names:
        codes = {
            e.country_code
            for e in _exact(gazetteer, name.text)
            if e.feature in ("admin1", "admin2", "country") or _known_place([e])
        }
        if len(codes) == 1:
            found |= codes
    return found if len(found) == 1 else set()


def _town_in(entries: list[GazetteerEntry], areas: set[tuple[str, str]]) -> bool:
    """Some entry lies in one of the areas, however small the town."""
    return any({(e.country_code, e.admin1_code), (e.country_code, "")} & areas for e in entries)


def _replaceable(
    name: Span,
    label_of: dict[int, Span],
    gazetteer: Gazetteer,
    *,
    pieces: bool = False,
    beyond: bool = False,
) -> set[Span] | None:
    """The entities a name would replace, or None where it may not replace them; with
    `pieces`, places too, that the model made of pieces of the name ("ST" and "LOUIS"); with
    `beyond`, one that begins with the name and runs on past a mark ending it ("Sydney -
    Central (New South Wales" ORG, of "in Sydney - Central (New South Wales)")."""
    overlapping = {label_of[t.i] for t in name if t.i in label_of}
    if any(
        e.label_ not in OVERRIDABLE and not (pieces and e.label_ in TOPONYM_LABELS)
        for e in overlapping
    ):
        return None
    if any(e.label_ == "NORP" and gazetteer.demonym_country(e.text) for e in overlapping):
        return None
    ended = name.end < len(name.doc) and name.doc[name.end].is_punct
    if any(
        e.start < name.start or (e.end > name.end and not (beyond and ended)) for e in overlapping
    ):
        return None
    return overlapping


def _replaceable_by_agency(name: Span, force: Token, label_of: dict[int, Span]) -> set[Span]:
    """The entities a force's place replaces: whatever the model made of the force's name
    ("Batesville Police" ORG, "the Kern County Sheriff's Office" LOC, "the Metro Nashville
    Police Department" ORG), within it."""
    overlapping = {label_of[t.i] for t in name if t.i in label_of}
    return {
        e
        for e in overlapping
        if e.end <= force.i + 4
        and (
            e.start >= name.start - 1
            or all(t.lower_ in FORCE_KINDS for t in name.doc[e.start : name.start])
        )
    }


def _names_after(doc: Doc, i: int) -> list[Span]:
    """The names after a comma at token i (one), or in brackets opening there, up to the
    closing one ("(Baydhaba, Bay)": both)."""
    if i >= len(doc) or doc[i].text not in (",", "(") or (name := _name_after(doc, i)) is None:
        return []
    names = [name]
    while doc[i].text == "(" and name.end < len(doc) and doc[name.end].text == ",":
        if (name := _name_after(doc, name.end)) is None:
            break
        names.append(name)
    return names


def _area_after(
    names: list[Span],
    label_of: dict[int, Span],
    gazetteer: Gazetteer,
    taken: set[int],
    shared: set[Span],
) -> tuple[Span | None, set[Span] | None, list[GazetteerEntry]]:
    """The first of the names after a place that the gazetteer knows ("(Mandera East,
    Mandera)": Mandera, of one country), with the entities it would replace (None where the
    model holds it as a place already) and its entries; None and no entries where there is
    none. An entity the name before runs on into (`shared`: "Betanzos (Potosi" ORG) is
    replaced too."""
    for k, area in enumerate(names):
        if any(t.i in taken for t in area):
            break
        own = {t.i: e for t in area if (e := label_of.get(t.i)) is not None and e not in shared}
        replaced = _replaceable(area, own, gazetteer, beyond=True)
        if replaced is not None:
            replaced |= {e for t in area if (e := label_of.get(t.i)) in shared}
        placed = all(t.i in label_of and label_of[t.i].label_ in TOPONYM_LABELS for t in area)
        entries = _exact(gazetteer, area.text) if replaced is not None or placed else []
        if replaced is not None and area.text in US_POSTAL_CODES:
            entries = [c.entry for c in gazetteer.us_state(area.text)]
        # Past a name it lacks, an area of many countries' names is no guide ("(Karachchi,
        # Northern)": Ghana's, Uganda's, ..., not Sri Lanka's Northern Province); nor is a
        # town it knows nothing of, past which the province may be known ("(Bint Jbeil, Al
        # Nabatieh)": a town of no recorded population, then Lebanon's governorate).
        known = _known_place(entries) or k == len(names) - 1
        if entries and known and (k == 0 or _one_country(entries)):
            return area, replaced, entries
    return None, None, []


def _toponyms_within(name: Span, end: int, label_of: dict[int, Span]) -> set[Span]:
    """The place entities the model made of the name (and its place noun, up to `end`)."""
    return {
        e
        for t in name
        if (e := label_of.get(t.i)) is not None
        and e.label_ in TOPONYM_LABELS
        and e.start >= name.start
        and e.end <= end
    }


def _glosses(doc: Doc):
    """Names in brackets right after a capitalised word, up to the closing bracket or a
    comma ("Gyeongin Regional Communications Office (Suwon)")."""
    for token in doc[1:]:
        if token.text == "(" and _capitalised(doc, token.i - 1):
            area = _name_after(doc, token.i)
            closed = area is not None and area.end < len(doc) and doc[area.end].text in "),"
            if closed and not area.text.isupper():  # "(SWAT)" names a unit, not Swat
                yield area


def _without_lowercase_places(doc: Doc) -> None:
    """A place entity written all in lower case in a text that capitalises is a common noun
    the model took for a name ("the third child shot in the metro" is no Metro, Lampung)."""
    ents = doc.ents
    dropped = [
        e for e in ents if e.label_ in TOPONYM_LABELS and not any(c.isupper() for c in e.text)
    ]
    if dropped and any(c.isupper() for c in doc.text):
        doc.ents = [e for e in ents if e not in dropped]


def mark_places(doc: Doc, gazetteer: Gazetteer) -> Doc:
    """Add the places where places are expected that the model missed, as GPE entities."""
    _without_lowercase_places(doc)
    _without_direction(doc, gazetteer)
    label_of = {t.i: e for e in doc.ents for t in e}
    added: list[Span] = []
    replaced: set[Span] = _force_kinds_named(doc, label_of)
    taken: set[int] = set()

    def take(name: Span, overlapping: set[Span]) -> None:
        added.append(Span(doc, name.start, name.end, label="GPE"))
        replaced.update(overlapping)
        taken.update(range(name.start, name.end))

    for name in _dateline_names(doc):
        overlapping = _replaceable(name, label_of, gazetteer, pieces=True)
        # A dateline names a place by convention, however small the town; a state's postal
        # code is resolved as the state after its town.
        if overlapping is not None and (
            name.text in US_POSTAL_CODES or _exact(gazetteer, name.text)
        ):
            take(name, overlapping)
    for name in _postal_codes(doc):
        overlapping = _replaceable(name, label_of, gazetteer)
        if overlapping is not None and not any(t.i in taken for t in name):
            take(name, overlapping)
    for name, force in _agency_names(doc):
        if any(t.i in taken for t in name):
            continue
        overlapping = _replaceable_by_agency(name, force, label_of)
        if any(label_of[t.i] not in overlapping for t in name if t.i in label_of):
            continue
        if any(e.label_ in TOPONYM_LABELS and e.end <= name.end for e in overlapping):
            continue  # already a place of its own ("Joplin" GPE, then "Police")
        if _known_place(_exact(gazetteer, name.text)):
            take(name, overlapping)
    for name in _names(doc):
        if name is None or any(t.i in taken for t in name):
            continue
        overlapping = _replaceable(name, label_of, gazetteer, beyond=True)
        # "Panjgur, Balochistan", "Camoapa (Boaco)", "Kash Rod district, Nimruz": the
        # province after the comma or in brackets vouches for a town the gazetteer knows too
        # little about (no population on record).
        mark = name.end + (name.end < len(doc) and doc[name.end].lower_ in PLACE_NOUNS)
        after = _names_after(doc, mark)
        shared = overlapping or set()
        area, area_replaced, area_entries = _area_after(after, label_of, gazetteer, taken, shared)
        areas = _areas(area_entries)
        # What the model made a place of the name, and whether it may be read as a name.
        own = _toponyms_within(name, mark, label_of)
        named = overlapping is not None or bool(own)
        entries = _exact(gazetteer, name.text) if named else []
        # A province or country of one country after the name says where it is: a namesake
        # in another country is not it ("Fino, Mandera county" is not Fino Mornasco, Italy);
        # so do the districts in brackets ("Manzala (Bria, Haute-Kotto)" is not Al Manzalah,
        # Egypt).
        countries = {country for country, _ in areas} | _country_of_areas(gazetteer, after)
        known = _known_place(entries)
        if len(countries) == 1:
            known = (known and any(e.country_code in countries for e in entries)) or _town_in(
                entries, areas
            )
        if known and overlapping is not None:
            take(name, overlapping)
        if area_replaced is not None and _known_place(area_entries):
            take(area, area_replaced)
        # "in Menda Nkwe village, Bamenda 1 subdivision (Mezam, Nord-Ouest)": a place the
        # gazetteer lacks, which each area named with it stands for (the resolver may know
        # one by another spelling: "(Baydhaba, Bay)", Baidoa the finer); a facility ("at
        # Annamalai University, Chidambaram") is in its town.
        lacking = not known and named and name[-1].lower_ not in FACILITY_WORDS
        if lacking and area is not None and _known_place(area_entries):
            for named_area in after:
                stand_in(named_area, name, _one_country(area_entries))
    # "in front of the Suwon Convention Center (Suwon)": a known place in brackets after a
    # name says where the name is.
    for area in _glosses(doc):
        if any(t.i in taken for t in area):
            continue
        overlapping = _replaceable(area, label_of, gazetteer)
        if overlapping is not None and _known_place(_exact(gazetteer, area.text)):
            take(area, overlapping)
    if added or replaced:
        doc.ents = [e for e in doc.ents if e not in replaced] + added
    return doc
