"""Configuration layering and start-up checks."""
import pytest

from course import create_app
from course.config import from_environment, normalise_database_url
from tests.conftest import base_config


def test_test_config_overrides_environment(monkeypatch, migrated_database):
    monkeypatch.setenv("MAIL_DEFAULT_SENDER", "env@example.org")
    monkeypatch.setenv("BASE_URL", "https://from-env.example")
    app = create_app({**base_config(migrated_database), "BASE_URL": "https://from-test.example"})
    assert app.config["MAIL_DEFAULT_SENDER"] == "env@example.org"
    assert app.config["BASE_URL"] == "https://from-test.example"


def test_instance_config_is_read_and_environment_wins(monkeypatch, tmp_path, migrated_database):
    (tmp_path / "instance").mkdir()
    (tmp_path / "instance" / "config.py").write_text('BASE_URL = "https://instance.example"\nMAIL_PORT = 2525\n')
    monkeypatch.setattr("course.PROJECT_ROOT", tmp_path)
    monkeypatch.setenv("MAIL_PORT", "465")
    app = create_app({"SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": migrated_database})
    assert app.config["BASE_URL"] == "https://instance.example"
    assert app.config["MAIL_PORT"] == 465


def test_environment_converters():
    values = from_environment(
        {"DATABASE_URL": "postgres://u@h/db", "MAIL_USE_TLS": "false", "TRUSTED_PROXIES": "2", "SECRET_KEY": "",
         "MAX_CONTENT_LENGTH": "5000000"}
    )
    assert values == {"SQLALCHEMY_DATABASE_URI": "postgres://u@h/db", "MAIL_USE_TLS": False, "TRUSTED_PROXIES": 2,
                      "MAX_CONTENT_LENGTH": 5_000_000}


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("postgres://u:p@h:5432/db", "postgresql+psycopg://u:p@h:5432/db"),
        ("postgresql://h/db", "postgresql+psycopg://h/db"),
        ("postgresql+psycopg://h/db", "postgresql+psycopg://h/db"),
        ("sqlite:///x.db", "sqlite:///x.db"),
    ],
)
def test_database_urls_use_psycopg3(url, expected):
    assert normalise_database_url(url) == expected


def test_refuses_to_start_without_secret_key(monkeypatch, migrated_database):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    config = {**base_config(migrated_database), "SECRET_KEY": None}
    with pytest.raises(RuntimeError, match="SECRET_KEY is not set"):
        create_app(config)


def test_cookies_are_secure_outside_development(migrated_database):
    config = {**base_config(migrated_database), "TESTING": False}
    del config["SESSION_COOKIE_SECURE"]
    app = create_app(config)
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["REMEMBER_COOKIE_SECURE"] is True
    assert app.config["SESSION_COOKIE_HTTPONLY"] is True
    assert app.config["SESSION_COOKIE_SAMESITE"] == "Lax"


def test_cookies_are_not_secure_when_debugging(migrated_database):
    config = {**base_config(migrated_database), "TESTING": False, "DEBUG": True}
    del config["SESSION_COOKIE_SECURE"]
    assert create_app(config).config["SESSION_COOKIE_SECURE"] is False
