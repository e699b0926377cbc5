"""Validation before the network: the publish payload and the upload parameters.

Every check raises :class:`ValidationError` naming the field as a dotted path (``extra.music.music_volume``,
``attachments[2].url``) on the first problem found. The order is fixed: the ``platform`` argument, unknown
top-level fields (sorted), missing required fields, then the values of ``account_id``, ``type``, ``status``,
``scheduled_at``, ``content``, ``comment``, ``extra``, ``attachments``, and last the rules that combine
fields. Within ``extra``, the known keys are checked in the order title, category_id, link, draft, flair,
product, music, then the other keys; then the platform's title and required-key rules. Within
``attachments``: each item in order, then the count, kind, format, per-kind caps and mixing rules.

Without a platform only the platform-independent rules apply (the payload's shape and types, status and
scheduled_at, the union of publish types, attachment URLs, music). With a platform, the rules of
:mod:`._platforms` apply too: ``type`` valid for it, text and title limits, required ``extra`` keys and the
attachment counts, kinds and formats (kind and format are read from the URL's file extension, and skipped
when it has none or an unknown one).

Choices where the documents are silent:

- ``scheduled_at`` is ``'YYYY-MM-DD HH:MM:SS'`` only (the documented form); ISO 8601 with a ``T`` or a time
  zone is rejected with a message showing the expected form, since nothing says the server reads it.
- ``None`` for the optional ``content`` or ``scheduled_at`` means absent: it is left out of the returned copy.
- ``extra`` keys other than the documented ones are kept (the vendor may add some) and only checked to be
  JSON values; ``extra.flair`` and ``extra.music`` accept exactly their documented fields. With a platform,
  a documented key that only other platforms use (``flair`` on Instagram, ``draft`` on YouTube) is refused
  when it has a value; an empty one (``""``, ``false``, ``{}``: the vendor's starter template) is kept.
  ``title`` is accepted for every platform.
- An attachment item may carry keys besides ``url`` (the latest export allows them); they must be JSON values.
- Lengths are counted in Python characters (code points); a platform may count differently (emoji, URLs).
- A draft (status 0) is checked against the same platform rules as a post to publish.
- A URL whose query has a signing parameter (``X-Amz-Signature``, ``OSSAccessKeyId``, ``Signature``,
  ``Expires``, ...) is taken for an expiring pre-signed upload URL and rejected in ``attachments``.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any, Final, TypeGuard
from urllib.parse import parse_qsl, unquote, urlsplit

from ._exceptions import ValidationError
from ._platforms import (
    ALL_TYPES,
    EXTENSION_KINDS,
    MEDIA_KINDS,
    NO_RULES,
    PLATFORMS,
    UPLOAD_CONTENT_TYPES,
    MediaKind,
    MediaRule,
    Platform,
    TitleRule,
    TypeRule,
    canonical_extension,
    resolve_platform,
)

__all__ = [
    "MUSIC_FIELDS",
    "MUSIC_SELECTIONS",
    "PUBLISH_FIELDS",
    "SCHEDULED_AT_FORMAT",
    "looks_presigned",
    "validate_publish_payload",
    "validate_upload_content_type",
    "validate_upload_title",
]

PUBLISH_FIELDS: Final[tuple[str, ...]] = (
    "account_id",
    "type",
    "status",
    "scheduled_at",
    "comment",
    "content",
    "extra",
    "attachments",
)
_REQUIRED_FIELDS: Final = frozenset({"account_id", "type", "status", "comment", "extra", "attachments"})

SCHEDULED_AT_FORMAT: Final = "%Y-%m-%d %H:%M:%S"
_SCHEDULED_AT_RE: Final = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}", re.ASCII)

MUSIC_FIELDS: Final[tuple[str, ...]] = (
    "url",
    "uuid",
    "cover",
    "title",
    "artist",
    "duration",
    "selection",
    "music_volume",
    "original_sound_volume",
)
MUSIC_SELECTIONS: Final[tuple[str, ...]] = ("trending_clip", "full_track", "none")
_FLAIR_FIELDS: Final[tuple[str, ...]] = ("uuid", "title")
_KNOWN_EXTRA: Final[tuple[str, ...]] = ("title", "category_id", "link", "draft", "flair", "product", "music")

# Query parameters that mark a pre-signed (expiring) object-storage URL: AWS S3 (SigV4 and SigV2),
# Aliyun OSS (V1 and V4), Google Cloud Storage, CloudFront signed URLs. Compared in lower case.
_PRESIGNED_QUERY_KEYS: Final = frozenset(
    {
        "x-amz-signature",
        "x-amz-credential",
        "awsaccesskeyid",
        "ossaccesskeyid",
        "x-oss-signature",
        "x-oss-credential",
        "x-goog-signature",
        "x-goog-credential",
        "signature",
        "expires",
        "key-pair-id",
    }
)

UPLOAD_CONTENT_TYPE_MAX: Final = 100
UPLOAD_TITLE_MAX: Final = 255
MAX_JSON_DEPTH: Final = 32  # levels of objects/arrays inside a field (the API's values are flat)
MAX_JSON_INT: Final = 2**63 - 1
_SNIPPET: Final = 40


# --- small helpers ---------------------------------------------------------------------------------------


def _type_name(value: object) -> str:
    return "null" if value is None else type(value).__name__


def _short(value: str) -> str:
    return repr(value if len(value) <= _SNIPPET else value[:_SNIPPET] + "…")


def _shown(value: object) -> str:
    """A short repr of any value (an int too large to print is described, not printed)."""
    try:
        text = repr(value)
    except ValueError:
        return f"<{type(value).__name__} too large to show>"
    return text if len(text) <= _SNIPPET else text[:_SNIPPET] + "…"


def _key_name(key: object) -> str:
    """A mapping key as it appears in a field path (a non-string key is shown as its short repr)."""
    return key if isinstance(key, str) else _shown(key)


def _is_int(value: object) -> TypeGuard[int]:
    """A JSON integer: ``int`` but not ``bool`` (``True`` is an ``int`` in Python, never an integer here)."""
    return isinstance(value, int) and not isinstance(value, bool)


def _text(value: str, path: str) -> str:
    """``value`` if it can be sent as UTF-8 (a lone surrogate such as ``'\\ud800'`` cannot)."""
    if not value.isascii():
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise ValidationError(
                path, f"contains {value[exc.start]!r} at index {exc.start}, which is not valid Unicode text"
            ) from None
    return value


def _json_copy(value: Any, path: str, depth: int = 0) -> Any:
    """Deep copy of a JSON value: objects (string keys), arrays, strings, finite numbers, booleans, null.

    Strings must be valid Unicode, and nesting is limited to :data:`MAX_JSON_DEPTH` levels.
    """
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, str):
        return _text(value, path)
    if isinstance(value, int):
        try:
            repr(value)
        except ValueError:  # more digits than Python writes (sys.get_int_max_str_digits)
            raise ValidationError(path, "is an integer too large to send") from None
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValidationError(path, f"must be a finite number, got {value!r}")
        return value
    if isinstance(value, Mapping | list | tuple) and depth >= MAX_JSON_DEPTH:
        raise ValidationError(path, f"is nested more than {MAX_JSON_DEPTH} levels deep")
    if isinstance(value, Mapping):
        out: dict[str, Any] = {}
        for key, item in value.items():
            if not isinstance(key, str):
                raise ValidationError(
                    path, f"object keys must be strings, got {_type_name(key)} {_shown(key)}"
                )
            out[_text(key, path)] = _json_copy(item, f"{path}.{key}", depth + 1)
        return out
    if isinstance(value, list | tuple):
        return [_json_copy(item, f"{path}[{i}]", depth + 1) for i, item in enumerate(value)]
    raise ValidationError(path, f"must be a JSON value, got {_type_name(value)}")


def _string(value: object, path: str) -> str:
    if not isinstance(value, str):
        raise ValidationError(path, f"must be a string, got {_type_name(value)}")
    return _text(value, path)


def _http_url(value: object, path: str) -> str:
    url = _string(value, path)
    if url != url.strip() or any(c.isspace() for c in url):
        raise ValidationError(path, "must be a URL without spaces")
    if any(unicodedata.category(c) in ("Cc", "Cf") for c in url):  # NUL, DEL, bidi overrides ...
        raise ValidationError(path, "must not contain control or invisible characters")
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 -- raises ValueError for a port that is not a number from 0 to 65535
    except ValueError as exc:
        raise ValidationError(path, f"is not a valid URL ({exc}): {_short(url)}") from None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise ValidationError(path, f"must be an absolute http(s) URL, got {_short(url)}")
    return url


def looks_presigned(url: str) -> bool:
    query = urlsplit(url).query
    return any(key.lower() in _PRESIGNED_QUERY_KEYS for key, _ in parse_qsl(query, keep_blank_values=True))


def _media_of(url: str) -> tuple[MediaKind | None, str | None]:
    """(kind, extension) from the URL path's file extension; (None, None) if it has none or an unknown one."""
    last = unquote(urlsplit(url).path).rsplit("/", 1)[-1]
    if "." not in last:
        return None, None
    extension = last.rsplit(".", 1)[1].lower()
    kind = EXTENSION_KINDS.get(extension)
    return (kind, extension) if kind is not None else (None, None)


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _kinds_text(kinds: frozenset[MediaKind]) -> str:
    return " and ".join(k for k in MEDIA_KINDS if k in kinds)


