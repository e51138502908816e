"""Settings read from the environment: the hosting settings (URL_PREFIX, TRUSTED_PROXIES)."""

from __future__ import annotations

import pytest

from settings import Settings, normalise_prefix


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (None, "/"),
        ("", "/"),
        ("/", "/"),
        ("dashboards/outcome-bees", "/dashboards/outcome-bees/"),
        ("/dashboards/outcome-bees", "/dashboards/outcome-bees/"),
        ("/dashboards/outcome-bees/", "/dashboards/outcome-bees/"),
        (" //dashboards//outcome-bees// ", "/dashboards/outcome-bees/"),
    ],
)
def test_url_prefix_starts_and_ends_with_a_slash(raw: str | None, expected: str) -> None:
    assert normalise_prefix(raw) == expected


def test_defaults_serve_at_the_root_and_trust_no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("URL_PREFIX", raising=False)
    monkeypatch.delenv("TRUSTED_PROXIES", raising=False)
    settings = Settings.from_env()
    assert settings.url_prefix == "/"
    assert settings.trusted_proxies == 0
    assert Settings().url_prefix == "/" and Settings().trusted_proxies == 0


def test_read_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("URL_PREFIX", "/dashboards/outcome-bees")
    monkeypatch.setenv("TRUSTED_PROXIES", "2")
    settings = Settings.from_env()
    assert settings.url_prefix == "/dashboards/outcome-bees/"
    assert settings.trusted_proxies == 2


def test_a_prefix_given_directly_is_normalised_too() -> None:
    assert Settings(url_prefix="dashboards/outcome-bees").url_prefix == "/dashboards/outcome-bees/"


@pytest.mark.parametrize("raw", ["yes", "-1", "1.5"])
def test_trusted_proxies_must_be_a_whole_number(monkeypatch: pytest.MonkeyPatch, raw: str) -> None:
    monkeypatch.setenv("TRUSTED_PROXIES", raw)
    with pytest.raises(ValueError, match="TRUSTED_PROXIES"):
        Settings.from_env()


def test_home_area_defaults_to_hertfordshire_and_is_read_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("HOME_AREA", raising=False)
    assert Settings.from_env().home_area == "E10000015"
    monkeypatch.setenv("HOME_AREA", " e10000012 ")
    assert Settings.from_env().home_area == "E10000012"
