"""KOSTRA form 13 (skjema 13, "Kommunalt disponerte boliger" / boligsosiale forhold):
the items of Statistics Norway's (SSB) form that the yearly report fills, with SSB's
own names, as data.

Source and date: SSB's KOMPIS variable descriptions for the statistics "Kommunale
boliger" (KOSTRA), read on 7 December 2026; the statistics page
https://www.ssb.no/bygg-bolig-og-eiendom/bolig-og-boforhold/statistikk/kommunale-boliger
was last updated 17 June 2024 (figures for 2023, ``VALID_FOR_YEAR``). Each item
below carries the address of the description it comes from.

What is confirmed and what is not:
- The form's item number ("punkt") is given only where SSB's text names it: the
  total stock and the municipally owned dwellings are "skjema 13, punkt 2".
- For the other items SSB says only "data hentet fra skjema 13" (or names the
  variable without the item): ``point`` is None and the report says the number is
  not confirmed; SSB's variable code is kept so a reader can look it up.
- Applications received, granted and refused: no public SSB text with the item's
  number or name was found; those lines have no item (``item_for`` returns None)
  and the report shows its own name without a number. No number here is guessed.
"""

from __future__ import annotations

from dataclasses import dataclass

FORM = "13"
VALID_FOR_YEAR = 2023
READ_ON = "2026-12-07"
_KOMPIS = "https://www.ssb.no/kompis/statbank/"


@dataclass(frozen=True)
class Form13Item:
    """One item of the form: SSB's Norwegian name, the item number where SSB's
    text names it (else None), SSB's KOMPIS variable and the page it is read from."""

    name: str
    point: str | None
    variable: str | None
    source: str

    @property
    def confirmed(self) -> bool:
        return self.point is not None


# Report line (``planning.selectors_kostra``) -> the form's item.
ITEMS: dict[str, Form13Item] = {
    "dwellings": Form13Item(
        name="Totalt antall kommunalt disponerte boliger",
        point="2",
        variable=None,
        # "Teller= totalt antall kommunalt disponerte boliger per 31.12. Data hentet
        # fra skjema 13, punkt 2" (the per-1000 indicator's numerator).
        source=f"{_KOMPIS}?id=5ffb87ce-9bc4-4cfa-9f10-a17cb783eba4&ver=101171"
        "&val=KOSboligSper10000000&lang=no",
    ),
    "dwellings_owned": Form13Item(
        name="Kommunalt eide boliger",
        point="2",
        variable="KOSEidavsamlet",
        # "Teller: antall kommunalt eide boliger per 31.12, hentet fra skjema 13, punkt 2".
        source=f"{_KOMPIS}?id=43dd1d4d-6dd4-4ec5-b851-8301f7f2b233&ver=297324"
        "&val=KOSEidavsamlet0000&lang=no",
    ),
    "dwellings_wheelchair": Form13Item(
        name="Kommunalt disponerte boliger som er tilgjengelige for rullestolbrukere",
        point=None,
        variable="KOSAndeltilgjeng",
        source=f"{_KOMPIS}?id=5ffb87ce-9bc4-4cfa-9f10-a17cb783eba4&ver=101171"
        "&val=KOSAndeltilgjeng0000&lang=no",
    ),
    "allocated_new": Form13Item(
        name="Antall nyinnflyttede husstander",
        point=None,
        variable="KOSantnyinnflytt",
        source=f"{_KOMPIS}?id=716ddee1-702c-4999-9dd8-91e12a037514&ver=284428"
        "&val=KOSantnyinnflytt0000&lang=no",
    ),
    "allocated_new_refugees": Form13Item(
        name="Nyinnflyttede flyktninger",
        point=None,
        variable="KOSnyinnflyttfly",
        source=f"{_KOMPIS}?id=716ddee1-702c-4999-9dd8-91e12a037514&ver=284428"
        "&val=KOSnyinnflyttfly0000&lang=no",
    ),
}


def item_for(line: str) -> Form13Item | None:
    """The form's item for a report line, or None when the line has no item we
    could confirm in SSB's public text."""
    return ITEMS.get(line)
