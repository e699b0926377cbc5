from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.success_code import SuccessCode, check_success_code
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.reddit_community import RedditCommunity


T = TypeVar("T", bound="RedditCommunitiesResponse")


@_attrs_define
class RedditCommunitiesResponse:
    code: SuccessCode
    """ Business success code: 0 or 200 (the live API has used both). Anything else is a failure even with HTTP 200.
    """
    message: str
    data: list[RedditCommunity]
    request_id: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        code: int = self.code

        message = self.message

        data = []
        for data_item_data in self.data:
            data_item = data_item_data.to_dict()
            data.append(data_item)

        request_id = self.request_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "code": code,
                "message": message,
                "data": data,
            }
        )
        if request_id is not UNSET:
            field_dict["request_id"] = request_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.reddit_community import RedditCommunity  # noqa: PLC0415

        d = dict(src_dict)
        code = check_success_code(d.pop("code"))

        message = d.pop("message")

        data = []
        _data = d.pop("data")
        for data_item_data in _data:
            data_item = RedditCommunity.from_dict(data_item_data)

            data.append(data_item)

        request_id = d.pop("request_id", UNSET)

        reddit_communities_response = cls(
            code=code,
            message=message,
            data=data,
            request_id=request_id,
        )

        reddit_communities_response.additional_properties = d
        return reddit_communities_response

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
