"""ingest: files, folders, JSON Lines and stdin in; Articles (and Problems) out."""

from thucydides.ingest.article import Article, article_id_for, make_article
from thucydides.ingest.readers import parse_published, read_jsonl, read_sources

__all__ = [
    "Article",
    "article_id_for",
    "make_article",
    "parse_published",
    "read_jsonl",
    "read_sources",
]
