"""The team's site list: fetched at start, retried with backoff while it fails or is empty,
refreshed every five minutes once loaded (sites come and go on the server)."""

from __future__ import annotations

import logging
from datetime import datetime

from krafter_tui.api import ApiError, ForbiddenError, Site, UnauthorizedError
from krafter_tui.feeds.poller_base import PollerBase, log_unexpected
from krafter_tui.feeds.schedule import next_delay

__all__ = ["NoSitesError", "SiteListRefresh"]

log = logging.getLogger("krafter_tui")


class NoSitesError(ApiError):
    """The site list came back empty: nothing to show, so it is asked for again (backing off)."""

    def __init__(self) -> None:
        super().__init__("This API key's team has no sites yet: add one in Krafter first.")


class SiteListRefresh(PollerBase):
    """Loads the site list and keeps it fresh; its health feeds the banner."""

    def load_sites(self) -> None:
        """Fetch the team's sites; on failure it tries again by itself, backing off."""
        old = self._timers.pop("sites", None)
        if old is not None:
            old.stop()
        sites = self.client.sites_ready()
        if sites is not None:  # asked for at launch, and here already: shown at once
            self.sink.budget_changed()
            self._sites_answered(sites)
            return
        self.host.run_task("sites", self._sites)

    def sites_armed(self) -> bool:
        """Whether a retry or refresh of the site list is waiting (an auth failure stops it)."""
        return "sites" in self._timers

    async def _sites(self) -> None:
        """Fetch the site list; whatever happens, say so and arm the next try or refresh."""
        health = self.sites_health
        try:
            sites = await self.client.list_sites(max_age=health.interval)
        except (UnauthorizedError, ForbiddenError) as error:
            health.next_try = None
            self.stop()
            self.sink.auth_failed(error)
            return
        except Exception as error:  # RecursionError, MemoryError, a bug: say it, try again
            problem = error if isinstance(error, ApiError) else None
            if problem is None:
                log.exception("sites fetch failed")
                problem = ApiError(f"internal error ({type(error).__name__})")
            log_unexpected(problem, "sites")
            health.failed(problem)
            self._arm_sites()
            self.sink.health_changed()
            return
        finally:
            self.sink.budget_changed()
        self._sites_answered(sites)

    def _sites_answered(self, sites: list[Site]) -> None:
        health = self.sites_health
        if sites:
            health.succeeded(self.clock())
        else:
            health.failed(NoSitesError())
            if self.selection is not None:  # the site on screen is gone with all the others
                self.stop(keep_sites=True)
        self._arm_sites()
        try:
            self.sink.sites_loaded(sites)
        except Exception:  # a bug in choosing the site must not stop the refreshes
            log.exception("showing the site list failed")
        self.sink.health_changed()

    def _arm_sites(self) -> None:
        health = self.sites_health
        wait = next_delay(health, self.client.budget, self.rng)
        now = self.clock()
        health.next_try = datetime.fromtimestamp(now.timestamp() + wait, now.tzinfo)
        self._timers["sites"] = self.host.start_timer(wait, self.load_sites, name="sites")
