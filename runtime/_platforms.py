"""Per-platform publish rules, as typed data (the one table the publish validator reads).

Sources: ``platform-limits.md`` (limits from the vendor's help center) and ``vendor-notes.md``
(publishing: ``type`` and ``extra`` per platform). A limit that needs the file itself (size, duration,
pixels, frame rate) is not here: a bare URL cannot be checked for it.

Reading a :class:`TypeRule`:

- ``body_max`` / ``body_required``: length of ``content`` in characters (Python code points); required
  means present and not blank.
- ``media``: attachment rules, ``None`` when the vendor documents none (Facebook stories, Reddit, Threads,
  Telegram). ``min_count == 0`` means a text-only post is allowed; such a post still needs ``content``.
- ``title``: rules for ``extra.title``. ``required_extra``: ``extra`` keys that must be present and
  non-empty. ``comment_max``: maximum characters of each ``comment`` item.

A platform with no ``types`` (Threads, Telegram) accepts any publish type of the documented union and
has no platform-specific limits.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Literal

from ._exceptions import ValidationError

__all__ = [
    "ALL_TYPES",
    "EXTENSION_KINDS",
    "MEDIA_KINDS",
    "NO_RULES",
    "PLATFORMS",
    "UPLOAD_CONTENT_TYPES",
    "UPLOAD_MAX_BYTES",
    "MediaKind",
    "MediaRule",
    "Platform",
    "TitleRule",
    "TypeRule",
    "canonical_extension",
    "platform_names",
    "resolve_platform",
]

MediaKind = Literal["image", "gif", "video"]
MEDIA_KINDS: tuple[MediaKind, ...] = ("image", "gif", "video")

# File extension (lower case, without the dot) -> media kind. Anything else is "unknown": the
# kind-specific checks are skipped for it, the count checks still apply.
EXTENSION_KINDS: Mapping[str, MediaKind] = MappingProxyType(
    {
        "jpg": "image",
        "jpeg": "image",
        "png": "image",
        "webp": "image",
        "bmp": "image",
        "gif": "gif",
        "mp4": "video",
        "m4v": "video",
        "mov": "video",
        "qt": "video",
        "avi": "video",
        "wmv": "video",
        "flv": "video",
        "webm": "video",
        "mkv": "video",
        "3gp": "video",
    }
)

# Spellings of the same format (compared after this mapping on both sides).
_EXTENSION_ALIASES: Mapping[str, str] = MappingProxyType({"jpeg": "jpg", "qt": "mov"})

# GET /v1/upload/url: the 15 MIME types the upload service accepts (vendor-notes: upload flow).
UPLOAD_CONTENT_TYPES: tuple[str, ...] = (
    "image/jpeg",
    "image/jpg",
    "image/png",
    "image/gif",
    "image/webp",
    "image/bmp",
    "video/mp4",
    "video/avi",
    "video/mov",
    "video/wmv",
    "video/flv",
    "video/webm",
    "video/mkv",
    "video/3gp",
    "video/quicktime",
)


# The largest file any platform takes, per kind (platform-limits.md): images 20 MB (TikTok, Pinterest),
# videos 2 GB (YouTube, Pinterest). The upload helper refuses a larger local file before any request.
UPLOAD_MAX_BYTES: Mapping[str, int] = MappingProxyType({"image": 20 * 2**20, "video": 2 * 2**30})


def canonical_extension(extension: str) -> str:
    """``jpeg`` -> ``jpg``, ``qt`` -> ``mov``; other extensions unchanged (lower case expected)."""
    return _EXTENSION_ALIASES.get(extension, extension)


def _kinds(*kinds: MediaKind) -> frozenset[MediaKind]:
    return frozenset(kinds)


def _formats(*extensions: str) -> frozenset[str]:
    return frozenset(canonical_extension(e) for e in extensions)


_ALL_KINDS = _kinds("image", "gif", "video")
_NO_MIXING: tuple[frozenset[MediaKind], ...] = (
    _kinds("image", "gif"),
    _kinds("image", "video"),
    _kinds("gif", "video"),
)


@dataclass(frozen=True, slots=True)
class MediaRule:
    """Attachment rules of one platform/type."""

    min_count: int = 0
    max_count: int | None = None
    allowed_kinds: frozenset[MediaKind] = _ALL_KINDS
    # (kinds counted together, maximum), e.g. (images+gifs, 20) for LinkedIn.
    caps: tuple[tuple[frozenset[MediaKind], int], ...] = ()
    # Kinds that may not appear together in one post.
    forbidden_mixes: tuple[frozenset[MediaKind], ...] = ()
    # Accepted file extensions per kind; a kind not listed is not restricted by format.
    formats: Mapping[MediaKind, frozenset[str]] = field(default_factory=lambda: MappingProxyType({}))


@dataclass(frozen=True, slots=True)
class TitleRule:
    """Rules of ``extra.title``."""

    required: bool = False
    max_length: int | None = None
    letters_digits_spaces: bool = False


@dataclass(frozen=True, slots=True)
class TypeRule:
    """Everything the validator checks for one publish type of one platform."""

    body_max: int | None = None
    body_required: bool = False
    media: MediaRule | None = None
    title: TitleRule | None = None
    required_extra: tuple[str, ...] = ()
    comment_max: int | None = None


NO_RULES = TypeRule()


@dataclass(frozen=True, slots=True)
class Platform:
    """A platform: canonical name, display label, accepted aliases and its publish types."""

    name: str
    label: str
    types: Mapping[str, TypeRule]
    aliases: tuple[str, ...] = ()
    # The platform-specific ``extra`` keys it uses (``title`` is accepted everywhere: every row of
    # platform-limits has a title column); None = not documented, any key accepted.
    extra_keys: frozenset[str] | None = frozenset()


def _frozen(rules: dict[str, TypeRule]) -> Mapping[str, TypeRule]:
    return MappingProxyType(rules)


# --- the rules, one block per row of platform-limits.md ------------------------------------------------

_FACEBOOK_POST = TypeRule(
    body_max=2200,
    media=MediaRule(
        min_count=0,
        max_count=10,
        caps=((_kinds("image"), 10), (_kinds("gif"), 1), (_kinds("video"), 1)),
        forbidden_mixes=(_kinds("image", "gif"), _kinds("image", "video")),
        formats=MappingProxyType({"image": _formats("jpg", "jpeg", "png"), "video": _formats("mp4", "mov")}),
    ),
)
_FACEBOOK_REELS = TypeRule(
    body_max=2200,
    media=MediaRule(
        min_count=1,
        max_count=1,
        allowed_kinds=_kinds("video"),
        formats=MappingProxyType({"video": _formats("mp4", "mov")}),
    ),
)
# Stories are not in the vendor's limits; the body limit is the one both Facebook rows share.
_FACEBOOK_STORIES = TypeRule(body_max=2200)

_INSTAGRAM = TypeRule(
    body_max=2200,
    media=MediaRule(
        min_count=1,
        max_count=10,
        allowed_kinds=_kinds("image", "video"),
        caps=((_kinds("image"), 10), (_kinds("video"), 1)),
        forbidden_mixes=_NO_MIXING,
        formats=MappingProxyType({"image": _formats("jpg", "jpeg", "png"), "video": _formats("mp4")}),
    ),
)

_YOUTUBE = TypeRule(
    body_max=5000,
    body_required=True,
    title=TitleRule(required=True, max_length=100),
    media=MediaRule(
        min_count=1,
        max_count=1,
        allowed_kinds=_kinds("video"),
        formats=MappingProxyType({"video": _formats("mp4", "mov")}),
    ),
)

_X_MEDIA = MediaRule(
    min_count=0,
    max_count=4,
    caps=((_kinds("image"), 4), (_kinds("gif"), 1), (_kinds("video"), 4)),
    forbidden_mixes=(_kinds("image", "gif"),),
    formats=MappingProxyType({"image": _formats("jpg", "jpeg", "png"), "video": _formats("mp4", "mov")}),
)
_X_SHORT_POST = TypeRule(body_max=280, media=_X_MEDIA)
# A long post exists to exceed 280 characters; the vendor documents no cap for it.
_X_LONG_POST = TypeRule(media=_X_MEDIA)

_LINKEDIN = TypeRule(
    body_max=3000,
    media=MediaRule(
        min_count=0,
        max_count=20,
        caps=((_kinds("image", "gif"), 20), (_kinds("video"), 1)),
        forbidden_mixes=(_kinds("image", "video"),),
        formats=MappingProxyType({"image": _formats("jpg", "png"), "video": _formats("mp4")}),
    ),
)

# TikTok: "<=1 video or <=35 images, no gif, no mixing"; the type names which one.
_TIKTOK_VIDEO = TypeRule(
    body_max=4000,
    comment_max=150,
    media=MediaRule(
        min_count=1,
        max_count=1,
        allowed_kinds=_kinds("video"),
        formats=MappingProxyType({"video": _formats("mp4", "mov")}),
    ),
)
_TIKTOK_PHOTO = TypeRule(
    body_max=4000,
    comment_max=150,
    media=MediaRule(
        min_count=1,
        max_count=35,
        allowed_kinds=_kinds("image"),
        formats=MappingProxyType({"image": _formats("jpg", "jpeg", "webp")}),
    ),
)

_TIKTOK_SHOP = TypeRule(
    body_max=2200,
    title=TitleRule(required=True, max_length=30, letters_digits_spaces=True),
    required_extra=("product",),
    media=MediaRule(min_count=1, max_count=1, allowed_kinds=_kinds("video")),
)

_PINTEREST = TypeRule(
    body_max=500,
    title=TitleRule(max_length=100),
    required_extra=("category_id",),
    media=MediaRule(
        min_count=1,
        max_count=1,
        formats=MappingProxyType({"image": _formats("jpg", "jpeg", "png"), "video": _formats("mp4")}),
    ),
)

# Reddit is not in platform-limits; a link post needs the link it shares (vendor-notes: extra.link).
_REDDIT_LINK = TypeRule(required_extra=("link",))

PLATFORMS: Mapping[str, Platform] = MappingProxyType(
    {
        p.name: p
        for p in (
            Platform(
                "facebook",
                "Facebook",
                _frozen({"reels": _FACEBOOK_REELS, "post": _FACEBOOK_POST, "stories": _FACEBOOK_STORIES}),
            ),
            Platform(
                "instagram",
                "Instagram",
                _frozen({"reels": _INSTAGRAM, "post": _INSTAGRAM, "stories": _INSTAGRAM}),
            ),
            Platform("youtube", "YouTube", _frozen({"shorts": _YOUTUBE, "video": _YOUTUBE})),
            Platform(
                "x",
                "X",
                _frozen({"short_post": _X_SHORT_POST, "long_post": _X_LONG_POST}),
                aliases=("twitter",),
            ),
            Platform("linkedin", "LinkedIn", _frozen({"post": _LINKEDIN})),
            Platform(
                "tiktok",
                "TikTok",
                _frozen({"video": _TIKTOK_VIDEO, "photo": _TIKTOK_PHOTO}),
                extra_keys=frozenset({"draft", "music"}),
            ),
            Platform(
                "tiktok_shop",
                "TikTok Shop",
                _frozen({"video": _TIKTOK_SHOP}),
                aliases=("tiktok shop", "tiktokshop", "tiktok-shop"),
                extra_keys=frozenset({"product", "music"}),
            ),
            Platform(
                "pinterest",
                "Pinterest",
                _frozen({"post": _PINTEREST}),
                extra_keys=frozenset({"category_id", "link"}),
            ),
            Platform(
                "reddit",
                "Reddit",
                _frozen({"text": NO_RULES, "link": _REDDIT_LINK, "media": NO_RULES}),
                extra_keys=frozenset({"category_id", "link", "flair"}),
            ),
            Platform("threads", "Threads", _frozen({}), extra_keys=None),
            Platform("telegram", "Telegram", _frozen({}), extra_keys=None),
        )
    }
)

# Every documented publish type, in first-seen order (the spec's `type` enum).
ALL_TYPES: tuple[str, ...] = tuple(dict.fromkeys(t for p in PLATFORMS.values() for t in p.types))

_BY_NAME: Mapping[str, Platform] = MappingProxyType(
    {name: p for p in PLATFORMS.values() for name in (p.name, *p.aliases)}
)


def platform_names() -> tuple[str, ...]:
    """Canonical platform names, in table order."""
    return tuple(PLATFORMS)


def resolve_platform(name: str) -> Platform:
    """The platform named ``name`` (case-insensitive, surrounding spaces ignored, aliases accepted).

    Raises :class:`ValidationError` with field ``platform`` for an unknown name.
    """
    if not isinstance(name, str):
        raise ValidationError("platform", f"must be a string, got {type(name).__name__}")
    key = " ".join(name.split()).lower()
    platform = _BY_NAME.get(key)
    if platform is None:
        raise ValidationError(
            "platform", f"unknown platform {name[:40]!r}; use one of: {', '.join(platform_names())}"
        )
    return platform
