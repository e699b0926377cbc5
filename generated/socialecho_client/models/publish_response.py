from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.success_code import SuccessCode, check_success_code
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.publish_result import PublishResult


T = TypeVar("T", bound="PublishResponse")


@_attrs_define
class PublishResponse:
    code: SuccessCode
    """ Business success code: 0 or 200 (the live API has used both). Anything else is a failure even with HTTP 200.
    """
    message: str
    request_id: str | Unset = UNSET
    data: PublishResult | Unset = UNSET
    """ Publish task accepted; fields are server-defined. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        code: int = self.code

        message = self.message

        request_id = self.request_id

        data: dict[str, Any] | Unset = UNSET
        if not isinstance(self.data, Unset):
            data = self.data.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "code": code,
                "message": message,
            }
        )
        if request_id is not UNSET:
            field_dict["request_id"] = request_id
        if data is not UNSET:
            field_dict["data"] = data

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.publish_result import PublishResult  # noqa: PLC0415

        d = dict(src_dict)
        code = check_success_code(d.pop("code"))

        message = d.pop("message")

        request_id = d.pop("request_id", UNSET)

        _data = d.pop("data", UNSET)
        data: PublishResult | Unset
        if isinstance(_data, Unset):
            data = UNSET
        else:
            data = PublishResult.from_dict(_data)

        publish_response = cls(
            code=code,
            message=message,
            request_id=request_id,
            data=data,
        )

        publish_response.additional_properties = d
        return publish_response

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
