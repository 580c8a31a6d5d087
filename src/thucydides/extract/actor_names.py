"""ACLED's names for state forces, which carry the government they serve and its years.

ACLED writes a country's military and police as "Military Forces of Kenya (2013-2022)",
"Police Forces of the Philippines (2016-)": the forces of the government of the day. Which
names exist and when ACLED used each is learned from its current notes by
`python -m thucydides.training.actor_names` and shipped as `extract/data/actor_names.json`
(each name with the first and last day of an event coded to it, and how many). A name given
by kind ("Military Forces of Kenya") takes the dated name of the event's day; where the table
knows no name for that country and day it stays as it is, never guessed. The same file holds
named groups under ACLED's names with the aliases their notes call them by, each alias kept
only where the notes that use it mostly code that group; the name ACLED now gives the
unnamed that a noun tells the kind of ("gang members": "Unidentified Gang (Haiti)"); the
inter code of a group named with such a noun ("JNIM militants": a rebel group); the peoples
and places whose militias ACLED names after them ("Pokot": "Pokot Ethnic Militia (Kenya)");
and the words for people that gather, march and strike ("relatives", "traders").
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from typing import TextIO

from thucydides.extract.lexicon import GroupDef

# "Military Forces of the Philippines (2016-) Supreme Political Council": the kind, the
# country, the government's first and last year, and a part of the forces where one is named.
DATED = re.compile(r"^((?:Military|Police) Forces of) (?:the )?(.+?) \((\d{4})-(\d{4})?\)(.*)$")
UNDATED = re.compile(r"^((?:Military|Police) Forces of) (?:the )?([^()]+)$")


def undated(name: str) -> str:
    """The forces without their government's years: one force whoever governs."""
    found = DATED.match(name)
    return f"{found.group(1)} {found.group(2)}{found.group(5)}" if found else name


def _key(kind: str, country: str) -> str:
    return f"{kind} {country}".casefold()


@dataclass(frozen=True, slots=True)
class ForceName:
    name: str
    first: date  # the first and last day ACLED coded an event to the name
    last: date
    events: int

    @property
    def years(self) -> tuple[int, int | None]:
        """The government's years, as the name gives them (the last is None while it lasts)."""
        found = DATED.match(self.name)
        assert found is not None
        return int(found.group(3)), int(found.group(4)) if found.group(4) else None

    @property
    def whole(self) -> bool:
        """The forces as a whole, not a unit of them ("... (2013-) Special Forces")."""
        found = DATED.match(self.name)
        return found is not None and not found.group(5)


@dataclass(frozen=True, slots=True)
class KindName:
    """ACLED's name for the unnamed armed actors a noun tells the kind of."""

    noun: str  # "gang"
    name: str  # "Unidentified Gang ({country})"
    inter: int


@dataclass(frozen=True, slots=True)
class NounInter:
    """ACLED's inter code for a group a report names with a noun of its kind ("JNIM
    militants": 2, a rebel group; "Kaduna militia": 4, an identity militia)."""

    noun: str
    inter: int


@dataclass(frozen=True, slots=True)
class IdentityMilitia:
    """A people or a place whose armed men ACLED names an identity militia after it ("Pokot
    raiders": "Pokot Ethnic Militia (Kenya)"; "the Zamfara militia": "Zamfara Communal Militia
    (Nigeria)")."""

    identity: str  # "Pokot"
    kind: str  # "Ethnic" or "Communal"

    @property
    def name(self) -> str:
        return f"{self.identity} {self.kind} Militia ({{country}})"


