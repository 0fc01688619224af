"""The profile page and changing the password."""
from tests.conftest import PASSWORD


def test_profile_changes_name_and_language(client, auth, learner):
    auth.login(learner.email)
    response = auth.post("/profile", {"name": "  Samira Learner ", "language": "de"})
    assert response.status_code == 302
    assert learner.name == "Samira Learner" and learner.language == "de"
    assert "Ihr Profil ist gespeichert." in client.get("/profile").get_data(as_text=True)


def test_profile_language_can_follow_the_browser_again(auth, create_user):
    user = create_user(language="de")
    auth.login(user.email)
    auth.post("/profile", {"name": user.name, "language": ""})
    assert user.language is None


def test_empty_name_is_explained_and_the_language_kept(client, auth, learner):
    auth.login(learner.email)
    response = auth.post("/profile", {"name": "", "language": "de"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "This field is required." in html
    assert '<option selected value="de">' in html or '<option value="de" selected>' in html
    assert learner.name == "Sam Learner"


def test_unknown_language_is_refused(auth, learner):
    auth.login(learner.email)
    html = auth.post("/profile", {"name": "Sam", "language": "xx"}).get_data(as_text=True)
    assert "Not a valid choice" in html
    assert learner.language is None


def test_change_password_with_a_wrong_current_password(auth, learner):
    auth.login(learner.email)
    response = auth.post(
        "/profile/password",
        {"current_password": "wrong one", "password": "new long password", "confirm": "new long password"},
    )
    assert "Your current password is not correct." in response.get_data(as_text=True)
    auth.logout()
    assert auth.login(learner.email, PASSWORD).status_code == 302


def test_change_password(auth, learner):
    auth.login(learner.email)
    response = auth.post(
        "/profile/password",
        {"current_password": PASSWORD, "password": "new long password", "confirm": "new long password"},
    )
    assert response.status_code == 302
    auth.logout()
    assert auth.login(learner.email, "new long password").status_code == 302
