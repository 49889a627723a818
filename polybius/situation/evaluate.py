"""Score the situation layer against the annotated week (``tests/data/week``).

``gold.json`` lists clusters (one event told by several reports: members with their
``evidence_text``), control rows (place, controller, change, as_of), talks, claims and
impacts, each with sources. A predicted item matches a gold source when it cites the same
report with an overlapping span. Figures:

- merge: pairwise precision and recall over the gold members the extractor found (pairs of
  members placed in one cluster); ``strict_precision`` also counts pairs that join a gold
  member to an event no gold cluster lists;
- control: share of gold rows whose place, as of their date, has the gold controller (and
  the gold change);
- talks / claims / impacts: share of gold items found (a predicted item citing one of their
  sources), and of those, the share with the right status / contested flag / figure.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any

from ..errors import InputError
from .claims import claims_view
from .control import control_view
from .impacts import impacts_view
from .talks import talks_view

Span2 = tuple[str, int, int]


@dataclass(frozen=True, slots=True)
class WeekGold:
    texts: dict[str, str]
    gold: dict[str, Any]

    def span(self, item: dict[str, Any]) -> Span2:
        """(doc_id, start, end) of a gold source ``{doc_id, evidence_text}``."""
        text = self.texts[item["doc_id"]]
        start = text.find(item["evidence_text"])
        if start < 0:
            raise InputError(f"gold evidence not in report {item['doc_id']}: "
                             f"{item['evidence_text']!r}")
        return item["doc_id"], start, start + len(item["evidence_text"])


def load_week(folder: str | Path) -> WeekGold:
    """The week's reports and gold annotations (``reports.jsonl``, ``gold.json``)."""
    folder = Path(folder)
    try:
        texts = {}
        for line in (folder / "reports.jsonl").read_text(encoding="utf-8").splitlines():
            if line.strip():
                doc = json.loads(line)
                texts[doc["id"]] = doc["text"]
        gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError, KeyError) as exc:
        raise InputError(f"cannot read the week corpus in {folder}: {exc}") from exc
    return WeekGold(texts, gold)


def _overlaps(a: Span2, b: Span2) -> bool:
    return a[0] == b[0] and a[1] < b[2] and b[1] < a[2]


def _cites(sources: list[dict[str, Any]] | tuple, spans: list[Span2]) -> bool:
    for s in sources:
        ref = (s["doc_id"], s["start"], s["end"]) if isinstance(s, dict) else \
            (s.doc_id, s.start, s.end)
        if any(_overlaps(ref, g) for g in spans):
            return True
    return False


@dataclass(slots=True)
class Score:
    found: int = 0
    total: int = 0
    right: int = 0
    details: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"found": self.found, "total": self.total, "right": self.right,
                "recall": round(self.found / self.total, 3) if self.total else None,
                "accuracy": round(self.right / self.found, 3) if self.found else None,
                "details": self.details}


