"""Which site to show: matching what the user typed, the start-up choice after each site
list, and the kiosk's rotation."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from krafter_tui.api import Site
from krafter_tui.feeds.model import Kiosk, Selection
from krafter_tui.text.sanitiser import clean_server_text

__all__ = [
    "OVERVIEW_STOP",
    "SiteChoice",
    "choose_site",
    "find_site",
    "haystack",
    "is_overview_stop",
    "kiosk_sites",
    "rotation_next",
    "rotation_step",
    "site_matches",
    "site_to_open",
    "unmatched",
]

NAMED = 10  # candidates a message names at most


def haystack(site: Site) -> str:
    """What a filter searches: name, domain and key, lowered, kept apart by newlines (which
    no filter text contains, so a match never spans two fields)."""
    return f"{site.name}\n{site.domain}\n{site.site_key}".lower()


def site_matches(site: Site, text: str) -> bool:
    """True when ``text`` occurs in the site's name, domain or key (case-insensitive)."""
    needle = text.strip().lower()
    return not needle or needle in haystack(site)


def find_site(sites: Sequence[Site], text: str) -> Site | None:
    """The site whose key, name or domain equals ``text`` (any case), else the only one
    containing it; None when none or several do (:func:`unmatched` says which)."""
    lowered = text.strip().lower()
    if not lowered:
        return None
    for site in sites:
        if lowered in (site.site_key.lower(), site.name.lower(), site.domain.lower()):
            return site
    partial = [s for s in sites if site_matches(s, text)]
    return partial[0] if len(partial) == 1 else None


def unmatched(sites: Sequence[Site], text: str) -> str:
    """Why :func:`find_site` found no site for ``text``, in the words the dashboard, the
    kiosk and the commands all use: the sites it matches, named, when there are several."""
    several = [s for s in sites if site_matches(s, text)] if text.strip() else []
    if len(several) > 1:
        names = ", ".join(clean_server_text(s.name, 40) for s in several[:NAMED])
        more = f", … ({len(several) - NAMED} more)" if len(several) > NAMED else ""
        return (
            f"{text!r} matches {len(several)} sites ({names}{more}): give its site key, "
            "name or domain"
        )
    return f"no site matches {text!r}"


def site_to_open(last: Site | None, wanted: str | None) -> Site | None:
    """The site whose figures are asked for at launch, before the site list is in: the one
    shown last, unless ``--site`` names another (then the list is waited for)."""
    if last is None or wanted is None:
        return last
    names = (last.site_key, last.name, last.domain)
    return last if wanted.strip().lower() in (n.lower() for n in names) else None


#: The kiosk playlist's name of the All sites stop (``overview:30``).
OVERVIEW_STOP = "overview"


def is_overview_stop(name: str) -> bool:
    """Whether a kiosk stop names the All sites overview rather than a site."""
    return name.strip().lower() == OVERVIEW_STOP


def kiosk_sites(
    sites: Sequence[Site], kiosk: Kiosk | None, told: set[str]
) -> tuple[list[Site], list[str]]:
    """The sites a kiosk rotates through, and the warnings to give (each name that matches
    nothing is warned of once: ``told`` collects them)."""
    if kiosk is None:
        return [], []
    names = kiosk.sites
    if kiosk.stops:  # a playlist: its sites, in the order they first come
        names = tuple(dict.fromkeys(n for n, _ in kiosk.stops if not is_overview_stop(n)))
    if not names:
        return list(sites), []
    chosen: list[Site] = []
    warnings: list[str] = []
    for name in names:
        site = find_site(sites, name)
        if site is None:
            if name not in told:  # said once, not at every refresh
                told.add(name)
                warnings.append(f"Kiosk: {unmatched(sites, name)}; skipped.")
        elif site not in chosen:
            chosen.append(site)
    return chosen or list(sites), warnings


@dataclass(frozen=True)
class SiteChoice:
    """What to do after a site list arrived: show ``site`` (None: keep what is shown), and
    the warnings to give (``lasting`` ones stay longer)."""

    site: Site | None
    warnings: list[str] = field(default_factory=list)
    lasting: bool = False


def choose_site(
    sites: Sequence[Site],
    current: Selection | None,
    *,
    first: bool,
    wanted: str | None,
    rotation: Sequence[Site],
    kiosk: Kiosk | None,
    stopped: bool,
) -> SiteChoice:
    """The site to show once ``sites`` arrived (at start, or a refresh).

    The site on screen stays if it is still listed (renamed: shown again, with its new name;
    also shown again when its polling had stopped). One deleted on the server is replaced,
    with a warning. At start, ``wanted`` (``--site``, or the one last shown) is chosen when
    it matches, unless a kiosk with its own list of sites does not list it.
    """
    if not sites:
        return SiteChoice(None)
    if current is not None:
        key = current.site.site_key
        same = next((s for s in sites if s.site_key == key), None)
        if same is not None:
            return SiteChoice(same if same != current.site or stopped else None)
    site = rotation[0] if rotation else sites[0]
    if first and wanted:
        match = find_site(sites, wanted)
        if match is None:
            why = unmatched(sites, wanted)
            return SiteChoice(site, [f"{why[:1].upper()}{why[1:]}; showing {site.name}."])
        own = kiosk is not None and bool(kiosk.sites or kiosk.stops)
        if not (own and match not in rotation):
            site = match  # a wall screen with its own list of sites shows only those
        return SiteChoice(site)
    if current is not None:
        gone = f"{current.site.name} is no longer on the server; showing {site.name}."
        return SiteChoice(site, [gone], lasting=True)
    return SiteChoice(site)


def rotation_step(rotation: Sequence[Site], current: Site | None) -> tuple[int | None, Site]:
    """Where ``current`` is in the kiosk's ``rotation`` (1-based; None: not in it), and the
    site that comes after it. ``rotation`` must not be empty."""
    keys = [s.site_key for s in rotation]
    key = current.site_key if current is not None else None
    position = keys.index(key) + 1 if key in keys else None
    return position, rotation[(position or 0) % len(rotation)]


def rotation_next(
    rotation: Sequence[Site], current: Site | None, *, overview: bool, on_overview: bool
) -> Site | None:
    """The kiosk's next stop: a site, or None for the All sites overview, which (with
    ``overview``) comes after the last site; from the overview the rotation starts again.
    ``rotation`` must not be empty."""
    if on_overview:
        return rotation[0]
    position, following = rotation_step(rotation, current)
    if overview and position == len(rotation):
        return None
    return following
