from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="ListPinterestBoardsBody")


@_attrs_define
class ListPinterestBoardsBody:
    account_id: int
    """ Social account id (from listAccounts). """

    def to_dict(self) -> dict[str, Any]:
        account_id = self.account_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "account_id": account_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        account_id = d.pop("account_id")

        list_pinterest_boards_body = cls(
            account_id=account_id,
        )

        return list_pinterest_boards_body