# --- top-level fields ------------------------------------------------------------------------------------


def _account_id(value: object) -> int:
    if not _is_int(value):
        raise ValidationError("account_id", f"must be an integer, got {_type_name(value)}")
    if not 1 <= value <= MAX_JSON_INT:
        raise ValidationError(
            "account_id", f"must be a positive integer that fits 64 bits, got {_shown(value)}"
        )
    return value


def _publish_type(value: object, platform: Platform | None) -> str:
    kind = _string(value, "type")
    allowed = tuple(platform.types) if platform is not None and platform.types else ALL_TYPES
    if kind not in allowed:
        where = f" of {platform.label}" if platform is not None and platform.types else ""
        raise ValidationError(
            "type", f"{_short(kind)} is not a publish type{where}; use one of: {', '.join(allowed)}"
        )
    return kind


def _status(value: object) -> int:
    if not _is_int(value) or value not in (0, 1):
        shown = _shown(value) if isinstance(value, int) else _type_name(value)
        raise ValidationError("status", f"must be 0 (draft) or 1 (publish), got {shown}")
    return value


def _scheduled_at(value: object, status: int) -> str:
    text = _string(value, "scheduled_at")
    if text == "":
        return text
    if status != 1:
        raise ValidationError(
            "scheduled_at", "only allowed with status 1 (publish); leave it empty for a draft"
        )
    if not _SCHEDULED_AT_RE.fullmatch(text):
        raise ValidationError(
            "scheduled_at", f"must be 'YYYY-MM-DD HH:MM:SS' (e.g. '2026-05-01 09:30:00'), got {_short(text)}"
        )
    try:
        datetime.strptime(text, SCHEDULED_AT_FORMAT)  # a wall-clock time, as the API expects it
    except ValueError:
        raise ValidationError("scheduled_at", f"is not a real date and time: {_short(text)}") from None
    return text


