"""The read API on a small world: what each endpoint returns, that only public data leaves, bad input."""
from __future__ import annotations

import json

import pytest

from marketplace import reference
from marketplace.extensions import db

from ..factories import make_cluster, make_company, make_listing
from .conftest import SECRETS

API = "/api/v1"


def get(client, path: str, status: int = 200, **kwargs) -> dict:
    response = client.get(API + path, **kwargs)
    assert response.status_code == status, response.get_data(as_text=True)[:500]
    assert response.mimetype == "application/json"
    return response.get_json()


def ids(body: dict) -> set[int]:
    return {item["id"] for item in body["items"]}


def slugs(body: dict) -> set[str]:
    return {item["slug"] for item in body["items"]}


# --- Listings ---------------------------------------------------------------------------------------

def test_listing_search_shows_only_active_public_listings(client, world):
    body = get(client, "/listings")
    assert ids(body) == {listing.id for listing in world.active}
    assert (body["total"], body["page"], body["pages"], body["per_page"]) == (4, 1, 1, 20)
    assert body["links"]["next"] is None and body["links"]["prev"] is None
    first = next(item for item in body["items"] if item["id"] == world.request.id)
    assert first["title"] == "Distributor sought for wood pellets in Austria"
    assert first["company"] == {"slug": world.cz.slug, "name": "Dřevo Plus s.r.o.", "country": "CZ",
                                "region": "Ústí Region", "size": "small"}
    assert first["keywords"] == ["pellets", "biomass"] and first["target_countries"] == ["AT", "SI"]
    assert first["links"]["html"].endswith(f"/listings/{world.request.id}")
    assert "description" not in first  # the summary shape; the full text is on the listing itself
    assert {"value": "offer", "count": 3} in body["facets"]["kind"]


@pytest.mark.parametrize("query, expected", [
    ("kind=offer", {"offer", "panels", "logistics"}),
    ("kind=request", {"request"}),
    ("sector=wood", {"request", "offer"}),
    ("country=AT", {"offer"}),
    ("type=commercial-agency", {"request", "offer"}),
    ("size=micro", {"panels"}),
    ("lang=de", {"offer"}),
    ("posted=7", {"request", "offer", "logistics"}),
    ("q=pellets", {"request", "offer"}),
    ("q=pellets&country=CZ", {"request"}),
    ("q=lodz", {"logistics"}),
    ("q=wareh", {"logistics"}),
    ("q=DRAFT-SECRET", set()),
    ("q=NOTE-SECRET", set()),
    ("q=REVISION-SECRET", set()),
    ("kind=offer&sector=wood&type=commercial-agency&size=medium&country=AT&lang=de&posted=30", {"offer"}),
    ("utm_source=newsletter&foo=bar", {"request", "offer", "panels", "logistics"}),  # undeclared: ignored
])
def test_listing_filters(client, world, query, expected):
    body = get(client, "/listings?" + query)
    assert ids(body) == {getattr(world, name).id for name in expected}
    assert body["total"] == len(expected)


def test_cluster_filter_finds_members_listings_and_an_unknown_cluster_finds_nothing(client, world):
    assert ids(get(client, f"/listings?cluster={world.cluster.slug}")) == {world.request.id, world.offer.id}
    body = get(client, "/listings?cluster=no-such-cluster")
    assert body["items"] == [] and body["total"] == 0  # never silently widened to every listing


def test_newest_first(client, world):
    body = get(client, "/listings?sort=newest")
    assert [item["id"] for item in body["items"]] == [world.logistics.id, world.offer.id, world.request.id,
                                                      world.panels.id]


def test_pagination_walks_every_listing_once(client, world):
    body = get(client, "/listings?per_page=1&sort=newest&kind=offer")
    assert (body["total"], body["pages"]) == (3, 3)
    seen = []
    while True:
        seen += [item["id"] for item in body["items"]]
        assert "kind=offer" in body["links"]["self"] and "per_page=1" in body["links"]["self"]
        if body["links"]["next"] is None:
            break
        body = client.get(body["links"]["next"]).get_json()
    assert seen == [world.logistics.id, world.offer.id, world.panels.id]
    assert body["links"]["prev"] is not None and body["links"]["last"] == body["links"]["self"]

    past = get(client, "/listings?per_page=1&page=99")
    assert past["items"] == [] and past["total"] == 4 and past["page"] == 99
    assert "page=4&" in past["links"]["prev"]  # back to the last page that has items


