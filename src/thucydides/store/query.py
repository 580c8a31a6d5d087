"""EventQuery: the filters a user can put on events, validated and bounded."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, Field, model_validator

MAX_PAGE = 500
SORTS = {
    "date": "event_date DESC NULLS LAST, event_id",
    "-date": "event_date ASC NULLS LAST, event_id",
    "fatalities": "fatalities DESC, event_id",
    "confidence": "confidence DESC, event_id",
    "sources": "source_count DESC, event_id",
}


class EventQuery(BaseModel):
    model_config = {"extra": "forbid"}

    bbox: tuple[float, float, float, float] | None = Field(
        None, description="min_lon,min_lat,max_lon,max_lat (WGS84)"
    )
    start: date | None = None
    end: date | None = None
    event_type: str | None = Field(None, max_length=100)
    sub_event_type: str | None = Field(None, max_length=100)
    actor: str | None = Field(None, max_length=200, description="text in actor1 or actor2")
    country: str | None = Field(None, max_length=100)
    admin1: str | None = Field(None, max_length=100)
    min_fatalities: int | None = Field(None, ge=0, le=1_000_000)
    min_confidence: float | None = Field(None, ge=0, le=1)
    q: str | None = Field(None, max_length=200, description="free text in notes, actors and place")
    limit: int = Field(100, ge=1, le=MAX_PAGE)
    offset: int = Field(0, ge=0, le=10_000_000)
    sort: Literal["date", "-date", "fatalities", "confidence", "sources"] = "date"

    @model_validator(mode="after")
    def _check(self) -> EventQuery:
        if self.bbox is not None:
            west, south, east, north = self.bbox
            if not (-180 <= west <= 180 and -180 <= east <= 180 and -90 <= south <= north <= 90):
                raise ValueError("bbox must be min_lon,min_lat,max_lon,max_lat within WGS84 bounds")
        return self

    def where(self) -> tuple[str, list]:
        """A WHERE clause with placeholders, and its parameters; never user text in SQL."""
        clauses, params = [], []
        if self.bbox is not None:
            west, south, east, north = self.bbox
            clauses.append("latitude BETWEEN ? AND ?")
            params += [south, north]
            if west <= east:
                clauses.append("longitude BETWEEN ? AND ?")
                params += [west, east]
            else:  # the box crosses the antimeridian
                clauses.append("(longitude >= ? OR longitude <= ?)")
                params += [west, east]
        for column, value in (
            ("event_type", self.event_type),
            ("sub_event_type", self.sub_event_type),
            ("country", self.country),
            ("admin1", self.admin1),
        ):
            if value:
                clauses.append(f"{column} = ?")
                params.append(value)
        if self.start:
            clauses.append("event_date >= ?")
            params.append(self.start)
        if self.end:
            clauses.append("event_date <= ?")
            params.append(self.end)
        if self.actor:
            clauses.append("(actor1 ILIKE ? OR actor2 ILIKE ?)")
            params += [f"%{self.actor}%"] * 2
        if self.min_fatalities is not None:
            clauses.append("fatalities >= ?")
            params.append(self.min_fatalities)
        if self.min_confidence is not None:
            clauses.append("confidence >= ?")
            params.append(self.min_confidence)
        if self.q:
            clauses.append(
                "(notes ILIKE ? OR actor1 ILIKE ? OR actor2 ILIKE ? OR location ILIKE ?)"
            )
            params += [f"%{self.q}%"] * 4
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params
