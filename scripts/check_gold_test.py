"""Validate the annotated gold files: the per-report gold set and the week corpus.

Every JSON line parses; every ``evidence_text``, ``attribution`` and week-corpus evidence is an
exact substring occurring once in its document; enums follow ``shared/EVENT-FORMAT.md`` and
``docs/gold-format.md``; dates, coordinates and actor names are well formed. Prints a coverage
summary and exits 1 on any problem. ``python scripts/check_gold_test.py`` checks test.jsonl
(with its coverage promises) and tests/data/week/; ``--gold FILE --no-week`` checks another
gold file, e.g. dev.jsonl.
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
ACLED = {  # ACLED event type -> its sub-event types
    "Battles": {"Armed clash", "Government regains territory", "Non-state actor overtakes territory"},
    "Explosions/Remote violence": {"Chemical weapon", "Air/drone strike", "Suicide bomb", "Grenade",
                                   "Shelling/artillery/missile attack", "Remote explosive/landmine/IED"},
    "Violence against civilians": {"Sexual violence", "Attack", "Abduction/forced disappearance"},
    "Protests": {"Peaceful protest", "Protest with intervention", "Excessive force against protesters"},
    "Riots": {"Violent demonstration", "Mob violence"},
    "Strategic developments": {"Agreement", "Arrests", "Change to group/activity", "Other",
                               "Disrupted weapons use", "Headquarters or base established",
                               "Looting/property destruction", "Non-violent transfer of territory"},
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
    try:
        return date.fromisoformat(value) if ISO_DATE.match(str(value)) else None
    except ValueError:  # 2025-02-30
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
    for key, limit in (("lat", 90), ("lon", 180)):
        value = loc[key]
        if not isinstance(value, (int, float)) or isinstance(value, bool) or abs(value) > limit:
            problems.append(f"{where}.{key}: not a number within +-{limit}: {value!r}")
    if loc["geo_precision"] not in (1, 2, 3):
        problems.append(f"{where}.geo_precision: must be 1, 2 or 3")


def check_date(when: Any, where: str, problems: list[str]) -> tuple[date, date] | None:
    if when is None:
        return None
    if not isinstance(when, dict) or set(when) != {"start_date", "end_date", "time_precision"}:
        problems.append(f"{where}: must be null or {{start_date, end_date, time_precision}}")
        return None
    start, end = parse_iso_date(when["start_date"]), parse_iso_date(when["end_date"])
    if start is None or end is None or start > end:
        problems.append(f"{where}: start_date/end_date must be ISO dates (YYYY-MM-DD), start <= end")
        return None
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
    keys = set(ev) if isinstance(ev, dict) else set()
    if not EVENT_KEYS <= keys <= EVENT_KEYS | {"note"}:
        problems.append(f"{where}: missing keys {sorted(EVENT_KEYS - keys)}, "
                        f"unknown keys {sorted(keys - EVENT_KEYS - {'note'})}")
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
    if not isinstance(doc["text"], str) or not doc["text"].strip() or not isinstance(
            doc["events"], list):
        problems.append(f"{where}: text must be a non-empty string and events a list")
        return
    n_words = len(doc["text"].split())
    if not words[0] <= n_words <= words[1]:
        problems.append(f"{where}.text: {n_words} words, expected {words[0]}-{words[1]}")
    if "published" in doc and not (isinstance(doc["published"], str)
                                   and ISO_PUBLISHED.match(doc["published"])):
        problems.append(f"{where}.published: not an ISO 8601 date/datetime: {doc['published']!r}")
    # one clause may state several events (protests in three towns), never the same one twice
    seen = Counter((ev.get("evidence_text"), ev.get("event_type"), str(ev.get("location")))
                   for ev in doc["events"] if isinstance(ev, dict))
    problems += [f"{where}: {n} events share evidence, type and location: {key[0]!r}"
                 for key, n in seen.items() if n > 1]
    for i, ev in enumerate(doc["events"]):
        check_event(ev, doc, f"{where}.events[{i}]", codes, problems, warnings)


def read_jsonl(path: Path, problems: list[str]) -> list[Any]:
    rows = []
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        try:
            rows += [json.loads(line)] if line.strip() else []
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
    problems += [f"{path.name}: id {i!r} used {n} times" for i, n in ids.items() if n > 1]
    for lineno, doc in enumerate(docs, 1):
        doc_id = doc.get("id", "?") if isinstance(doc, dict) else "?"
        check_gold_doc(doc, f"{path.name}:{lineno}[{doc_id}]", codes, words, problems, warnings)
    if coverage:
        check_coverage(path.name, docs, problems)
    return problems, warnings, docs


def check_coverage(name: str, docs: list[dict[str, Any]], problems: list[str]) -> None:
    """The held-out set's promises: size, conflicts, statuses, missing dates, empty reports."""
    conflicts = {d.get("conflict") for d in docs}
    missing = STATUSES - {ev.get("status") for d in docs for ev in d.get("events", [])}
    for failed, message in (
            (None in conflicts, "every held-out report needs a `conflict` slug"),
            (len(docs) < 26, f"{len(docs)} reports, need at least 26"),
            (len(conflicts) < 8, f"{len(conflicts)} conflicts, need at least 8"),
            (bool(missing), f"no event with status {sorted(missing)}"),
            (all("published" in d for d in docs), "every report has `published`"),
            (all(d.get("events") for d in docs), "no report without a codable event")):
        if failed:
            problems.append(f"{name}: {message}")


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


