"""Validation before the network: the publish payload (per platform) and the upload parameters.

Table-driven: one case per rule, each asserting the exact ``field`` of the ValidationError and a fragment of
its message. Hypothesis checks that generated valid payloads pass unchanged and that a volume flipped to a
boolean or out of range always fails naming that volume.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from importlib import resources
from typing import Any, cast

import pytest
from hypothesis import given
from hypothesis import strategies as st
from socialecho_client._runtime._exceptions import SocialEchoError, ValidationError
from socialecho_client._runtime._platforms import ALL_TYPES, PLATFORMS, UPLOAD_CONTENT_TYPES, resolve_platform
from socialecho_client._runtime._validation import (
    MUSIC_FIELDS,
    MUSIC_SELECTIONS,
    validate_publish_payload,
    validate_upload_content_type,
    validate_upload_title,
)

from conftest import shared_dir

CDN = "https://cdn.example.com/media"
DROP = object()  # in a change set: delete the key

MUSIC: dict[str, Any] = {
    "url": "https://cdn.example.com/music/track.mp3",
    "uuid": "m-1",
    "cover": "https://cdn.example.com/music/cover.jpg",
    "title": "Track",
    "artist": "Artist",
    "duration": 30.5,
    "selection": "trending_clip",
    "music_volume": 80,
    "original_sound_volume": 20,
}


def media(*names: str) -> list[dict[str, Any]]:
    return [{"url": f"{CDN}/{name}"} for name in names]


def many(count: int, ext: str) -> list[dict[str, Any]]:
    return media(*(f"f{i}.{ext}" for i in range(count)))


def _base(type_: str, **fields: Any) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "account_id": 163751,
        "type": type_,
        "status": 1,
        "comment": [],
        "extra": {},
        "attachments": [],
    }
    payload.update(fields)
    return payload


# One valid payload per platform/type; each case below changes one thing in one of them.
BASES: dict[str, tuple[str | None, dict[str, Any]]] = {
    "any": (None, _base("post", content="Hello", attachments=media("a.jpg"))),
    "facebook": ("facebook", _base("post", content="Hello", attachments=media("a.jpg"))),
    "facebook_reels": ("facebook", _base("reels", attachments=media("clip.mp4"))),
    "facebook_stories": ("facebook", _base("stories", attachments=media("a.jpg"))),
    "instagram": ("instagram", _base("post", attachments=media("a.jpg"))),
    "youtube": (
        "youtube",
        _base("video", content="Description", extra={"title": "My video"}, attachments=media("clip.mp4")),
    ),
    "x": ("x", _base("short_post", content="Hi")),
    "linkedin": ("linkedin", _base("post", content="Hi")),
    "tiktok": (
        "tiktok",
        _base(
            "video",
            comment=["first!"],
            extra={"draft": False, "music": copy.deepcopy(MUSIC)},
            attachments=media("clip.mp4"),
        ),
    ),
    "tiktok_photo": ("tiktok", _base("photo", attachments=media("a.jpg", "b.webp"))),
    "tiktok_shop": (
        "tiktok_shop",
        _base(
            "video",
            extra={"title": "Summer sale 2026", "product": {"id": "p-1"}, "music": copy.deepcopy(MUSIC)},
            attachments=media("clip.mp4"),
        ),
    ),
    "pinterest": (
        "pinterest",
        _base(
            "post",
            extra={"title": "Pin", "category_id": "board-1", "link": "https://shop.example.com/p"},
            attachments=media("a.png"),
        ),
    ),
    "reddit": (
        "reddit",
        _base(
            "text",
            content="Body",
            extra={"title": "Hello", "category_id": "c-1", "flair": {"uuid": "f-1", "title": "News"}},
        ),
    ),
    "threads": ("threads", _base("post", content="Hi")),
    "telegram": ("telegram", _base("post", content="Hi")),
}

_STEP = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def patched(base: Mapping[str, Any], changes: Mapping[str, object]) -> dict[str, Any]:
    """A deep copy of ``base`` with ``changes`` applied (keys are paths: ``extra.music.url``, ``a[0].b``)."""
    payload: dict[str, Any] = copy.deepcopy(dict(base))
    for path, value in changes.items():
        steps: list[str | int] = [name if name else int(index) for name, index in _STEP.findall(path)]
        target: Any = payload
        for step in steps[:-1]:
            target = target[step]
        if value is DROP:
            del target[steps[-1]]
        else:
            target[steps[-1]] = value
    return payload


def case(id_: str, base: str, changes: Mapping[str, object], field_: str, fragment: str) -> Any:
    return pytest.param(base, changes, field_, fragment, id=id_)


def invalid(base: str, changes: Mapping[str, object]) -> ValidationError:
    platform, payload = BASES[base]
    with pytest.raises(ValidationError) as info:
        validate_publish_payload(patched(payload, changes), platform=platform)
    return info.value


INVALID = [
    # --- shape and top-level fields -------------------------------------------------------------------
    case("unknown-top-level-field", "any", {"schedule_at": ""}, "schedule_at", "unknown field"),
    case("missing-account_id", "any", {"account_id": DROP}, "account_id", "is required"),
    case("missing-type", "any", {"type": DROP}, "type", "is required"),
    case("missing-status", "any", {"status": DROP}, "status", "is required"),
    case("missing-comment", "any", {"comment": DROP}, "comment", "is required"),
    case("missing-extra", "any", {"extra": DROP}, "extra", "is required"),
    case("missing-attachments", "any", {"attachments": DROP}, "attachments", "is required"),
    case("account_id-bool", "any", {"account_id": True}, "account_id", "must be an integer"),
    case("account_id-string", "any", {"account_id": "163751"}, "account_id", "must be an integer"),
    case("account_id-float", "any", {"account_id": 5.0}, "account_id", "must be an integer"),
    case("account_id-zero", "any", {"account_id": 0}, "account_id", "positive integer"),
    case("type-not-string", "any", {"type": 1}, "type", "must be a string"),
    case("type-not-in-union", "any", {"type": "tweet"}, "type", "is not a publish type; use one of: reels"),
    case(
        "type-wrong-for-youtube", "youtube", {"type": "post"}, "type", "of YouTube; use one of: shorts, video"
    ),
    case("type-wrong-for-x", "x", {"type": "post"}, "type", "short_post, long_post"),
    case("type-union-for-threads", "threads", {"type": "tweet"}, "type", "is not a publish type"),
    case("status-bool", "any", {"status": True}, "status", "0 (draft) or 1 (publish), got True"),
    case("status-out-of-range", "any", {"status": 2}, "status", "got 2"),
    case("status-string", "any", {"status": "1"}, "status", "got str"),
    case(
        "scheduled_at-with-draft",
        "any",
        {"status": 0, "scheduled_at": "2026-05-01 09:30:00"},
        "scheduled_at",
        "only allowed with status 1",
    ),
    case("scheduled_at-iso-t", "any", {"scheduled_at": "2026-05-01T09:30:00"}, "scheduled_at", "HH:MM:SS"),
    case(
        "scheduled_at-timezone", "any", {"scheduled_at": "2026-05-01 09:30:00+08:00"}, "scheduled_at", "HH:MM"
    ),
    case("scheduled_at-date-only", "any", {"scheduled_at": "2026-05-01"}, "scheduled_at", "YYYY-MM-DD"),
    case(
        "scheduled_at-impossible", "any", {"scheduled_at": "2026-02-30 10:00:00"}, "scheduled_at", "real date"
    ),
    case("scheduled_at-number", "any", {"scheduled_at": 1777777777}, "scheduled_at", "must be a string"),
    case("content-not-string", "any", {"content": ["Hello"]}, "content", "must be a string"),
    case(
        "content-required-youtube", "youtube", {"content": DROP}, "content", "is required for YouTube video"
    ),
    case("content-blank-youtube", "youtube", {"content": "  "}, "content", "(1–5000 characters)"),
    case(
        "text-only-post-without-text",
        "facebook",
        {"content": "", "attachments": []},
        "content",
        "without attachments must have text",
    ),
    case("text-only-x-without-text", "x", {"content": DROP}, "content", "without attachments"),
    case("comment-not-list", "any", {"comment": "nice"}, "comment", "must be a list of strings"),
    case("comment-item-not-string", "any", {"comment": ["ok", 3]}, "comment[1]", "must be a string"),
    case("comment-tiktok-151", "tiktok", {"comment": ["ok", "c" * 151]}, "comment[1]", "at most 150"),
    # --- extra ----------------------------------------------------------------------------------------
    case("extra-not-object", "any", {"extra": []}, "extra", "must be an object"),
    case("extra-title-not-string", "any", {"extra": {"title": 5}}, "extra.title", "must be a string"),
    case(
        "extra-category_id-int", "any", {"extra": {"category_id": 7}}, "extra.category_id", "must be a string"
    ),
    case("extra-link-relative", "any", {"extra": {"link": "/p/1"}}, "extra.link", "absolute http(s) URL"),
    case("extra-draft-string", "any", {"extra": {"draft": "false"}}, "extra.draft", "true or false"),
    case("extra-draft-int", "any", {"extra": {"draft": 0}}, "extra.draft", "true or false"),
    case("flair-not-object", "reddit", {"extra.flair": "News"}, "extra.flair", "must be an object"),
    case("flair-missing-title", "reddit", {"extra.flair.title": DROP}, "extra.flair.title", "is required"),
    case("flair-uuid-int", "reddit", {"extra.flair.uuid": 9}, "extra.flair.uuid", "must be a string"),
    case("flair-unknown-key", "reddit", {"extra.flair.color": "red"}, "extra.flair.color", "unknown field"),
    case("music-not-object", "tiktok", {"extra.music": "track"}, "extra.music", "nine music fields"),
    case("music-missing-cover", "tiktok", {"extra.music.cover": DROP}, "extra.music.cover", "is required"),
    case("music-unknown-key", "tiktok", {"extra.music.genre": "pop"}, "extra.music.genre", "unknown field"),
    case("music-url-not-string", "tiktok", {"extra.music.url": 1}, "extra.music.url", "must be a string"),
    case("music-duration-negative", "tiktok", {"extra.music.duration": -1}, "extra.music.duration", ">= 0"),
    case("music-duration-bool", "tiktok", {"extra.music.duration": True}, "extra.music.duration", "got bool"),
    case(
        "music-duration-string", "tiktok", {"extra.music.duration": "30"}, "extra.music.duration", "got str"
    ),
    case(
        "music-duration-nan", "tiktok", {"extra.music.duration": float("nan")}, "extra.music.duration", "nan"
    ),
    case(
        "music-selection-unknown",
        "tiktok",
        {"extra.music.selection": "random"},
        "extra.music.selection",
        "trending_clip, full_track, none",
    ),
    case(
        "music_volume-true",
        "tiktok",
        {"extra.music.music_volume": True},
        "extra.music.music_volume",
        "booleans are not volumes",
    ),
    case(
        "original_sound_volume-false",
        "tiktok_shop",
        {"extra.music.original_sound_volume": False},
        "extra.music.original_sound_volume",
        "got False",
    ),
    case(
        "music_volume-101",
        "tiktok",
        {"extra.music.music_volume": 101},
        "extra.music.music_volume",
        "0 to 100",
    ),
    case(
        "original_sound_volume-negative",
        "tiktok",
        {"extra.music.original_sound_volume": -1},
        "extra.music.original_sound_volume",
        "got -1",
    ),
    case(
        "music_volume-float",
        "tiktok",
        {"extra.music.music_volume": 50.0},
        "extra.music.music_volume",
        "float",
    ),
    case("music-checked-without-platform", "any", {"extra": {"music": {}}}, "extra.music.url", "is required"),
    case("extra-unknown-not-json", "any", {"extra": {"custom": {1, 2}}}, "extra.custom", "JSON value"),
    case(
        "extra-unknown-nested", "any", {"extra": {"custom": {"a": [object()]}}}, "extra.custom.a[0]", "JSON"
    ),
    case("extra-unknown-infinite", "any", {"extra": {"ratio": float("inf")}}, "extra.ratio", "finite number"),
    case("youtube-title-missing", "youtube", {"extra.title": DROP}, "extra.title", "is required for YouTube"),
    case("youtube-title-blank", "youtube", {"extra.title": " "}, "extra.title", "(1–100 characters)"),
    case("youtube-title-101", "youtube", {"extra.title": "t" * 101}, "extra.title", "at most 100"),
    case("pinterest-title-101", "pinterest", {"extra.title": "t" * 101}, "extra.title", "at most 100"),
    case("tiktok_shop-title-31", "tiktok_shop", {"extra.title": "t" * 31}, "extra.title", "at most 30"),
    case(
        "tiktok_shop-title-punctuation",
        "tiktok_shop",
        {"extra.title": "Sale!"},
        "extra.title",
        "only letters, digits and spaces (found '!')",
    ),
    case("tiktok_shop-title-missing", "tiktok_shop", {"extra.title": DROP}, "extra.title", "is required"),
    case(
        "tiktok_shop-product-missing", "tiktok_shop", {"extra.product": DROP}, "extra.product", "TikTok Shop"
    ),
    case("tiktok_shop-product-empty", "tiktok_shop", {"extra.product": {}}, "extra.product", "is required"),
    case("pinterest-board-empty", "pinterest", {"extra.category_id": ""}, "extra.category_id", "is required"),
    case(
        "pinterest-board-missing", "pinterest", {"extra.category_id": DROP}, "extra.category_id", "Pinterest"
    ),
    # --- attachments: shape and URLs -------------------------------------------------------------------
    case("attachments-not-list", "any", {"attachments": {"url": f"{CDN}/a.jpg"}}, "attachments", "list"),
    case("attachment-not-object", "any", {"attachments": [f"{CDN}/a.jpg"]}, "attachments[0]", "object"),
    case(
        "attachment-missing-url", "any", {"attachments": [{"href": "x"}]}, "attachments[0].url", "is required"
    ),
    case(
        "attachment-url-not-string",
        "any",
        {"attachments[0].url": 1},
        "attachments[0].url",
        "must be a string",
    ),
    case(
        "attachment-url-relative", "any", {"attachments[0].url": "/a.jpg"}, "attachments[0].url", "absolute"
    ),
    case(
        "attachment-url-ftp", "any", {"attachments[0].url": "ftp://h/a.jpg"}, "attachments[0].url", "http(s)"
    ),
    case(
        "attachment-url-space",
        "any",
        {"attachments[0].url": f"{CDN}/a b.jpg"},
        "attachments[0].url",
        "spaces",
    ),
    case(
        "attachment-presigned-s3",
        "any",
        {"attachments[0].url": f"{CDN}/a.jpg?X-Amz-Algorithm=AWS4&X-Amz-Signature=abc"},
        "attachments[0].url",
        "use the public_url",
    ),
    case(
        "attachment-presigned-oss",
        "any",
        {"attachments[0].url": f"{CDN}/a.jpg?OSSAccessKeyId=k&Expires=1&Signature=s"},
        "attachments[0].url",
        "pre-signed upload URL",
    ),
    case(
        "attachment-presigned-expires",
        "any",
        {"attachments": [{"url": f"{CDN}/a.jpg"}, {"url": f"{CDN}/b.jpg?expires=17"}]},
        "attachments[1].url",
        "expiring",
    ),
    case("attachment-extra-key-not-json", "any", {"attachments[0].meta": {3}}, "attachments[0].meta", "JSON"),
    # --- attachments: counts, kinds, formats, mixing per platform -------------------------------------
    case(
        "facebook-reels-none",
        "facebook_reels",
        {"attachments": []},
        "attachments",
        "needs exactly 1 attachment",
    ),
    case("facebook-reels-two", "facebook_reels", {"attachments": many(2, "mp4")}, "attachments", "exactly 1"),
    case(
        "facebook-reels-image",
        "facebook_reels",
        {"attachments": media("a.jpg")},
        "attachments[0].url",
        "image",
    ),
    case(
        "facebook-reels-webm",
        "facebook_reels",
        {"attachments": media("a.webm")},
        "attachments[0].url",
        ".webm",
    ),
    case(
        "facebook-post-11-images", "facebook", {"attachments": many(11, "jpg")}, "attachments", "at most 10"
    ),
    case(
        "facebook-post-2-gifs", "facebook", {"attachments": many(2, "gif")}, "attachments", "at most 1 gif,"
    ),
    case(
        "facebook-post-2-videos",
        "facebook",
        {"attachments": many(2, "mp4")},
        "attachments",
        "at most 1 video",
    ),
    case(
        "facebook-post-image-gif",
        "facebook",
        {"attachments": media("a.jpg", "b.gif")},
        "attachments",
        "does not allow image and gif",
    ),
    case(
        "facebook-post-image-video",
        "facebook",
        {"attachments": media("a.jpg", "b.mp4")},
        "attachments",
        "does not allow image and video",
    ),
    case(
        "facebook-post-webp", "facebook", {"attachments": media("a.webp")}, "attachments[0].url", "jpg, png"
    ),
    case("instagram-text-only", "instagram", {"attachments": []}, "attachments", "text-only posts"),
    case("instagram-11-images", "instagram", {"attachments": many(11, "png")}, "attachments", "at most 10"),
    case("instagram-gif", "instagram", {"attachments": media("a.gif")}, "attachments[0].url", "not allowed"),
    case(
        "instagram-2-videos", "instagram", {"attachments": many(2, "mp4")}, "attachments", "at most 1 video"
    ),
    case(
        "instagram-image-video",
        "instagram",
        {"attachments": media("a.jpg", "b.mp4")},
        "attachments",
        "does not allow image and video",
    ),
    case("instagram-mov", "instagram", {"attachments": media("a.mov")}, "attachments[0].url", "use mp4"),
    case("youtube-2-videos", "youtube", {"attachments": many(2, "mp4")}, "attachments", "needs exactly 1"),
    case("youtube-image", "youtube", {"attachments": media("a.png")}, "attachments[0].url", "allowed: video"),
    case(
        "youtube-count-applies-to-unknown-kinds",
        "youtube",
        {"attachments": media("clip", "other")},
        "attachments",
        "got 2",
    ),
    case("x-5-images", "x", {"attachments": many(5, "jpg")}, "attachments", "at most 4 attachments"),
    case("x-2-gifs", "x", {"attachments": many(2, "gif")}, "attachments", "at most 1 gif"),
    case("x-image-gif", "x", {"attachments": media("a.jpg", "b.gif")}, "attachments", "image and gif"),
    case("linkedin-21-images", "linkedin", {"attachments": many(21, "jpg")}, "attachments", "at most 20"),
    case("linkedin-2-videos", "linkedin", {"attachments": many(2, "mp4")}, "attachments", "at most 1 video"),
    case(
        "linkedin-image-video",
        "linkedin",
        {"attachments": media("a.jpg", "b.mp4")},
        "attachments",
        "image and video",
    ),
    case("linkedin-webp", "linkedin", {"attachments": media("a.webp")}, "attachments[0].url", ".webp"),
    case("tiktok-video-with-image", "tiktok", {"attachments": media("a.jpg")}, "attachments[0].url", "image"),
    case("tiktok-photo-36", "tiktok_photo", {"attachments": many(36, "jpg")}, "attachments", "at most 35"),
    case("tiktok-photo-gif", "tiktok_photo", {"attachments": media("a.gif")}, "attachments[0].url", "gif"),
    case("tiktok-photo-png", "tiktok_photo", {"attachments": media("a.png")}, "attachments[0].url", ".png"),
    case("tiktok-text-only", "tiktok_photo", {"attachments": []}, "attachments", "at least 1"),
    case("tiktok_shop-no-video", "tiktok_shop", {"attachments": []}, "attachments", "exactly 1"),
    case("tiktok_shop-image", "tiktok_shop", {"attachments": media("a.jpg")}, "attachments[0].url", "image"),
    case("pinterest-two", "pinterest", {"attachments": media("a.jpg", "b.jpg")}, "attachments", "exactly 1"),
    case("pinterest-none", "pinterest", {"attachments": []}, "attachments", "exactly 1"),
    case("pinterest-webp", "pinterest", {"attachments": media("a.webp")}, "attachments[0].url", ".webp"),
]


@pytest.mark.parametrize(("base", "changes", "field_", "fragment"), INVALID)
def test_invalid_payload_names_the_field(
    base: str, changes: Mapping[str, object], field_: str, fragment: str
) -> None:
    error = invalid(base, changes)
    assert error.field == field_, error
    assert fragment in error.message, error.message
    assert str(error) == f"{field_}: {error.message}"


VALID = [
    pytest.param("any", {}, id="no-platform"),
    pytest.param("facebook_stories", {"attachments": many(3, "webm")}, id="facebook-stories-unconstrained"),
    pytest.param("x", {"attachments": media("a.jpg", "b.png", "c.mp4", "d.mov")}, id="x-image-and-video"),
    pytest.param("x", {"type": "long_post", "content": "w" * 1000}, id="x-long_post-no-280-cap"),
    pytest.param("facebook", {"attachments": media("a.gif", "b.mp4")}, id="facebook-gif-and-video"),
    pytest.param("facebook", {"attachments": media("A.JPEG", "b.jpg?v=2")}, id="extension-case-and-query"),
    pytest.param("facebook", {"comment": ["c" * 151]}, id="long-comment-outside-tiktok"),
    pytest.param(
        "linkedin", {"attachments": [*many(19, "png"), *media("x.gif")]}, id="linkedin-image-and-gif"
    ),
    pytest.param("youtube", {"attachments": media("watch")}, id="unknown-extension-skips-kind"),
    pytest.param("youtube", {"type": "shorts"}, id="youtube-shorts"),
    pytest.param("tiktok_photo", {"attachments": many(35, "jpeg")}, id="tiktok-35-images"),
    pytest.param("tiktok", {"extra.music.selection": "none", "extra.music.duration": 0}, id="music-none"),
    pytest.param(
        "tiktok", {"extra.music.music_volume": 0, "extra.music.original_sound_volume": 100}, id="vol-ends"
    ),
    pytest.param("tiktok_shop", {"extra.title": "春季 新品 2026"}, id="tiktok_shop-unicode-letters"),
    pytest.param("pinterest", {"attachments": media("a.gif")}, id="pinterest-gif"),
    pytest.param("pinterest", {"extra.link": ""}, id="empty-link"),
    pytest.param("reddit", {"type": "media", "attachments": media("a.jpg")}, id="reddit-media"),
    pytest.param("telegram", {"type": "text"}, id="telegram-any-documented-type"),
    pytest.param("any", {"scheduled_at": "2026-05-01 09:30:00"}, id="scheduled"),
    pytest.param("any", {"scheduled_at": ""}, id="scheduled-empty-is-now"),
    pytest.param("any", {"status": 0, "scheduled_at": ""}, id="draft-empty-schedule"),
    pytest.param("any", {"extra": {"draft": True, "custom": {"a": [1, 2.5, None, "x"]}}}, id="unknown-extra"),
    pytest.param("any", {"attachments": [{"url": f"{CDN}/a.jpg", "name": "a"}]}, id="attachment-extra-key"),
    pytest.param("any", {"attachments[0].url": f"{CDN}/a.jpg?v=3&sig_version=2"}, id="public-url-with-query"),
]


@pytest.mark.parametrize(("base", "changes"), VALID)
def test_valid_payload_passes_unchanged(base: str, changes: Mapping[str, object]) -> None:
    platform, payload = BASES[base]
    payload = patched(payload, changes)
    assert validate_publish_payload(payload, platform=platform) == payload


@pytest.mark.parametrize("base", sorted(BASES))
def test_every_base_payload_is_valid_with_and_without_its_platform(base: str) -> None:
    platform, payload = BASES[base]
    assert validate_publish_payload(payload, platform=platform) == payload
    assert validate_publish_payload(payload) == payload


BODY_LIMITS = [
    pytest.param("facebook", 2200, id="facebook"),
    pytest.param("facebook_reels", 2200, id="facebook-reels"),
    pytest.param("facebook_stories", 2200, id="facebook-stories"),
    pytest.param("instagram", 2200, id="instagram"),
    pytest.param("x", 280, id="x-short_post"),
    pytest.param("linkedin", 3000, id="linkedin"),
    pytest.param("tiktok", 4000, id="tiktok"),
    pytest.param("tiktok_shop", 2200, id="tiktok_shop"),
    pytest.param("youtube", 5000, id="youtube"),
    pytest.param("pinterest", 500, id="pinterest"),
]


@pytest.mark.parametrize(("base", "limit"), BODY_LIMITS)
def test_body_limit_is_inclusive(base: str, limit: int) -> None:
    platform, payload = BASES[base]
    at_limit = patched(payload, {"content": "é" * limit})
    assert validate_publish_payload(at_limit, platform=platform) == at_limit
    error = invalid(base, {"content": "é" * (limit + 1)})
    assert error.field == "content"
    assert f"is {limit + 1} characters" in error.message
    assert f"at most {limit}" in error.message


@pytest.mark.parametrize(
    ("base", "limit"),
    [
        pytest.param("youtube", 100, id="youtube"),
        pytest.param("pinterest", 100, id="pinterest"),
        pytest.param("tiktok_shop", 30, id="tiktok_shop"),
    ],
)
def test_title_limit_is_inclusive(base: str, limit: int) -> None:
    platform, payload = BASES[base]
    at_limit = patched(payload, {"extra.title": "T" * limit})
    assert validate_publish_payload(at_limit, platform=platform) == at_limit
    assert invalid(base, {"extra.title": "T" * (limit + 1)}).field == "extra.title"


def test_platform_limits_do_not_apply_without_a_platform() -> None:
    _, payload = BASES["youtube"]
    relaxed = patched(payload, {"content": DROP, "extra.title": DROP, "attachments": many(3, "jpg")})
    assert validate_publish_payload(relaxed) == relaxed


# --- the vendor's example payload ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def vendor_example() -> dict[str, Any]:
    path = shared_dir() / "vendor-specs" / "publish-payload.example.json"
    return cast(dict[str, Any], json.loads(path.read_text(encoding="utf-8")))


def test_vendor_example_is_valid_without_platform(vendor_example: dict[str, Any]) -> None:
    assert validate_publish_payload(vendor_example) == vendor_example


@pytest.mark.parametrize("platform", ["threads", "telegram"])
def test_vendor_example_is_valid_where_extra_is_undocumented(
    vendor_example: dict[str, Any], platform: str
) -> None:
    assert validate_publish_payload(vendor_example, platform=platform) == vendor_example


@pytest.mark.parametrize("platform", ["facebook", "instagram", "linkedin"])
def test_vendor_example_needs_its_reddit_flair_removed_for_post_platforms(
    vendor_example: dict[str, Any], platform: str
) -> None:
    # The starter template fills extra.flair (Reddit only); its empty category_id/link/draft are harmless.
    with pytest.raises(ValidationError, match="it is used only by Reddit") as caught:
        validate_publish_payload(vendor_example, platform=platform)
    assert caught.value.field == "extra.flair"
    trimmed = {**vendor_example, "extra": {k: v for k, v in vendor_example["extra"].items() if k != "flair"}}
    assert validate_publish_payload(trimmed, platform=platform) == trimmed


@pytest.mark.parametrize(
    ("platform", "extra", "field_", "users"),
    [
        pytest.param(
            "instagram", {"category_id": "", "link": "", "draft": False}, None, "", id="empty-foreign-kept"
        ),
        pytest.param("x", {"category_id": "b1"}, "extra.category_id", "Pinterest, Reddit", id="x-board"),
        pytest.param("youtube", {"draft": True}, "extra.draft", "TikTok", id="youtube-draft"),
        pytest.param(
            "pinterest",
            {"category_id": "b1", "product": {"id": 1}},
            "extra.product",
            "TikTok Shop",
            id="pinterest-product",
        ),
        pytest.param("tiktok", {"draft": True, "title": "t"}, None, "", id="tiktok-own-keys"),
        pytest.param("facebook", {"title": "x" * 500, "custom": 1}, None, "", id="title-and-unknown-kept"),
    ],
)
def test_extra_keys_of_other_platforms_are_refused(
    platform: str, extra: dict[str, Any], field_: str | None, users: str
) -> None:
    types = {
        "instagram": "post",
        "x": "short_post",
        "youtube": "video",
        "pinterest": "post",
        "tiktok": "photo",
        "facebook": "post",
    }
    url = "https://cdn.example.com/a.mp4" if platform == "youtube" else "https://cdn.example.com/a.jpg"
    payload = {
        "account_id": 1,
        "type": types[platform],
        "status": 0,
        "comment": [],
        "content": "hi",
        "extra": extra,
        "attachments": [{"url": url}],
    }
    if field_ is None:
        assert validate_publish_payload(payload, platform=platform)["extra"] == extra
        return
    with pytest.raises(ValidationError, match=f"it is used only by {users}") as caught:
        validate_publish_payload(payload, platform=platform)
    assert caught.value.field == field_


def test_reddit_link_post_needs_its_link() -> None:
    payload = {
        "account_id": 1,
        "type": "link",
        "status": 1,
        "comment": [],
        "extra": {"title": "t"},
        "attachments": [],
    }
    with pytest.raises(ValidationError, match="is required for Reddit link") as caught:
        validate_publish_payload(payload, platform="reddit")
    assert caught.value.field == "extra.link"
    with_link = {**payload, "extra": {"title": "t", "link": "https://example.org/a"}}
    assert validate_publish_payload(with_link, platform="reddit")["extra"]["link"] == "https://example.org/a"


@pytest.mark.parametrize(
    ("platform", "field_", "fragment"),
    [
        pytest.param("youtube", "type", "shorts, video", id="youtube"),
        pytest.param("x", "type", "short_post, long_post", id="x"),
        pytest.param("tiktok", "type", "video, photo", id="tiktok"),
        pytest.param("tiktok shop", "type", "TikTok Shop", id="tiktok_shop"),
        pytest.param("reddit", "type", "text, link, media", id="reddit"),
        pytest.param("pinterest", "extra.flair", "it is used only by Reddit", id="pinterest"),
    ],
)
def test_vendor_example_fails_for_other_platforms(
    vendor_example: dict[str, Any], platform: str, field_: str, fragment: str
) -> None:
    with pytest.raises(ValidationError) as info:
        validate_publish_payload(vendor_example, platform=platform)
    assert info.value.field == field_
    assert fragment in info.value.message


# --- platform names, order, immutability, error class ------------------------------------------------


@pytest.mark.parametrize(
    ("name", "canonical"),
    [
        ("Facebook", "facebook"),
        ("INSTAGRAM", "instagram"),
        ("YouTube", "youtube"),
        ("x", "x"),
        ("Twitter", "x"),
        ("linkedin", "linkedin"),
        ("TikTok", "tiktok"),
        ("tiktok_shop", "tiktok_shop"),
        ("TikTok Shop", "tiktok_shop"),
        (" tiktokshop ", "tiktok_shop"),
        ("Pinterest", "pinterest"),
        ("reddit", "reddit"),
        ("Threads", "threads"),
        ("telegram", "telegram"),
    ],
)
def test_platform_names_are_case_insensitive_with_aliases(name: str, canonical: str) -> None:
    assert resolve_platform(name).name == canonical


@pytest.mark.parametrize("name", ["myspace", "", "tik tok", "you_tube"])
def test_unknown_platform_is_rejected(name: str) -> None:
    with pytest.raises(ValidationError) as info:
        validate_publish_payload(BASES["any"][1], platform=name)
    assert info.value.field == "platform"
    assert "unknown platform" in info.value.message


def test_platform_must_be_a_string() -> None:
    with pytest.raises(ValidationError) as info:
        validate_publish_payload(BASES["any"][1], platform=cast(str, 3))
    assert (info.value.field, info.value.message) == ("platform", "must be a string, got int")


def test_payload_must_be_a_mapping() -> None:
    with pytest.raises(ValidationError) as info:
        validate_publish_payload(cast(Mapping[str, Any], [("account_id", 1)]))
    assert info.value.field == "payload"


@pytest.mark.parametrize(
    ("changes", "field_"),
    [
        pytest.param(
            {"account_id": 0, "type": "tweet", "attachments": None}, "account_id", id="account-first"
        ),
        pytest.param({"type": "tweet", "status": 9}, "type", id="type-before-status"),
        pytest.param({"status": 9, "scheduled_at": "soon"}, "status", id="status-before-schedule"),
        pytest.param({"content": 1, "comment": None}, "content", id="content-before-comment"),
        pytest.param({"comment": None, "extra": None}, "comment", id="comment-before-extra"),
        pytest.param({"extra": None, "attachments": None}, "extra", id="extra-before-attachments"),
        pytest.param(
            {"extra": {"music": 1, "title": 1}}, "extra.title", id="extra-known-keys-in-fixed-order"
        ),
        pytest.param({"zeta": 1, "alpha": 1, "account_id": 0}, "alpha", id="unknown-fields-first-sorted"),
    ],
)
def test_first_problem_in_a_fixed_order(changes: Mapping[str, object], field_: str) -> None:
    assert invalid("any", changes).field == field_


def test_input_is_never_mutated_and_output_shares_nothing() -> None:
    _, payload = BASES["tiktok_shop"]
    payload = patched(payload, {"extra.custom": {"nested": [1, {"k": "v"}]}, "scheduled_at": None})
    snapshot = copy.deepcopy(payload)
    result = validate_publish_payload(payload, platform="tiktok_shop")
    assert payload == snapshot
    assert "scheduled_at" not in result  # None means absent
    result["extra"]["music"]["music_volume"] = 1
    result["extra"]["custom"]["nested"][1]["k"] = "changed"
    result["attachments"][0]["url"] = "changed"
    result["comment"].append("x")
    assert payload == snapshot
    broken = patched(payload, {"extra.music.music_volume": True})
    broken_snapshot = copy.deepcopy(broken)
    with pytest.raises(ValidationError):
        validate_publish_payload(broken, platform="tiktok_shop")
    assert broken == broken_snapshot


def test_tuples_come_back_as_json_lists() -> None:
    _, payload = BASES["any"]
    payload = patched(payload, {"comment": ("a", "b"), "attachments": ({"url": f"{CDN}/a.jpg"},)})
    result = validate_publish_payload(payload)
    assert result["comment"] == ["a", "b"]
    assert result["attachments"] == [{"url": f"{CDN}/a.jpg"}]
    assert json.loads(json.dumps(result)) == result


def test_validation_error_is_a_socialecho_error_and_a_value_error() -> None:
    error = invalid("tiktok", {"extra.music.music_volume": True})
    assert isinstance(error, SocialEchoError)
    assert isinstance(error, ValueError)
    assert error.field == "extra.music.music_volume"
    assert str(error).startswith("extra.music.music_volume: ")


# --- the table agrees with the patched spec shipped in the package ------------------------------------


@pytest.fixture(scope="module")
def patched_spec() -> dict[str, Any]:
    text = (resources.files("socialecho_client") / "openapi.json").read_text(encoding="utf-8")
    return cast(dict[str, Any], json.loads(text))


def test_platform_types_match_the_spec(patched_spec: dict[str, Any]) -> None:
    body = patched_spec["paths"]["/v1/publish/article"]["post"]["requestBody"]
    type_schema = body["content"]["application/json"]["schema"]["properties"]["type"]
    assert list(ALL_TYPES) == type_schema["enum"]
    by_platform = {name: list(p.types) for name, p in PLATFORMS.items() if p.types}
    assert by_platform == type_schema["x-socialecho-types-by-platform"]


def test_upload_allowlist_and_music_match_the_spec(patched_spec: dict[str, Any]) -> None:
    body = patched_spec["paths"]["/v1/upload/url"]["get"]["requestBody"]
    content_type = body["content"]["application/json"]["schema"]["properties"]["content_type"]
    assert list(UPLOAD_CONTENT_TYPES) == content_type["enum"]
    assert len(UPLOAD_CONTENT_TYPES) == 15
    music = patched_spec["components"]["schemas"]["SelectedMusic"]
    assert list(MUSIC_FIELDS) == music["required"]
    assert list(MUSIC_SELECTIONS) == music["properties"]["selection"]["enum"]


# --- upload parameters ----------------------------------------------------------------------------------


@pytest.mark.parametrize("content_type", UPLOAD_CONTENT_TYPES)
def test_upload_allowlist_accepted(content_type: str) -> None:
    assert validate_upload_content_type(content_type) == content_type


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param(" Image/JPEG ", "image/jpeg", id="case-and-spaces"),
        pytest.param("VIDEO/MP4", "video/mp4", id="caps"),
    ],
)
def test_upload_content_type_normalised(raw: str, expected: str) -> None:
    assert validate_upload_content_type(raw) == expected


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        pytest.param("image/svg+xml", "not accepted for upload", id="not-in-allowlist"),
        pytest.param("image/jpeg; charset=binary", "not accepted", id="parameters"),
        pytest.param("", "not accepted", id="empty"),
        pytest.param("image/" + "x" * 95, "at most 100", id="over-100-chars"),
        pytest.param(cast(str, None), "must be a string", id="none"),
        pytest.param(cast(str, b"image/png"), "must be a string", id="bytes"),
    ],
)
def test_upload_content_type_rejected(raw: str, fragment: str) -> None:
    with pytest.raises(ValidationError) as info:
        validate_upload_content_type(raw)
    assert info.value.field == "content_type"
    assert fragment in info.value.message


@pytest.mark.parametrize("title", [None, "", "cover photo", "t" * 255])
def test_upload_title_accepted(title: str | None) -> None:
    assert validate_upload_title(title) == title


@pytest.mark.parametrize(
    ("title", "fragment"),
    [pytest.param("t" * 256, "at most 255", id="over-255"), pytest.param(cast(str, 12), "string", id="int")],
)
def test_upload_title_rejected(title: str, fragment: str) -> None:
    with pytest.raises(ValidationError) as info:
        validate_upload_title(title)
    assert info.value.field == "title"
    assert fragment in info.value.message


# --- properties -------------------------------------------------------------------------------------------

ExtStrategy = st.SearchStrategy[list[str]]


def exts(choices: list[str], min_size: int, max_size: int) -> ExtStrategy:
    return st.lists(st.sampled_from(choices), min_size=min_size, max_size=max_size)


def concat(*parts: ExtStrategy) -> ExtStrategy:
    return st.tuples(*parts).map(lambda lists: [e for part in lists for e in part])


@st.composite
def x_media(draw: st.DrawFn) -> list[str]:
    videos = draw(st.integers(0, 4))
    images_or_gif = draw(st.sampled_from(["image", "gif"]))
    if images_or_gif == "gif":
        others = draw(exts(["gif"], 0, min(1, 4 - videos)))
    else:
        others = draw(exts(["jpg", "jpeg", "png"], 0, 4 - videos))
    return others + draw(exts(["mp4", "mov"], videos, videos))


ANY_EXT = ["jpg", "png", "gif", "mp4", "webm", "bmp", "pdf", ""]


@dataclass(frozen=True)
class Gen:
    """What a valid payload of one platform/type looks like, written independently of the module's table."""

    media: Callable[[], ExtStrategy]
    body_max: int | None = None
    body_required: bool = False
    text_if_no_media: bool = False
    title: tuple[bool, int, bool] | None = None  # (required, max length, letters/digits/spaces only)
    required_extra: Mapping[str, st.SearchStrategy[Any]] = field(default_factory=dict)
    comment_max: int | None = None


