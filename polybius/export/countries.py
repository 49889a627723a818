"""Country names, ISO numeric codes and ACLED regions for exports (from ISO alpha-3)."""

from __future__ import annotations

import pycountry

# ACLED writes short English names; pycountry's official ones differ for these.
_ACLED_NAMES = {
    "RUS": "Russia", "SYR": "Syria", "IRN": "Iran", "COD": "Democratic Republic of Congo",
    "COG": "Republic of Congo", "PSE": "Palestine", "MDA": "Moldova", "BOL": "Bolivia",
    "VEN": "Venezuela", "TZA": "Tanzania", "KOR": "South Korea", "PRK": "North Korea",
    "LAO": "Laos", "VNM": "Vietnam", "CIV": "Ivory Coast", "CZE": "Czech Republic",
    "TUR": "Turkey", "GBR": "United Kingdom", "USA": "United States", "MMR": "Myanmar",
    "BRN": "Brunei", "CPV": "Cape Verde", "SWZ": "eSwatini", "MKD": "North Macedonia",
    "TWN": "Taiwan", "FSM": "Micronesia",
}

# ACLED's regions for the countries the project follows most; others stay empty.
_ACLED_REGIONS = {
    **dict.fromkeys(("UKR", "RUS", "BLR", "MDA", "POL", "ROU", "SVK", "HUN", "DEU", "FRA",
                     "GBR", "ITA", "ESP", "SRB", "BIH", "XKX", "LTU", "LVA", "EST", "FIN",
                     "CZE", "BGR", "GRC"), "Europe"),
    **dict.fromkeys(("GEO", "ARM", "AZE", "KAZ", "KGZ", "TJK", "UZB", "TKM"),
                    "Caucasus and Central Asia"),
    **dict.fromkeys(("YEM", "ISR", "PSE", "LBN", "SYR", "IRQ", "IRN", "JOR", "SAU", "TUR",
                     "ARE", "QAT", "KWT", "BHR", "OMN"), "Middle East"),
    **dict.fromkeys(("SDN", "EGY", "LBY", "TUN", "DZA", "MAR"), "Northern Africa"),
    **dict.fromkeys(("ETH", "SOM", "SSD", "KEN", "UGA", "ERI", "DJI", "RWA", "BDI", "TZA",
                     "MOZ", "MDG"), "Eastern Africa"),
    **dict.fromkeys(("COD", "CAF", "CMR", "TCD", "COG", "GAB", "AGO"), "Middle Africa"),
    **dict.fromkeys(("MLI", "BFA", "NER", "NGA", "GHA", "SEN", "GIN", "CIV", "BEN", "TGO",
                     "MRT", "SLE", "LBR"), "Western Africa"),
    **dict.fromkeys(("ZAF", "NAM", "BWA", "LSO", "SWZ"), "Southern Africa"),
    **dict.fromkeys(("MMR", "THA", "PHL", "IDN", "MYS", "KHM", "LAO", "VNM"), "Southeast Asia"),
    **dict.fromkeys(("AFG", "PAK", "IND", "BGD", "NPL", "LKA"), "South Asia"),
    **dict.fromkeys(("HTI", "DOM", "CUB", "JAM"), "Caribbean"),
    **dict.fromkeys(("ARG", "BRA", "CHL", "COL", "PER", "VEN", "BOL", "ECU", "PRY", "URY"),
                    "South America"),
    **dict.fromkeys(("MEX", "GTM", "HND", "SLV", "NIC", "CRI", "PAN"), "Central America"),
}


def country_name(alpha3: str | None) -> str | None:
    """ACLED-style English country name for an ISO alpha-3 code.

    >>> country_name("UKR"), country_name("RUS")
    ('Ukraine', 'Russia')
    """
    if not alpha3:
        return None
    if alpha3 in _ACLED_NAMES:
        return _ACLED_NAMES[alpha3]
    country = pycountry.countries.get(alpha_3=alpha3)
    if country is None:
        return None
    return getattr(country, "common_name", None) or country.name


def country_numeric(alpha3: str | None) -> int | None:
    """ISO 3166-1 numeric code (ACLED's ``iso`` column), e.g. 804 for UKR."""
    if not alpha3:
        return None
    country = pycountry.countries.get(alpha_3=alpha3)
    return int(country.numeric) if country is not None else None


def acled_region(alpha3: str | None) -> str | None:
    """ACLED region name for the countries in the table, else ``None``."""
    return _ACLED_REGIONS.get(alpha3 or "")