def check_fields(row: Any, where: str, enums: dict[str, set[Any]], dates: tuple[str, ...],
                 strings: tuple[str, ...], problems: list[str]) -> None:
    """Enum keys, optional ISO-date keys and required non-empty string keys of one row."""
    if not isinstance(row, dict):
        problems.append(f"{where}: must be an object")
        return
    for key, allowed in enums.items():
        if row.get(key) not in allowed:
            problems.append(f"{where}.{key}: {row.get(key)!r} not in {sorted(allowed, key=str)}")
    for key in dates:
        if row.get(key) is not None and parse_iso_date(row[key]) is None:
            problems.append(f"{where}.{key}: must be an ISO date or null")
    for key in strings:
        if not isinstance(row.get(key), str) or not row[key]:
            problems.append(f"{where}.{key}: must be a non-empty string")


def read_week_reports(folder: Path, week: dict[str, Any], problems: list[str]) -> dict[str, str]:
    """The week's report texts by id; checks fields and that `published` lies in the week."""
    first, last = parse_iso_date(week.get("start_date")), parse_iso_date(week.get("end_date"))
    texts: dict[str, str] = {}
    for lineno, doc in enumerate(read_jsonl(folder / "reports.jsonl", problems), 1):
        where = f"reports.jsonl:{lineno}"
        if not isinstance(doc, dict) or set(doc) != {"id", "text", "published", "title", "source"}:
            problems.append(f"{where}: must have exactly id, text, published, title, source")
            continue
        if doc["id"] in texts:
            problems.append(f"{where}: duplicate id {doc['id']!r}")
        when = parse_iso_date(str(doc["published"])[:10])
        if not ISO_PUBLISHED.match(str(doc["published"])) or when is None:
            problems.append(f"{where}: published not ISO 8601: {doc['published']!r}")
        elif first and last and not first <= when <= last:
            problems.append(f"{where}: published {when} outside the week {first}..{last}")
        texts[doc["id"]] = doc["text"]
    return texts


def check_clusters(clusters: list[Any], texts: dict[str, str], codes: set[str],
                   problems: list[str]) -> None:
    ids: Counter[Any] = Counter()
    pairs: Counter[tuple[Any, Any]] = Counter()
    for i, cl in enumerate(clusters):
        where = f"clusters[{i}]"
        check_fields(cl, where, {}, (), ("cluster_id", "description"), problems)
        ids[cl.get("cluster_id")] += 1
        check_sources(cl.get("members"), f"{where}.members", texts, problems)
        for m in cl.get("members") or []:
            pairs[(m.get("doc_id"), m.get("evidence_text"))] += 1
        if cl.get("date") is not None:
            check_date(cl["date"], f"{where}.date", problems)
        check_location(cl.get("location"), f"{where}.location", codes, problems)
        if "event_type" in cl and cl["event_type"] not in PLOVER:
            problems.append(f"{where}.event_type: not a PLOVER type")
    problems += [f"clusters: cluster_id {c!r} used {n} times" for c, n in ids.items() if n > 1]
    problems += [f"clusters: member {p!r:.90} in {n} clusters" for p, n in pairs.items() if n > 1]


