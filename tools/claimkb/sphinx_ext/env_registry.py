"""The registry the build reads from `claims/`, kept on Sphinx's environment, typed.

Sphinx's `BuildEnvironment` has no field for it: the build sets an attribute of its own
(`env.claimkb_registry`, pickled with the environment), which these two functions name once.
"""

from __future__ import annotations

from typing import cast

from sphinx.environment import BuildEnvironment

from ..core.registry import Registry

ATTRIBUTE = "claimkb_registry"


def registry_of(env: BuildEnvironment) -> Registry:
    return cast(Registry, getattr(env, ATTRIBUTE))


def set_registry(env: BuildEnvironment, registry: Registry) -> None:
    setattr(env, ATTRIBUTE, registry)  # noqa: B010 (an attribute Sphinx does not declare)