def _fb_post() -> ExtStrategy:
    return st.one_of(
        exts(["jpg", "jpeg", "png"], 0, 10), concat(exts(["gif"], 0, 1), exts(["mp4", "mov"], 0, 1))
    )


_INSTAGRAM = Gen(
    lambda: st.one_of(exts(["jpg", "jpeg", "png"], 1, 10), exts(["mp4"], 1, 1)),
    body_max=2200,
)
_YOUTUBE = Gen(
    lambda: exts(["mp4", "mov"], 1, 1), body_max=5000, body_required=True, title=(True, 100, False)
)
_OPEN = Gen(lambda: exts(ANY_EXT, 0, 3))
_PRODUCT = st.one_of(
    st.fixed_dictionaries({"id": st.text(min_size=1, max_size=8)}), st.text(min_size=1, max_size=8)
)

GENS: dict[str, dict[str, Gen]] = {
    "facebook": {
        "post": Gen(_fb_post, body_max=2200, text_if_no_media=True),
        "reels": Gen(lambda: exts(["mp4", "mov"], 1, 1), body_max=2200),
        "stories": Gen(lambda: exts(ANY_EXT, 0, 3), body_max=2200),
    },
    "instagram": {"reels": _INSTAGRAM, "post": _INSTAGRAM, "stories": _INSTAGRAM},
    "youtube": {"shorts": _YOUTUBE, "video": _YOUTUBE},
    "x": {
        "short_post": Gen(x_media, body_max=280, text_if_no_media=True),
        "long_post": Gen(x_media, text_if_no_media=True),
    },
    "linkedin": {
        "post": Gen(
            lambda: st.one_of(exts(["jpg", "png", "gif"], 0, 20), exts(["mp4"], 1, 1)),
            body_max=3000,
            text_if_no_media=True,
        )
    },
    "tiktok": {
        "video": Gen(lambda: exts(["mp4", "mov"], 1, 1), body_max=4000, comment_max=150),
        "photo": Gen(lambda: exts(["jpg", "jpeg", "webp"], 1, 35), body_max=4000, comment_max=150),
    },
    "tiktok_shop": {
        "video": Gen(
            lambda: exts(["mp4", "mov", "webm"], 1, 1),
            body_max=2200,
            title=(True, 30, True),
            required_extra={"product": _PRODUCT},
        )
    },
    "pinterest": {
        "post": Gen(
            lambda: exts(["jpg", "jpeg", "png", "gif", "mp4"], 1, 1),
            body_max=500,
            title=(False, 100, False),
            required_extra={"category_id": st.text(min_size=1, max_size=12)},
        )
    },
    "reddit": {
        "text": _OPEN,
        "link": Gen(
            _OPEN.media, required_extra={"link": st.sampled_from(["https://example.org/a", "http://x.io"])}
        ),
        "media": _OPEN,
    },
    "threads": {t: _OPEN for t in ALL_TYPES},
    "telegram": {t: _OPEN for t in ALL_TYPES},
}

