"""`delivery:`: what every backend shares, and one section per registered backend.

The model is built from the registry, so that a new backend's section is checked (with line
numbers) without this package naming it.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated, Any, Literal

from pydantic import Field, create_model, model_validator

from ..core.options import Strict
from ..delivery.backends.registry import backends
from .values import Duration, at_least


class DeliveryBase(Strict):
    """`delivery:`: what every backend shares; `_delivery_config` adds `backend` and one
    section per registered backend."""

    backend: str = "file"  # narrowed to the registered names by `_delivery_config`
    # messages, across all requests: from one every 100 s to a rate no provider allows
    max_per_second: float | None = Field(default=None, ge=0.01, le=100_000)
    # How long after an edition was made a recipient whose server keeps answering "try later"
    # is retried by later sends; then they are failed.
    give_up_after: Duration = Field(default=timedelta(hours=24), gt=timedelta(0))
    # How long a sender's claim on a batch of recipients lasts unless it renews it (it does
    # every third of this while it works): a sender gone without trace (its host lost) has
    # its batch taken over this long after it last renewed.
    lease: Annotated[Duration, at_least(timedelta(seconds=3))] = timedelta(seconds=60)

    @model_validator(mode="after")
    def _chosen_backend_configured(self) -> DeliveryBase:
        if getattr(self, self.backend) is None:
            raise ValueError(f"backend {self.backend!r} needs a delivery.{self.backend} section")
        return self


def _delivery_config() -> type[DeliveryBase]:
    """The `delivery:` model: `backend` names one of the registered backends (file by
    default), and each has its own section, optional unless the backend needs one."""
    specs = backends()
    fields: dict[str, Any] = {"backend": (Literal[tuple(specs)], "file")}
    for name, spec in specs.items():
        fields[name] = ((spec.options, Field(default_factory=spec.options))
                        if not spec.needs_section else (spec.options | None, None))
    return create_model("DeliveryConfig", __base__=DeliveryBase, **fields)


DeliveryConfig = _delivery_config()
