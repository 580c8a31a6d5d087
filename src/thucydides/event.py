"""The record thucydides produces: one real event, ACLED-aligned, with evidence and sources."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field

# ACLED's six event types in its order of precedence: when tactics happen together, the first
# names the event.
EVENT_TYPES = (
    "Battles",
    "Protests",
    "Riots",
    "Explosions/Remote violence",
    "Violence against civilians",
    "Strategic developments",
)


class Evidence(BaseModel):
    """Where in a source's raw text a field's value was read."""

    article_id: str
    start: int
    end: int
    text: str


class Source(BaseModel):
    """One report of the event, with the figures it gave (None where it gave none)."""

    article_id: str
    url: str | None = None
    outlet: str | None = None
    published: date | None = None
    fatalities: int | None = None
    injured: int | None = None
    # People it says were shot, dead or alive: those the event's reports do not say died
    # count as injured (`dedup.events.injured_of`).
    shot: int | None = None


# The fields that say where an event happened; they change together.
PLACE_FIELDS = (
    "country", "iso", "iso3", "region", "admin1", "admin2", "location", "latitude", "longitude",
    "geo_precision", "geonameid",
)  # fmt: skip


class Event(BaseModel):
    event_id: str
    event_date: date | None
    time_precision: int = Field(ge=1, le=3)
    disorder_type: str
    event_type: str
    sub_event_type: str
    cameo_code: str
    plover_type: str
    actor1: str
    assoc_actor_1: str = ""
    inter1: int
    actor2: str = ""
    assoc_actor_2: str = ""
    inter2: int = 0
    interaction: int
    civilian_targeting: bool = False
    country: str = ""
    iso: int | None = None
    iso3: str = ""
    region: str = ""
    admin1: str = ""
    admin2: str = ""
    location: str = ""
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None
    geonameid: int | None = None
    fatalities: int = 0
    injured: int = 0
    weapons: list[str] = Field(default_factory=list)
    # Persons the reports name in full in telling the event (`extract/people`): not who
    # tells of it, nor anyone named with an office, nor the perpetrator its actor names.
    people: list[str] = Field(default_factory=list)
    notes: str = ""
    sources: list[Source] = Field(default_factory=list)
    source_count: int = 0
    confidence: float = Field(ge=0.0, le=1.0)
    evidence: dict[str, list[Evidence]] = Field(default_factory=dict)

    @property
    def article_ids(self) -> list[str]:
        return [s.article_id for s in self.sources]
