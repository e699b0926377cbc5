from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="ListArticlesBody")


@_attrs_define
class ListArticlesBody:
    page: int | Unset = UNSET
    """ Page number, from 1. """
    account_ids: list[int] | Unset = UNSET
    """ Account ids to filter by (JSON integer array). """

    def to_dict(self) -> dict[str, Any]:
        page = self.page

        account_ids: list[int] | Unset = UNSET
        if not isinstance(self.account_ids, Unset):
            account_ids = self.account_ids

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if page is not UNSET:
            field_dict["page"] = page
        if account_ids is not UNSET:
            field_dict["account_ids"] = account_ids

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        page = d.pop("page", UNSET)

        account_ids = cast(list[int], d.pop("account_ids", UNSET))

        list_articles_body = cls(
            page=page,
            account_ids=account_ids,
        )

        return list_articles_body
