"""The three demo sites: a busy SaaS product, a blog with a campaign spike, a small docs site."""

from __future__ import annotations

import math

from krafter_tui.demo.profiles import (
    COUNTRIES_DEV,
    COUNTRIES_GLOBAL,
    PLATFORMS_DEV,
    PLATFORMS_GLOBAL,
    EventSpec,
    SiteProfile,
    Source,
    Spike,
)
from krafter_tui.demo.sampling import Table, zipf

__all__ = ["SITES"]


def _hours(europe: float, americas: float, asia: float) -> tuple[float, ...]:
    """A UTC day curve: each audience's waking hours, peaking mid-afternoon local time."""

    def bump(hour: int, peak: float) -> float:
        dist = min(abs(hour - peak), 24 - abs(hour - peak))
        return math.exp(-((dist / 4.5) ** 2))

    raw = [
        0.05 + europe * bump(h, 13) + americas * bump(h, 18.5) + asia * bump(h, 6)
        for h in range(24)
    ]
    return tuple(w / sum(raw) for w in raw)


def _tail(prefix: str, slugs: str, head: float, s: float = 1.1) -> list[tuple[str, float]]:
    names = slugs.split()
    weights = zipf(len(names), s, head)
    return [(f"{prefix}{name}", w) for name, w in zip(names, weights, strict=True)]


_POSTS = (
    "why-we-left-the-cloud sqlite-is-enough postgres-vacuum-explained a-year-of-rust "
    "htmx-in-production tiny-servers the-boring-stack on-rewriting-things cron-jobs-are-fine "
    "my-homelab-2024 fast-python-startup writing-a-tui ssh-tricks makefiles-for-everything "
    "git-worktrees nixos-for-a-month self-hosting-email weekend-ops terminal-colors "
    "dotfiles-tour caching-at-the-edge slow-brew-coffee coffee-and-code grind-size-matters "
    "v60-vs-aeropress cold-brew-math espresso-at-home remote-work-notes reading-list-2024 "
    "on-burnout quiet-tools small-web feeds-are-back rss-readers indie-analytics "
    "privacy-first-metrics cookie-banners static-sites-again markdown-everywhere "
    "python-packaging-2025 uv-first-look type-hints-everywhere testing-tuis async-pitfalls "
    "dns-for-humans tls-by-hand http-caching load-testing-lessons"
)

_SAAS_PATHS = Table(
    [("/", 30.0), ("/pricing", 9.0), ("/features", 6.0), ("/signup", 5.0), ("/login", 7.0)]
    + [("/app/dashboard", 8.0), ("/app/contacts", 5.0), ("/app/deals", 3.5), ("/blog", 2.5)]
    + [("/customers", 1.5), ("/about", 1.2), ("/changelog", 1.4), ("/security", 0.7)]
    + [("/contact", 0.8), ("/careers", 0.5), ("/legal/privacy", 0.4), ("/legal/terms", 0.3)]
    + _tail(
        "/integrations/",
        "slack hubspot gmail outlook zapier stripe notion salesforce "
        "zoom calendly intercom mailchimp shopify airtable github jira",
        3.0,
    )
    + _tail("/blog/", _POSTS, 6.0, 1.2)
)

_BLOG_PATHS = Table(
    [("/", 14.0), ("/archive", 3.0), ("/about", 2.0), ("/subscribe", 1.5), ("/feed.xml", 2.5)]
    + _tail("/posts/", _POSTS, 60.0, 0.95)
    + _tail("/tags/", "python rust ops coffee web self-hosting sqlite linux tools essays", 3.0)
)

_DOCS_PATHS = Table(
    [("/", 12.0), ("/getting-started", 9.0), ("/installation", 5.0), ("/authentication", 4.0)]
    + _tail(
        "/api/",
        "contacts deals companies pipelines notes tasks webhooks users teams "
        "search exports imports rate-limits errors pagination",
        22.0,
        0.9,
    )
    + _tail(
        "/guides/",
        "first-pipeline import-csv webhooks-in-node zapier-recipes sso-setup "
        "custom-fields bulk-updates migrating-from-spreadsheets",
        8.0,
    )
    + [("/changelog", 2.0), ("/search", 2.5), ("/sdk/python", 2.0), ("/sdk/node", 2.6)]
)

_G, _B, _DDG = Source("google.com"), Source("bing.com"), Source("duckduckgo.com")

