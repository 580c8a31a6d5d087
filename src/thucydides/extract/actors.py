"""Who: named groups by alias, actors named by their kind, pronouns back to what they stand for."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import cache

import pycountry
from spacy.tokens import Doc, Span, Token

from thucydides.extract.actor_names import current_actor_names
from thucydides.extract.aliases import AliasIndex
from thucydides.extract.associates import acled_name, joined
from thucydides.extract.attribution import SAY
from thucydides.extract.lexicon import GenericDef, GroupDef, Lexicon
from thucydides.extract.mention import ActorRef, TextSpan
from thucydides.extract.syntax import content_head, noun_phrase, shares_subject, span_of
from thucydides.nlp.text import text_of

PRONOUNS = {"they", "them", "he", "she", "we", "it"}
AFFILIATION_LEMMAS = {
    "affiliate",
    "link",
    "belong",
    "loyal",
    "member",
    "tie",
    "associate",
    "ally",
    "allied",
    "fighter",
}
ARMED_INTER = {1, 2, 3, 4, 8}
# Kinds of actor ACLED gives an associated actor: a crowd or civilians acting for, or
# belonging to, a named organisation.
ASSOCIATING_KINDS = {"protesters", "rioters", "civilians"}
ORGANISING_LEMMAS = AFFILIATION_LEMMAS | {"organise", "organize", "lead", "back", "call"}
# Nouns naming people who belong to something ("members of the Wagner group", "Boko Haram
# men"), or lead it ("a gang leader", "a Taliban commander").
MEMBER_LEMMAS = {"member", "man", "element", "cadre", "operative", "leader", "commander", "chief"}
# Where a state force stands or moves, that stands for the force attacked there ("attacked an
# Afghan military post", "hit a police patrol", "a post of the gendarmerie"); not a building
# that may be burnt empty ("torched the city's police stations").
FORCE_THINGS = {
    "post", "outpost", "base", "position", "camp", "patrol", "convoy", "checkpoint",
    "checkpost", "barracks", "garrison",
}  # fmt: skip
# Nouns naming people, or a body of them, that "armed" makes an armed group.
ARMED_PEOPLE = {"group", "individual", "element", "band"}
# Clauses that hang on another: "as a soldier threw", "forces cordoned it off: ...",
# "killed after being abducted by".
SUBORDINATE = {"advcl", "ccomp", "xcomp", "acl", "prep", "pcomp"}
RECIPROCAL_PREPOSITIONS = {"with", "between", "among"}
# Verbs whose subject bore the harm ("two soldiers died when their vehicle hit a mine"), or
# only tells of it.
NOT_DOING_LEMMAS = {"die", "perish", "succumb", "suffer", "sustain"} | SAY


@cache
def _aliases(groups: tuple[GroupDef, ...]) -> AliasIndex[GroupDef]:
    return AliasIndex((alias, group) for group in groups for alias in group.aliases)


def named_groups(text: str, groups: tuple[GroupDef, ...]) -> list[tuple[GroupDef, TextSpan]]:
    """The groups the text names by an alias, in order."""
    return [(g, TextSpan(s, e, text[s:e])) for g, s, e in _aliases(groups).find(text)]


@dataclass(slots=True)
class ActorContext:
    """What one article says about its actors, read once before its events."""

    lexicon: Lexicon
    doc: Doc
    named: list[tuple[GroupDef, TextSpan]] = field(init=False)
    armed_group: tuple[GroupDef, TextSpan] | None = field(init=False)
    # spaCy builds Doc.text and Doc.ents afresh on every access: read once.
    text: str = field(init=False)
    ents: tuple[Span, ...] = field(init=False)
    last_actor: ActorRef | None = None
    last_speaker: str | None = None
    # `armed_actors`' reading of each noun, by token index: the same for every trigger.
    _as_doer: dict[int, ActorRef | None] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.text = text_of(self.doc)
        self.ents = tuple(self.doc.ents)
        self.named = self._find_named()
        self.armed_group = self._affiliated_group()

    def _find_named(self) -> list[tuple[GroupDef, TextSpan]]:
        return named_groups(self.text, self.lexicon.groups + current_actor_names().groups)

    def group_in(self, start: int, end: int) -> tuple[GroupDef, TextSpan] | None:
        return next(((g, s) for g, s in self.named if start <= s.start and s.end <= end), None)

    def _affiliated_group(self) -> tuple[GroupDef, TextSpan] | None:
        """The armed group the article's 'militants' belong to, where the article says so.

        An explicit link ("the fighters are believed to be affiliated with ISIL") decides;
        otherwise a single named armed group in the whole article.
        """
        for sent in self.doc.sents:
            lemmas = {t.lemma_.lower() for t in sent}
            if not lemmas & AFFILIATION_LEMMAS:
                continue
            has_generic = any(
                self._generic(t) and self._generic(t).kind == "armed_group" for t in sent
            )
            group = self.group_in(sent.start_char, sent.end_char)
            if has_generic and group is not None:
                return group[0], span_of(sent)
        distinct = {g.name: (g, s) for g, s in self.named if g.inter in ARMED_INTER}
        return next(iter(distinct.values())) if len(distinct) == 1 else None

    def _generic(self, token: Token) -> GenericDef | None:
        generic = self.lexicon.generic_nouns
        # "security forces", and "military personnel" (the parser makes "military" an
        # adjective of it).
        for kind in (c for c in token.children if c.dep_ in ("compound", "amod")):
            two = f"{kind.lemma_.lower()} {token.lemma_.lower()}"
            if two in generic:
                return generic[two]
        found = generic.get(token.lemma_.lower()) or generic.get(token.lower_)
        if found is None and token.pos_ == "PROPN" and token.lower_.endswith("s"):
            # A kind written with a capital, which the tagger leaves unlemmatised ("Russian
            # Forces", "Government Troops").
            found = generic.get(token.lower_[:-1])
        if (
            found is None
            and token.tag_ == "NNS"
            and token.lower_ in current_actor_names().crowd_nouns
        ):
            # People the notes name as a crowd ("relatives", "traders"): civilians until a
            # protest makes them protesters.
            found = generic["civilian"]
        # "armed men", "an armed group", "armed individuals", "armed farmers": people under
        # arms (not "armed protesters", a crowd).
        lemma = token.lemma_.lower()
        people = (
            found is not None
            and found.kind in ("civilians", "protesters")
            and lemma not in self.lexicon.protester_nouns
        ) or lemma in ARMED_PEOPLE
        if people and any(c.dep_ == "amod" and c.lower_ == "armed" for c in token.children):
            return next((g for g in generic.values() if g.kind == "armed_group"), found)
        return found

    def _group_of_member(self, token: Token) -> ActorRef | None:
        """The armed group whose members a noun names ("members of the Wagner group", "gang
        members", "Gulf Clan members", "mercenaries from Wagner Group"); a party's members
        stay a crowd."""
        armed = self._generic(token)
        if token.lemma_.lower() not in MEMBER_LEMMAS and (
            armed is None or armed.kind != "armed_group"
        ):
            return None
        for c in token.children:
            if c.dep_ == "prep" and c.lower_ in ("of", "from"):
                whole = next((p for p in c.children if p.dep_ == "pobj"), None)
            elif c.dep_ == "compound":
                whole = c
            else:
                continue
            group = self.actor(whole, entities=False) if whole is not None else None
            if group is not None and group.inter in ARMED_INTER:
                start = min(span_of(noun_phrase(token)).start, group.span.start)
                end = max(token.idx + len(token), group.span.end)
                return replace(group, span=TextSpan(start, end, self.text[start:end]))
        return None

    def _force_of_thing(self, token: Token) -> ActorRef | None:
        """The state force whose post, base, patrol or convoy a noun names, by the force's
        noun before it ("an Afghan military post", "a police station") or after "of"."""
        if token.lemma_.lower() not in FORCE_THINGS:
            return None
        for c in token.children:
            if c.dep_ in ("compound", "amod", "nmod"):
                definition = self._generic(c)
                if definition is not None and definition.kind in ("military", "police"):
                    phrase = noun_phrase(token)
                    return ActorRef(
                        definition.name_template,
                        definition.category,
                        span_of(phrase),
                        nationality=self._nationality(token, phrase),
                    )
            elif c.dep_ == "prep" and c.lower_ == "of":
                whole = next((p for p in c.children if p.dep_ == "pobj"), None)
                force = self.actor(whole, entities=False) if whole is not None else None
                if force is not None and force.inter == 1:
                    return force
        return None

    def _proper_group(self, token: Token, ent: Span | None) -> ActorRef | None:
        """A group known by its own name, told by an armed noun: the noun ending the name
        ("the Baz Gran Grif de Savien Gang", "the Base 5 Secondes Gang") or following the
        organisation's name ("JNIM militants", "New People's Army (NPA) rebels"), also where
        the parser made no entity of it ("presumed KRA militants"), unless the name is a
        place's or a people's ("Borno militants", "Fulani militants", "a Niger militia").
        The name as the report writes it."""
        definition = self._generic(token)
        if definition is None or definition.kind != "armed_group":
            return None
        militia = self._identity_militia(token)
        if militia is not None:
            return militia
        # The code ACLED gives the groups reports name so ("JNIM militants": a rebel group).
        inter = current_actor_names().noun_inters.get(token.lemma_.lower(), definition.category)
        if ent is not None and ent.label_ == "ORG" and ent.root.i == token.i:
            name = ent
        else:
            proper = [
                t for t in token.lefts if t.dep_ in ("compound", "nmod") and t.pos_ == "PROPN"
            ]
            if not proper:
                return None
            start = min(t.left_edge.i for t in proper)
            organisation = next(
                (
                    e
                    for t in proper
                    for e in self.ents
                    if e.label_ == "ORG"
                    and e.start <= t.i < e.end
                    and not e.start <= token.i < e.end
                ),
                None,
            )
            if token.text[:1].isupper() and token.i > token.sent.start:
                # A capitalised noun inside the sentence ends a proper name.
                name = token.doc[start : token.i + 1]
            elif organisation is not None:
                name = organisation
            else:
                name = token.doc[start : max(t.i for t in proper) + 1]
                # A people or a place is no group ("Fulani militants"), but an acronym is
                # a group's, whatever entity the parser took it for ("JNIM militants").
                if _country(name.text) or any(
                    t.ent_type_ not in ("", "ORG", "PRODUCT") and not _acronym(t) for t in name
                ):
                    return None
        # A sentence's first word is capitalised whatever it is ("Suspected KRA militants",
        # "Forty Jie warriors").
        if len(name) and name[0].is_sent_start and (name[0].lower_ in HEDGES or name[0].like_num):
            name = name[1:]
        return ActorRef(acled_name(name.text), inter, span_of(name)) if len(name) else None

    def _identity_militia(self, noun: Token) -> ActorRef | None:
        """An identity militia, which ACLED names after its people or place: one the notes
        name so ("Pokot raiders": "Pokot Ethnic Militia (Kenya)"), a people's militia called
        ethnic ("Batwa ethnic militiamen"), or a militia named by a place ("members of a
        Kaduna militia": "Kaduna Communal Militia (Nigeria)")."""
        doc = noun.doc
        # "Batwa ethnic militiamen": the kind written before the noun
        called = noun.i > 0 and doc[noun.i - 1].lower_ in ("ethnic", "communal")
        end = noun.i - 1 if called else noun.i
        start = end
        while start > noun.sent.start and doc[start - 1].is_title:
            start -= 1
        if start < end and doc[start].is_sent_start and doc[start].lower_ in HEDGES:
            start += 1
        if start == end:
            return None
        words = doc[start:end]
        known = current_actor_names().identities.get(words.text)
        if known is not None:
            kind = known.kind
        elif noun.lemma_.lower() not in MILITIA_LEMMAS:
            return None
        elif called:
            kind = doc[end].text.title()
        elif all(t.ent_type_ == "GPE" for t in words) and not _country(words.text):
            kind = "Communal"
        else:
            return None
        span = span_of(doc[start : noun.i + 1])
        return self._remember(ActorRef(f"{words.text} {kind} Militia ({{country}})", 4, span))

    def actor(self, token: Token, *, entities: bool = True) -> ActorRef | None:
        """The actor a noun (or pronoun) refers to, or None where it names no actor; without
        `entities`, an organisation or nationality known only as the parser's entity is none."""
        token = content_head(token)
        if token.lower_ in PRONOUNS and token.pos_ == "PRON":
            if self.last_actor is None:
                return None
            previous = self.last_actor
            return ActorRef(
                previous.name, previous.inter, span_of(token), previous.named_at or previous.span
            )
        phrase = noun_phrase(token)
        span = span_of(phrase)
        ent = next((e for e in self.ents if e.start <= token.i < e.end), None)
        lo = min(span.start, ent.start_char) if ent is not None else span.start
        hi = max(span.end, ent.end_char) if ent is not None else span.end
        named = self.group_in(lo, hi)
        if named is not None:
            return self._remember(ActorRef(named[0].name, named[0].inter, span))
        group = self._group_of_member(token) or self._proper_group(token, ent)
        if group is not None:
            return self._remember(group)
        force = self._force_of_thing(token)
        if force is not None:
            return force
        definition = self._generic(token)
        if definition is not None:
            if definition.kind == "armed_group" and self.armed_group is not None:
                group, where = self.armed_group
                return self._remember(ActorRef(group.name, group.inter, span, where))
            associate = self._associate(token) if definition.kind in ASSOCIATING_KINDS else None
            # The name ACLED now gives such armed men ("gang members": an unidentified gang).
            kind = (
                current_actor_names().kinds.get(token.lemma_.lower())
                if definition.kind == "armed_group"
                else None
            )
            return self._remember(
                ActorRef(
                    kind.name if kind else definition.name_template,
                    kind.inter if kind else definition.category,
                    span,
                    associate=associate[0] if associate else "",
                    associate_span=associate[1] if associate else None,
                    nationality=self._nationality(token, phrase)
                    if definition.category == 1
                    else "",
                )
            )
        if entities and ent is not None and ent.label_ in ("ORG", "NORP"):
            return self._remember(ActorRef(ent.text, 3, span_of(ent)))
        return None

    def _nationality(self, token: Token, phrase: list[Token]) -> str:
        """A nationality or country named before the force ("Kenyan security forces") or after
        "of" or "from" ("troops from Chad")."""
        named = [t for t in phrase if t.i != token.i]
        for prep in token.children:
            if prep.dep_ == "prep" and prep.lower_ in ("of", "from"):
                # "troops from Chad", "aircraft from the Myanmar military"
                named.extend(t for c in prep.children if c.dep_ == "pobj" for t in c.subtree)
        for word in named:
            ent = next((e for e in self.ents if e.start <= word.i < e.end), None)
            if ent is not None and ent.label_ in ("NORP", "GPE"):
                return ent.text
        # A capitalised word before the force that the parser made part of a name ("Russian
        # Forces" as an organisation): a nationality if the gazetteer knows it as one.
        return next(
            (t.text for t in named if t.i < token.i and t.pos_ in ("ADJ", "PROPN") and t.is_title),
            "",
        )

    def _associate(self, token: Token) -> tuple[str, TextSpan] | None:
        """The organisations a crowd noun belongs to or acts for: "BJP supporters", "activists
        of the BNP", "workers affiliated to the AITUC", "people organised by AAP"."""
        tokens: list[Token] = []
        for c in token.children:
            if c.dep_ in ("compound", "nmod", "poss", "amod"):
                tokens.extend(c.subtree)
            elif c.dep_ == "prep" and c.lower_ in ("of", "from"):
                tokens.extend(t for p in c.children if p.dep_ == "pobj" for t in p.subtree)
            elif c.dep_ in ("acl", "relcl") and c.lemma_.lower() in ORGANISING_LEMMAS:
                for p in c.children:
                    if p.dep_ in ("prep", "agent"):
                        tokens.extend(t for o in p.children if o.dep_ == "pobj" for t in o.subtree)
        if not tokens:
            return None
        inside = {t.i for t in tokens}
        found = [
            (group.name, where.start, where.end)
            for group, where in self.named
            if any(t.idx <= where.start < t.idx + len(t) for t in tokens)
        ] + [
            (acled_name(ent.text), ent.start_char, ent.end_char)
            for ent in self.ents
            if ent.label_ == "ORG"
            and ent.root.i in inside
            and self.group_in(ent.start_char, ent.end_char) is None
        ]
        return joined(found, self.text) if found else None

    def armed_actors(self, trigger: Token, triggers: set[int]) -> list[ActorRef]:
        """The armed actors a trigger's sentence names as doers of it, in order, once each:
        who may have done what its clause leaves without a doer. A doer is
        - the subject of the trigger's clause or of one subordinate to it ("forces cordoned
          the village off: a person was killed"), not of one joined by "and" ("a man was
          shot, and police are looking for the shooter") nor of one the trigger's is
          subordinate to ("police are investigating a shooting"), nor of a verb of
          suffering or saying;
        - the object of "by" on such a clause or on an event, or of "with", "between" or
          "among" on an event in the active ("clashed with troops");
        - the modifier of an event's noun ("a police raid"; `triggers` holds the sentence's
          trigger token indices) or of a doer ("a Taliban sniper"), or one joined to a doer
          by "and";
        - a noun the parser made the root, the trigger its clause ("the forces engaged
          in..."), or set beside a place ("in Saint-Marc, a police officer beat...").
        Only actors by kind or by a known name: the parser's organisations here are as
        often places and offices ("Yangon", "the USDP office")."""
        found: dict[str, ActorRef] = {}
        linked = _subordination(trigger)
        with self.unremembered():
            for token in trigger.sent:
                if token.pos_ not in ("NOUN", "PROPN") or not _doer(token, linked, triggers):
                    continue
                if token.i not in self._as_doer:
                    self._as_doer[token.i] = self.actor(token, entities=False)
                actor = self._as_doer[token.i]
                if actor is None or actor.inter not in ARMED_INTER:
                    continue
                # "a police officer" over its "police": the whole phrase is the evidence.
                before = found.get(actor.name)
                if before is None or actor.span.start <= before.span.start < actor.span.end:
                    found[actor.name] = actor
        return list(found.values())

    @contextmanager
    def unremembered(self) -> Iterator[None]:
        """Read actors within the block without changing whom "they" refers to next: that is
        for the telling of events to set, not for a look ahead."""
        remembered = self.last_actor
        try:
            yield
        finally:
            self.last_actor = remembered

    def _remember(self, actor: ActorRef) -> ActorRef:
        if actor.inter in ARMED_INTER:
            self.last_actor = actor
        return actor

    def note_sentence(self, sent) -> None:
        """Let a sentence without events still set what 'they' refers to next."""
        for token in sent:
            if token.dep_ in ("nsubj", "nsubjpass") and token.pos_ in ("NOUN", "PROPN"):
                self.actor(token)


# Words before an armed noun that tell how sure the report is, not whose the group is.
HEDGES = {"presumed", "suspected", "alleged", "unidentified", "unknown", "armed"}
# Nouns of a militia, which a people or a place may have ("a Kaduna militia").
MILITIA_LEMMAS = {"militia", "militiaman", "militiamen"}


def _acronym(token: Token) -> bool:
    return len(token.text) > 1 and token.text.isupper() and token.text.isalpha()


@cache
def _country(name: str) -> bool:
    try:
        pycountry.countries.lookup(name)
    except LookupError:
        return False
    return True


def _clause_chain(token: Token) -> list[Token]:
    """A clause's head and those of the clauses it is subordinate to, or shares a subject
    with."""
    chain = [token]
    while token.head != token and (token.dep_ in SUBORDINATE or shares_subject(token)):
        token = token.head
        chain.append(token)
    return chain


def _subordination(trigger: Token) -> set[int]:
    """The trigger's clause (with the verbs it shares a subject with) and the clauses
    subordinate to it, by their heads' indices. Not the clauses it is subordinate to: "police
    are investigating a shooting", "police continue to investigate after six people were
    shot" name no doer."""
    own = {trigger.i}
    clause = trigger
    while clause.head != clause and (clause.dep_ == "xcomp" or shares_subject(clause)):
        clause = clause.head
        own.add(clause.i)
    return {t.i for t in trigger.sent if own.intersection(c.i for c in _clause_chain(t))}


def _doer(token: Token, linked: set[int], triggers: set[int]) -> bool:
    """Whether a noun is a doer of what a trigger tells (see `armed_actors`); `linked` is
    what `_subordination` gives the trigger."""
    head = token.head
    if token.dep_ == "ROOT":
        return any(t.i in linked for t in token.children if t.dep_ == "acl")
    if token.dep_ == "appos":
        # No actor is a place: "in Saint-Marc, a police officer beat up..." misread.
        return head.ent_type_ in ("GPE", "LOC", "FAC")
    if token.dep_ == "nsubj":
        return head.i in linked and head.lemma_.lower() not in NOT_DOING_LEMMAS
    if token.dep_ == "pobj":
        governor = head.head
        if head.lower_ == "by":
            return governor.i in linked or governor.i in triggers
        # "clashed with troops", "fighting between": the other side; not "abducted with two
        # other soldiers", taken along.
        passive = any(c.dep_ == "auxpass" for c in governor.children)
        # ...and "clashes broke out between": the sides of the fight the verb's subject tells
        fight = governor.i in triggers or (
            head.lower_ != "with"
            and any(c.dep_ == "nsubj" and c.i in triggers for c in governor.children)
        )
        return head.lower_ in RECIPROCAL_PREPOSITIONS and fight and not passive
    if token.dep_ in ("compound", "poss"):
        return head.i in triggers or (
            head.pos_ in ("NOUN", "PROPN") and _doer(head, linked, triggers)
        )
    return token.dep_ == "conj" and head.pos_ in ("NOUN", "PROPN") and _doer(head, linked, triggers)
