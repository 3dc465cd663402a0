from pathlib import Path

import pytest


@pytest.fixture
def test_templates(settings):
    """Templates used only by the core's own tests (emails and PDFs)."""
    settings.TEMPLATES = [
        {
            **settings.TEMPLATES[0],
            "DIRS": [*settings.TEMPLATES[0]["DIRS"], Path(__file__).parent / "templates"],
        }
    ]
