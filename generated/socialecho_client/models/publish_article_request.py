from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.publish_article_request_status import (
    PublishArticleRequestStatus,
    check_publish_article_request_status,
)
from ..models.publish_article_request_type import (
    PublishArticleRequestType,
    check_publish_article_request_type,
)
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.publish_article_request_attachment import PublishArticleRequestAttachment
    from ..models.publish_article_request_extra import PublishArticleRequestExtra


T = TypeVar("T", bound="PublishArticleRequest")


@_attrs_define
class PublishArticleRequest:
    account_id: int
    """ Target social account id. """
    type_: PublishArticleRequestType
    """ Publish type, valid per platform: Facebook reels|post|stories; Instagram reels|post|stories; YouTube
    shorts|video; X short_post|long_post; LinkedIn post; TikTok video|photo; TikTok Shop video; Pinterest post;
    Reddit text|link|media. """
    status: PublishArticleRequestStatus
    """ 0 = draft, 1 = publish. """
    comment: list[str]
    """ Comments to post with the article; may be empty. """
    extra: PublishArticleRequestExtra
    """ Platform extras: title (YouTube, Pinterest, Reddit, TikTok Shop), category_id (Pinterest board or Reddit
    community), link (Reddit, Pinterest), draft (TikTok), flair (Reddit), product (TikTok Shop), music (TikTok,
    TikTok Shop). """
    attachments: list[PublishArticleRequestAttachment]
    scheduled_at: str | Unset = UNSET
    """ Schedule time, only with status 1 ('YYYY-MM-DD HH:MM:SS'); empty or absent = publish immediately. """
    content: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        account_id = self.account_id

        type_: str = self.type_

        status: int = self.status

        comment = self.comment

        extra = self.extra.to_dict()

        attachments = []
        for attachments_item_data in self.attachments:
            attachments_item = attachments_item_data.to_dict()
            attachments.append(attachments_item)

        scheduled_at = self.scheduled_at

        content = self.content

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "account_id": account_id,
                "type": type_,
                "status": status,
                "comment": comment,
                "extra": extra,
                "attachments": attachments,
            }
        )
        if scheduled_at is not UNSET:
            field_dict["scheduled_at"] = scheduled_at
        if content is not UNSET:
            field_dict["content"] = content

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.publish_article_request_attachment import PublishArticleRequestAttachment  # noqa: PLC0415
        from ..models.publish_article_request_extra import PublishArticleRequestExtra  # noqa: PLC0415

        d = dict(src_dict)
        account_id = d.pop("account_id")

        type_ = check_publish_article_request_type(d.pop("type"))

        status = check_publish_article_request_status(d.pop("status"))

        comment = cast(list[str], d.pop("comment"))

        extra = PublishArticleRequestExtra.from_dict(d.pop("extra"))

        attachments = []
        _attachments = d.pop("attachments")
        for attachments_item_data in _attachments:
            attachments_item = PublishArticleRequestAttachment.from_dict(attachments_item_data)

            attachments.append(attachments_item)

        scheduled_at = d.pop("scheduled_at", UNSET)

        content = d.pop("content", UNSET)

        publish_article_request = cls(
            account_id=account_id,
            type_=type_,
            status=status,
            comment=comment,
            extra=extra,
            attachments=attachments,
            scheduled_at=scheduled_at,
            content=content,
        )

        publish_article_request.additional_properties = d
        return publish_article_request

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
