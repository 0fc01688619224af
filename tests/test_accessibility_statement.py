"""The accessibility statement: public, in both languages, linked from every page, naming whom to tell."""


def test_the_statement_is_public_and_linked_from_every_page(client):
    html = client.get("/login").get_data(as_text=True)
    assert 'href="/accessibility"' in html
    statement = client.get("/accessibility").get_data(as_text=True)
    assert "WCAG" in statement and "BITV 2.0" in statement and "EN 301 549" in statement
    assert "tell the trainers or the administrators who run Vernetzt for your organisation" in statement


def test_the_statement_names_the_configured_contact(app, client):
    app.config["ACCESSIBILITY_CONTACT"] = "barrierefrei@example.org"
    assert "write to barrierefrei@example.org" in client.get("/accessibility").get_data(as_text=True)


def test_the_statement_reads_in_german(client):
    html = client.get("/accessibility", headers={"Accept-Language": "de"}).get_data(as_text=True)
    assert "Erklärung zur Barrierefreiheit" in html and "Schlichtungsstelle" in html
