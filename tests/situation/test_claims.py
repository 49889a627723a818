"""Contested claims: every version with who asserts it."""

from polybius.situation.claims import claims_view, cluster_claims

from .reports import document, events_of, results


def _members(*doc_ids):
    out = []
    for doc_id in doc_ids:
        doc = document(doc_id)
        out += [(e, doc.source) for e in events_of(doc)]
    return out


def test_different_tolls_are_contested():
    (claim,) = cluster_claims("c", _members("r6", "r7"))
    assert claim.topic == "fatalities" and claim.contested
    assert [(v.by, v.value) for v in claim.versions] == [
        ("the regional governor", 3), ("the governor", 5)]
    for v in claim.versions:
        assert str({3: "three", 5: "five"}[v.value]) in document(v.doc_id).text[v.start:v.end]


def test_one_report_is_no_claim():
    assert cluster_claims("c", _members("r6")) == []


def test_denial_against_report_is_contested_occurrence():
    (claim,) = cluster_claims("c", _members("r5", "r8"))
    assert claim.topic == "occurrence" and claim.contested
    assert {v.value for v in claim.versions} == {"occurred", "denied"}
    assert "Defence Ministry" in " ".join(claim.by)


def test_store_claims_and_contested_filter(store):
    store.write_results(results())
    claims = claims_view(store.conn)
    topics = {c.topic for c in claims}
    assert {"fatalities", "occurrence", "control"} <= topics
    assert all(c.contested for c in claims_view(store.conn, contested=True))
    control = next(c for c in claims if c.topic == "control")
    assert {v.doc_id for v in control.versions} == {"r5", "r8"}
    store.write_results(results())  # re-running keeps the same claims
    assert [c.claim_id for c in claims_view(store.conn)] == [c.claim_id for c in claims]


def test_agreeing_tolls_are_kept_uncontested(store):
    from polybius.records import DocResult, Document

    from .build import RUS, event

    text = ("A Russian missile strike on Kharkiv on Tuesday killed three people, "
            "police said.")
    doc = Document(id="r6c", text=text, published="2025-03-12", source="City Radio")
    ev = event(doc, "A Russian missile strike on Kharkiv on Tuesday killed three people",
               "strike", actor1=("Russian", RUS), place="Kharkiv",
               day=("2025-03-11", "2025-03-11"), date_phrase="Tuesday", deaths=("three", 3),
               acled="Explosions/Remote violence", sub="Shelling/artillery/missile attack")
    store.write_results(results("r6") + [DocResult(document=doc, events=(ev,))])
    (claim,) = claims_view(store.conn)
    assert not claim.contested and [v.value for v in claim.versions] == [3, 3]
