"""Build `extract/data/actor_names.json`: ACLED's names for state forces and named groups.

    python -m thucydides.training.actor_names

State forces: every actor ACLED coded (actor1 and actor2) whose name carries its government's
years ("Military Forces of Kenya (2013-2022)"), with the first and last day of an event coded
to it and the number of such events.

Named groups: each group coded in at least GROUP_MIN_EVENTS events gives the aliases its own
name holds, as for associated actors (`training.associates.own_aliases`, part by part: "JNIM:
Group for Support of Islam and Muslims" gives "JNIM" and "Group for Support of Islam and
Muslims"; "Ambazonian Separatists (Cameroon)" gives "Ambazonian Separatists").
An alias is kept for the group the notes that use it most often code (as either actor), where
that is at least ALIAS_MIN_SHARE of them and ALIAS_MIN_NOTES notes: "PDF", which Sudan's Popular
Defence Forces and Myanmar's People's Defense Force share, and "Mandalay", a town before it is
part of a name, are kept for none.

Kinds: ACLED names the unnamed by their kind ("Unidentified Gang (Haiti)", "Unidentified Clan
Militia (Somalia)"), and changes the kinds it tells apart over the years. For each noun the
lexicon gives an armed group by ("gang", "militia"), the notes of the last KIND_YEARS years of
the table's notes that use it and code an unnamed actor1 ("Unidentified ... (Country)") say
which name such actors take now: a country chooses the name at least KIND_MIN_SHARE of its
notes and KIND_MIN_NOTES code, and a name other than the lexicon's is kept where more
countries choose it than any other, KIND_MIN_COUNTRIES at least ("Unidentified Clan Militia"
is Somalia's alone).

Inter codes of named groups: a report that names a group the table does not know, with a noun
of its kind ("Ansaroul Islam militants", "the Kaduna militia"), gives no inter code; the notes
that use the noun and code a named group as actor1 do: the code at least INTER_MIN_SHARE of
them and INTER_MIN_NOTES give ("militant" 2, a rebel group; "militia" 4, an identity militia;
"gang" 3), where it is not the lexicon's.

Words for a crowd: the lexicon names protesters and civilians by a few nouns; the notes name
many more that gather, march and strike ("relatives", "traders", "miners"). A plural noun the
lexicon lacks, written before such a verb in at least CROWD_MIN_NOTES notes of which
CROWD_MIN_SHARE code protesters or rioters as actor1, is a word for people in a crowd.

Identity militias: ACLED names the militia of a people or a place after it ("Pokot Ethnic
Militia (Kenya)", "Zamfara Communal Militia (Nigeria)"). A people or place so named in at least
GROUP_MIN_EVENTS events is kept where the notes that write it before an armed noun ("Pokot
raiders", "the Misseriya militia") code that militia, in any country, as either actor in at
least IDENTITY_MIN_SHARE of them and IDENTITY_MIN_NOTES notes: "Somali" is a nationality in
Somalia's notes before it is a people in Kenya's.

Names, aliases and nouns, never rows.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date
from importlib import resources
from pathlib import Path
from typing import TypeVar

from thucydides.evaluation.acled_world import WorldNote, read_world_notes
from thucydides.extract.actor_names import (
    DATED,
    ActorNames,
    ForceName,
    IdentityMilitia,
    KindName,
    NounInter,
    write_actor_names,
)
from thucydides.extract.aliases import AliasIndex
from thucydides.extract.lexicon import GenericDef, GroupDef, load_lexicon
from thucydides.training.associates import own_aliases

GROUP_MIN_EVENTS = 5
T = TypeVar("T", str, int)
ALIAS_MIN_NOTES = 3
ALIAS_MIN_SHARE = 0.5
# Names by kind, which extraction gives from the words that name the kind.
_BY_KIND = re.compile(
    r"^(?:Unidentified|Protesters|Rioters|Civilians|Military Forces|Police Forces|Government of"
    r"|Militia \(|Private Security|Sole Perpetrator)"
)
KIND_YEARS = 6
KIND_MIN_NOTES = 5
KIND_MIN_SHARE = 0.5
KIND_MIN_COUNTRIES = 3
INTER_MIN_NOTES = 20
INTER_MIN_SHARE = 0.5
CROWD_MIN_NOTES = 5
CROWD_MIN_SHARE = 0.9
CROWD_INTERS = {5, 6}
# "traders blocked", "relatives of the victims gathered", "miners went on strike".
_CROWD_ACT = re.compile(
    r"\b([a-z][a-z-]+s)\s+(?:[a-z]+ly\s+)?(?:gathered|protested|demonstrated|staged|held|marched"
    r"|rallied|blocked|assembled|took to|organi[sz]ed|went on strike|rioted)\b"
)
IDENTITY_MIN_NOTES = 3
IDENTITY_MIN_SHARE = 0.5
_IDENTITY = re.compile(r"^(.+) (Ethnic|Communal) Militia \([^()]+\)$")
_UNNAMED = re.compile(r"^Unidentified [^()]+ \((.+)\)$")
_PARTS = re.compile(r"\s+-\s+|\s+and/or\s+")


def _forces(notes: list[WorldNote]) -> list[ForceName]:
    events: Counter[str] = Counter()
    first: dict[str, date] = {}
    last: dict[str, date] = {}
    for note in notes:
        for name in {note.actor1, note.actor2}:
            if not DATED.match(name):
                continue
            events[name] += 1
            first[name] = min(first.get(name, note.event_date), note.event_date)
            last[name] = max(last.get(name, note.event_date), note.event_date)
    return [ForceName(n, first[n], last[n], events[n]) for n in events]


def name_aliases(name: str) -> set[str]:
    """The ways a group's ACLED name itself offers to call it, part by part."""
    if _BY_KIND.match(name) or DATED.match(name):
        return set()
    return {alias for part in (name, *_PARTS.split(name)) for alias in own_aliases(part)}