def _content(value: object, rule: TypeRule, label: str) -> str | None:
    text = None if value is None else _string(value, "content")
    if rule.body_required and (text is None or not text.strip()):
        limit = f" (1–{rule.body_max} characters)" if rule.body_max is not None else ""
        raise ValidationError("content", f"is required for {label}{limit}")
    if text is not None and rule.body_max is not None and len(text) > rule.body_max:
        raise ValidationError("content", f"is {len(text)} characters; {label} allows at most {rule.body_max}")
    return text


def _comments(value: object, rule: TypeRule, label: str) -> list[str]:
    if not isinstance(value, list | tuple):
        raise ValidationError("comment", f"must be a list of strings (may be empty), got {_type_name(value)}")
    comments: list[str] = []
    for i, item in enumerate(value):
        text = _string(item, f"comment[{i}]")
        if rule.comment_max is not None and len(text) > rule.comment_max:
            raise ValidationError(
                f"comment[{i}]", f"is {len(text)} characters; {label} allows at most {rule.comment_max}"
            )
        comments.append(text)
    return comments


# --- extra -----------------------------------------------------------------------------------------------


def _extra_link(value: object, path: str) -> str:
    link = _string(value, path)
    return _http_url(link, path) if link else link


def _extra_draft(value: object, path: str) -> bool:
    if not isinstance(value, bool):
        raise ValidationError(path, f"must be true or false, got {_type_name(value)}")
    return value