def check_week(folder: Path, codes: set[str]) -> tuple[list[str], str]:
    """Problems and a summary for ``reports.jsonl`` + ``gold.json`` in ``folder``."""
    problems: list[str] = []
    gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    texts = read_week_reports(folder, gold.get("week") or {}, problems)
    for key in ("clusters", "control", "talks", "claims"):
        if not isinstance(gold.get(key), list) or not gold[key]:
            problems.append(f"gold.json: {key!r} must be a non-empty list")
    check_clusters(gold.get("clusters", []), texts, codes, problems)
    for i, row in enumerate(gold.get("control", [])):
        check_fields(row, f"control[{i}]", {"change": CONTROL_CHANGES, "country": codes},
                     ("as_of",), ("place", "admin1", "controller"), problems)
        if "sources" in row:
            check_sources(row["sources"], f"control[{i}].sources", texts, problems)
    for i, row in enumerate(gold.get("talks", [])):
        check_fields(row, f"talks[{i}]", {"status": TALK_STATUSES}, ("start_date", "end_date"),
                     (), problems)
        for key in ("participants", "agenda"):
            if not isinstance(row.get(key), list) or not all(isinstance(x, str) for x in row[key]):
                problems.append(f"talks[{i}].{key}: must be a list of strings")
        if "sources" in row:
            check_sources(row["sources"], f"talks[{i}].sources", texts, problems)
    for i, row in enumerate(gold.get("claims", [])):
        check_fields(row, f"claims[{i}]", {"contested": {True, False}}, (), ("claim",), problems)
        check_sources(row.get("versions"), f"claims[{i}].versions", texts, problems)
        if row.get("contested") and len({v.get("value") for v in row.get("versions") or []}) < 2:
            problems.append(f"claims[{i}]: contested claim needs at least two different values")
    for i, row in enumerate(gold.get("impacts", [])):
        check_fields(row, f"impacts[{i}]", {"kind": IMPACT_KINDS}, ("date",), ("what",), problems)
        check_sources(row.get("sources"), f"impacts[{i}].sources", texts, problems)
    cited = {m.get("doc_id") for cl in gold.get("clusters", []) for m in cl.get("members") or []}
    summary = (f"  reports {len(texts)} ({len(set(texts) - cited)} in no cluster), "
               + ", ".join(f"{k} {len(gold.get(k, []))}"
                           for k in ("clusters", "control", "talks", "claims", "impacts")))
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
    args = parser.parse_args(argv)
    codes = country_codes()
    failed = False
    for path in args.gold or [REPO / "tests" / "data" / "gold" / "test.jsonl"]:
        coverage = path.name == "test.jsonl" if args.coverage is None else args.coverage
        problems, warnings, docs = check_gold_file(
            path, codes, (args.min_words, args.max_words), coverage)
        failed |= report(path, summarize(docs), problems, warnings)
    if not args.no_week:
        problems, summary = check_week(args.week, codes)
        failed |= report(args.week, summary, problems, [])
    return 1 if failed else 0


def report(path: Path, summary: str, problems: list[str], warnings: list[str]) -> bool:
    """Print one file's verdict, summary, errors and warnings; True when it has errors."""
    lines = [f"  ERROR {p}" for p in problems] + [f"  warning {w}" for w in warnings]
    print("\n".join([f"{path}: {'OK' if not problems else f'{len(problems)} problem(s)'}",
                     summary, *lines]))
    return bool(problems)


if __name__ == "__main__":
    sys.exit(main())