def score_merge(conn: Any, week: WeekGold) -> dict[str, Any]:
    """Pairwise precision / recall of the stored clusters against the gold clusters."""
    from ..store.situation_queries import read_clustered_events

    rows = read_clustered_events(conn)
    members: dict[Span2, str] = {}  # gold member -> gold cluster
    for cl in week.gold["clusters"]:
        for m in cl["members"]:
            members[week.span(m)] = cl["cluster_id"]
    event_gold: dict[str, str | None] = {}
    event_cluster: dict[str, str] = {}
    member_event: dict[Span2, str] = {}
    for event_id, doc_id, start, end, cluster_id in rows:
        event_cluster[event_id] = cluster_id
        hits = [m for m in members if _overlaps(m, (doc_id, start, end))]
        best = max(hits, key=lambda m: min(m[2], end) - max(m[1], start)) if hits else None
        if best is not None and best not in member_event:
            member_event[best] = event_id
            event_gold[event_id] = members[best]
        else:
            event_gold.setdefault(event_id, None)
    found = {e: g for e, g in event_gold.items() if g is not None}
    gold_pairs = {frozenset(p) for p in combinations(found, 2)
                  if found[p[0]] == found[p[1]]}
    pred_pairs = {frozenset(p) for p in combinations(found, 2)
                  if event_cluster[p[0]] == event_cluster[p[1]]}
    loose = {frozenset(p) for p in combinations(event_gold, 2)
             if event_cluster[p[0]] == event_cluster[p[1]] and
             (event_gold[p[0]] is None) != (event_gold[p[1]] is None)}
    tp = len(gold_pairs & pred_pairs)
    all_gold_pairs = sum(len(c["members"]) * (len(c["members"]) - 1) // 2
                         for c in week.gold["clusters"])
    return {
        "members": len(members), "members_found": len(found),
        "gold_pairs": len(gold_pairs), "predicted_pairs": len(pred_pairs), "true_pairs": tp,
        "precision": round(tp / len(pred_pairs), 3) if pred_pairs else None,
        "recall": round(tp / len(gold_pairs), 3) if gold_pairs else None,
        "strict_precision": round(tp / (len(pred_pairs) + len(loose)), 3)
        if pred_pairs or loose else None,
        "end_to_end_recall": round(tp / all_gold_pairs, 3) if all_gold_pairs else None,
    }


def score_control(conn: Any, week: WeekGold) -> Score:
    score = Score(total=len(week.gold["control"]))
    for row in week.gold["control"]:
        records = [r for r in control_view(conn, place=row["place"], as_of=row.get("as_of"))
                   if r.place.casefold() == row["place"].casefold()]
        if not records:
            score.details.append(f"{row['place']}: no record as of {row.get('as_of')}")
            continue
        score.found += 1
        got = records[0]
        if got.controller == row["controller"] and got.change == row["change"]:
            score.right += 1
        else:
            score.details.append(f"{row['place']} as of {row.get('as_of')}: got "
                                 f"{got.controller} {got.change}, gold {row['controller']} "
                                 f"{row['change']}")
    return score


def _score_items(week: WeekGold, key: str, predicted: list[Any], check) -> Score:
    score = Score(total=len(week.gold.get(key, [])))
    for row in week.gold.get(key, []):
        spans = [week.span(s) for s in row.get("sources") or row.get("versions") or []]
        hits = [p for p in predicted if _cites(p.to_json()["sources"], spans)]
        if not hits:
            score.details.append(f"{key}: not found: {json.dumps(row)[:120]}")
            continue
        score.found += 1
        problem = min((check(row, h) for h in hits), key=lambda x: x is not None)
        if problem is None:
            score.right += 1
        else:
            score.details.append(f"{key}: {problem}")
    return score


def _talks_check(row: dict[str, Any], got: Any) -> str | None:
    if got.status != row["status"]:
        return f"status {got.status}, gold {row['status']}"
    return None


def _claims_check(row: dict[str, Any], got: Any) -> str | None:
    if got.contested != row["contested"]:
        return f"{row['claim']}: contested {got.contested}, gold {row['contested']}"
    return None


def _impacts_check(row: dict[str, Any], got: Any) -> str | None:
    if row.get("figure") is not None and got.figure != row["figure"]:
        return f"{row['what']}: figure {got.figure}, gold {row['figure']}"
    return None


def score_week(conn: Any, week: WeekGold) -> dict[str, Any]:
    """Every figure for a store that holds the week's reports."""
    return {
        "merge": score_merge(conn, week),
        "control": score_control(conn, week).to_json(),
        "talks": _score_items(week, "talks", talks_view(conn), _talks_check).to_json(),
        "claims": _score_items(week, "claims", claims_view(conn), _claims_check).to_json(),
        "impacts": _score_items(week, "impacts", impacts_view(conn),
                                _impacts_check).to_json(),
    }