SITES: tuple[SiteProfile, ...] = (
    SiteProfile(
        slug="pebble",
        name="Pebble CRM",
        domain="pebblecrm.com",
        site_key="sk_pbl7c2m9x4qa",
        public_stats=False,
        age_days=540,
        visitors=1150,
        growth=1.7,
        weekly=(1.08, 1.12, 1.1, 1.06, 0.96, 0.66, 0.62),
        visits_per_visitor=1.28,
        pages_per_visit=3.1,
        countries=COUNTRIES_GLOBAL,
        platforms=PLATFORMS_GLOBAL,
        paths=_SAAS_PATHS,
        sources=Table(
            [
                (Source(), 31.0),
                (_G, 27.0),
                (_B, 4.0),
                (_DDG, 2.5),
                (Source("github.com"), 3.0),
                (Source("google.com", "google", "cpc", "brand-search"), 6.0),
                (Source("google.com", "google", "cpc", "crm-for-startups"), 3.0),
                (Source("linkedin.com", "linkedin", "social", "q3-webinar"), 2.0),
                (Source("linkedin.com"), 2.0),
                (Source("t.co"), 1.5),
                (Source("reddit.com"), 1.5),
                (Source("news.ycombinator.com"), 1.0),
                (Source("g2.com"), 1.8),
                (Source("(direct)", "newsletter", "email", "monthly-digest"), 3.0),
                (Source("capterra.com", "capterra", "referral", "listing"), 1.2),
                (Source("chatgpt.com"), 0.9),
            ]
        ),
        events=(
            EventSpec("signup", 0.021, 1.04),
            EventSpec("purchase", 0.0052, 1.06, (29.0, 29.0, 49.0, 49.0, 49.0, 99.0, 249.0)),
            EventSpec("download", 0.034, 1.12),
            EventSpec("demo_request", 0.004, 1.02),
        ),
        spikes=(
            Spike(
                190,
                5200,
                2.2,
                Table(
                    [
                        (Source("producthunt.com", "producthunt", "referral", "launch-day"), 7),
                        (Source("t.co", "twitter", "social", "launch-day"), 2),
                        (Source(), 1),
                    ]
                ),
                Table([("/", 6.0), ("/pricing", 2.0), ("/features", 2.0), ("/signup", 1.5)]),
            ),
        ),
        holiday_dip=0.55,
        hours=_hours(europe=1.0, americas=1.25, asia=0.25),
    ),
    SiteProfile(
        slug="slowbrew",
        name="Slow Brew Notes",
        domain="slowbrew.blog",
        site_key="sk_sbw3n8k1r5td",
        public_stats=True,
        age_days=1460,
        visitors=420,
        growth=1.15,
        weekly=(1.0, 1.03, 1.02, 1.0, 0.95, 0.92, 0.98),
        visits_per_visitor=1.12,
        pages_per_visit=1.6,
        countries=COUNTRIES_GLOBAL,
        platforms=PLATFORMS_GLOBAL,
        paths=_BLOG_PATHS,
        sources=Table(
            [
                (Source(), 24.0),
                (_G, 38.0),
                (_B, 3.0),
                (_DDG, 4.0),
                (Source("news.ycombinator.com"), 4.0),
                (Source("reddit.com"), 4.0),
                (Source("t.co"), 2.0),
                (Source("mastodon.social"), 2.0),
                (Source("lobste.rs"), 1.5),
                (Source("feedly.com"), 2.0),
                (Source("(direct)", "newsletter", "email", "weekly-brew"), 4.0),
                (Source("bsky.app"), 1.2),
            ]
        ),
        events=(
            EventSpec("newsletter_subscribe", 0.006, 1.0),
            EventSpec("outbound_click", 0.05, 1.4),
            EventSpec("copy_code", 0.02, 1.8),
        ),
        spikes=(
            Spike(
                24,
                6400,
                1.6,
                Table(
                    [
                        (Source("news.ycombinator.com"), 5.0),
                        (Source("reddit.com"), 1.0),
                        (Source("(direct)", "newsletter", "email", "spring-campaign"), 2.5),
                        (Source("t.co", "twitter", "social", "spring-campaign"), 1.5),
                    ]
                ),
                Table(
                    [
                        ("/posts/sqlite-is-enough", 12.0),
                        ("/", 2.0),
                        ("/subscribe", 1.0),
                        ("/posts/why-we-left-the-cloud", 1.0),
                    ]
                ),
            ),
        ),
        hours=_hours(europe=1.0, americas=1.0, asia=0.35),
    ),
    SiteProfile(
        slug="docs",
        name="Pebble Docs",
        domain="docs.pebblecrm.com",
        site_key="sk_pbd9h2w6v3ze",
        public_stats=True,
        age_days=215,
        visitors=25,
        growth=4.0,
        weekly=(1.15, 1.18, 1.16, 1.12, 1.0, 0.42, 0.38),
        visits_per_visitor=1.45,
        pages_per_visit=4.2,
        countries=COUNTRIES_DEV,
        platforms=PLATFORMS_DEV,
        paths=_DOCS_PATHS,
        sources=Table(
            [
                (Source(), 28.0),
                (_G, 36.0),
                (_DDG, 5.0),
                (_B, 2.0),
                (Source("github.com"), 6.0),
                (Source("pebblecrm.com"), 14.0),
                (Source("stackoverflow.com"), 4.0),
                (Source("chatgpt.com"), 2.0),
                (Source("(direct)", "app", "in-product", "help-menu"), 3),
            ]
        ),
        events=(
            EventSpec("copy_code", 0.11, 2.3),
            EventSpec("search", 0.16, 1.9),
            EventSpec("feedback_helpful", 0.01, 1.0),
        ),
        ramp_days=60,
        holiday_dip=0.6,
        hours=_hours(europe=1.2, americas=1.0, asia=0.5),
    ),
)
