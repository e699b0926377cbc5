from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ReportRow")


@_attrs_define
class ReportRow:
    """One grouped row: the group key (day, app or account_id) and the metrics."""

    day: None | str | Unset = UNSET
    app: None | str | Unset = UNSET
    account_id: int | None | Unset = UNSET
    exposure: int | Unset = UNSET
    like: int | Unset = UNSET
    comment: int | Unset = UNSET
    share: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        day: None | str | Unset
        if isinstance(self.day, Unset):
            day = UNSET
        else:
            day = self.day

        app: None | str | Unset
        if isinstance(self.app, Unset):
            app = UNSET
        else:
            app = self.app

        account_id: int | None | Unset
        if isinstance(self.account_id, Unset):
            account_id = UNSET
        else:
            account_id = self.account_id

        exposure = self.exposure

        like = self.like

        comment = self.comment

        share = self.share

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if day is not UNSET:
            field_dict["day"] = day
        if app is not UNSET:
            field_dict["app"] = app
        if account_id is not UNSET:
            field_dict["account_id"] = account_id
        if exposure is not UNSET:
            field_dict["exposure"] = exposure
        if like is not UNSET:
            field_dict["like"] = like
        if comment is not UNSET:
            field_dict["comment"] = comment
        if share is not UNSET:
            field_dict["share"] = share

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_day(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        day = _parse_day(d.pop("day", UNSET))

        def _parse_app(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        app = _parse_app(d.pop("app", UNSET))

        def _parse_account_id(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        account_id = _parse_account_id(d.pop("account_id", UNSET))

        exposure = d.pop("exposure", UNSET)

        like = d.pop("like", UNSET)

        comment = d.pop("comment", UNSET)

        share = d.pop("share", UNSET)

        report_row = cls(
            day=day,
            app=app,
            account_id=account_id,
            exposure=exposure,
            like=like,
            comment=comment,
            share=share,
        )

        report_row.additional_properties = d
        return report_row

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
