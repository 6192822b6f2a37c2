import pytest

from dashboard.bundle import load_bundle
from dashboard.settings import Settings


@pytest.fixture(scope="session")
def bundle():
    """The real bundle: the shipped prepared geography and the project's public record."""
    return load_bundle(Settings.from_env({}))