BAD_VALUES = [
    ("kind=xx", "kind"), ("kind=", "kind"), ("kind=%20offer", "kind"), ("sector=wood2", "sector"),
    ("country=XX", "country"), ("country=at", "country"), ("type=foo", "type"), ("size=huge", "size"),
    ("lang=xx", "lang"), ("posted=8", "posted"), ("posted=week", "posted"), ("sort=oldest", "sort"),
    ("page=0", "page"), ("page=-1", "page"), ("page=abc", "page"), ("page=1.5", "page"), ("page=10001", "page"),
    ("page=%EF%BC%91", "page"), ("page=99999999999999999999999", "page"), ("per_page=0", "per_page"),
    ("per_page=101", "per_page"), ("cluster=" + "a" * 101, "cluster"), ("kind=offer&kind=request", "kind"),
]


def test_values_outside_the_schema_are_refused_with_400(client, world):
    for query, parameter in BAD_VALUES:
        body = get(client, "/listings?" + query, status=400)
        assert body["status"] == 400 and body["parameter"] == parameter and body["detail"], query
    for path in ("/companies?country=XX", "/companies?size=huge", "/clusters?sector=x", "/clusters?per_page=500",
                 f"/clusters/{world.cluster.slug}/members?page=0"):
        assert get(client, path, status=400)["status"] == 400, path


def test_a_nul_character_is_refused_with_json(client, world):
    body = get(client, "/listings?q=pel%00lets", status=400)
    assert body["status"] == 400


HOSTILE = [
    '"', '""', "'", "' OR 1=1 --", 'pellets" OR "1"="1', "(((", ")))", "a AND (b OR", "NEAR(a b)", "*", "-",
    "- -", "OR", "AND NOT", "title:pellets", "^pellets", "pel*", "\x01\x02\x7f", "ё ж 中文 🚀", "%", "_", "\\",
    "'; DROP TABLE listings; --", "SELECT * FROM users", "{}[]<>", "pellets -pellets", "a" * 5000,
    " ".join(["pellets"] * 300), "1) UNION SELECT email FROM users --",
]


def test_hostile_search_text_never_fails_nor_leaks(client, world):
    public = {listing.id for listing in world.active}
    for q in HOSTILE:
        response = client.get(API + "/listings", query_string={"q": q})
        assert response.status_code == 200, q
        assert ids(response.get_json()) <= public, q
        assert not any(secret in response.get_data(as_text=True) for secret in SECRETS), q
        for path in ("/companies", "/clusters"):
            response = client.get(API + path, query_string={"q": q})
            assert response.status_code == 200 and response.get_json()["total"] >= 0, (path, q)


def test_one_listing_shows_its_full_public_text(client, world):
    body = get(client, f"/listings/{world.request.id}")
    assert body["status"] == "published" and body["kind"] == "request"
    assert body["description"] == world.request.description
    assert (body["development_stage"], body["partner_type"], body["partner_sizes"]) == (
        "on-market", "company", ["small", "medium"])
    assert body["links"]["matches"].endswith(f"{API}/listings/{world.request.id}/matches")
    assert body["links"]["company"].endswith(f"{API}/companies/{world.cz.slug}")
    assert "REVISION-SECRET" not in json.dumps(body)  # the published text, never the edit under review
    assert not {"revision", "rejection_note", "rejection_reason", "author", "client_token"} & set(body)


def test_an_expired_listing_keeps_its_address_but_leaves_search_and_matches(client, world):
    body = get(client, f"/listings/{world.expired.id}")
    assert body["status"] == "expired" and body["title"] == "Expired offer of wood chips"
    assert world.expired.id not in ids(get(client, "/listings?q=chips"))
    matched = get(client, f"/listings/{world.offer.id}/matches")
    assert world.expired.id not in {item["listing"]["id"] for item in matched["items"]}


def test_private_listings_do_not_exist_for_the_api(client, world):
    """Draft, pending, rejected, withdrawn, and those of an unpublished or a suspended company."""
    for listing in world.private:
        for path in (f"/listings/{listing.id}", f"/listings/{listing.id}/matches"):
            body = get(client, path, status=404)
            assert body["status"] == 404 and "SECRET" not in json.dumps(body)