# The platform-specific extra keys each platform uses (vendor-notes), written independently of the module;
# a platform missing here takes any key.
OWN_EXTRA: Mapping[str, frozenset[str]] = {
    "facebook": frozenset(),
    "instagram": frozenset(),
    "youtube": frozenset(),
    "x": frozenset(),
    "linkedin": frozenset(),
    "tiktok": frozenset({"draft", "music"}),
    "tiktok_shop": frozenset({"product", "music"}),
    "pinterest": frozenset({"category_id", "link"}),
    "reddit": frozenset({"category_id", "link", "flair"}),
}
FOREIGN_EMPTY: Mapping[str, st.SearchStrategy[Any]] = {
    "category_id": st.just(""),
    "link": st.just(""),
    "draft": st.just(False),
}

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children, max_size=3)
    ),
    max_leaves=6,
)
MUSIC_VALUES = st.fixed_dictionaries(
    {
        "url": st.text(max_size=20),
        "uuid": st.text(max_size=10),
        "cover": st.text(max_size=20),
        "title": st.text(max_size=10),
        "artist": st.text(max_size=10),
        "duration": st.integers(0, 10**6) | st.floats(0, 1e6),
        "selection": st.sampled_from(["trending_clip", "full_track", "none"]),
        "music_volume": st.integers(0, 100),
        "original_sound_volume": st.integers(0, 100),
    }
)
LETTERS_DIGITS = st.characters(categories=["Lu", "Ll", "Lo", "Nd"]).filter(str.isalnum)
SCHEDULES = st.datetimes(datetime(2000, 1, 1), datetime(2100, 1, 1)).map(
    lambda d: d.strftime("%Y-%m-%d %H:%M:%S")
)
ABSENT = object()


