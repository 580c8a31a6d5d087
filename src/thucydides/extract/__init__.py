"""extract: event mentions (type, actors, weapons, counts, attribution, status) with evidence."""

from thucydides.extract.extractor import extract
from thucydides.extract.mention import ActorRef, Attribution, Count, Mention, TextSpan, Weapon

__all__ = ["ActorRef", "Attribution", "Count", "Mention", "TextSpan", "Weapon", "extract"]