def test_unknown_listings_are_json_404s(client, world):
    for path in ("/listings/0", "/listings/999999", "/listings/2147483648", "/listings/99999999999999999999999",
                 "/listings/-1", "/listings/abc", "/listings/999999/matches", "/companies/" + "x" * 300,
                 ):
        assert get(client, path, status=404)["status"] == 404, path
    for path in ("/companies/a%00b", "/clusters/a%00b/members"):  # refused site-wide before routing
        assert get(client, path, status=400)["status"] == 400, path


# --- Matches ------------------------------------------------------------------------------------------

def test_matches_rank_complementary_listings_with_reasons(client, world):
    body = get(client, f"/listings/{world.request.id}/matches")
    assert body["listing_id"] == world.request.id and body["limit"] == 20
    by_id = {item["listing"]["id"]: item for item in body["items"]}
    assert world.offer.id in by_id
    best = by_id[world.offer.id]
    assert 0 <= best["score"] <= 100 and best["band"] in ("excellent", "good", "possible")
    assert best["cross_border"] is True
    codes = {reason["code"] for reason in best["reasons"]}
    assert {"request-offer", "same-sector"} <= codes
    assert "Same sector: Wood industry" in {reason["text"] for reason in best["reasons"]}
    public_elsewhere = {listing.id for listing in world.active if listing.company_id != world.cz.id}
    assert set(by_id) <= public_elsewhere  # never the company's own, never private ones
    scores = [item["score"] for item in body["items"]]
    assert scores == sorted(scores, reverse=True)


def test_matches_limit_and_language(client, world):
    body = get(client, f"/listings/{world.request.id}/matches?limit=1&lang=de",
               headers={"Accept-Language": "de"})
    assert len(body["items"]) <= 1 and body["limit"] == 1
    assert any(reason["text"] == "Request ↔ offer" for reason in body["items"][0]["reasons"])  # English always
    assert get(client, f"/listings/{world.request.id}/matches?limit=51", status=400)["parameter"] == "limit"


# --- Companies and clusters ---------------------------------------------------------------------------

@pytest.mark.parametrize("query, expected", [
    ("", {"cz", "at", "si", "pl"}),
    ("country=AT", {"at"}),
    ("sector=logistics", {"pl"}),
    ("size=micro", {"si"}),
    ("q=holz", {"at"}),
    ("q=Hidden", set()),
    ("q=Suspended", set()),
    ("sector=wood&country=CZ", {"cz"}),
])
def test_company_directory(client, world, query, expected):
    body = get(client, "/companies?" + query)
    assert slugs(body) == {getattr(world, name).slug for name in expected}


def test_company_profile_without_contact_details(client, world):
    body = get(client, f"/companies/{world.cz.slug}")
    assert (body["name"], body["country"], body["city"], body["founded_year"]) == (
        "Dřevo Plus s.r.o.", "CZ", "Děčín", 2004)
    assert body["sectors"] == ["energy-environment", "wood"] and body["languages"] == ["cs", "de", "en"]
    assert [cluster["slug"] for cluster in body["clusters"]] == [world.cluster.slug]
    assert not {"website", "members", "email", "phone", "is_published", "suspended_at"} & set(body)


@pytest.mark.parametrize("name", ["hidden", "suspended"])
def test_unpublished_and_suspended_companies_do_not_exist_for_the_api(client, world, name):
    assert get(client, f"/companies/{getattr(world, name).slug}", status=404)["status"] == 404


def test_cluster_directory_page_and_members(client, world):
    body = get(client, "/clusters")
    assert slugs(body) == {world.cluster.slug, world.other_cluster.slug}
    assert slugs(get(client, "/clusters?country=PL")) == {world.other_cluster.slug}
    assert slugs(get(client, "/clusters?q=moravia")) == {world.cluster.slug}
    cluster = get(client, f"/clusters/{world.cluster.slug}")
    # The unpublished member and the pending request are not counted.
    assert (cluster["member_count"], cluster["website"], cluster["region"]) == (
        2, "https://wood-cluster.example", "Moravia")
    assert "managers" not in cluster
    members = get(client, f"/clusters/{world.cluster.slug}/members")
    assert slugs(members) == {world.cz.slug, world.at.slug} and members["total"] == 2
    assert get(client, "/clusters/no-such-cluster", status=404)["status"] == 404
    assert get(client, "/clusters/no-such-cluster/members", status=404)["status"] == 404


