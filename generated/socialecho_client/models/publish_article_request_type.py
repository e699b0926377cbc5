from typing import Literal

PublishArticleRequestType = Literal[
    "link", "long_post", "media", "photo", "post", "reels", "short_post", "shorts", "stories", "text", "video"
]

PUBLISH_ARTICLE_REQUEST_TYPE_VALUES: set[PublishArticleRequestType] = {
    "link",
    "long_post",
    "media",
    "photo",
    "post",
    "reels",
    "short_post",
    "shorts",
    "stories",
    "text",
    "video",
}


def check_publish_article_request_type(value: str) -> PublishArticleRequestType:
    if value in PUBLISH_ARTICLE_REQUEST_TYPE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {PUBLISH_ARTICLE_REQUEST_TYPE_VALUES!r}")
