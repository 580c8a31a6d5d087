"""Learn the names ACLED gives the organisations behind crowds, and what reports call them.

Run `python -m thucydides.training.associates`. It reads the ACLED 2015 notes'
training split (80%, by event id; the held-out 20% is never seen) and writes
`extract/data/associates.json`: alias -> ACLED actor name. An alias is a part of the ACLED
name itself ("BNP" and "Bangladesh Nationalist Party" for "BNP: Bangladesh Nationalist
Party"), or an organisation spaCy finds in the notes that ACLED coded to one associated
actor in most of the notes naming it ("20-party alliance" -> BNP). ACLED terms of use:
attribution; the notes are not redistributed, only these names and aliases.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from importlib import resources
from pathlib import Path

from thucydides.evaluation.acled_notes import read_notes
from thucydides.nlp import load_pipeline

# An organisation name becomes an alias when ACLED coded this many of the notes naming it,
# and this share of them, to the same associated actor.
MIN_NOTES = 3
MIN_SHARE = 0.6
MIN_ALIAS_LENGTH = 3
_COUNTRY = re.compile(r"\s*\([^)]*\)\s*$")
_MILITIA = re.compile(r"\s+Militia$")


def own_aliases(name: str) -> set[str]:
    """'BNP: Bangladesh Nationalist Party' -> {'BNP', 'Bangladesh Nationalist Party'}."""
    bare = _MILITIA.sub("", _COUNTRY.sub("", name)).strip()
    parts = {bare}
    if ": " in bare:
        parts |= {p.strip() for p in bare.split(": ", 1)}
    return {p for p in parts if len(p) >= MIN_ALIAS_LENGTH}


def canonical(name: str) -> str:
    """ACLED names one organisation both with and without ' Militia': the name itself."""
    return _MILITIA.sub("", name.strip())


def learn() -> dict[str, str]:
    notes = [n for n in read_notes() if not n.held_out]
    coded = [canonical(n.assoc_actor_1) if ";" not in n.assoc_actor_1 else "" for n in notes]
    aliases: dict[str, str] = {}
    # An acronym two organisations share ("BJP" in India and in Bangladesh) goes to the one
    # ACLED coded more often.
    for name, _ in sorted(Counter(c for c in coded if c).items(), key=lambda kv: (-kv[1], kv[0])):
        for alias in own_aliases(name):
            aliases.setdefault(alias, name)
    nlp = load_pipeline()
    with_name: dict[str, Counter] = defaultdict(Counter)
    named: Counter = Counter()
    texts = (n.notes for n in notes)
    for doc, name in zip(nlp.pipe(texts, batch_size=64, n_process=2), coded, strict=True):
        orgs = {e.text.strip() for e in doc.ents if e.label_ == "ORG"}
        for org in orgs:
            named[org] += 1
            if name:
                with_name[org][name] += 1
    for org, counts in with_name.items():
        name, together = counts.most_common(1)[0]
        if (
            len(org) >= MIN_ALIAS_LENGTH
            and together >= MIN_NOTES
            and together / named[org] >= MIN_SHARE
            and names_alike(org, name)
        ):
            aliases.setdefault(org, name)
    return dict(sorted(aliases.items()))


def _words(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[^\W\d_]{4,}", text)}


def names_alike(alias: str, name: str) -> bool:
    """Whether an organisation spaCy found can be a name of the ACLED actor: a word in common
    ("Local Congress"), or its initials ("INC"). Co-occurrence alone pairs places and
    opponents with parties ("Bokaro", "Narendra Modi" with the Congress)."""
    if _words(alias) & _words(name):
        return True
    initials = "".join(w[0] for w in re.findall(r"[A-Z][\w'-]*", _COUNTRY.sub("", name)))
    return alias.isupper() and alias in initials


def main() -> None:
    aliases = learn()
    path = Path(str(resources.files("thucydides.extract").joinpath("data", "associates.json")))
    path.write_text(
        json.dumps(
            {
                "provenance": "ACLED 2015 South and South-East Asia notes, training split (80% by"
                " event id); python -m thucydides.training.associates",
                "licence": "ACLED terms of use: attribution; names and aliases only, the notes"
                " are not redistributed",
                "aliases": aliases,
            },
            indent=1,
            ensure_ascii=False,
        )
        + "\n"
    )
    print(f"{len(aliases)} aliases of {len(set(aliases.values()))} associated actors -> {path}")


if __name__ == "__main__":
    main()
