"""when: event dates from what the report says, against its publication date."""

from thucydides.when.expressions import DateExpression, find_date_expressions
from thucydides.when.resolve import fallback, resolve_date, resolve_expression
from thucydides.when.when import When

__all__ = [
    "DateExpression",
    "When",
    "fallback",
    "find_date_expressions",
    "resolve_date",
    "resolve_expression",
]
