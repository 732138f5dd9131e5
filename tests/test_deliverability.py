"""The whole message, headers and both parts, as SpamAssassin's local rules score it.

Needs the Debian package `spamassassin` (.ci/run installs it); without it the test fails.
"""

import re
import shutil
import subprocess

import pytest

from digest.core.models import Recipient
from digest.render.renderer import Renderer

from .messages import build_message
from .sample_digest import DATE, NEWSLETTER, sample_digest

MAX_SCORE = 1.0


def spam_score(message: bytes, home) -> tuple[float, str]:
    """SpamAssassin's score with local tests only (-L: no DNS or network), and its rules hit."""
    program = shutil.which("spamassassin")
    if program is None:
        pytest.fail("spamassassin is not installed (Debian package spamassassin; .ci/run "
                    "installs it)")
    result = subprocess.run(
        [program, "-L", "-t"], input=message, capture_output=True, timeout=120, check=True,
        env={"HOME": str(home), "PATH": "/usr/bin:/bin"},  # user prefs go to a throw-away home
    )
    status = re.search(rb"^X-Spam-Status: \w+, score=(-?[\d.]+) .*?tests=(.*?) autolearn",
                       result.stdout, re.M | re.S)
    assert status, result.stdout[:2000]
    return float(status.group(1)), " ".join(status.group(2).decode().split())


@pytest.mark.parametrize("stories", [40, 3])
def test_the_digest_scores_well_below_spam(stories, tmp_path):
    email = Renderer.create().render(sample_digest(stories), NEWSLETTER)
    message = build_message(email, Recipient("ann@example.org", "Ann Example"), NEWSLETTER, DATE)
    score, rules = spam_score(message.as_bytes(), tmp_path)
    assert score < MAX_SCORE, rules
