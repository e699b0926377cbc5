from typing import Literal

GetUploadUrlBodyContentType = Literal[
    "image/bmp",
    "image/gif",
    "image/jpeg",
    "image/jpg",
    "image/png",
    "image/webp",
    "video/3gp",
    "video/avi",
    "video/flv",
    "video/mkv",
    "video/mov",
    "video/mp4",
    "video/quicktime",
    "video/webm",
    "video/wmv",
]

GET_UPLOAD_URL_BODY_CONTENT_TYPE_VALUES: set[GetUploadUrlBodyContentType] = {
    "image/bmp",
    "image/gif",
    "image/jpeg",
    "image/jpg",
    "image/png",
    "image/webp",
    "video/3gp",
    "video/avi",
    "video/flv",
    "video/mkv",
    "video/mov",
    "video/mp4",
    "video/quicktime",
    "video/webm",
    "video/wmv",
}


def check_get_upload_url_body_content_type(value: str) -> GetUploadUrlBodyContentType:
    if value in GET_UPLOAD_URL_BODY_CONTENT_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {GET_UPLOAD_URL_BODY_CONTENT_TYPE_VALUES!r}"
    )
