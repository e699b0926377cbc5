from typing import Literal

PublishArticleRequestStatus = Literal[0, 1]

PUBLISH_ARTICLE_REQUEST_STATUS_VALUES: set[PublishArticleRequestStatus] = {
    0,
    1,
}


def check_publish_article_request_status(value: int) -> PublishArticleRequestStatus:
    if value in PUBLISH_ARTICLE_REQUEST_STATUS_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {PUBLISH_ARTICLE_REQUEST_STATUS_VALUES!r}")
