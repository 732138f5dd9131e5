"""The base of every options model: config.yaml's sections and each plug-in's own section.

A leaf, so that a plug-in (a backend) can define its options without importing config,
which imports the plug-ins to build its own model from theirs.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Strict(BaseModel):
    """Unknown keys are errors (a misspelt key is reported, not ignored); values are frozen."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)
