"""extract(): event mentions from a parsed article, each field with its evidence span."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import cached_property, partial
from itertools import pairwise

from spacy.tokens import Doc, Span, Token

from thucydides.extract.actors import ARMED_INTER, ActorContext
from thucydides.extract.associates import acled_name, joined, known_in
from thucydides.extract.attribution import SAY, attribution_of
from thucydides.extract.claims import claimant
from thucydides.extract.confidence import load_calibration
from thucydides.extract.counts import NOMINAL_KILLINGS, Casualties, casualties
from thucydides.extract.days_apart import days_apart
from thucydides.extract.lexicon import GenericDef, TriggerDef, load_lexicon
from thucydides.extract.mention import (
    ActorRef,
    Attribution,
    Count,
    Mention,
    TextSpan,
    Weapon,
)
from thucydides.extract.people import named_people, participants
from thucydides.extract.relevance import judge, sentence_features
from thucydides.extract.status import casualties_of, status_of, what_they_died_of
from thucydides.extract.syntax import (
    child,
    clause_verb,
    infinitive,
    is_headline,
    local_tokens,
    prep_object,
    span_of,
    subject_of,
)
from thucydides.extract.triggers import find_triggers, trigger_words
from thucydides.extract.type_model import current_type_model
from thucydides.extract.type_model import words as type_words
from thucydides.extract.untriggered import untriggered_event
from thucydides.extract.weapons import weapons_in
from thucydides.nlp.text import text_of
from thucydides.when.aftermath import dates_what_followed
from thucydides.when.dateline import dateline_end
from thucydides.when.expressions import DateExpression, find_date_expressions
from thucydides.when.stamps import is_timestamp

DISORDER = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Riots": "Political violence",
    "Protests": "Demonstrations",
    "Strategic developments": "Strategic developments",
}
PLACE_NOUNS = {
    "city",
    "town",
    "village",
    "area",
    "district",
    "province",
    "region",
    "headquarters",
    "building",
    "complex",
    "base",
    "camp",
    "post",
    "checkpoint",
    "station",
    "compound",
    "territory",
    "control",
    "office",
    "airport",
    "outpost",
    "barracks",
    "town hall",
    "bridge",
    "road",
    "street",
    "highway",
    "railway",
    "track",
    "gate",
    "entrance",
    "site",
    "residence",
    "house",
    "hill",
    "neighbourhood",
    "neighborhood",
    "suburb",
    "border",
    "crossing",
    "port",
    "palace",
    "prison",
    "jail",
    "field",
    "oilfield",
    "refinery",
    "dam",
}
TOPONYM_LABELS = {"GPE", "LOC", "FAC"}
# What a protest is for or against ("against the invasion of Ukraine", "for Gaza").
CAUSE_WORDS = {"against", "for", "over", "about"}
CAUSE_NOUNS = {"support", "solidarity"}
CROWD_INTER = {5, 6, 7}
HARMING = frozenset({"Battles", "Violence against civilians", "Explosions/Remote violence"})
TAKING = frozenset(
    {"loot", "steal", "rob", "extort", "plunder", "snatch", "confiscate", "take", "seize",
     "capture", "recapture", "retake", "wrest"}
)  # fmt: skip
FIGHTING_LEMMAS = frozenset(
    {"clash", "fight", "battle", "skirmish", "confront", "confrontation", "encounter"}
)
AIR_STRIKES = {"airstrike", "jet", "warplane", "plane"}
PURPOSE_LEMMAS = {
    "demand", "protest", "oppose", "condemn", "denounce", "urge", "press", "seek", "against",
    "support", "solidarity", "demanding", "protesting", "opposing", "condemning", "call",
}  # fmt: skip
# Log-probability bonus for the trigger's own type, and for the sub-type the rules give;
# `thucydides eval events` reports their effect on regions the model never saw.
RULE_BONUS = 1.0
SUB_RULE_BONUS = 1.0
PLOVER = {
    "Battles": "ASSAULT",
    "Protests": "PROTEST",
    "Riots": "PROTEST",
    "Explosions/Remote violence": "ASSAULT",
    "Violence against civilians": "ASSAULT",
    "Strategic developments": "COERCE",
}
# CAMEO's code for a sub-type the classifier chose over the trigger's own (CAMEO 1.1b3).
SUB_TYPE_CAMEO = {
    "Armed clash": "190",
    "Government regains territory": "192",
    "Non-state actor overtakes territory": "192",
    "Chemical weapon": "2041",
    "Air/drone strike": "195",
    "Suicide bomb": "1831",
    "Shelling/artillery/missile attack": "194",
    "Remote explosive/landmine/IED": "183",
    "Grenade": "183",
    "Sexual violence": "1821",
    "Attack": "180",
    "Abduction/forced disappearance": "181",
    "Peaceful protest": "141",
    "Protest with intervention": "141",
    "Excessive force against protesters": "175",
    "Violent demonstration": "145",
    "Mob violence": "145",
    "Agreement": "057",
    "Arrests": "173",
    "Looting/property destruction": "171",
    "Non-violent transfer of territory": "0874",
}
TYPE_DEFAULTS = {
    "Battles": ("Armed clash", "190"),
    "Protests": ("Peaceful protest", "141"),
    "Riots": ("Violent demonstration", "145"),
    "Explosions/Remote violence": ("Remote explosive/landmine/IED", "183"),
    "Violence against civilians": ("Attack", "180"),
    "Strategic developments": ("Other", "170"),
}
PROTEST_LEMMAS = {
    "protest",
    "demonstration",
    "demonstrate",
    "rally",
    "hartal",
    "bandh",
    "strike",
    "blockade",
    "agitation",
    "march",
    "procession",
    "dharna",
    "gherao",
    "shutdown",
}
# ACLED names the crowd after its kind where the report names no organiser.
DEFAULT_ACTOR1 = {"Protests": ("Protesters ({country})", 6), "Riots": ("Rioters ({country})", 5)}
# ACLED counts no one killed at a peaceful protest, or one met with an intervention, nor in a
# strategic development other than a disrupted weapon's blast: a count in their sentence is
# of other violence ("students protested a day after two classmates were killed", "police
# arrested the man who shot three people").
HARMLESS_SUB_TYPES = {
    "Peaceful protest",
    "Protest with intervention",
    "Agreement",
    "Arrests",
    "Change to group/activity",
    "Headquarters or base established",
    "Looting/property destruction",
    "Non-violent transfer of territory",
    "Other",
}
# Violence whose perpetrator the report does not name is coded to an unidentified armed group
# (ACLED: "a bomb exploded", "he was shot dead"); a named actor of any kind stands.
UNNAMED_PERPETRATOR = ("Unidentified Armed Group ({country})", 3)
# ...unless the victims are themselves an armed group ("three militants were killed in an
# operation"): then the state's forces are the ones who fought them.
AGAINST_ARMED_GROUP = ("Military Forces of {country}", 1)
ARMED_GROUP_INTER = {2, 3}
VIOLENT_TYPES = {"Battles", "Explosions/Remote violence", "Violence against civilians"}
NOMINAL_AGENT_VERBS = {
    "launch",
    "carry",
    "conduct",
    "stage",
    "mount",
    "claim",
    "execute",
    "perpetrate",
    "commit",
    "hold",
    "organise",
    "organize",
    "begin",
    "start",
    "take",  # "took 55 civilians hostage"
    "have",  # "troops had an encounter with rebels"
}


def _is_state(actor: ActorRef | None) -> bool:
    return actor is not None and actor.inter == 1


def _roles(trigger: Token, context: ActorContext) -> tuple[ActorRef | None, ActorRef | None]:
    if trigger.pos_ == "VERB":
        subject, passive = subject_of(trigger)
        if passive:
            # "was shot and killed by militants": the agent hangs on the last verb.
            agent = prep_object(trigger, "by") or next(
                (
                    a
                    for c in trigger.children
                    if c.dep_ == "conj" and (a := prep_object(c, "by")) is not None
                ),
                None,
            )
            actor1 = context.actor(agent) if agent is not None else None
            actor2 = context.actor(subject) if subject is not None else None
        else:
            actor1 = context.actor(subject) if subject is not None else None
            # The first of them that names an actor: "looted livestock from civilians".
            objects = (_target(trigger), _shared_object(trigger), _taken_from(trigger))
            actor2 = next(
                (
                    actor
                    for obj in (child(trigger, "dobj"), *objects)
                    if obj is not None and (actor := context.actor(obj)) is not None
                ),
                None,
            )
        return actor1, actor2 or _other_side(trigger, context)
    agent = (
        prep_object(trigger, "by")
        or _placer(trigger)
        or next(
            (
                c
                for c in trigger.children
                if c.dep_ == "poss" or (c.dep_ == "compound" and c.pos_ == "PROPN")
            ),
            None,
        )
    )
    # "launched an attack", and "launched assault actions": the noun, or the noun it names
    # the kind of, done by the subject of a verb of doing.
    done = trigger.head if trigger.dep_ == "compound" else trigger
    if (
        agent is None
        and done.dep_ in ("dobj", "xcomp", "oprd")
        and done.head.lemma_.lower() in NOMINAL_AGENT_VERBS
    ):
        agent, _ = subject_of(done.head)
    target = _target(trigger, "targeting") or _sufferer(trigger) or _struck(trigger)
    return (
        context.actor(agent) if agent is not None else None,
        (context.actor(target) if target is not None else None) or _other_side(trigger, context),
    )


def _target(trigger: Token, *more: str) -> Token | None:
    """Who or what an attack was "on", "against" or "at"; not a day ("on 14 March")."""
    target = prep_object(trigger, "on", "against", "at", *more)
    return None if target is None or target.ent_type_ in ("DATE", "TIME") else target


def _taken_from(verb: Token) -> Token | None:
    """Whom a thing or a place was taken from: "looted livestock from civilians", "extorted
    taxes from residents", "seized the town from the rebels"."""
    if verb.lemma_.lower() not in TAKING:
        return None
    taken = child(verb, "dobj")
    return prep_object(verb, "from") or (prep_object(taken, "from") if taken else None)


