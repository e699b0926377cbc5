from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.success_code import SuccessCode, check_success_code
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.pinterest_board import PinterestBoard


T = TypeVar("T", bound="PinterestBoardsResponse")


@_attrs_define
class PinterestBoardsResponse:
    code: SuccessCode
    """ Business success code: 0 or 200 (the live API has used both). Anything else is a failure even with HTTP 200.
    """
    message: str
    data: list[PinterestBoard]
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
        from ..models.pinterest_board import PinterestBoard  # noqa: PLC0415

        d = dict(src_dict)
        code = check_success_code(d.pop("code"))

        message = d.pop("message")

        data = []
        _data = d.pop("data")
        for data_item_data in _data:
            data_item = PinterestBoard.from_dict(data_item_data)

            data.append(data_item)

        request_id = d.pop("request_id", UNSET)

        pinterest_boards_response = cls(
            code=code,
            message=message,
            data=data,
            request_id=request_id,
        )

        pinterest_boards_response.additional_properties = d
        return pinterest_boards_response

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
