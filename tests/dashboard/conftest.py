import pytest

from dashboard.bundle import load_bundle
from dashboard.settings import Settings


@pytest.fixture(scope="session")
def bundle(geodata_dir, session_cache):
    """The real bundle (staged geodata + the project's public record)."""
    settings = Settings.from_env(
        {"CSIL_GEODATA_DIR": str(geodata_dir), "CSIL_CACHE_DIR": str(session_cache)}
    )
    return load_bundle(settings)
