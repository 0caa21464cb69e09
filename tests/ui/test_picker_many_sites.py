"""The site picker with thousands of sites: a capped list with a count of the rest, the same
matches whether a keystroke narrows the last ones or starts over, and Enter picks the site."""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.widgets import Input, OptionList

from krafter_tui.api import Site
from krafter_tui.ui.screens.site_picker import SHOWN, SitePicker, haystack

SITES = [
    Site(str(i), f"shop{i}.example", f"Shop {i}", f"sk_{i:05d}", False, "2024-01-01T00:00:00Z")
    for i in range(5_000)
]


class Host(App[None]):
    """Opens the picker over nothing else, and keeps what it returns."""

    def __init__(self) -> None:
        super().__init__()
        self.chosen: list[Site | None] = []

    def on_mount(self) -> None:
        self.push_screen(SitePicker(SITES, SITES[3]), self.chosen.append)


def option_texts(picker: SitePicker) -> list[str]:
    options = picker.query_one(OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def type_filter(pilot: Any, picker: SitePicker, text: str) -> None:
    picker.query_one(Input).value = text
    await pilot.pause()


async def test_only_the_first_matches_are_listed_with_a_count_of_the_rest() -> None:
    app = Host()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, SitePicker)
        texts = option_texts(picker)
        assert len(texts) == SHOWN + 1
        assert texts[-1] == f"… {len(SITES) - SHOWN:,} more: type to narrow the list"
        assert picker.query_one(OptionList).highlighted == 3  # the current site
        await type_filter(pilot, picker, "shop 4321")
        assert option_texts(picker) == ["Shop 4321  shop4321.example  sk_04321"]
        await pilot.press("enter")
        await pilot.pause()
        assert app.chosen == [SITES[4321]]


async def test_narrowing_finds_what_a_fresh_search_finds() -> None:
    app = Host()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, SitePicker)
        hay = [haystack(site) for site in SITES]
        for text in ["1", "12", "123", "12", "1", "", "9", "99", "9", "SK_0", "4.ex"]:
            await type_filter(pilot, picker, text)
            needle = text.strip().lower()
            expected = [SITES[i] for i, h in enumerate(hay) if needle in h]
            assert picker.matches == expected[:SHOWN], text
            more = len(expected) - SHOWN
            assert option_texts(picker)[-1].startswith(f"… {more:,} more") == (more > 0), text