def _groups(notes: list[WorldNote]) -> tuple[GroupDef, ...]:
    coded: Counter[str] = Counter()
    inter: dict[str, Counter[int]] = defaultdict(Counter)
    for note in notes:
        coded.update({note.actor1, note.actor2} - {""})
        if note.inter1:
            inter[note.actor1][note.inter1] += 1
    listed = {a.casefold() for g in load_lexicon().groups for a in (g.name, *g.aliases)}
    offered: dict[str, set[str]] = defaultdict(set)  # alias -> the names offering it
    for name, events in coded.items():
        if events >= GROUP_MIN_EVENTS and inter[name]:
            for alias in name_aliases(name):
                if alias.casefold() not in listed:
                    offered[alias].add(name)
    index = AliasIndex((alias, alias) for alias in offered)
    used: Counter[str] = Counter()
    together: dict[str, Counter[str]] = defaultdict(Counter)
    for note in notes:
        for alias in {alias for alias, _, _ in index.find(note.notes)}:
            used[alias] += 1
            together[alias].update({note.actor1, note.actor2} & offered[alias])
    aliases: dict[str, list[str]] = defaultdict(list)
    for alias, names in together.items():
        if not names:
            continue
        name, notes_with = names.most_common(1)[0]
        if notes_with >= ALIAS_MIN_NOTES and notes_with >= ALIAS_MIN_SHARE * used[alias]:
            aliases[name].append(alias)
    return tuple(
        GroupDef(
            name, tuple(sorted(found, key=len, reverse=True)), inter[name].most_common(1)[0][0]
        )
        for name, found in sorted(aliases.items())
    )


@dataclass(frozen=True, slots=True)
class _ArmedNoun:
    definition: GenericDef  # the lexicon's kind of actor the noun names
    pattern: re.Pattern  # the noun and its plural ("militiaman", "militiamen"; "gang", "gangs")


def _armed_nouns() -> dict[str, _ArmedNoun]:
    """The nouns the lexicon names an armed group by, each with what finds it in a note."""
    found = {}
    for noun, definition in load_lexicon().generic_nouns.items():
        if definition.kind == "armed_group":
            plural = (
                re.escape(f"{noun[:-3]}men") if noun.endswith("man") else f"{re.escape(noun)}e?s"
            )
            pattern = re.compile(rf"\b(?:{re.escape(noun)}|{plural})\b", re.IGNORECASE)
            found[noun] = _ArmedNoun(definition, pattern)
    return found


def _most_common(counts: Counter[T]) -> tuple[T, int]:
    """The most common value and its count; ties to the smallest value, whatever the order
    the notes came in."""
    return min(counts.items(), key=lambda kv: (-kv[1], kv[0]))


def _kinds(notes: list[WorldNote]) -> tuple[KindName, ...]:
    armed = _armed_nouns()
    latest = max((n.event_date for n in notes), default=date.min)
    since = date(max(latest.year - KIND_YEARS, 1), 1, 1)
    coded: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)  # (noun, country)
    inter: dict[str, Counter[int]] = defaultdict(Counter)
    for note in notes:
        found = _UNNAMED.match(note.actor1)
        if note.event_date < since or found is None or found.group(1) != note.country:
            continue
        name = note.actor1.replace(f"({note.country})", "({country})")
        if note.inter1:
            inter[name][note.inter1] += 1
        for noun, kind in armed.items():
            if kind.pattern.search(note.notes):
                coded[noun, note.country][name] += 1
    # Each country's notes choose a name for the noun; a name the lexicon does not give
    # that more countries choose than any other name, KIND_MIN_COUNTRIES at least, is kept.
    chosen: dict[str, Counter[str]] = defaultdict(Counter)
    for (noun, _), names in coded.items():
        name, count = _most_common(names)
        if count >= KIND_MIN_NOTES and count >= KIND_MIN_SHARE * names.total():
            chosen[noun][name] += 1
    kinds = []
    for noun, countries in sorted(chosen.items()):
        name, count = _most_common(countries)
        definition = armed[noun].definition
        if name != definition.name_template and count >= KIND_MIN_COUNTRIES:
            code = _most_common(inter[name])[0] if inter[name] else definition.category
            kinds.append(KindName(noun, name, code))
    return tuple(kinds)


