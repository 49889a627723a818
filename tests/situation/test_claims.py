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


def test_encirclement_claim_and_its_denial():
    from polybius.actors import ActorDictionary
    from polybius.records import Place
    from polybius.situation.claims_text import find_statements, statement_claims
    from polybius.situation.model import DocInfo

    kursk = Place(text="Kursk", name="Kursk", admin1="Kursk", country="RUS", geo_precision=3)
    a = DocInfo("e1", "Russia's chief of staff Valery Gerasimov said Ukrainian units in the "
                      "Kursk region were encircled.", "2025-03-12")
    b = DocInfo("e2", "Commander Oleksandr Syrskyi insisted there was no threat of "
                      "encirclement of Ukrainian troops in the Kursk region.", "2025-03-14")
    actors = ActorDictionary.load()
    statements = [s for d in (a, b) for s in find_statements(d, [], actors, [kursk])]
    assert [(s.key, s.value) for s in statements] == [
        ("encirclement|Ukraine|Kursk", "encircled"),
        ("encirclement|Ukraine|Kursk", "not encircled")]
    assert statements[1].by == "Commander Oleksandr Syrskyi"
    (claim,) = statement_claims(statements[0].key, statements)
    assert claim.contested and claim.claim == "Ukrainian troops in Kursk are encircled"


def test_prisoner_figures_of_one_exchange(store):
    from polybius.records import DocResult, Document

    from .build import event

    texts = {"p1": "Russia and Ukraine exchanged 175 prisoners of war each on Saturday, "
                   "Kyiv's coordination headquarters said.",
             "p2": "Russia's Defence Ministry said 175 Russian servicemen had been returned "
                   "in exchange for the same number of Ukrainian prisoners on Saturday."}
    out = []
    for doc_id, text in texts.items():
        doc = Document(id=doc_id, text=text, published="2025-03-15", source="Wire")
        evidence = text.split(",")[0] if doc_id == "p1" else text[:-1]
        trigger = "exchanged" if doc_id == "p1" else "exchange"
        out.append(DocResult(document=doc, events=(event(
            doc, evidence, trigger, event_type="AGREE", acled="Strategic developments",
            sub="Agreement", day=("2025-03-15", "2025-03-15"),
            actor1=("Russia", "Government of Russia (2000-)")),)))
    store.write_results(out)
    (claim,) = [c for c in claims_view(store.conn) if c.topic == "figures"]
    assert not claim.contested and [v.value for v in claim.versions] == [175, 175]


def test_region_named_as_region_needs_no_stored_place():
    from polybius.situation.claims_text import find_statements
    from polybius.situation.derive import Lexicons
    from polybius.situation.model import DocInfo

    lex = Lexicons.load()
    doc = DocInfo("e3", "Officials said Ukrainian units in the Kursk region were encircled, "
                        "Vladimir Putin was told.", "2025-03-12")
    (statement,) = find_statements(doc, [], lex.actors, lex.regions)
    assert statement.key == "encirclement|Ukraine|Kursk"