def _text(max_size: int | None, *, required: bool) -> st.SearchStrategy[str]:
    size = 200 if max_size is None else min(max_size, 200)
    strategy = st.text(min_size=1 if required else 0, max_size=size)
    return strategy.filter(str.strip) if required else strategy


@st.composite
def payloads(draw: st.DrawFn, platform: str, *, with_music: bool = False) -> dict[str, Any]:
    type_ = draw(st.sampled_from(sorted(GENS[platform])))
    gen = GENS[platform][type_]
    urls = [
        f"{CDN}/{i}/file{'.' + ext if ext else ''}{draw(st.sampled_from(['', '?v=1', '#t']))}"
        for i, ext in enumerate(e.upper() if draw(st.booleans()) else e for e in draw(gen.media()))
    ]
    needs_text = gen.body_required or (gen.text_if_no_media and not urls)
    content: object = draw(_text(gen.body_max, required=needs_text))
    if not needs_text and draw(st.booleans()):
        content = ABSENT
    extra: dict[str, Any] = {}
    if gen.title is not None:
        required, max_length, letters_only = gen.title
        alphabet = st.one_of(LETTERS_DIGITS, st.just(" ")) if letters_only else st.characters(codec="utf-8")
        titles = st.text(alphabet=alphabet, min_size=1 if required else 0, max_size=max_length)
        title = draw(titles.filter(str.strip) if required else titles)
        if required or draw(st.booleans()):
            extra["title"] = title
    elif draw(st.booleans()):
        extra["title"] = draw(st.text(max_size=300))
    for key, strategy in gen.required_extra.items():
        extra[key] = draw(strategy)
    optional: dict[str, st.SearchStrategy[Any]] = {
        "category_id": st.text(max_size=10),
        "link": st.sampled_from(["", "https://shop.example.com/p?id=1", "http://example.org"]),
        "draft": st.booleans(),
        "flair": st.fixed_dictionaries({"uuid": st.text(max_size=8), "title": st.text(max_size=8)}),
        "music": MUSIC_VALUES,
        "custom": JSON_VALUES,
    }
    own = OWN_EXTRA.get(platform)
    for key, strategy in optional.items():
        if key not in extra and (draw(st.booleans()) or (key == "music" and with_music)):
            # Another platform's key is valid only empty (the vendor's template), and flair and music have
            # no empty form; music stays when asked for (its own checks come first).
            if own is None or key in own or key == "custom" or (key == "music" and with_music):
                extra[key] = draw(strategy)
            elif key in FOREIGN_EMPTY:
                extra[key] = draw(FOREIGN_EMPTY[key])
    status = draw(st.sampled_from([0, 1]))
    schedule = (
        st.sampled_from([ABSENT, ""]) if status == 0 else st.one_of(st.sampled_from([ABSENT, ""]), SCHEDULES)
    )
    payload: dict[str, Any] = {
        "account_id": draw(st.integers(1, 2**53)),
        "type": type_,
        "status": status,
        "scheduled_at": draw(schedule),
        "comment": draw(st.lists(st.text(max_size=gen.comment_max or 300), max_size=3)),
        "content": content,
        "extra": extra,
        "attachments": [{"url": url} for url in urls],
    }
    order = draw(st.permutations(list(payload)))
    return {key: payload[key] for key in order if payload[key] is not ABSENT}