def _noun_inters(notes: list[WorldNote]) -> tuple[NounInter, ...]:
    armed = _armed_nouns()
    coded: dict[str, Counter[int]] = defaultdict(Counter)
    for note in notes:
        if not note.inter1 or _BY_KIND.match(note.actor1) or DATED.match(note.actor1):
            continue
        for noun, kind in armed.items():
            if kind.pattern.search(note.notes):
                coded[noun][note.inter1] += 1
    found = []
    for noun, codes in sorted(coded.items()):
        inter, count = _most_common(codes)
        if (
            inter != armed[noun].definition.category
            and count >= INTER_MIN_NOTES
            and count >= INTER_MIN_SHARE * codes.total()
        ):
            found.append(NounInter(noun, inter))
    return tuple(found)


def _crowd_nouns(notes: list[WorldNote]) -> frozenset[str]:
    """The plural nouns the lexicon does not know that come before a verb of gathering or
    striking in at least CROWD_MIN_NOTES notes, CROWD_MIN_SHARE of which code protesters or
    rioters as actor1."""
    known = {n for noun in load_lexicon().generic_nouns for n in (noun, f"{noun}s")}
    coded: dict[str, Counter[bool]] = defaultdict(Counter)
    for note in notes:
        for noun in {m.group(1) for m in _CROWD_ACT.finditer(note.notes)} - known:
            coded[noun][note.inter1 in CROWD_INTERS] += 1
    return frozenset(
        noun
        for noun, codes in coded.items()
        if codes.total() >= CROWD_MIN_NOTES and codes[True] >= CROWD_MIN_SHARE * codes.total()
    )


def _identity_militias(notes: list[WorldNote]) -> tuple[IdentityMilitia, ...]:
    kinds: dict[str, Counter[str]] = defaultdict(Counter)  # identity -> events of each kind
    for note in notes:
        for name in {note.actor1, note.actor2}:
            found = _IDENTITY.match(name)
            if found is not None and found.group(1) != "Unidentified":
                kinds[found.group(1)][found.group(2)] += 1
    named = [i for i, counts in kinds.items() if counts.total() >= GROUP_MIN_EVENTS]
    if not named:
        return ()
    nouns = "|".join(kind.pattern.pattern.removeprefix(r"\b") for kind in _armed_nouns().values())
    before_armed = re.compile(
        rf"\b({'|'.join(map(re.escape, sorted(named, key=len, reverse=True)))})"
        rf"\s+(?:(?i:ethnic|communal)\s+)?(?i:{nouns})"
    )
    written: Counter[str] = Counter()
    coded: Counter[str] = Counter()
    for note in notes:
        told = {m.group(1) for m in before_armed.finditer(note.notes)}
        written.update(told)
        militias = {_IDENTITY.match(name) for name in (note.actor1, note.actor2)}
        coded.update({m.group(1) for m in militias if m is not None} & told)
    return tuple(
        IdentityMilitia(identity, _most_common(kinds[identity])[0])
        for identity in sorted(written)
        if coded[identity] >= IDENTITY_MIN_NOTES
        and coded[identity] >= IDENTITY_MIN_SHARE * written[identity]
    )


def learn_actor_names(notes: list[WorldNote]) -> ActorNames:
    return ActorNames(
        _forces(notes),
        _groups(notes),
        _kinds(notes),
        _noun_inters(notes),
        _crowd_nouns(notes),
        _identity_militias(notes),
    )


def main() -> None:
    notes = read_world_notes()
    names = learn_actor_names(notes)
    path = Path(str(resources.files("thucydides.extract").joinpath("data", "actor_names.json")))
    with path.open("w", encoding="utf-8") as fh:
        write_actor_names(
            names,
            fh,
            {
                "learned_from": f"the actors of {len(notes)} ACLED events with notes",
                "source": "../shared/data/events/acled-modern (26 public repositories, listed in its README)",
                "licence": "ACLED terms of use: attribution; names, aliases and the days names were used, no rows",
                "script": "python -m thucydides.training.actor_names",
            },
        )
    aliases = sum(len(g.aliases) for g in names.groups)
    print(
        f"{len(names.names)} dated names of state forces, {len(names.groups)} named groups"
        f" with {aliases} aliases, the unnamed of {len(names.kinds)} nouns by kind, the inter"
        f" code of groups named with {len(names.noun_inters)} nouns, {len(names.crowd_nouns)}"
        f" words for a crowd, {len(names.identities)} peoples and places with a militia"
        f" -> {path}"
    )


if __name__ == "__main__":
    main()
