"""clean: main text, Unicode repair, no page furniture, no repeated paragraphs, offsets kept."""

from thucydides.clean.cleaner import clean, clean_text
from thucydides.clean.text import CleanText, Removed

__all__ = ["CleanText", "Removed", "clean", "clean_text"]
