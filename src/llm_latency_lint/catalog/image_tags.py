"""Container images by name: a build command tags an image, a manifest or a command runs it.

A Kubernetes CronJob (or a compose service, a ``docker run``) that gives no command runs its
image's own ``ENTRYPOINT`` / ``CMD``; the image is named by a registry reference
(``fdebene/ai-butler:latest``), and the repository says which Dockerfile builds it only in a build
command: ``docker build -t fdebene/ai-butler:latest .`` in a deploy script (also ``docker buildx
build ... -t NAME --push ../../``, ``podman build``, ``buildah bud``). The build is the entry
``image:<name>`` running ``docker:<its Dockerfile>`` (``-f``, else ``Dockerfile`` in the build
context); what runs the image names the same key (round 18's felipedbene/wp).

A name is compared without its registry host (``ghcr.io/``, ``123.dkr.ecr...amazonaws.com/``, a
``${REGISTRY}/`` placeholder) or digest. Its tag tells apart images of one name built from different
Dockerfiles (``team/app:bot`` from ``Dockerfile.bot``, ``team/app:digest`` from ``Dockerfile.digest``):
a reference is the key ``image:<name>:<tag>`` (no tag: ``latest``), and a build declares both that key
and ``image:<name>``, which a reference whose tag no build names falls back to
(``project/classify_entries.unique_tail``): a build tags ``:v3`` of the image the manifest pulls
as ``:latest``.
"""
from __future__ import annotations

import posixpath
import re
from typing import Iterable, List, NamedTuple, Optional

KIND = "image"
LATEST = "latest"  # the tag a reference without one names
# ``docker build`` / ``docker image build`` / ``docker buildx build`` / ``podman build`` / ``buildah bud``.
BUILDERS = ("docker", "podman", "buildah", "nerdctl")
BUILD_VERBS = (("build",), ("image", "build"), ("buildx", "build"), ("bud",), ("build-using-dockerfile",))
TAG_OPTIONS = ("-t", "--tag")
FILE_OPTIONS = ("-f", "--file")
# Options of a build that take a value (so the value is not the context).
VALUE_OPTIONS = frozenset({
    *TAG_OPTIONS, *FILE_OPTIONS, "--platform", "--build-arg", "--target", "--label", "--cache-from",
    "--cache-to", "--output", "-o", "--secret", "--ssh", "--network", "--progress", "--builder", "--iidfile",
    "--metadata-file", "--add-host", "--build-context", "--shm-size", "--ulimit", "--memory", "-m",
    "--cpu-shares", "--cgroup-parent", "--isolation", "--annotation", "--attest", "--provenance", "--sbom",
    "--allow", "--format", "--layers",
})
_REGISTRY = re.compile(r"^(?:localhost|[^/]*[.:][^/]*)$")  # ``ghcr.io``, ``localhost:5000``
_PLACEHOLDER = re.compile(r"\$\{?\w+\}?|\{\{.*?\}\}|<[^>]*>")


class Build(NamedTuple):
    """One build command: the image keys it tags and the Dockerfile / context as written."""

    keys: List[str]
    dockerfile: Optional[str]  # ``-f``, relative to where the command runs
    context: str


def image_key(reference: str) -> Optional[str]:
    """``registry.example.com/team/app:1.2`` -> ``image:team/app:1.2`` (no tag: ``:latest``; a
    digest pin alone: the name, ``image:team/app``); a reference made only of placeholders
    (``$IMAGE``) names nothing. A tag that is a placeholder (``:${TAG}``) is any tag: the name."""
    name, _, digest = reference.strip().strip("'\"").partition("@")
    parts = [p for p in name.split("/") if p]
    if not parts:
        return None
    last, colon, tag = parts[-1].partition(":")
    parts[-1] = last
    if len(parts) > 1 and (_REGISTRY.match(parts[0]) or _PLACEHOLDER.fullmatch(parts[0])):
        parts = parts[1:]
    if any(_PLACEHOLDER.search(p) for p in parts) or not all(parts):
        return None
    named = f"{KIND}:{'/'.join(parts).lower()}"
    if (digest and not colon) or (colon and (not tag or _PLACEHOLDER.search(tag))):
        return named
    return f"{named}:{tag or LATEST}"


def any_tag(value: str, keys: Iterable[str]) -> Optional[str]:
    """A reference whose tag no build names (``team/app:v9``): the key of its name's builds, that
    name written longer or shorter (``app`` for ``team/app``), the longest such; else ``None``."""
    name = untagged(f"{KIND}:{value}")[len(KIND) + 1:]
    found = [k for k in keys if k.startswith(f"{KIND}:") and ":" not in k[len(KIND) + 1:]
             and (k[len(KIND) + 1:] == name or k.endswith(f"/{name}") or name.endswith(f"/{k[len(KIND) + 1:]}"))]
    return max(found, key=len, default=None)


def untagged(key: str) -> str:
    """``image:team/app:v3`` -> ``image:team/app``: every build of that name."""
    kind, _, value = key.partition(":")
    name, _, _ = value.rpartition(":") if ":" in value else (value, "", "")
    return f"{kind}:{name}"


def build_of(words: List[str]) -> Optional[Build]:
    """The build a simple command makes (``words[0]`` is the program), if it is one."""
    if not words or posixpath.basename(words[0]) not in BUILDERS:
        return None
    rest = words[1:]
    verb = next((v for v in BUILD_VERBS if tuple(rest[:len(v)]) == v), None)
    if verb is None:
        return None
    tags: List[str] = []
    dockerfile: Optional[str] = None
    positional: List[str] = []
    args = rest[len(verb):]
    index = 0
    while index < len(args):
        word = args[index]
        name, equals, value = word.partition("=")
        if word.startswith("-") and not equals and word in VALUE_OPTIONS and index + 1 < len(args):
            name, value = word, args[index + 1]
            index += 1
        if name in TAG_OPTIONS:
            tags.append(value)
        elif name in FILE_OPTIONS:
            dockerfile = value
        elif not word.startswith("-"):
            positional.append(word)
        index += 1
    tagged = [k for k in (image_key(t) for t in tags) if k]
    if not tagged or not positional:
        return None
    keys = [key for k in tagged for key in (k, untagged(k))]  # ``:bot`` for a pull naming it, the name for others
    return Build(list(dict.fromkeys(keys)), dockerfile, positional[-1])


def dockerfiles(build: Build, folders: List[str]) -> List[str]:
    """The Dockerfile paths a build names, from each folder it may run in (the script's own, the
    repository root): ``-f`` is relative to that folder, the default ``Dockerfile`` to the context.
    A path leaving the repository, or a URL context, names nothing."""
    if "://" in build.context or build.context.startswith("git@") or build.context == "-":
        return []
    found: List[str] = []
    for folder in dict.fromkeys(folders):
        if build.dockerfile:
            path = posixpath.normpath(posixpath.join(folder, build.dockerfile))
        else:
            path = posixpath.normpath(posixpath.join(folder, build.context, "Dockerfile"))
        if not path.startswith("../") and path != ".." and not path.startswith("/") and path not in found:
            found.append(path)
    return found
