"""nlp: the spaCy pipeline (sentences, entities, dependency parse), loaded once per process."""

from thucydides.nlp.pipeline import ModelMissingError, load_pipeline

__all__ = ["ModelMissingError", "load_pipeline"]
