"""Company pages over HTTP: create, edit, profile, directory, access control, tampered input, CSRF."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from marketplace.clusters.models import MEMBERSHIP_PENDING, ClusterMembership
from marketplace.companies.models import Company, CompanyInvitation
from marketplace.database import utcnow
from marketplace.extensions import db
from marketplace.interests import services as interests

from ..factories import make_cluster, make_company, make_listing, make_user

VALID = {
    "name": "Pellets Legnica sp. z o.o.", "country": "PL", "region": "Lower Silesia", "city": "Legnica",
    "sectors": ["wood", "energy-environment"], "size_class": "small", "founded_year": "2004",
    "website": "pellets.example", "description": "Wood pellets.\n\nWe seek distributors in AT and SI.",
    "languages": ["pl", "de"], "is_published": "y",
}


def page_text(response) -> str:
    return response.get_data(as_text=True)


def errors_of(response) -> str:
    return " ".join(re.findall(r'<p class="error"[^>]*>(.*?)</p>', page_text(response)))


# --- Access control -----------------------------------------------------------------------------------

COMPANY_ENDPOINTS = [
    ("get", "/companies/{slug}/edit"),
    ("get", "/companies/{slug}/members"),
    ("post", "/companies/{slug}/members"),
    ("post", "/companies/{slug}/invitations/{invitation}/revoke"),
    ("post", "/companies/{slug}/members/{colleague}/remove"),
]


@pytest.mark.parametrize("method, url", COMPANY_ENDPOINTS)
@pytest.mark.parametrize("role, expected", [
    ("anonymous", "sign-in"), ("outsider", 403), ("other", 403), ("manager", 403), ("member", "ok"), ("admin", "ok"),
])
def test_company_management_access(client, auth, people, method, url, role, expected):
    colleague = make_user("colleague@example.com", company=people.company)
    invitation = CompanyInvitation(company=people.company, email="x@example.com", token_hash="h" * 64,
                                   expires_at=utcnow())
    db.session.add(invitation)
    db.session.commit()
    if role != "anonymous":
        auth.sign_in(getattr(people, role))
    path = url.format(slug=people.company.slug, invitation=invitation.id, colleague=colleague.id)
    response = getattr(client, method)(path, data={"email": "new@example.com"})
    if expected == "sign-in":
        assert response.status_code == 302 and "/account/sign-in" in response.headers["Location"]
    elif expected == 403:
        assert response.status_code == 403
        assert "You do not have permission" in page_text(response)
    else:
        assert response.status_code in (200, 302)
        if response.status_code == 302:
            assert "/account/sign-in" not in response.headers["Location"]


def test_swapped_ids_of_another_company_are_not_found(client, auth, people):
    foreign = CompanyInvitation(company=people.other_company, email="x@example.com", token_hash="h" * 64,
                                expires_at=utcnow())
    db.session.add(foreign)
    db.session.commit()
    auth.sign_in(people.member)
    slug = people.company.slug
    assert client.post(f"/companies/{slug}/invitations/{foreign.id}/revoke").status_code == 404
    assert client.post(f"/companies/{slug}/members/{people.other.id}/remove").status_code == 404
    assert db.session.get(CompanyInvitation, foreign.id) is not None
    assert people.other.company_id == people.other_company.id


def test_create_page_access(client, auth, people):
    response = client.get("/companies/new")
    assert response.status_code == 302 and "/account/sign-in" in response.headers["Location"]
    auth.sign_in(people.member)
    response = client.get("/companies/new")
    assert response.status_code == 302 and response.headers["Location"].endswith("/companies/" + people.company.slug)


def test_unconfirmed_people_cannot_create_a_company(client, auth):
    user = make_user(confirmed=False)
    db.session.commit()
    auth.sign_in(user)
    response = client.get("/companies/new")
    assert response.status_code == 403
    assert "confirm your e-mail address" in page_text(response)
    assert client.post("/companies/new", data=VALID).status_code == 403
    assert db.session.scalar(select(Company)) is None


# --- Create and edit ------------------------------------------------------------------------------------

def test_create_company_profile(client, auth, people):
    auth.sign_in(people.outsider)
    form = client.get("/companies/new")
    text = page_text(form)
    assert form.status_code == 200 and 'name="sectors"' in text
    assert 'name="sectors" required' not in text  # at least one, not each one
    # partner countries come first, in their own group
    assert text.index("Partner regions") < text.index("Czechia") < text.index("Other countries") < text.index("Belgium")
    response = client.post("/companies/new", data=VALID)
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/companies/pellets-legnica-sp-z-o-o")
    company = db.session.scalar(select(Company).where(Company.slug == "pellets-legnica-sp-z-o-o"))
    assert people.outsider.company_id == company.id
    assert (company.country, company.size_class, company.founded_year) == ("PL", "small", 2004)
    assert sorted(company.sectors) == ["energy-environment", "wood"]
    assert company.website == "https://pellets.example"
    profile = page_text(client.get(response.headers["Location"]))
    assert "Your company profile is ready" in profile
    assert "Wood pellets.</p>" in profile and "We seek distributors in AT and SI.</p>" in profile


@pytest.mark.parametrize("change, field, message", [
    ({"country": "ZZ"}, "country", "Choose a country from the list."),
    ({"country": ""}, "country", "Choose a country."),
    ({"sectors": ["wood", "weapons"]}, "sectors", "Choose sectors from the list."),
    ({"sectors": []}, "sectors", "Choose at least one sector."),
    ({"size_class": "giant"}, "size_class", "Choose a size from the list."),
    ({"size_class": None}, "size_class", "Choose the company's size."),
    ({"languages": ["pl", "klingon"]}, "languages", "Choose languages from the list."),
    ({"founded_year": "1700"}, "founded_year", "Enter a year between 1800 and"),
    ({"founded_year": "3000"}, "founded_year", "Enter a year between 1800 and"),
    ({"founded_year": "soon"}, "founded_year", ""),
    ({"website": "javascript:alert(1)"}, "website", "Enter a web address starting with http"),
    ({"name": "x" * 161}, "name", "160"),
    ({"name": "   "}, "name", "Enter the company's name."),
    ({"description": "d" * 4001}, "description", "4000"),
    ({"region": "r" * 121}, "region", "120"),
])
def test_tampered_or_wrong_values_get_field_errors(client, auth, people, change, field, message):
    auth.sign_in(people.outsider)
    data = {**VALID, **change}
    data = {k: v for k, v in data.items() if v is not None}
    response = client.post("/companies/new", data=data)
    assert response.status_code == 200
    assert message in errors_of(response)
    assert f'id="{field}-error"' in page_text(response)
    assert db.session.scalar(select(Company).where(Company.name == VALID["name"])) is None
    # what the person typed is still there
    if field != "name":
        assert 'value="Pellets Legnica sp. z o.o."' in page_text(response)


def test_script_in_text_is_escaped(client, auth, people):
    auth.sign_in(people.outsider)
    evil = '<script>alert("x")</script>'
    data = {**VALID, "name": "Evil " + evil, "city": evil, "description": evil + "\nline two"}
    response = client.post("/companies/new", data=data, follow_redirects=True)
    text = page_text(response)
    assert response.status_code == 200
    assert "<script>alert" not in text
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;<br>line two" in text
    directory = page_text(client.get("/companies"))
    assert "<script>alert" not in directory and "Evil &lt;script&gt;" in directory
    edit = page_text(client.get(f"/companies/{people.outsider.company.slug}/edit"))
    assert "<script>alert" not in edit and "Edit Evil &lt;script&gt;" in edit


def test_member_edits_the_profile_and_the_slug_stays(client, auth, people):
    auth.sign_in(people.member)
    form = page_text(client.get(f"/companies/{people.company.slug}/edit"))
    assert 'value="Acme Wood"' in form and 'value="https://acme.example"' in form
    response = client.post(f"/companies/{people.company.slug}/edit", data={**VALID, "name": "Acme Timber"})
    assert response.status_code == 302 and response.headers["Location"].endswith("/companies/" + people.company.slug)
    assert people.company.name == "Acme Timber" and people.company.country == "PL"


# --- Public profile ---------------------------------------------------------------------------------------

def test_profile_discloses_contact_details_only_after_an_accepted_interest(client, auth, people):
    cluster = make_cluster("Timber Cluster", members=[people.company])
    pending = make_cluster("Pending Cluster")
    db.session.add(ClusterMembership(cluster=pending, company=people.company, status=MEMBERSHIP_PENDING))
    db.session.commit()
    text = page_text(client.get(f"/companies/{people.company.slug}"))
    assert "Acme Wood" in text and "Czechia" in text
    assert "https://acme.example" not in text and "Shown once an expression of interest is accepted" in text
    assert "member@example.com" not in text
    assert cluster.name in text and "Pending Cluster" not in text
    auth.sign_in(people.other)
    text = page_text(client.get(f"/companies/{people.company.slug}"))
    assert "https://acme.example" not in text  # signed in, but no accepted interest yet
    listing = make_listing(people.company, author=people.member)
    interest = interests.send_interest(people.other, listing, "We would like to distribute your pellets.")
    interests.accept_interest(people.member, interest, "")
    db.session.commit()
    text = page_text(client.get(f"/companies/{people.company.slug}"))
    assert 'href="https://acme.example" rel="nofollow noopener"' in text
    assert "member@example.com" not in text


@pytest.mark.parametrize("role, status", [("anonymous", 404), ("other", 404), ("member", 200), ("admin", 200)])
def test_unpublished_profile_is_found_only_by_members_and_admins(client, auth, people, role, status):
    people.company.is_published = False
    db.session.commit()
    if role != "anonymous":
        auth.sign_in(getattr(people, role))
    assert client.get(f"/companies/{people.company.slug}").status_code == status


def test_unknown_company_is_404(client):
    assert client.get("/companies/no-such-company").status_code == 404


# --- Directory ------------------------------------------------------------------------------------------

def _names_on(response) -> list[str]:
    return re.findall(r'<h2 class="card-title"><a href="/companies/[^"]+">([^<]+)</a>', page_text(response))


def test_directory_filters(client, app):
    make_company("Alpha Wood", country="CZ", sectors=["wood"], size_class="micro")
    make_company("Beta Code", country="PL", sectors=["ict", "wood"], size_class="small")
    make_company("Gamma Food", country="SI", sectors=["food"], size_class="medium")
    make_company("Hidden Wood", country="CZ", sectors=["wood"], is_published=False)
    db.session.commit()
    assert _names_on(client.get("/companies")) == ["Alpha Wood", "Beta Code", "Gamma Food"]
    assert _names_on(client.get("/companies?country=CZ")) == ["Alpha Wood"]
    assert _names_on(client.get("/companies?sector=wood")) == ["Alpha Wood", "Beta Code"]
    assert _names_on(client.get("/companies?sector=wood&size=small")) == ["Beta Code"]
    assert _names_on(client.get("/companies?q=gam")) == ["Gamma Food"]
    empty = client.get("/companies?country=AT")
    assert _names_on(empty) == [] and "No companies match these filters." in page_text(empty)
    assert "3 companies found" in page_text(client.get("/companies"))
    selected = page_text(client.get("/companies?sector=wood"))
    assert re.search(r'aria-current="true" class="facet-chosen">\s*<span>Wood industry</span> '
                     r'<span class="facet-count">2</span>', selected)
    # The other sectors are counted within the other filters, so one can widen or switch.
    assert re.search(r'href="/companies\?sector=ict"><span>Information &amp; communication technologies</span> '
                     r'<span class="facet-count">1</span>', selected)


@pytest.mark.parametrize("query", ["country=ZZ", "sector=%3Cscript%3E", "size=giant", "page=abc", "page=-1",
                                   "page=999", "country=cz", "q=" + "x" * 500, "sector=wood&sector=ict"])
def test_directory_ignores_invalid_filters(client, app, query):
    make_company("Alpha Wood")
    db.session.commit()
    response = client.get("/companies?" + query)
    assert response.status_code == 200
    assert "<script>" not in page_text(response)
    if query.startswith(("country", "sector=%3C", "size")):
        assert "have been ignored" in page_text(response) and _names_on(response) == ["Alpha Wood"]


def test_directory_pages_have_stable_urls(client, app):
    for n in range(45):
        make_company(f"Company {n:02d}", country="CZ" if n % 2 else "PL")
    db.session.commit()
    first = client.get("/companies")
    assert _names_on(first) == [f"Company {n:02d}" for n in range(20)]
    assert 'href="/companies?page=2"' in page_text(first)
    assert _names_on(client.get("/companies?page=3")) == [f"Company {n:02d}" for n in range(40, 45)]
    filtered = client.get("/companies?country=CZ&page=2")
    assert _names_on(filtered) == [f"Company {n:02d}" for n in range(41, 45, 2)]
    assert "country=CZ" in re.search(r'href="([^"]*page=1[^"]*)"', page_text(filtered)).group(1)


def test_directory_runs_a_fixed_number_of_queries(client, auth, people, count_queries):
    for n in range(30):
        make_company(f"Company {n:02d}", sectors=["wood", "ict", "food"])
    db.session.commit()
    client.get("/companies")  # warm up: the first request loads what every request loads once
    with count_queries() as counted:
        response = client.get("/companies")
    assert len(_names_on(response)) == 20
    assert len(counted.selects) <= 6, counted.selects
    auth.sign_in(people.member)
    client.get("/companies")
    with count_queries() as counted:
        client.get("/companies")
    assert len(counted.selects) <= 8, counted.selects


# --- CSRF -------------------------------------------------------------------------------------------------

def test_posts_without_csrf_token_are_refused(csrf_app):
    user = make_user()
    company = make_company(members=[user])
    db.session.commit()
    client = csrf_app.test_client()
    for path in ("/companies/new", f"/companies/{company.slug}/edit", f"/companies/{company.slug}/members",
                 "/companies/invitations/some-token"):
        response = client.post(path, data=VALID)
        assert response.status_code == 400, path
        assert "Your form expired" in page_text(response)
    assert db.session.scalar(select(Company).where(Company.name == VALID["name"])) is None
