from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Metrics")


@_attrs_define
class Metrics:
    exposure: int | Unset = UNSET
    like: int | Unset = UNSET
    comment: int | Unset = UNSET
    share: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        exposure = self.exposure

        like = self.like

        comment = self.comment

        share = self.share

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
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
        exposure = d.pop("exposure", UNSET)

        like = d.pop("like", UNSET)

        comment = d.pop("comment", UNSET)

        share = d.pop("share", UNSET)

        metrics = cls(
            exposure=exposure,
            like=like,
            comment=comment,
            share=share,
        )

        metrics.additional_properties = d
        return metrics

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
