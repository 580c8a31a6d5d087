"""Is this trigger a conflict event, or the word used otherwise?

"Russia beat Croatia", "the fight against addiction", "stocks rallied", "Nadal defeated
Khachanov": the lexicon finds a trigger in each, and general news is full of them. A binary
logistic regression over what surrounds the trigger decides: the trigger's lemma paired with
what its arguments are (an entity type or a word: "beat|dobj:GPE" is sport, "beat|dobj:
protester" is not), the sentence's words, number shapes (scores such as "6-3") and entity
types. Trained by `python -m thucydides.training.relevance` on the corpora described in
`thucydides.evaluation.relevance_corpora`, shipped as `extract/data/relevance_model.npz` with
its decision threshold; provenance in `relevance_model.json`. Loaded once per process.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from importlib import resources

import numpy as np
from spacy.tokens import Span, Token

_ARGUMENTS = {"dobj", "nsubj", "nsubjpass", "attr", "compound", "amod", "prt", "agent", "poss"}


def _value(token: Token) -> str:
    return token.ent_type_ or token.lemma_.lower()


def relevance_features(
    trigger: Token, ents: Sequence[Span] | None = None, context: list[str] | None = None
) -> list[str]:
    """The trigger's features; `ents` are the document's entities where the caller already
    has them (spaCy builds Doc.ents afresh on every access), `context` its sentence's
    `sentence_features` where the caller has them."""
    lemma = trigger.lemma_.lower()
    found = [f"t:{lemma}", f"pos:{trigger.pos_}", f"head:{trigger.head.lemma_.lower()}"]
    for child in trigger.children:
        if child.dep_ in _ARGUMENTS:
            found.append(f"t:{lemma}|{child.dep_}:{_value(child)}")
        elif child.dep_ == "prep":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    found.append(f"t:{lemma}|{child.lower_}:{_value(pobj)}")
    found.extend(sentence_features(trigger.sent, ents) if context is None else context)
    return found


def sentence_features(sentence: Span, ents: Sequence[Span] | None = None) -> list[str]:
    """What the sentence around a trigger says, the same for each of its triggers."""
    found = []
    for token in sentence:
        # Names stand in as their entity type: which country or person is in the news says
        # nothing about whether a fight is a battle or a boxing match.
        if token.is_alpha and not token.is_stop and not token.ent_type_:
            found.append(f"w:{token.lemma_.lower()}")
        elif token.like_num or any(c.isdigit() for c in token.text):
            found.append(f"shape:{token.shape_}")
    if ents is None:
        ents = sentence.ents
    found.extend(
        f"ent:{e.label_}" for e in ents if sentence.start <= e.start and e.end <= sentence.end
    )
    return found


class RelevanceModel:
    def __init__(
        self,
        vocabulary: list[str],
        weights: np.ndarray,
        bias: float,
        threshold: float,
        ambiguous: frozenset[str] = frozenset(),
    ) -> None:
        self.index = {f: i for i, f in enumerate(vocabulary)}
        self.weights = weights.astype(np.float32)
        self.bias = float(bias)
        self.threshold = float(threshold)
        self.ambiguous = ambiguous

    def keeps(self, lemma: str, features: list[str]) -> bool:
        """Only a trigger word that training saw used outside conflict can be judged off
        topic: "overrun" or "behead" never were, and context alone must not drop them."""
        return lemma not in self.ambiguous or self.probability(features) >= self.threshold

    def probability(self, features: list[str]) -> float:
        index = self.index
        rows = [i for f in set(features) if (i := index.get(f)) is not None]
        score = self.bias + float(self.weights[rows].sum()) if rows else self.bias
        return float(1.0 / (1.0 + np.exp(-score)))


@cache
def load_relevance_model() -> RelevanceModel | None:
    """The shipped model, or None where it has not been trained (every trigger counts then)."""
    path = resources.files("thucydides.extract").joinpath("data", "relevance_model.npz")
    if not path.is_file():
        return None
    with path.open("rb") as fh:
        data = np.load(fh, allow_pickle=False)
        return RelevanceModel(
            list(data["vocabulary"]),
            data["weights"],
            data["bias"],
            data["threshold"],
            frozenset(data["ambiguous"]),
        )


def judge(
    trigger: Token, ents: Sequence[Span] | None = None, context: list[str] | None = None
) -> tuple[float, bool]:
    """P(the trigger is a conflict event), and whether it is off topic: below the model's
    threshold, for a trigger word that is used outside conflict too. Without a trained
    model every trigger counts: (1.0, False). `ents` and `context` as for
    `relevance_features`."""
    model = load_relevance_model()
    if model is None:
        return 1.0, False
    features = relevance_features(trigger, ents, context)
    return model.probability(features), not model.keeps(trigger.lemma_.lower(), features)