@pytest.mark.parametrize("platform", sorted(GENS))
@given(data=st.data())
def test_generated_valid_payloads_pass_unchanged(platform: str, data: st.DataObject) -> None:
    payload = data.draw(payloads(platform))
    snapshot = copy.deepcopy(payload)
    assert validate_publish_payload(payload, platform=platform) == snapshot
    assert validate_publish_payload(payload) == snapshot
    assert payload == snapshot


BAD_VOLUMES = st.one_of(
    st.booleans(),
    st.integers(max_value=-1),
    st.integers(min_value=101),
    st.floats(0, 100),
    st.text(max_size=3),
    st.none(),
)


@pytest.mark.parametrize("platform", [*sorted(GENS), None])
@given(data=st.data())
def test_a_bad_volume_always_fails_naming_the_volume(platform: str | None, data: st.DataObject) -> None:
    payload = data.draw(payloads(platform or "tiktok", with_music=True))
    name = data.draw(st.sampled_from(["music_volume", "original_sound_volume"]))
    bad = data.draw(BAD_VOLUMES)
    payload["extra"]["music"][name] = bad
    with pytest.raises(ValidationError) as info:
        validate_publish_payload(payload, platform=platform)
    assert info.value.field == f"extra.music.{name}"
    assert "0 to 100" in info.value.message
