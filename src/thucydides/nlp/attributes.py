"""spaCy's attribute ruler and rule lemmatizer, remembered instead of rerun.

The ruler (coarse part of speech and morphology from the tagger's tag, plus exceptions) and
the lemmatizer cost a fifth of en_core_web_sm's parse, token by token through the Matcher and
Python, although their answers repeat. What the ruler gives a token depends only on what its
patterns test (tag, dependency, space-ness, a few listed words) in the token and its two
neighbours, since no pattern is longer than two tokens; and a value no pattern names behaves
like any other such value, so each is read as "other". The lemma depends only on the word,
its part of speech and morphology. `RememberedAttributes` keeps each answer the first time
the real components give it and writes known answers in one array call; for a window not seen
before, the ruler's own Matcher runs on those three tokens and the lemma of a word not seen
before comes from the real lemmatizer, so the output is theirs exactly.
"""

from __future__ import annotations

import re
from itertools import pairwise

import numpy
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.tokens import Doc

RULER = "attribute_ruler"
LEMMATIZER = "lemmatizer"
NAME = "remembered_attributes"
_READ = [ORTH, LOWER, TAG, DEP, IS_SPACE]
_RULED = [TAG, POS, MORPH, DEP, LEMMA]
_OTHER = -1  # any value no pattern names
# Answers remembered, each way; past it a memory starts again. Measured on the 1.6 million
# words of ../shared/data/events/gva-news: 52,000 lemmas (13 MB), 35,000 windows (18 MB),
# so at this bound the memories hold under 70 MB together and seldom start again.
MAX_REMEMBERED = 50_000


class WindowTooNarrow(ValueError):
    """A ruler pattern tests something the remembered windows do not keep."""


class _Tested:
    """The values the ruler's patterns name, per attribute, for the token a pattern sets and
    for a neighbour (only patterns of two tokens test a neighbour)."""

    def __init__(self, ruler: AttributeRuler) -> None:
        strings = ruler.vocab.strings
        self.own: dict[str, set[int]] = {"TAG": set(), "DEP": set(), "IS_SPACE": {0, 1}}
        self.near: dict[str, set[int]] = {"TAG": set(), "DEP": set(), "IS_SPACE": set()}
        self.words: set[str] = set()
        regexes: list[str] = []
        for entry in ruler.patterns:
            for pattern in entry["patterns"]:
                for token in pattern:
                    for attr, test in token.items():
                        if attr == "LOWER":
                            regexes.extend(self._words_of(test))
                        elif attr in ("TAG", "DEP"):
                            values = {strings.add(v) for v in _named(test)}
                            self.own[attr] |= values
                            if len(pattern) > 1:
                                self.near[attr] |= values
                        elif attr == "IS_SPACE":
                            if len(pattern) > 1:
                                self.near[attr] |= {0, 1}
                        else:
                            raise WindowTooNarrow(f"a ruler pattern tests {attr}")
        self.pattern = re.compile("|".join(f"(?:{r})" for r in regexes) or "(?!)")

    def _words_of(self, test) -> list[str]:
        if isinstance(test, str):
            self.words.add(test)
        elif isinstance(test, dict) and set(test) == {"IN"}:
            self.words.update(test["IN"])
        elif isinstance(test, dict) and set(test) == {"REGEX"}:
            return [test["REGEX"]]
        else:
            raise WindowTooNarrow(f"a ruler pattern tests a word by {test}")
        return []


def _named(test) -> list[str]:
    if isinstance(test, str):
        return [test]
    if isinstance(test, dict) and set(test) <= {"IN", "NOT_IN"}:
        return [v for values in test.values() for v in values]
    raise WindowTooNarrow(f"a ruler pattern tests {test}")