def _struck(trigger: Token) -> Token | None:
    """Whom an attack a noun names struck, as the object of the verb it is the subject of:
    "a landmine hit a police patrol", "the blast killed two soldiers". Not in a fight."""
    verb = trigger.head
    if trigger.dep_ != "nsubj" or trigger.lemma_.lower() in FIGHTING_LEMMAS or verb.pos_ != "VERB":
        return None
    return child(verb, "dobj")


def _shared_object(verb: Token) -> Token | None:
    """The object of the verb joined to this one, which both share: "militants ambushed and
    killed two soldiers"."""
    joined = next((c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB"), None)
    return child(joined, "dobj") if joined is not None else None


def _sufferer(trigger: Token) -> Token | None:
    """Who was killed or hurt in an attack a noun names, as the subject of the clause the
    noun ends (`status.casualties_of`, `status.what_they_died_of`): "two soldiers were
    wounded following an ambush by Taliban militants". Not in a fight, whose dead may be of
    either side."""
    if trigger.lemma_.lower() in FIGHTING_LEMMAS or not (
        casualties_of(trigger) or (trigger.dep_ == "pobj" and what_they_died_of(trigger))
    ):
        return None
    subject, _ = subject_of(trigger.head.head)
    return subject


def _other_side(trigger: Token, context: ActorContext) -> ActorRef | None:
    """Who fought "with" the doer of a fight ("clashed with the police", "clashes with
    government troops"); "with" after other verbs tells what was used or who was taken."""
    if trigger.lemma_.lower() not in FIGHTING_LEMMAS:
        return None
    other = prep_object(trigger, "with")
    actor = context.actor(other) if other is not None else None
    if actor is None or not other.conjuncts:
        return actor
    # "clashes with police and soldiers": all of them are the side fought, none its doer
    # (`_perpetrator_told` looks for the doer outside the side's words).
    last = max(other.conjuncts, key=lambda t: t.i)
    return replace(actor, span=span_of(other.doc[other.left_edge.i : last.i + 1]))


def _has_place_object(trigger: Token, doc: Doc) -> bool:
    for token in local_tokens(trigger):
        if token == trigger:
            continue
        if token.lemma_.lower() in PLACE_NOUNS or token.ent_type_ in TOPONYM_LABELS:
            return True
    return False


def _has_purpose(trigger: Token) -> bool:
    """Whether the clause says what a gathering was for: "to demand", "against", "in support"."""
    near = [t for c in trigger.children for t in (c, *c.children)]
    return any(t.lemma_.lower() in PURPOSE_LEMMAS for t in near)


def _purposes_kept(
    found: list[tuple[Token, TriggerDef]], context: ActorContext
) -> list[tuple[Token, TriggerDef]]:
    """A sentence's triggers less the words of purpose that tell no crowd's act ("they
    urged", "officials held a press conference, calling for"): such a word is no trigger,
    and a report that has no other is read as one without (`_untriggered`). Protesters who
    demand are protesting ("protesters demanded the release of...")."""
    told = {trigger.i for trigger, _ in found}
    kept = []
    for trigger, definition in found:
        if definition.as_purpose:
            with context.unremembered():
                crowd = (_purpose_of_act(trigger, told) or _protesters_do(trigger)) and _crowd(
                    _roles(trigger, context)[0]
                )
            if not crowd:
                continue
        kept.append((trigger, definition))
    return kept


def _purpose_of_act(trigger: Token, triggers: set[int]) -> bool:
    """Whether a verb tells what another verb's act was for ("displayed banners to call for",
    "blocked the road, demanding"), an act no trigger tells ("held protests, demanding"),
    and no saying."""
    act = trigger.head
    told_by_act = {act.i, *(c.i for c in act.children)} - {trigger.i}
    return (
        trigger.dep_ in ("advcl", "xcomp")
        and (trigger.tag_ == "VBG" or infinitive(trigger))
        and act.pos_ == "VERB"
        and not told_by_act & triggers
        and act.lemma_.lower() not in SAY
    )


# Of the lexicon's nouns for people only as a crowd that protests, those who also make
# statements: "activists demanded" may be a statement, "protesters demanded" is a protest.
STATEMENT_MAKERS = frozenset({"activist", "supporter"})


def _protesting(noun: Token) -> bool:
    """A noun that says its people protest, whatever they do ("protesters demanded")."""
    lemma = noun.lemma_.lower()
    return lemma in load_lexicon().protester_nouns and lemma not in STATEMENT_MAKERS


def _protesters_do(verb: Token) -> bool:
    """'Protesters demanded...': the verb's subject is people protesting."""
    return any(c.dep_ == "nsubj" and _protesting(c) for c in verb.children)


def _protesters(actor: ActorRef | None, sentence: Span) -> bool:
    """An actor the report names by a noun of people protesting ("20 protesters")."""
    if actor is None or not actor.stated:
        return False
    named = sentence.doc.char_span(actor.span.start, actor.span.end, alignment_mode="expand")
    return named is not None and _protesting(named.root)


def _crowd(actor: ActorRef | None) -> bool:
    return actor is not None and actor.inter in CROWD_INTER


def _tells_protest(sentence: Span) -> bool:
    return any(t.lemma_.lower() in PROTEST_LEMMAS for t in sentence)


def _victims(event_type: str, actor2: ActorRef | None, sentence: Span) -> ActorRef | None:
    """Workers, farmers or students harmed where no protest is told are civilians, as ACLED
    codes them ("gunmen killed three farmers"); a crowd the report names by a noun of
    protest ("demonstrators") stays the crowd."""
    lexicon = load_lexicon()
    if (
        event_type not in HARMING
        or actor2 is None
        or actor2.name != lexicon.generic_nouns["protester"].name_template
    ):
        return actor2
    named = sentence.doc.char_span(actor2.span.start, actor2.span.end, alignment_mode="expand")
    if named is None or named.root.lemma_.lower() in lexicon.protester_nouns:
        return actor2
    if _tells_protest(sentence):
        return actor2
    civilians = _civilians()
    return replace(actor2, name=civilians.name_template, inter=civilians.category)


def _civilians() -> GenericDef:
    return load_lexicon().generic_nouns["civilian"]


def _classify(
    definition: TriggerDef,
    trigger: Token,
    sentence: Span,
    actor1,
    actor2,
    *,
    called_violent: bool,
) -> tuple[str, str, str]:
    """The type the trigger and ACLED's written rules give (`called_violent`: a
    demonstration the report calls violent, `_called_violent`)."""
    event_type, sub_type, cameo = definition.event_type, definition.sub_event_type, definition.cameo
    violent = (
        event_type in ("Battles", "Violence against civilians")
        or sub_type == "Looting/property destruction"
    )
    demonstrating = _tells_protest(sentence)
    if violent and _crowd(actor1) and (actor2 is None or _crowd(actor2) or _is_state(actor2)):
        # Crowds, supporters or students who fight (the police, say) or wreck are rioters,
        # not armed groups.
        return "Riots", "Violent demonstration" if demonstrating else "Mob violence", "145"
    if event_type == "Protests" and called_violent:
        # ACLED's violent demonstration ("staged a violent demonstration", "the protest turned
        # violent": 128 of the 149 acled-modern notes saying so are riots)
        return "Riots", "Violent demonstration", "145"
    if violent and actor2 is not None and actor2.inter == 6 and _is_state(actor1):
        return "Protests", "Excessive force against protesters", "1724"
    if sub_type == "Arrests" and (demonstrating or _protesters(actor2, sentence)):
        # ACLED's codebook: protesters arrested at their protest are a protest with intervention
        # ("police arrested 20 protesters": all 161 acled-modern notes saying so are protests
        # or riots).
        return "Protests", "Protest with intervention", "141"
    if definition.by_target and actor2 is not None and actor2.inter in ARMED_INTER:
        event_type, sub_type, cameo = "Battles", "Armed clash", "190"
    if definition.state_sub_event_type and _is_state(actor1):
        sub_type = definition.state_sub_event_type
    if definition.suicide_sub_event_type and any(
        t.lower_.startswith("suicide") for t in trigger.doc[max(trigger.i - 3, 0) : trigger.i + 4]
    ):
        sub_type = definition.suicide_sub_event_type
    return event_type, sub_type, cameo


def _called_violent(protest: Token) -> bool:
    """'a violent demonstration', 'the protest turned violent'; not 'a non-violent protest'."""
    doc = protest.doc
    words = [c for c in protest.children if c.dep_ == "amod"]
    if protest.dep_ == "nsubj" and protest.head.lemma_.lower() in ("turn", "become", "grow"):
        words += [c for c in protest.head.children if c.dep_ in ("acomp", "oprd")]
    return any(
        w.lower_ == "violent"
        and not (w.i >= 2 and doc[w.i - 1].text == "-" and doc[w.i - 2].lower_ == "non")
        for w in words
    )


class _SentenceFacts:
    """What every trigger of one sentence shares, read once for all of them."""

    def __init__(self, sentence: Span, ents: Sequence[Span]) -> None:
        self.sentence = sentence
        self.ents = ents
        self.following: _SentenceFacts | None = None

    @cached_property
    def text(self) -> str:
        # `Span.text` joins the tokens afresh on every read.
        return text_of(self.sentence.doc)[self.sentence.start_char : self.sentence.end_char]

    @cached_property
    def span(self) -> TextSpan:
        return span_of(self.sentence)

    @cached_property
    def headline(self) -> bool:
        return is_headline(self.sentence)

    @cached_property
    def counts(self) -> Casualties:
        return casualties(self.sentence)

    @cached_property
    def organisations(self) -> list[tuple[str, int, int]]:
        """The organisations ACLED knows that the sentence names (`known_in`)."""
        return known_in(self.text, self.sentence.start_char)

    @cached_property
    def weapons(self) -> tuple[Weapon, ...]:
        return weapons_in(self.text, self.sentence.start_char)

    @cached_property
    def context(self) -> list[str]:
        """What the relevance model reads in the sentence around each trigger."""
        return sentence_features(self.sentence, self.ents)

    @cached_property
    def words(self) -> list[str]:
        """The words the type classifier reads (a sentence's are read for its own triggers
        and again as the one after the sentence before)."""
        return type_words(self.text)

    @cached_property
    def sub_type_probabilities(self) -> dict[str, float] | None:
        """The classifier learned on whole notes; what follows a sentence often says how the
        event went ("the protest turned violent"), so it reads the next sentence too."""
        model = current_type_model()
        if model is None:
            return None
        following = self.following.words if self.following is not None else []
        return model.sub_type_probabilities(self.words + following)


def _sentence_facts(sentences: list[Span], ents: Sequence[Span]) -> list[_SentenceFacts]:
    facts = [_SentenceFacts(s, ents) for s in sentences]
    for earlier, later in pairwise(facts):
        earlier.following = later
    return facts


def _untriggered(
    sentences: list[Span], facts: list[_SentenceFacts], context: ActorContext
) -> tuple[int, Token, TriggerDef] | None:
    """A report with no trigger word: the sentence and main verb that tell its event
    (`untriggered_event`), of the sub-type the type model finds likeliest."""
    model = current_type_model()
    if model is None:
        return None
    with context.unremembered():
        told = untriggered_event(sentences, [f.context for f in facts], context.ents, context.actor)
    if told is None:
        return None
    i, verb = told
    sub_types = facts[i].sub_type_probabilities
    assert sub_types is not None
    sub_type = max(sub_types, key=sub_types.__getitem__)
    event_type = dict(zip(model.labels, model.types, strict=True))[sub_type]
    definition = TriggerDef(
        event_type=event_type,
        sub_event_type=sub_type,
        cameo=SUB_TYPE_CAMEO.get(sub_type, TYPE_DEFAULTS[event_type][1]),
        plover=PLOVER[event_type],
        pos=frozenset({"VERB"}),
    )
    return i, verb, definition


@dataclass(frozen=True, slots=True)
class _Label:
    event_type: str
    sub_event_type: str
    cameo: str
    probability: float | None  # the classifier's, among the labels it could choose; None without it


def _weigh_type(
    event_type: str,
    sub_type: str,
    cameo: str,
    sub_types: dict[str, float] | None,
    actor1: ActorRef | None,
    actor2: ActorRef | None,
    *,
    violent: bool = False,
) -> _Label:
    """Let the trained classifier choose the type, then the sub-type within it.

    Any of ACLED's types, except where its written rules say otherwise: armed actors never
    riot or protest, a demonstration the report calls violent (`violent`) is no peaceful
    protest, and who acted tells territory regained from territory overtaken. The
    type the rules give gets a bonus of RULE_BONUS in log-probability, and the sub-type they
    give SUB_RULE_BONUS (on the world's notes, a trigger's list of admitted types cost 0.12
    of type accuracy: README, "Models the project trains"). The label's probability is the
    classifier's, renormalised over the sub-types it could choose.
    """
    model = current_type_model()
    if sub_types is None or model is None:
        return _Label(event_type, sub_type, cameo, None)
    admitted = set(model.types)
    if actor1 is not None and actor1.inter not in CROWD_INTER:
        admitted -= {"Riots", "Protests"} - {event_type}
    if violent:
        admitted.discard("Protests")
    if sub_type == "Looting/property destruction" and actor2 is None:
        # Property burnt or looted, no one named as attacked or fought: no battle, no attack.
        admitted -= {"Battles", "Violence against civilians", "Explosions/Remote violence"}
    type_of = dict(zip(model.labels, model.types, strict=True))
    # ACLED tells territory taken by a state force from territory taken by anyone else by who
    # acted: the actor the parse found decides, not the words.
    by_actor = (
        "Non-state actor overtakes territory"
        if _is_state(actor1)
        else "Government regains territory"
    )
    allowed = {s: p for s, p in sub_types.items() if type_of[s] in admitted and s != by_actor}
    total = sum(allowed.values()) or 1.0
    by_type = model.type_probabilities({s: allowed.get(s, 0.0) for s in sub_types})
    best_type = max(
        admitted,
        key=lambda t: math.log(by_type[t] + 1e-9) + (RULE_BONUS if t == event_type else 0.0),
    )
    best = max(
        (s for s in allowed if type_of[s] == best_type),
        key=lambda s: math.log(allowed[s] + 1e-9) + (SUB_RULE_BONUS if s == sub_type else 0.0),
    )
    if best == sub_type:
        return _Label(event_type, sub_type, cameo, allowed[best] / total)
    default_cameo = cameo if best_type == event_type else TYPE_DEFAULTS[best_type][1]
    return _Label(best_type, best, SUB_TYPE_CAMEO.get(best, default_cameo), allowed[best] / total)


def _placer(noun: Token) -> Token | None:
    """Who laid or fired the weapon a noun names: "a mine planted by the Taliban", "a
    Taliban-planted bomb", "rockets fired by rebels"."""
    for c in noun.children:
        if c.dep_ == "acl" and (agent := prep_object(c, "by")) is not None:
            return agent
        if c.dep_ == "amod" and c.pos_ == "VERB":
            placer = next((g for g in c.children if g.dep_ in ("npadvmod", "compound")), None)
            if placer is not None:
                return placer
    return None


# What a back-reference may refer to: violence to violence, a crowd to a crowd (a riot is
# both), a development to a development.
_TOLD_AS = {
    "Battles": {"violence"},
    "Explosions/Remote violence": {"violence"},
    "Violence against civilians": {"violence"},
    "Riots": {"violence", "crowd"},
    "Protests": {"crowd"},
    "Strategic developments": {"development"},
}


def _status(trigger: Token, has_date: bool, earlier: list[Mention], event_type: str):
    """A back-reference ("the attack on Mosul") needs something of its kind told before to
    refer to: "The protest took place on the anniversary" after the killing it protests
    tells the protest."""
    status = status_of(trigger, has_date)
    kinds = _TOLD_AS[event_type]
    if status == "reference" and not any(
        m.status == "new" and kinds & _TOLD_AS[m.event_type] for m in earlier
    ):
        return "new"
    return status


def _default_actor1(
    event_type: str, actor1: ActorRef | None, actor2: ActorRef | None, trigger: Token
) -> ActorRef | None:
    if actor1 is None and event_type in VIOLENT_TYPES:
        fought = actor2 is not None and actor2.inter in ARMED_GROUP_INTER
        name, inter = AGAINST_ARMED_GROUP if fought else UNNAMED_PERPETRATOR
        return ActorRef(name, inter, span_of(trigger), stated=False)
    default = DEFAULT_ACTOR1.get(event_type)
    if default is None:
        return actor1
    if actor1 is None:
        return ActorRef(default[0], default[1], span_of(trigger), stated=False)
    if actor1.inter in CROWD_INTER:
        return replace(actor1, name=default[0], inter=default[1])
    # ACLED codes every protest to protesters, with the organisation (or force) behind it as
    # their associated actor; a riot too, unless a state force or an armed group rioted.
    if event_type == "Riots" and actor1.inter != 3:
        return actor1
    return ActorRef(
        default[0],
        default[1],
        actor1.span,
        associate=acled_name(actor1.name),
        associate_span=actor1.span,
    )


def _default_actor2(event_type: str, actor2: ActorRef | None, trigger: Token) -> ActorRef | None:
    """Violence against civilians is against civilians: ACLED's codebook gives every such
    event a civilian actor2 (all 24,396 of acled-modern's), where the report names none."""
    if actor2 is not None or event_type != "Violence against civilians":
        return actor2
    civilians = _civilians()
    return ActorRef(civilians.name_template, civilians.category, span_of(trigger), stated=False)


def _associate_in(facts: _SentenceFacts, actor1: ActorRef) -> ActorRef:
    """A crowd whose own words name no organisation acts for those the sentence names, where
    ACLED knows them ("a hartal called by the 20-party alliance: BNP activists blocked...")."""
    if not facts.organisations:
        return actor1
    names, span = joined(facts.organisations, facts.text, facts.sentence.start_char)
    return replace(actor1, associate=names, associate_span=span)


def place_spans(
    trigger: Token, doc: Doc, ents: Sequence[Span] | None = None, *, protest: bool = False
) -> tuple[TextSpan, ...]:
    """Toponyms in the trigger's own clause (where it happened), in text order (`ents`: the
    document's entities, where the caller already has them); of a `protest`, not those it
    is for or against (`_cause_of_protest`)."""
    local = {t.i for t in local_tokens(trigger)}
    spans = []
    for ent in doc.ents if ents is None else ents:
        if (
            ent.label_ in TOPONYM_LABELS
            and ent.root.i in local
            and ent.root.dep_ != "poss"
            and not names_whose(ent.root, trigger)
            and not (protest and _cause_of_protest(ent.root, trigger))
        ):
            spans.append(span_of(ent))
    return tuple(spans)


def _cause_of_protest(place: Token, trigger: Token) -> bool:
    """Whether a place is named in what a protest is for or against ("a protest against
    Russia's invasion of Ukraine", "a demonstration in support of Ukraine", "a rally for
    Gaza"), where the protesters are not; not in the protest itself ("gathered for a
    demonstration outside the school in Los Angeles")."""
    token = place
    while token.i != trigger.i and token.head.i != token.i:
        if token.lemma_.lower() in CAUSE_NOUNS or (
            token.dep_ == "prep"
            and token.lower_ in CAUSE_WORDS
            and not any(c.lemma_.lower() in PROTEST_LEMMAS for c in token.children)
        ):
            return True
        token = token.head
    return False


def names_whose(place: Token, trigger: Token) -> bool:
    """Whether a place names whose forces or arms these are, or where fighters came from,
    rather than where the event happened: "U.S. forces", "killed in a U.S. airstrike",
    "militants from Syria" (Halterman's event_location records, the clause-linking row of
    `thucydides eval location`: 0.597 -> 0.626 of 494 linked right). A place modifying the
    trigger itself stands: "the Baghdad bombing"."""
    head = place.head
    if head.i == trigger.i:
        return False
    if place.dep_ in ("compound", "amod", "nmod"):
        return _armed(head)
    return (
        head.lower_ == "from"
        and head.head.i != trigger.i
        and (_armed(head.head) or head.head.ent_type_ in ("NORP", "PERSON"))
    )


def _armed(noun: Token) -> bool:
    """An armed actor's or a weapon's noun ("forces", "militants", "airstrike", "drone")."""
    lemma, lexicon = noun.lemma_.lower(), load_lexicon()
    generic = lexicon.generic_nouns.get(lemma)
    armed = generic is not None and generic.category not in CROWD_INTER
    return armed or lemma in lexicon.weapons or lemma in AIR_STRIKES


def _date_for(
    trigger: Token, sentence: Span, expressions: list[DateExpression], events: set[int]
) -> DateExpression | None:
    """The date expression the parse attaches to this trigger, not merely the nearest one; a
    year or months away only where it hangs on the trigger or on the verb of its clause ("In
    2011 he was convicted of assault"; not "protested over housing paid for in 2007", the
    payment's, nor "retaliation for the killing of three members three months ago", the
    killing's). An event a clause describes has its date (`events`: the sentence's nouns
    of events, by token index; "the Jan. 28 shooting that killed a teen")."""
    expressions = [
        e
        for e in expressions
        if not e.distant
        or (
            (head := _expression_head(sentence, e)) is not None
            and head.head in (trigger, clause_verb(trigger))
        )
    ]
    attached = _attached_date(trigger, sentence, expressions)
    if attached is not None:
        return attached
    for expression in expressions:
        head = _expression_head(sentence, expression)
        if head is not None and head.head == trigger:
            return expression
    if trigger.dep_ in ("relcl", "acl") and trigger.head.i in events:
        described = _attached_date(trigger.head, sentence, expressions)
        if described is not None:
            return described
    # A date elsewhere in the sentence still dates its event, unless it dates the saying
    # ("a provincial official said today") or what followed ("he was charged Wednesday with
    # murder"); the day of a report the event is told "as" ("As reported on 2 March 2020,
    # miners protested") is the latest the event can be, the day ACLED codes it on.
    for expression in expressions:
        head = _expression_head(sentence, expression)
        if head is not None and (
            (head.head.lemma_.lower() not in SAY and not dates_what_followed(head))
            or any(c.dep_ == "mark" and c.lower_ == "as" for c in head.head.children)
        ):
            return expression
    return None


def _arrest_for_violence(arrest: Token, triggers: set[int]) -> bool:
    """An arrest told as following violence its own words tell ("arrested Saturday after
    authorities found three people dead", "arrested in connection with the shooting"), not
    one that is part of the violence ("detained and tortured")."""
    if any(c.dep_ == "conj" and c.i in triggers for c in arrest.children):
        return False
    return any(
        t.i in triggers or t.lemma_.lower() in NOMINAL_KILLINGS or t.lower_ == "dead"
        for t in arrest.subtree
        if t.i != arrest.i
    )


def _attached_date(
    trigger: Token, sentence: Span, expressions: list[DateExpression]
) -> DateExpression | None:
    """The first date expression within the trigger's own words."""
    local = {t.idx for t in local_tokens(trigger)}
    return next(
        (
            e
            for e in expressions
            if any(sentence.doc[i].idx in local for i in _token_range(sentence, e))
        ),
        None,
    )


def _token_range(sentence: Span, expression: DateExpression) -> range:
    doc = sentence.doc
    span = doc.char_span(expression.start, expression.end, alignment_mode="expand")
    return range(span.start, span.end) if span is not None else range(0)


def _expression_head(sentence: Span, expression: DateExpression) -> Token | None:
    span = sentence.doc.char_span(expression.start, expression.end, alignment_mode="expand")
    return span.root if span is not None else None


def _confidence(
    label: float | None,
    *,
    actor1: bool,
    actor2: bool,
    place: bool,
    date: bool,
    verbal: bool,
    relevance: float,
) -> float:
    """The probability that the mention is a conflict event (the relevance model's) times
    that of the sub-type it was given (the classifier's), calibrated (`extract/confidence`).
    Without a trained classifier, a transparent stand-in: half the relevance, half the
    pieces a coder needs that the text supplied."""
    if label is not None:
        return round(load_calibration().apply(relevance * label), 2)
    pieces = 0.4 + 0.15 * actor1 + 0.1 * actor2 + 0.1 * place + 0.1 * date + 0.1 * verbal
    return round(min(0.5 * pieces + 0.5 * relevance, 0.95), 2)


def extract(doc: Doc, *, judge_relevance: bool = True) -> list[Mention]:
    """Every event mention in an article, new or not; `status` says which are new events.

    Without `judge_relevance` no trigger is called off topic (what the relevance model is
    trained and scored on)."""
    lexicon = load_lexicon()
    context = ActorContext(lexicon, doc)
    mentions: list[Mention] = []
    last_speaker: Attribution | None = None
    filed = dateline_end(text_of(doc))
    # counts told before any violence, with the dates of their sentences
    untold: list[tuple[list[DateExpression], Casualties]] = []
    sentences = list(doc.sents)
    all_facts = _sentence_facts(sentences, context.ents)
    triggers_of = [_purposes_kept(list(find_triggers(s, lexicon)), context) for s in sentences]
    if judge_relevance and not any(triggers_of):
        told = _untriggered(sentences, all_facts, context)
        if told is not None:
            triggers_of[told[0]] = [told[1:]]
    for sentence, facts, found_triggers in zip(sentences, all_facts, triggers_of, strict=True):
        expressions = [
            DateExpression(
                e.start + sentence.start_char, e.end + sentence.start_char, e.text, e.precision
            )
            for e in find_date_expressions(facts.text)
            if e.start + sentence.start_char >= filed
            and not is_timestamp(facts.text, e.start, e.end)
        ]
        found_any = False
        sentence_start = len(mentions)
        named: list[Span] | None = None
        triggers = {trigger.i for trigger, _ in found_triggers}
        # the nouns that tell an event, whose dates are its own ("the Jan. 28 shooting")
        events = {
            t.i
            for t in sentence
            if t.pos_ == "NOUN" and (t.i in triggers or t.lemma_.lower() in NOMINAL_KILLINGS)
        }
        told_by: list[Token] = []  # the trigger of each of the sentence's mentions
        for trigger, definition in found_triggers:
            if definition.needs_place_object and not _has_place_object(trigger, doc):
                continue
            actor1, actor2 = _roles(trigger, context)
            actor2 = _victims(definition.event_type, actor2, sentence)
            if definition.crowd_only and actor1 is not None and not _crowd(actor1):
                continue
            if definition.needs_crowd and not _crowd(actor1):
                continue
            if definition.needs_purpose and not _has_purpose(trigger):
                continue
            if definition.needs_armed and not (
                actor1.inter in ARMED_INTER
                if actor1 is not None
                # a doer the sentence names otherwise ("an encounter between troops and...")
                else context.armed_actors(trigger, triggers)
            ):
                continue
            found_any = True
            called_violent = _called_violent(trigger)
            event_type, sub_type, cameo = _classify(
                definition, trigger, sentence, actor1, actor2, called_violent=called_violent
            )
            label = _weigh_type(
                event_type,
                sub_type,
                cameo,
                facts.sub_type_probabilities,
                actor1,
                actor2,
                violent=called_violent,
            )
            event_type, sub_type, cameo = label.event_type, label.sub_event_type, label.cameo
            actor1 = _default_actor1(event_type, actor1, actor2, trigger)
            actor2 = _default_actor2(event_type, actor2, trigger)
            if actor1 is not None and actor1.inter in (5, 6) and not actor1.associate:
                actor1 = _associate_in(facts, actor1)
            date = _date_for(trigger, sentence, expressions, events)
            apart = days_apart(trigger, sentence, expressions)
            days_from_date = 0
            if apart is not None and (date is None or date.start <= apart[0].start):
                # the other event's date, dated before the words that say how far apart
                date, days_from_date = apart
            if (
                definition.sub_event_type == "Arrests"
                and event_type in VIOLENT_TYPES
                and not infinitive(trigger)
                and _arrest_for_violence(trigger, triggers)
            ):
                # An arrest the classifier reads as the violence it was for: its day is
                # the arrest's, no day of the violence.
                date = None
            if named is None:
                named = named_people(sentence)
            counts = facts.counts
            if sub_type in HARMLESS_SUB_TYPES:
                # no count of its own, but a figure no report can mean is still reported
                counts = Casualties(None, None, counts.rejected)
            attribution = attribution_of(trigger, last_speaker)
            if attribution is not None and attribution.speaker.lower() not in ("he", "she", "they"):
                last_speaker = attribution
            places = place_spans(
                trigger, doc, context.ents, protest=event_type in ("Protests", "Riots")
            )
            verbal = trigger.pos_ == "VERB"
            relevance, off_topic = (
                judge(trigger, context.ents, facts.context) if judge_relevance else (1.0, False)
            )
            status = _status(trigger, date is not None, mentions, event_type)
            told_by.append(trigger)
            mentions.append(
                Mention(
                    trigger=span_of(trigger_words(trigger, lexicon)),
                    sentence=facts.span,
                    disorder_type=DISORDER[event_type],
                    event_type=event_type,
                    sub_event_type=sub_type,
                    cameo_code=cameo,
                    plover_type=definition.plover
                    if event_type == definition.event_type
                    else PLOVER[event_type],
                    actor1=actor1,
                    actor2=actor2,
                    weapons=facts.weapons,
                    fatalities=counts.fatalities,
                    injured=counts.injured,
                    rejected_counts=counts.rejected,
                    shot=counts.shot,
                    people=participants(trigger, actor1.span if actor1 else None, named),
                    headline=facts.headline,
                    place_spans=places,
                    date_span=TextSpan(date.start, date.end, date.text) if date else None,
                    date_relative_to_previous=bool(date and date.relative_to_event),
                    days_from_date=days_from_date,
                    attribution=attribution,
                    status="off_topic" if off_topic and status == "new" else status,
                    confidence=_confidence(
                        label.probability,
                        actor1=actor1 is not None,
                        actor2=actor2 is not None,
                        place=bool(places),
                        date=date is not None,
                        verbal=verbal,
                        relevance=relevance,
                    ),
                    civilian_targeting=event_type == "Violence against civilians"
                    or (actor2 is not None and actor2.inter == 7),
                )
            )
        mentions[sentence_start:] = _perpetrator_told(
            mentions[sentence_start:],
            [partial(context.armed_actors, t, triggers) for t in told_by],
        )
        if not found_any:
            context.note_sentence(sentence)
        these = list(zip(range(sentence_start, len(mentions)), told_by, strict=True))
        before = _violence_before(mentions, sentence_start)
        if (
            these
            and before is not None
            and _no_other_day(expressions, mentions[before])
            and all(_bare_toll(mentions[j], t) for j, t in these)
        ):
            # "Police clashed with gang members. Four gang members were killed.": the toll of
            # the violence told before, no event of its own
            for j, _ in these:
                mentions[j] = replace(mentions[j], status="reference")
        # A sentence that tells no event, or only refers to one told ("police said two men
        # and two women were wounded in the shooting"), or only events that harm no one
        # ("police arrested the man who shot six people"), adds its counts to the violent
        # event told last (not to a mere reference to it, nor to the arrest told after it)
        # unless it names another day than that event's; an event told with no day is
        # the one whose day it gives ("charged a man in the shooting of a child. ... the
        # child was taken to a hospital with a gunshot wound on Aug. 7").
        if all(
            m.status == "reference" or m.sub_event_type in HARMLESS_SUB_TYPES
            for m in mentions[sentence_start:]
        ):
            harm = _violence_before(mentions, sentence_start)
            if harm is None:
                untold.append((expressions, facts.counts))
            elif _day_fits(expressions, mentions[harm]):
                mentions[harm] = _with_later_counts(mentions[harm], facts.counts)
        # The harm a story tells before the violence that did it ("A deputy was rushed to
        # hospital after he suffered a gunshot wound. ... The shooting happened at ...") is
        # that violence's; where that violence is told with no day of its own, the days of
        # the harm told first are its days ("Four men were hospitalized today with gunshot
        # wounds received late Friday. ... escaped the shooting attack").
        first = next(
            (
                j
                for j in range(sentence_start, len(mentions))
                if mentions[j].status == "new" and mentions[j].event_type in VIOLENT_TYPES
            ),
            None,
        )
        if first is not None and untold:
            for told_days, counts in untold:
                if _day_fits(told_days, mentions[first]):
                    mentions[first] = _with_later_counts(mentions[first], counts)
            untold.clear()
    return _claimed(mentions, sentences, context)


def _claimed(
    mentions: list[Mention], sentences: list[Span], context: ActorContext
) -> list[Mention]:
    """New violence whose perpetrator ACLED's convention supplied, told before or in a sentence
    that says who is behind it (`claims.claimant`), armed and named: that one. Not
    violence told after the claim ("The Taliban claimed responsibility for shooting down the
    helicopter. ... The crash comes a day after the Taliban swapped two hostages")."""
    claimed = (
        (sentence.start_char, context.actor(noun))
        for sentence in sentences
        if (noun := claimant(sentence)) is not None and noun.pos_ != "PRON"
    )
    where, actor = next(
        ((w, a) for w, a in claimed if a is not None and a.inter in ARMED_INTER), (0, None)
    )
    if actor is None:
        return mentions
    return [
        replace(m, actor1=actor)
        if m.status == "new"
        and m.event_type in VIOLENT_TYPES
        and m.actor1 is not None
        and not m.actor1.stated
        and m.sentence.start <= where
        and not _is_victim(actor, m.actor2)
        else m
        for m in mentions
    ]


def _violence_before(mentions: list[Mention], start: int) -> int | None:
    """The violence told last before a sentence's mentions, as a new event."""
    return next(
        (
            j
            for j in range(start - 1, -1, -1)
            if mentions[j].status == "new" and mentions[j].event_type in VIOLENT_TYPES
        ),
        None,
    )


def _bare_toll(mention: Mention, trigger: Token) -> bool:
    """Harm told with its count and nothing else of its own: no doer named, no place, done
    to its subject ('2 militants were killed', 'one of the armed men died', '12 militiamen
    killed')."""
    # "12 militiamen killed", a participle describing its noun or with its "were" left out:
    # the noun suffered it, whatever role the reading of actors gave it
    described = trigger.tag_ == "VBN" and (
        trigger.dep_ == "acl"
        or not any(c.dep_ in ("aux", "auxpass", "dobj") for c in trigger.children)
    )
    return (
        mention.status == "new"
        and mention.event_type in VIOLENT_TYPES
        and (mention.fatalities is not None or mention.injured is not None)
        and (described or not (mention.actor1 is not None and mention.actor1.stated))
        and not mention.place_spans
        and trigger.pos_ == "VERB"
        and (
            described
            or any(c.dep_ in ("auxpass", "nsubjpass") for c in trigger.children)
            or trigger.lemma_.lower() in ("die", "succumb")
        )
    )


def _perpetrator_told(
    mentions: list[Mention], armed_actors: list[Callable[[], list[ActorRef]]]
) -> list[Mention]:
    """Violence whose perpetrator ACLED's convention supplied, told in a sentence whose other
    clause names who did it: one incident, so that perpetrator. The doer of other violence
    told first ("a civilian was killed after Pakistani forces fired on..."), else the first
    armed doer of a clause tied to the mention's ("forces cordoned the village off: a
    person trying to escape was killed"; `armed_actors`, one for each mention), other than
    its victim."""
    told = next(
        (
            m.actor1
            for m in mentions
            if m.actor1 is not None
            and m.actor1.stated
            and m.actor1.inter in ARMED_INTER
            and m.event_type in VIOLENT_TYPES
        ),
        None,
    )
    chosen: list[Mention] = []
    for m, doers in zip(mentions, armed_actors, strict=True):
        if m.actor1 is None or m.actor1.stated or m.event_type not in VIOLENT_TYPES:
            chosen.append(m)
            continue
        victim = m.actor2
        candidates = [told] if told is not None else doers()
        doer = next((a for a in candidates if not _is_victim(a, victim)), None)
        chosen.append(m if doer is None else replace(m, actor1=doer))
    return chosen


def _is_victim(actor: ActorRef, victim: ActorRef | None) -> bool:
    """The victim itself, or one named in its words ("clashes with police and soldiers")."""
    return victim is not None and (
        actor.name == victim.name
        or (victim.stated and victim.span.start <= actor.span.start < victim.span.end)
    )


# Words of a date that name no day of their own: "early Saturday" is the day "Saturday" is.
DAYLESS_WORDS = {"on", "at", "in", "the", "early", "late", "around", "about", "by"}


def _day_words(text: str) -> set[str]:
    return {w for w in re.findall(r"\w+", text.lower()) if w not in DAYLESS_WORDS}


def _no_other_day(expressions: list[DateExpression], mention: Mention) -> bool:
    """Whether a sentence's dates all name the day its event was told on ('He was pronounced
    dead at 2:10 p.m. Saturday' after a shooting 'on Saturday'), or it names none."""
    if not expressions:
        return True
    if mention.date_span is None:
        return False
    told = _day_words(mention.date_span.text)
    return all(_day_words(e.text) <= told for e in expressions)


def _day_fits(expressions: list[DateExpression], mention: Mention) -> bool:
    """Whether harm told with these dates may be a violent event's: it names no other day
    than the event's (`_no_other_day`), or the event was told with no day of its own."""
    return mention.date_span is None or _no_other_day(expressions, mention)


def _larger(count: Count | None, than: Count | None) -> Count | None:
    return count if count is not None and (than is None or count.value > than.value) else than


def _with_later_counts(mention: Mention, counts: Casualties) -> Mention:
    """The counts a story gives after telling the event, in a sentence of no event of its
    own (or one only referring to it) and no other time ("One of them died at the
    hospital."), added to the event told last; within one report the fullest figure stands."""
    if mention.status != "new" or (
        counts.fatalities is None and counts.injured is None and counts.shot is None
    ):
        return mention
    return replace(
        mention,
        fatalities=_larger(counts.fatalities, mention.fatalities),
        injured=_larger(counts.injured, mention.injured),
        shot=_larger(counts.shot, mention.shot),
    )
