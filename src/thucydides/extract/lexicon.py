"""Typed views of the trigger, actor and weapon lexicons in data/*.toml."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True, slots=True)
class TriggerDef:
    event_type: str
    sub_event_type: str
    cameo: str
    plover: str
    pos: frozenset[str]
    state_sub_event_type: str | None = None
    suicide_sub_event_type: str | None = None
    by_target: bool = False
    needs_place_object: bool = False
    nominal_needs_attack_verb: bool = False
    # Only a crowd (or nobody named) does it: an armed or state actor doing it is no event.
    crowd_only: bool = False
    # Only a crowd the parse names does it ("villagers blocked the road"; a road blocked by a
    # landslide is no event)...
    needs_crowd: bool = False
    # ...and says what for ("gathered to demand", "against"): mourners gather too.
    needs_purpose: bool = False
    # Only forces or armed groups the parse names do it: a team surrenders a lead too.
    needs_armed: bool = False
    # Only as what a crowd does something else for ("displayed banners to call for"): the
    # event is that act; a crowd that only "demanded" or "urged" may have said so.
    as_purpose: bool = False


@dataclass(frozen=True, slots=True)
class GroupDef:
    name: str
    aliases: tuple[str, ...]
    inter: int


@dataclass(frozen=True, slots=True)
class GenericDef:
    kind: str
    category: int
    name_template: str


@dataclass(frozen=True, slots=True)
class Lexicon:
    single: dict[str, TriggerDef]
    double: dict[tuple[str, str], TriggerDef]
    groups: tuple[GroupDef, ...]
    generic_nouns: dict[str, GenericDef]
    # The nouns that name people only as a crowd that protests ("demonstrators"), not also
    # as civilians ("farmers", "workers", "students").
    protester_nouns: frozenset[str]
    weapons: dict[str, str]
    # Every word of a two-word trigger: a token whose lemma is none of them can only be a
    # one-word trigger.
    paired: frozenset[str]


def _read(name: str) -> dict:
    return tomllib.loads(resources.files("thucydides.extract").joinpath("data", name).read_text())


@cache
def load_lexicon() -> Lexicon:
    single: dict[str, TriggerDef] = {}
    double: dict[tuple[str, str], TriggerDef] = {}
    for row in _read("triggers.toml")["trigger"]:
        definition = TriggerDef(
            event_type=row["event_type"],
            sub_event_type=row["sub_event_type"],
            cameo=row["cameo"],
            plover=row["plover"],
            pos=frozenset(row["pos"]),
            state_sub_event_type=row.get("state_sub_event_type"),
            suicide_sub_event_type=row.get("suicide_sub_event_type"),
            by_target=row.get("target") == "by_target",
            needs_place_object=row.get("needs_place_object", False),
            nominal_needs_attack_verb=row.get("nominal_needs_attack_verb", False),
            crowd_only=row.get("crowd_only", False),
            needs_crowd=row.get("needs_crowd", False),
            needs_purpose=row.get("needs_purpose", False),
            needs_armed=row.get("needs_armed", False),
            as_purpose=row.get("as_purpose", False),
        )
        for lemma in row["lemmas"]:
            words = lemma.lower().split()
            if len(words) == 1:
                single[words[0]] = definition
            else:
                double[(words[0], words[-1])] = definition
    actors = _read("actors.toml")
    groups = tuple(GroupDef(g["name"], tuple(g["aliases"]), g["inter"]) for g in actors["group"])
    generic: dict[str, GenericDef] = {}
    nouns_of: dict[str, set[str]] = {}
    for row in actors["generic"]:
        definition = GenericDef(row["kind"], row["category"], row["state_name"])
        nouns_of.setdefault(row["kind"], set()).update(n.lower() for n in row["nouns"])
        for noun in row["nouns"]:
            generic.setdefault(noun.lower(), definition)
    protester_nouns = frozenset(nouns_of["protesters"] - nouns_of["civilians"])
    weapons = dict(_read("weapons.toml")["weapons"])
    paired = frozenset(word for pair in double for word in pair)
    return Lexicon(single, double, groups, generic, protester_nouns, weapons, paired)
