from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.list_accounts_body_type import ListAccountsBodyType, check_list_accounts_body_type
from ..types import UNSET, Unset

T = TypeVar("T", bound="ListAccountsBody")


@_attrs_define
class ListAccountsBody:
    page: int | Unset = UNSET
    """ Page number, from 1. """
    type_: ListAccountsBodyType | Unset = UNSET
    """ 1 = authorized account, 2 = competitor account. """

    def to_dict(self) -> dict[str, Any]:
        page = self.page

        type_: int | Unset = UNSET
        if not isinstance(self.type_, Unset):
            type_ = self.type_

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if page is not UNSET:
            field_dict["page"] = page
        if type_ is not UNSET:
            field_dict["type"] = type_

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        page = d.pop("page", UNSET)

        _type_ = d.pop("type", UNSET)
        type_: ListAccountsBodyType | Unset
        if isinstance(_type_, Unset):
            type_ = UNSET
        else:
            type_ = check_list_accounts_body_type(_type_)

        list_accounts_body = cls(
            page=page,
            type_=type_,
        )

        return list_accounts_body