def _extra_product(value: object, path: str) -> Any:
    """TikTok Shop's product: an id (a string, or a positive integer) or an object; never a flag."""
    if value is None or (isinstance(value, str) and not value):
        return value  # empty: required only for TikTok Shop, which reports it as missing
    if (
        isinstance(value, bool)
        or (isinstance(value, int) and value < 1)
        or not isinstance(value, str | int | Mapping)
    ):
        raise ValidationError(
            path, f"must be a product id (a string or a positive integer) or an object, got {_shown(value)}"
        )
    return _json_copy(value, path)


def _extra_flair(value: object, path: str) -> dict[str, str]:
    if not isinstance(value, Mapping):
        raise ValidationError(path, f"must be an object {{uuid, title}}, got {_type_name(value)}")
    flair: dict[str, str] = {}
    for name in _FLAIR_FIELDS:
        if name not in value:
            raise ValidationError(f"{path}.{name}", "is required")
        flair[name] = _string(value[name], f"{path}.{name}")
    for key in value:
        if key not in _FLAIR_FIELDS:
            raise ValidationError(
                f"{path}.{_key_name(key)}", "unknown field; a flair has only uuid and title"
            )
    return flair


def _music_volume(value: object, path: str) -> int:
    if not _is_int(value):
        shown = repr(value) if isinstance(value, bool) else _type_name(value)
        raise ValidationError(
            path, f"must be an integer from 0 to 100 (booleans are not volumes), got {shown}"
        )
    if not 0 <= value <= 100:
        raise ValidationError(path, f"must be an integer from 0 to 100, got {_shown(value)}")
    return value


def _music_duration(value: object, path: str) -> int | float:
    if not isinstance(value, int | float) or isinstance(value, bool):
        raise ValidationError(path, f"must be a number of seconds >= 0, got {_type_name(value)}")
    if (isinstance(value, int) and value > MAX_JSON_INT) or not math.isfinite(value) or value < 0:
        raise ValidationError(path, f"must be a number of seconds >= 0, got {_shown(value)}")
    return value


def _music_selection(value: object, path: str) -> str:
    selection = _string(value, path)
    if selection not in MUSIC_SELECTIONS:
        raise ValidationError(path, f"{_short(selection)} is not one of: {', '.join(MUSIC_SELECTIONS)}")
    return selection


_MUSIC_CHECKS: Final[Mapping[str, Callable[[object, str], Any]]] = {
    "url": _string,
    "uuid": _string,
    "cover": _string,
    "title": _string,
    "artist": _string,
    "duration": _music_duration,
    "selection": _music_selection,
    "music_volume": _music_volume,
    "original_sound_volume": _music_volume,
}


def _extra_music(value: object, path: str) -> dict[str, Any]:
    if not isinstance(value, Mapping):
        raise ValidationError(path, f"must be an object with the nine music fields, got {_type_name(value)}")
    music: dict[str, Any] = {}
    for name in MUSIC_FIELDS:
        if name not in value:
            raise ValidationError(f"{path}.{name}", "is required (music has nine fields)")
        music[name] = _MUSIC_CHECKS[name](value[name], f"{path}.{name}")
    for key in value:
        if key not in _MUSIC_CHECKS:
            raise ValidationError(
                f"{path}.{_key_name(key)}", f"unknown field; music has only: {', '.join(MUSIC_FIELDS)}"
            )
    return music


_EXTRA_CHECKS: Final[Mapping[str, Callable[[object, str], Any]]] = {
    "title": _string,
    "category_id": _string,
    "link": _extra_link,
    "draft": _extra_draft,
    "flair": _extra_flair,
    "product": _extra_product,
    "music": _extra_music,
}


def _title(title: object, rule: TitleRule, label: str) -> None:
    path = "extra.title"
    if title is None or (isinstance(title, str) and not title.strip()):
        if rule.required:
            limit = f" (1–{rule.max_length} characters)" if rule.max_length is not None else ""
            raise ValidationError(path, f"is required for {label}{limit}")
        return
    assert isinstance(title, str)
    if rule.max_length is not None and len(title) > rule.max_length:
        raise ValidationError(path, f"is {len(title)} characters; {label} allows at most {rule.max_length}")
    if rule.letters_digits_spaces and not all(c.isalnum() or c == " " for c in title):
        bad = next(c for c in title if not (c.isalnum() or c == " "))
        raise ValidationError(
            path, f"{label} titles may contain only letters, digits and spaces (found {bad!r})"
        )


def _is_empty(value: object) -> bool:
    return value is None or (isinstance(value, str | list | tuple | Mapping) and not value)


