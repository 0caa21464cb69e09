"""Which site a name the user typed (``--site``, a kiosk's list) means, and the words for a
name that means none or several: one function and one message for the dashboard, the kiosk
and the commands."""

from __future__ import annotations

from krafter_tui.api import Site
from krafter_tui.feeds.site_choice import find_site, unmatched


def site(key: str, name: str, domain: str) -> Site:
    return Site(
        id=f"id-{key}",
        site_key=key,
        name=name,
        domain=domain,
        public_stats=False,
        created_at="2024-01-01T00:00:00Z",
    )


CRM = site("sk_crm", "Pebble CRM", "pebblecrm.com")
DOCS = site("sk_docs", "Pebble Docs", "docs.pebblecrm.com")
BREW = site("sk_brew", "Slow Brew Notes", "slowbrew.blog")
# A site whose key is another's name: the exact key, name or domain wins over containing.
TRAP = site("pebble", "Trap", "trap.example")
SITES = [CRM, DOCS, BREW]


def test_an_exact_key_name_or_domain_finds_its_site_in_any_case() -> None:
    assert find_site(SITES, "sk_docs") == DOCS
    assert find_site(SITES, "SK_DOCS") == DOCS
    assert find_site(SITES, "pebble crm") == CRM
    assert find_site(SITES, "  Pebble CRM ") == CRM
    assert find_site(SITES, "pebblecrm.com") == CRM  # though docs.pebblecrm.com contains it
    assert find_site(SITES, "DOCS.PebbleCRM.com") == DOCS


def test_a_prefix_or_part_finds_the_only_site_containing_it() -> None:
    assert find_site(SITES, "slow") == BREW
    assert find_site(SITES, "Brew") == BREW
    assert find_site(SITES, "pebble d") == DOCS
    assert find_site(SITES, ".blog") == BREW


def test_two_matches_find_none_and_the_message_names_both() -> None:
    assert find_site(SITES, "Pebble") is None
    assert unmatched(SITES, "Pebble") == (
        "'Pebble' matches 2 sites (Pebble CRM, Pebble Docs): give its site key, name or domain"
    )
    # The exact key of another site is no longer ambiguous.
    assert find_site([*SITES, TRAP], "Pebble") == TRAP


def test_no_match_finds_none_and_says_so() -> None:
    assert find_site(SITES, "nothing-like-it") is None
    assert unmatched(SITES, "nothing-like-it") == "no site matches 'nothing-like-it'"
    assert find_site([], "pebble") is None
    assert find_site(SITES, "") is None and find_site([CRM], "  ") is None


def test_many_matches_are_named_ten_at_most() -> None:
    many = [site(f"sk_{i}", f"Shop {i:02}", f"shop{i}.example") for i in range(14)]
    words = unmatched(many, "shop")
    assert words.startswith("'shop' matches 14 sites (Shop 00, Shop 01,")
    assert "Shop 09, … (4 more)" in words and "Shop 10" not in words


def test_a_hostile_name_is_cleaned_in_the_message() -> None:
    bad = site("sk_bad", "Pebble \x1b[2Jwipe", "bad.example")
    words = unmatched([CRM, bad], "pebble")
    assert "\x1b" not in words and "Pebble CRM" in words
