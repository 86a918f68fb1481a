from boligtorg.domain.kostra_form13 import ITEMS, item_for


def test_every_item_names_its_ssb_source_and_numbers_only_what_ssb_confirms():
    for item in ITEMS.values():
        assert item.source.startswith("https://www.ssb.no/")
        assert item.name
    assert {key for key, item in ITEMS.items() if item.confirmed} == {
        "dwellings",
        "dwellings_owned",
    }
    assert item_for("dwellings_owned").point == "2"


def test_lines_without_a_confirmed_item_get_none_rather_than_a_guess():
    for line in ("applications_received", "granted", "refused", "waiting", "dwellings_leased"):
        assert item_for(line) is None