def _users_of(key: str) -> str:
    names = [p.label for p in PLATFORMS.values() if p.extra_keys is not None and key in p.extra_keys]
    return ", ".join(names) or "no platform"


def _extra(value: object, rule: TypeRule, label: str, platform: Platform | None) -> dict[str, Any]:
    if not isinstance(value, Mapping):
        raise ValidationError("extra", f"must be an object (may be empty), got {_type_name(value)}")
    for key in value:
        if not isinstance(key, str):
            raise ValidationError("extra", f"keys must be strings, got {_type_name(key)} {_shown(key)}")
        _text(key, "extra")
    checked: dict[str, Any] = {}
    for name in _KNOWN_EXTRA:
        if name in value:
            checked[name] = _EXTRA_CHECKS[name](value[name], f"extra.{name}")
            # Another platform's key with a value is a mistake (it would be ignored, or refused);
            # an empty one ("", false, {}) is the vendor's starter template, harmless.
            allowed = platform.extra_keys if platform is not None else None
            foreign = allowed is not None and name != "title" and name not in allowed
            if foreign and not _is_empty(checked[name]) and checked[name] is not False:
                assert platform is not None
                raise ValidationError(
                    f"extra.{name}", f"is not used by {platform.label}; it is used only by {_users_of(name)}"
                )
    for key, item in value.items():
        if key not in checked:
            checked[key] = _json_copy(item, f"extra.{key}")
    if rule.title is not None:
        _title(checked.get("title"), rule.title, label)
    for name in rule.required_extra:
        if _is_empty(checked.get(name)):
            raise ValidationError(f"extra.{name}", f"is required for {label}")
    return {key: checked[key] for key in value}


# --- attachments -----------------------------------------------------------------------------------------


def _attachment(value: object, index: int) -> dict[str, Any]:
    path = f"attachments[{index}]"
    if not isinstance(value, Mapping):
        raise ValidationError(path, f"must be an object {{url}}, got {_type_name(value)}")
    if "url" not in value:
        raise ValidationError(f"{path}.url", "is required")
    url = _http_url(value["url"], f"{path}.url")
    if looks_presigned(url):
        raise ValidationError(
            f"{path}.url",
            "looks like an expiring pre-signed upload URL; use the public_url returned with it "
            "(uploads.get_url / uploads.upload_file)",
        )
    item: dict[str, Any] = _json_copy(value, path)
    item["url"] = url
    return item


def _check_media(urls: list[str], media: MediaRule, label: str) -> None:
    count = len(urls)
    if count < media.min_count:
        if media.max_count == media.min_count:
            need = f"exactly {_plural(media.min_count, 'attachment')}"
        else:
            need = f"at least {_plural(media.min_count, 'attachment')} (text-only posts are not allowed)"
        raise ValidationError("attachments", f"{label} needs {need}, got {count}")
    if media.max_count is not None and count > media.max_count:
        if media.max_count == media.min_count:
            raise ValidationError(
                "attachments", f"{label} needs exactly {_plural(media.max_count, 'attachment')}, got {count}"
            )
        raise ValidationError(
            "attachments", f"{label} allows at most {media.max_count} attachments, got {count}"
        )
    present: dict[MediaKind, int] = {}
    for i, url in enumerate(urls):
        kind, extension = _media_of(url)
        if kind is None or extension is None:
            continue
        if kind not in media.allowed_kinds:
            raise ValidationError(
                f"attachments[{i}].url",
                f"{'an' if kind == 'image' else 'a'} {kind} (.{extension}) is not allowed for {label}; "
                f"allowed: {_kinds_text(media.allowed_kinds)}",
            )
        formats = media.formats.get(kind)
        if formats is not None and canonical_extension(extension) not in formats:
            raise ValidationError(
                f"attachments[{i}].url",
                f"{label} does not accept .{extension} {kind}s; use {', '.join(sorted(formats))}",
            )
        present[kind] = present.get(kind, 0) + 1
    for kinds, cap in media.caps:
        used = sum(present.get(k, 0) for k in kinds)
        if used > cap:
            nouns = " and ".join(k if cap == 1 else f"{k}s" for k in MEDIA_KINDS if k in kinds)
            allowed = f"{cap} {nouns}" + (" together" if len(kinds) > 1 else "")
            raise ValidationError("attachments", f"{label} allows at most {allowed}, got {used}")
    for mix in media.forbidden_mixes:
        if all(present.get(k, 0) for k in mix):
            raise ValidationError(
                "attachments", f"{label} does not allow {_kinds_text(mix)} in the same post"
            )


