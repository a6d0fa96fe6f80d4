"""The county map of a specialist's visits, built from the store on the worker."""

from __future__ import annotations

from desktop.domain.visit_map import CountyMap, build_county_map
from desktop.services.identity import Identity
from desktop.store import map_queries
from desktop.store.models import Division
from desktop.store.store import Store


class VisitMapService:
    """``county_map(county)``: the county's townships and villages placed from visits' GPS, and the
    user's visits there (all visits for a reviewer, who looks at the team's)."""

    def __init__(self, store: Store, identity: Identity):
        self.store = store
        self.identity = identity

    def county_map(self, county_code: str) -> CountyMap:
        with self.store.reader() as s:
            county = s.get(Division, county_code)
            townships = map_queries.county_divisions(s, county_code, "township")
            villages = map_queries.county_divisions(s, county_code, "village")
            visits = map_queries.county_visits(s, county_code, self.identity.user_id)
        shown = visits if self.identity.can_review else [v for v in visits if v.mine]
        return build_county_map(county_code, county.name if county else county_code, townships, villages,
                                visits, shown)