def test_codes_are_the_reference_lists_with_english_labels(client, world):
    body = get(client, "/codes", headers={"Accept-Language": "de"})
    assert [item["code"] for item in body["sectors"]] == list(reference.SECTORS)
    assert {"code": "AT", "label": "Austria"} in body["countries"]
    assert {"code": "wood", "label": "Wood industry"} in body["sectors"]


# --- Privacy, headers, limits --------------------------------------------------------------------------

def test_no_private_data_in_any_answer(client, world):
    paths = ["/listings", "/listings?per_page=100", "/companies?per_page=100", "/clusters",
             f"/clusters/{world.cluster.slug}", f"/clusters/{world.cluster.slug}/members", "/openapi.json"]
    paths += [f"/listings/{listing.id}" for listing in [*world.active, world.expired]]
    paths += [f"/listings/{listing.id}/matches" for listing in world.active]
    paths += [f"/companies/{company.slug}" for company in (world.cz, world.at, world.si, world.pl)]
    for path in paths:
        text = client.get(API + path).get_data(as_text=True)
        leaked = [secret for secret in SECRETS if secret in text]
        assert not leaked, f"{path} leaks {leaked}"


def test_anonymous_answers_are_publicly_cacheable_and_signed_in_ones_are_not(client, auth, world):
    response = client.get(API + "/listings")
    assert response.headers["Cache-Control"] == "public, max-age=60"
    assert "Set-Cookie" not in response.headers
    auth.sign_in(world.jana)
    response = client.get(API + "/listings")
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"


def test_lang_filter_changes_neither_language_nor_preference(client, auth, world):
    auth.sign_in(world.jana)
    response = client.get(API + "/listings?lang=de")
    assert ids(response.get_json()) == {world.offer.id}
    assert "lang=" not in response.headers.get("Set-Cookie", "")
    db.session.refresh(world.jana)
    assert world.jana.locale == "en"


def test_only_get_is_allowed(csrf_app, world):
    client = csrf_app.test_client()
    for method in ("post", "put", "patch", "delete"):
        response = getattr(client, method)(API + "/listings")
        assert response.status_code == 405
        assert "GET" in response.headers["Allow"]
        assert response.get_json()["status"] == 405


def test_unknown_api_address_is_a_json_404(client, world):
    assert get(client, "/nothing-here", status=404)["status"] == 404


def test_the_api_is_rate_limited_per_address(make_app):
    app = make_app(RATELIMIT_ENABLED=True, API_RATELIMIT="3 per minute")
    with app.app_context():
        client = app.test_client()
        client.environ_base["REMOTE_ADDR"] = "198.51.100.201"
        for _ in range(3):
            assert client.get(API + "/clusters").status_code == 200
        response = client.get(API + "/codes")  # the limit covers the whole API
        assert response.status_code == 429 and response.get_json()["status"] == 429
        other = app.test_client()
        other.environ_base["REMOTE_ADDR"] = "198.51.100.202"
        assert other.get(API + "/clusters").status_code == 200


def test_lists_need_a_fixed_number_of_queries(client, world, count_queries):
    """No N+1: a page of 100 costs what a page of 2 does."""
    for n in range(12):
        company = make_company(f"Bulk {n}", country="SK", sectors=("ict",))
        make_listing(company, sector="ict", keywords=["software", f"k{n}"], target_countries=["AT", "DE"])
        make_cluster(f"Bulk Cluster {n}", members=[company, world.cz])
    db.session.commit()
    for path in ("/listings", "/companies", "/clusters", f"/clusters/{world.cluster.slug}/members",
                 f"/listings/{world.request.id}/matches"):
        sizes = {}
        for per_page in (2, 100):
            with count_queries() as counted:
                sep = "&" if "?" in path else "?"
                query = f"{sep}per_page={per_page}" if "matches" not in path else f"{sep}limit={min(per_page, 50)}"
                assert client.get(API + path + query).status_code == 200
            sizes[per_page] = len(counted.statements)
        assert sizes[2] == sizes[100], (path, sizes)
        assert sizes[100] <= 12, (path, sizes)