def _attachments(value: object, rule: TypeRule, label: str) -> list[dict[str, Any]]:
    if not isinstance(value, list | tuple):
        raise ValidationError("attachments", f"must be a list of {{url}} objects, got {_type_name(value)}")
    items = [_attachment(item, i) for i, item in enumerate(value)]
    if rule.media is not None:
        _check_media([item["url"] for item in items], rule.media, label)
    return items


# --- public API ------------------------------------------------------------------------------------------


def validate_publish_payload(payload: Mapping[str, Any], *, platform: str | None = None) -> dict[str, Any]:
    """Check a publish payload before it is sent; return a clean JSON-ready copy (the input is not changed).

    ``platform`` (case-insensitive; aliases ``twitter``, ``tiktok shop``, ``tiktokshop``) adds that platform's
    rules. Raises :class:`ValidationError` naming the first offending field.
    """
    target = resolve_platform(platform) if platform is not None else None
    if not isinstance(payload, Mapping):
        raise ValidationError("payload", f"must be a JSON object, got {_type_name(payload)}")
    unknown = sorted(_key_name(key) for key in payload if key not in PUBLISH_FIELDS)
    if unknown:
        raise ValidationError(
            unknown[0], f"unknown field; a publish payload has only: {', '.join(PUBLISH_FIELDS)}"
        )
    for name in PUBLISH_FIELDS:
        if name in _REQUIRED_FIELDS and name not in payload:
            raise ValidationError(name, "is required")

    account_id = _account_id(payload["account_id"])
    publish_type = _publish_type(payload["type"], target)
    rule = target.types.get(publish_type, NO_RULES) if target is not None else NO_RULES
    label = f"{target.label} {publish_type}" if target is not None else "this platform"
    status = _status(payload["status"])

    clean: dict[str, Any] = {"account_id": account_id, "type": publish_type, "status": status}
    scheduled_at = payload.get("scheduled_at")
    if scheduled_at is not None:
        clean["scheduled_at"] = _scheduled_at(scheduled_at, status)
    content = _content(payload.get("content"), rule, label)
    clean["comment"] = _comments(payload["comment"], rule, label)
    if content is not None:
        clean["content"] = content
    clean["extra"] = _extra(payload["extra"], rule, label, target)
    clean["attachments"] = _attachments(payload["attachments"], rule, label)

    media = rule.media
    if (
        media is not None
        and media.min_count == 0
        and not clean["attachments"]
        and not (content or "").strip()
    ):
        raise ValidationError("content", f"is required: a {label} without attachments must have text")
    return {key: clean[key] for key in payload if key in clean}


def validate_upload_content_type(content_type: str) -> str:
    """Check the MIME type for ``GET /v1/upload/url`` against the 15-type allowlist; return it normalised.

    Surrounding whitespace is removed and the type is lower-cased (MIME types are case-insensitive,
    RFC 2045). Use the returned value both for the upload URL request and as the upload's Content-Type:
    the pre-signed URL is signed for it. Parameters (``; charset=...``) are rejected.
    """
    if not isinstance(content_type, str):
        raise ValidationError("content_type", f"must be a string, got {_type_name(content_type)}")
    if len(content_type) > UPLOAD_CONTENT_TYPE_MAX:
        raise ValidationError(
            "content_type",
            f"is {len(content_type)} characters; at most {UPLOAD_CONTENT_TYPE_MAX} are allowed",
        )
    normalised = content_type.strip().lower()
    if normalised not in UPLOAD_CONTENT_TYPES:
        raise ValidationError(
            "content_type",
            f"{_short(content_type)} is not accepted for upload; "
            f"use one of: {', '.join(UPLOAD_CONTENT_TYPES)}",
        )
    return normalised


def validate_upload_title(title: str | None) -> str | None:
    """Check the optional upload title (at most 255 characters); ``None`` stays ``None``."""
    if title is None:
        return None
    if not isinstance(title, str):
        raise ValidationError("title", f"must be a string, got {_type_name(title)}")
    if len(title) > UPLOAD_TITLE_MAX:
        raise ValidationError("title", f"is {len(title)} characters; at most {UPLOAD_TITLE_MAX} are allowed")
    return _text(title, "title")
