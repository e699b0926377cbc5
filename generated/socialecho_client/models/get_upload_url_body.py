from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.get_upload_url_body_content_type import (
    GetUploadUrlBodyContentType,
    check_get_upload_url_body_content_type,
)
from ..types import UNSET, Unset

T = TypeVar("T", bound="GetUploadUrlBody")


@_attrs_define
class GetUploadUrlBody:
    content_type: GetUploadUrlBodyContentType
    """ MIME type of the file to upload; the upload itself must use the same Content-Type. """
    title: str | Unset = UNSET
    """ Optional file title. """

    def to_dict(self) -> dict[str, Any]:
        content_type: str = self.content_type

        title = self.title

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "content_type": content_type,
            }
        )
        if title is not UNSET:
            field_dict["title"] = title

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        content_type = check_get_upload_url_body_content_type(d.pop("content_type"))

        title = d.pop("title", UNSET)

        get_upload_url_body = cls(
            content_type=content_type,
            title=title,
        )

        return get_upload_url_body
