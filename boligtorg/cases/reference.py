"""Default reference data: target groups per country (DOMAIN.md, seeds 001 and 003)
and the legal bases a decision can cite. Municipalities edit their own copies."""

DEFAULT_TARGET_GROUPS = {
    "NO": [
        ("released", "Løslatt fra institusjon eller fengsel"),
        ("refugee", "Flyktning bosatt for første gang"),
        ("unaccompanied_minor", "Enslig mindreårig flyktning"),
        ("substance_use", "Rus eller ROP-lidelse"),
        ("reduced_function", "Nedsatt fysisk eller psykisk funksjonsevne"),
        ("young", "Ungdom, også ut av barnevernet (18–23 år)"),
        ("elderly", "Eldre"),
        ("low_income", "Lav inntekt eller barnefamilie"),
    ],
    "DK": [
        ("refugee", "Flygtning"),
        ("young_homeless", "Ung uden fast bopæl"),
        ("leaving_care", "Udsluset fra anbringelse eller plejefamilie"),
        ("released", "Løsladt fra fængsel"),
        ("reduced_function", "Nedsat fysisk eller psykisk funktionsevne"),
        ("elderly", "Ældre"),
        ("low_income", "Lav indkomst eller børnefamilie"),
    ],
}

# (country, code, title). Sources: DOMAIN.md "From application to keys"; DK:
# almenboligloven §59 (kommunal anvisningsret) and serviceloven §§107–108.
DEFAULT_LEGAL_BASES = [
    (
        "NO",
        "boligsosial-6",
        "Lov om kommunenes ansvar på det boligsosiale feltet § 6 (individuell bistand)",
    ),
    (
        "NO",
        "sostjl-27",
        "Lov om sosiale tjenester i arbeids- og velferdsforvaltningen § 27 (midlertidig botilbud)",
    ),
    (
        "NO",
        "hol-3-2",
        "Helse- og omsorgstjenesteloven § 3-2 første ledd nr. 6 "
        "(bolig med helse- og omsorgstjenester)",
    ),
    ("DK", "abl-59", "Almenboligloven § 59, stk. 1 (kommunal anvisningsret)"),
    ("DK", "sel-107", "Serviceloven § 107 (midlertidigt botilbud)"),
    ("DK", "sel-108", "Serviceloven § 108 (længerevarende botilbud)"),
]
