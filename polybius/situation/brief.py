"""The situation brief: what changed, who controls what, talks, impacts, contested points.

``build_brief`` gathers the situation views (optionally for one region and from one date)
into a :class:`Brief` whose every line carries the spans it rests on; ``render_markdown``
and ``render_html`` write it for a reader who never opened the database: each sentence ends
with numbered citations, and the notes quote each cited span with its report's title,
outlet and date. HTML goes through Jinja2 with autoescape: report text is never markup.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from .claims import claims_view
from .control import control_view
from .impacts import impacts_view
from .model import SourceRef
from .talks import talks_view

MAX_CHANGES = 30
MAX_IMPACTS = 25


@dataclass(frozen=True, slots=True)
class BriefLine:
    """One sentence of the brief and the spans it rests on."""

    text: str
    sources: tuple[SourceRef, ...]


@dataclass(frozen=True, slots=True)
class BriefSection:
    title: str
    lines: tuple[BriefLine, ...]
    empty: str = "Nothing reported."


@dataclass(frozen=True, slots=True)
class Citation:
    """A numbered note: the quoted span and the report it comes from."""

    number: int
    doc_id: str
    start: int
    end: int
    quote: str
    title: str | None
    outlet: str | None
    published: str | None


@dataclass(slots=True)
class Brief:
    title: str
    scope: str
    sections: list[BriefSection]
    citations: list[Citation] = field(default_factory=list)

    def cite(self, source: SourceRef) -> int:
        for c in self.citations:
            if (c.doc_id, c.start, c.end) == (source.doc_id, source.start, source.end):
                return c.number
        raise KeyError(source)

    def to_json(self) -> dict[str, Any]:
        return {"title": self.title, "scope": self.scope,
                "sections": [{"title": s.title, "lines": [
                    {"text": line.text, "sources": [x.to_json() for x in line.sources],
                     "notes": [self.cite(x) for x in line.sources]} for line in s.lines]}
                    for s in self.sections],
                "citations": [asdict(c) for c in self.citations]}


def _in_region(region: str | None, *values: str | None) -> bool:
    if not region:
        return True
    wanted = region.casefold()
    return any(v and v.casefold() == wanted for v in values)


def _region_codes(conn: Any, region: str | None) -> set[str]:
    """ISO alpha-3 codes a region name may stand for ("Ukraine" -> UKR)."""
    if not region:
        return set()
    import pycountry

    try:
        return {pycountry.countries.lookup(region).alpha_3}
    except LookupError:
        return set()


def _dates(start: str | None, end: str | None) -> str:
    if start and end and start != end:
        return f"between {start} and {end}"
    return f"on {start or end}" if (start or end) else "on an unreported date"


def _changes(conn: Any, region: str | None, codes: set[str], since: str | None) -> list[BriefLine]:
    from ..store.situation_queries import read_clusters

    lines = []
    for c in read_clusters(conn, since=since):
        if c["event_type"] == "CONSULT":
            continue  # talks have their own section
        if not (_in_region(region, c["location_name"], c["admin1"], c["country"])
                or c["country"] in codes):
            continue
        what = c["acled_sub_event_type"] or c["event_type"].lower()
        who = f" by {c['actor1_name']}" if c["actor1_name"] else ""
        against = f" against {c['actor2_name']}" if c["actor2_name"] else ""
        where = c["location_name"] or "an unresolved place"
        area = f" ({c['admin1']}, {c['country']})" if c["admin1"] and c["admin1"] != where \
            else (f" ({c['country']})" if c["country"] else "")
        reports = f"{c['n_sources']} report{'s' if c['n_sources'] != 1 else ''}"
        status = "" if c["statuses"] == ["occurred"] else \
            f" Reported as {', '.join(c['statuses'])}."
        lines.append(BriefLine(
            f"{what}{who}{against} in {where}{area} {_dates(c['start_date'], c['end_date'])}"
            f" ({reports}).{status}",
            tuple(SourceRef.from_json(s) for s in c["sources"])))
    lines.sort(key=lambda line: line.text)
    return lines[:MAX_CHANGES]


def _control(conn: Any, region: str | None, codes: set[str]) -> list[BriefLine]:
    lines = []
    for r in control_view(conn):
        if not (_in_region(region, r.place, r.admin1, r.country) or r.country in codes):
            continue
        since = f" since {r.since}" if r.since else ""
        where = r.place + (f" ({r.admin1}, {r.country})" if r.admin1 and r.admin1 != r.place
                           else f" ({r.country})" if r.country else "")
        if r.change == "contested":
            rivals = ", ".join(r.contested_by)
            text = (f"{where} is contested: reports of the same days name "
                    f"{r.controller}{' and ' + rivals if rivals else ''}{since}.")
        elif r.change == "lost":
            text = f"{where} was given up by {r.controller}{since}."
        else:
            text = f"{where} is held by {r.controller}{since}."
        lines.append(BriefLine(text, r.sources))
    return lines


def _talks(conn: Any, region: str | None, since: str | None) -> list[BriefLine]:
    order = {"planned": 0, "postponed": 1, "cancelled": 2, "held": 3}
    lines: list[tuple[int, BriefLine]] = []
    for t in talks_view(conn):
        if since and (t.start_date or "9999") < since and t.status == "held":
            continue
        if region and not any(region.casefold() in p.casefold() for p in t.participants) \
                and not _in_region(region, t.place):
            continue
        who = ", ".join(t.participants) or "unnamed parties"
        where = f" in {t.place}" if t.place else ""
        topics = t.to_json()["agenda"]
        agenda = f" Agenda: {', '.join(topics)}." if topics else ""
        verb = {"planned": "are planned", "held": "were held", "postponed": "were postponed",
                "cancelled": "were cancelled"}[t.status]
        lines.append((order[t.status], BriefLine(
            f"Talks between {who}{where} {verb} ({_dates(t.start_date, t.end_date)}).{agenda}",
            t.sources)))
    return [line for _, line in sorted(lines, key=lambda x: x[0])]


def _impacts(conn: Any, region: str | None, codes: set[str], since: str | None) -> list[BriefLine]:
    lines = []
    for i in impacts_view(conn, since=since):
        if not (_in_region(region, i.place, i.admin1, i.country) or i.country in codes):
            continue
        unit = i.unit or ""
        if i.figure == 1 and unit.startswith("people "):
            unit = "person " + unit[len("people "):]
        figure = f"{i.figure:,} {unit}".strip() if i.figure is not None else \
            f"\"{i.text}\" (no figure given)"
        where = f" in {i.place}" if i.place else ""
        lines.append(BriefLine(f"{i.kind.capitalize()} — {i.what}{where}: {figure} "
                               f"({_dates(i.date, None)}).", i.sources))
    lines.sort(key=lambda line: (0 if "no figure" not in line.text else 1))
    return lines[:MAX_IMPACTS]


def _contested(conn: Any) -> list[BriefLine]:
    lines = []
    for c in claims_view(conn, contested=True):
        versions = "; ".join(f"{v.value} according to {v.by or v.doc_id}" for v in c.versions)
        lines.append(BriefLine(f"Sources disagree on {c.claim}: {versions}.",
                               tuple(SourceRef(v.doc_id, v.start, v.end) for v in c.versions)))
    return lines


def build_brief(conn: Any, region: str | None = None, since: str | None = None) -> Brief:
    """The brief over the store, optionally for one region (country name or code, admin1
    or place) and from one ISO date.

    >>> # print(render_markdown(build_brief(store.conn, region="Ukraine", since="2025-03-10")))
    """
    codes = _region_codes(conn, region)
    scope = ", ".join(x for x in (f"region {region}" if region else "all regions",
                                  f"since {since}" if since else "all dates") if x)
    sections = [
        BriefSection("What changed", tuple(_changes(conn, region, codes, since))),
        BriefSection("Who controls what", tuple(_control(conn, region, codes)),
                     "No change of control reported."),
        BriefSection("Talks", tuple(_talks(conn, region, since)), "No talks reported."),
        BriefSection("Impacts", tuple(_impacts(conn, region, codes, since)),
                     "No impact figures reported."),
        BriefSection("Contested points", tuple(_contested(conn)),
                     "No point is disputed between sources."),
    ]
    result = Brief(title="Situation brief", scope=scope, sections=sections)
    _number_citations(conn, result)
    return result


def _number_citations(conn: Any, result: Brief) -> None:
    refs: list[SourceRef] = []
    for section in result.sections:
        for line in section.lines:
            refs += [s for s in line.sources if s not in refs]
    if not refs:
        return
    from ..store.situation_queries import read_documents

    docs = read_documents(conn, [r.doc_id for r in refs])
    for n, ref in enumerate(refs, 1):
        text, title, outlet, published = docs.get(ref.doc_id, ("", None, None, None))
        quote = " ".join(text[ref.start:ref.end].split())
        result.citations.append(Citation(n, ref.doc_id, ref.start, ref.end, quote, title,
                                         outlet, str(published)[:10] if published else None))


def _md_escape(text: str) -> str:
    return "".join("\\" + ch if ch in "\\`*_[]<>#|" else ch for ch in text)


def render_markdown(result: Brief) -> str:
    """The brief as Markdown; citations ``[n]`` point to quoted notes at the end."""
    out = [f"# {result.title}", "", f"_{result.scope}_", ""]
    for section in result.sections:
        out += [f"## {section.title}", ""]
        if not section.lines:
            out += [section.empty, ""]
            continue
        for line in section.lines:
            notes = "".join(f"[{result.cite(s)}]" for s in line.sources)
            out.append(f"- {_md_escape(line.text)} {notes}")
        out.append("")
    if result.citations:
        out += ["## Sources", ""]
        for c in result.citations:
            meta = ", ".join(x for x in (c.title, c.outlet, c.published) if x)
            out.append(f"{c.number}. {c.doc_id} [{c.start}:{c.end}]"
                       f"{' — ' + _md_escape(meta) if meta else ''}: "
                       f"“{_md_escape(c.quote)}”")
    return "\n".join(out).rstrip() + "\n"


def render_html(result: Brief) -> str:
    """The brief as a standalone HTML page (``polybius/web/templates/brief.html``)."""
    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(loader=PackageLoader("polybius", "web/templates"),
                      autoescape=select_autoescape(["html"], default=True))
    return env.get_template("brief.html").render(brief=result)


def brief_view(conn: Any, region: str | None = None, since: str | None = None) -> str:
    """The brief as Markdown (``GET /brief``)."""
    return render_markdown(build_brief(conn, region=region, since=since))