class ActorNames:
    def __init__(
        self,
        names: list[ForceName],
        groups: tuple[GroupDef, ...] = (),
        kinds: tuple[KindName, ...] = (),
        noun_inters: tuple[NounInter, ...] = (),
        crowd_nouns: frozenset[str] = frozenset(),
        identities: tuple[IdentityMilitia, ...] = (),
    ) -> None:
        self.names = names
        self.identities = {found.identity: found for found in identities}
        # Words for people, as the notes write them, that gather, march and strike: a crowd
        # that may protest ("relatives", "traders", "miners").
        self.crowd_nouns = crowd_nouns
        # Named groups with the aliases their notes call them by ("JNIM", "Wagner Group").
        self.groups = groups
        self.kinds = {kind.noun: kind for kind in kinds}
        self.noun_inters = {found.noun: found.inter for found in noun_inters}
        self._by_force: dict[str, list[ForceName]] = defaultdict(list)
        for name in names:
            found = DATED.match(name.name)
            if found is not None:
                self._by_force[_key(found.group(1), found.group(2))].append(name)

    def named(self, name: str, day: date | None) -> str:
        """ACLED's name for forces named by kind and country, on the event's day."""
        found = UNDATED.match(name)
        candidates = self._by_force.get(_key(found.group(1), found.group(2))) if found else None
        if not candidates:
            return name
        if day is None:
            return max(candidates, key=lambda n: (n.whole, n.years[0], n.events)).name
        serving = [
            n
            for n in candidates
            if n.years[0] <= day.year and (n.years[1] is None or day.year <= n.years[1])
        ]
        # The forces as a whole, not a unit the words do not name; where two governments'
        # years meet (or an export kept an old name open), the one coded on that day, else
        # the later government, else the name coded most.
        best = max(
            serving,
            key=lambda n: (n.whole, n.first <= day <= n.last, n.years[0], n.events),
            default=None,
        )
        return best.name if best else name


def event_actor_name(name: str, country: str, day: date | None) -> str:
    """An actor's name once its event's country and day are known: a kind of actor named
    after a country no report gives stays unnamed, forces take their government's name."""
    if "{country}" in name:
        if not country:
            return ""
        name = name.replace("{country}", country)
    return current_actor_names().named(name, day)


def write_actor_names(names: ActorNames, fh: TextIO, provenance: dict[str, str]) -> None:
    rows = [
        {
            "name": n.name,
            "first": n.first.isoformat(),
            "last": n.last.isoformat(),
            "events": n.events,
        }
        for n in sorted(names.names, key=lambda n: n.name)
    ]
    groups = [{"name": g.name, "aliases": list(g.aliases), "inter": g.inter} for g in names.groups]
    kinds = [
        {"noun": k.noun, "name": k.name, "inter": k.inter}
        for k in sorted(names.kinds.values(), key=lambda k: k.noun)
    ]
    noun_inters = [
        {"noun": noun, "inter": inter} for noun, inter in sorted(names.noun_inters.items())
    ]
    head = json.dumps(provenance, indent=1)[:-2]
    identities = [
        {"identity": i.identity, "kind": i.kind}
        for i in sorted(names.identities.values(), key=lambda i: i.identity)
    ]
    sections = {
        "names": rows,
        "groups": groups,
        "kinds": kinds,
        "noun_inters": noun_inters,
        "crowd_nouns": sorted(names.crowd_nouns),
        "identity_militias": identities,
    }
    body = ",\n".join(
        f' "{key}": [\n' + ",\n".join(f"  {json.dumps(row)}" for row in items) + "\n ]"
        for key, items in sections.items()
    )
    fh.write(f"{head},\n{body}\n}}\n")


def read_actor_names(fh: TextIO) -> ActorNames:
    table = json.load(fh)
    rows = table["names"]
    groups = tuple(GroupDef(g["name"], tuple(g["aliases"]), g["inter"]) for g in table["groups"])
    return ActorNames(
        [
            ForceName(
                r["name"],
                date.fromisoformat(r["first"]),
                date.fromisoformat(r["last"]),
                r["events"],
            )
            for r in rows
        ],
        groups,
        tuple(KindName(**k) for k in table.get("kinds", ())),
        tuple(NounInter(**n) for n in table.get("noun_inters", ())),
        frozenset(table.get("crowd_nouns", ())),
        tuple(IdentityMilitia(**i) for i in table.get("identity_militias", ())),
    )


@cache
def load_actor_names() -> ActorNames:
    """The shipped table; an empty one where it has not been built (names stay by kind)."""
    path = resources.files("thucydides.extract").joinpath("data", "actor_names.json")
    if not path.is_file():
        return ActorNames([])
    with path.open(encoding="utf-8") as fh:
        return read_actor_names(fh)


_in_use: ContextVar[ActorNames | None] = ContextVar("actor_names_in_use", default=None)


def current_actor_names() -> ActorNames:
    return _in_use.get() or load_actor_names()


@contextmanager
def actor_names_in_use(names: ActorNames) -> Iterator[None]:
    """Name with another table within the block: evaluation names each fold's events with
    the table learned from that fold's training notes."""
    token = _in_use.set(names)
    try:
        yield
    finally:
        _in_use.reset(token)