class RememberedAttributes:
    """Does the work of `ruler` then `lemmatizer`, with the same results."""

    def __init__(self, ruler: AttributeRuler, lemmatizer: Lemmatizer) -> None:
        self.ruler = ruler
        self.lemmatizer = lemmatizer
        self._tested = _Tested(ruler)
        self._listed_words: dict[int, int] = {}
        self._ruled: dict[tuple, tuple[int | None, int, int, int | None, str]] = {}
        self._lemmas: dict[tuple[int, int, int], str] = {}

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        # spaCy's lemmatizer keeps its own cache of every word it has seen: bounded with ours.
        for memory in (self._listed_words, self._ruled, self._lemmas, self.lemmatizer.cache):
            if len(memory) > MAX_REMEMBERED:
                memory.clear()
        orth, lower, tag, dep, space = (c.tolist() for c in doc.to_array(_READ).T)
        words = [self._listed(h) for h in lower]
        own, near = self._tested.own, self._tested.near
        token = list(zip(_seen(tag, own["TAG"]), _seen(dep, own["DEP"]), space, words, strict=True))
        neighbour = list(
            zip(
                _seen(tag, near["TAG"]),
                _seen(dep, near["DEP"]),
                _seen(space, near["IS_SPACE"]),
                words,
                strict=True,
            )
        )
        windows = list(zip([None, *neighbour[:-1]], token, [*neighbour[1:], None], strict=True))
        ruled = [self._ruled.get(w) for w in windows]
        missing = [i for i, answer in enumerate(ruled) if answer is None]
        if missing:
            # Every match is found before any is applied, as the ruler itself does.
            matches = [m for i in missing for m in self._matches_at(doc, i)]
            self.ruler.set_annotations(doc, matches)
            after = doc.to_array(_RULED)
            for i in missing:
                new_tag, pos, morph, new_dep, lemma = after[i].tolist()
                ruled[i] = self._ruled[windows[i]] = (
                    new_tag if new_tag != tag[i] else None,
                    pos,
                    morph,
                    new_dep if new_dep != dep[i] else None,
                    doc.vocab.strings[lemma] if lemma else "",
                )
        doc.from_array([POS, MORPH], numpy.array([r[1:3] for r in ruled], dtype="uint64"))
        for i, (new_tag, _, _, new_dep, _) in enumerate(ruled):
            if new_tag is not None:
                doc[i].tag = new_tag
            if new_dep is not None:
                doc[i].dep = new_dep
        doc.from_array([LEMMA], numpy.array(self._lemmas_of(doc, orth, ruled), dtype="uint64"))
        return doc

    def _matches_at(self, doc: Doc, i: int) -> list[tuple[int, int, int, int]]:
        """The ruler's matches that set token `i`, found in its window, in the ruler's order."""
        window = doc[max(0, i - 1) : i + 2]
        found = []
        for attr_id, match_id, start, end in self.ruler.match(window):
            start, end = start + window.start, end + window.start
            index = self.ruler.indices[attr_id]
            if (start + index if index >= 0 else end + index) == i:
                found.append((attr_id, match_id, start, end))
        return found

    def _listed(self, lower: int) -> int:
        """The word itself where some pattern names it, `_OTHER` for every other word."""
        known = self._listed_words.get(lower)
        if known is None:
            text = self.ruler.vocab.strings[lower]
            named = text in self._tested.words or self._tested.pattern.match(text)
            known = self._listed_words[lower] = lower if named else _OTHER
        return known

    def _lemmas_of(self, doc: Doc, orth: list[int], ruled: list[tuple]) -> list[list[int]]:
        # Strings, not hashes, are kept: a hash made inside the pipeline's memory zone is
        # forgotten by the vocabulary when the zone closes.
        strings = doc.vocab.strings
        lemmas = []
        for i, (word, (_, pos, morph, _, ruler_lemma)) in enumerate(zip(orth, ruled, strict=True)):
            if ruler_lemma:
                lemmas.append([strings.add(ruler_lemma)])
                continue
            key = (word, pos, morph)
            lemma = self._lemmas.get(key)
            if lemma is None:
                lemma = self._lemmas[key] = self.lemmatizer.lemmatize(doc[i])[0]
            lemmas.append([strings.add(lemma)])
        return lemmas


def _seen(values: list[int], named: set[int]) -> list[int]:
    return [v if v in named else _OTHER for v in values]


@Language.factory(NAME)
def _make(nlp: Language, name: str) -> RememberedAttributes:
    return RememberedAttributes(nlp.get_pipe(RULER), nlp.get_pipe(LEMMATIZER))


def remember_attributes(nlp: Language) -> None:
    """Put `RememberedAttributes` where the pipeline's ruler and lemmatizer were; a pipeline
    without them side by side, or with a rule a window cannot stand for, is left as it is."""
    names = nlp.pipe_names
    if (RULER, LEMMATIZER) not in pairwise(names):
        return
    lemmatizer = nlp.get_pipe(LEMMATIZER)
    if getattr(lemmatizer, "mode", None) != "rule" or lemmatizer.overwrite:
        return
    try:
        nlp.add_pipe(NAME, after=LEMMATIZER)
    except WindowTooNarrow:
        return
    nlp.remove_pipe(LEMMATIZER)
    nlp.remove_pipe(RULER)
