"""export: ACLED CSV and JSON Lines."""

from thucydides.export.acled import ACLED_COLUMNS, write_acled
from thucydides.export.jsonl import event_json, write_jsonl

__all__ = ["ACLED_COLUMNS", "event_json", "write_acled", "write_jsonl"]
