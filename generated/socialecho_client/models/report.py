from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.metrics import Metrics
    from ..models.report_row import ReportRow
    from ..models.report_scope import ReportScope


T = TypeVar("T", bound="Report")


@_attrs_define
class Report:
    """Report scope with either totals (no group) or grouped rows in list."""

    scope: ReportScope | Unset = UNSET
    totals: Metrics | Unset = UNSET
    list_: list[ReportRow] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        scope: dict[str, Any] | Unset = UNSET
        if not isinstance(self.scope, Unset):
            scope = self.scope.to_dict()

        totals: dict[str, Any] | Unset = UNSET
        if not isinstance(self.totals, Unset):
            totals = self.totals.to_dict()

        list_: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.list_, Unset):
            list_ = []
            for list_item_data in self.list_:
                list_item = list_item_data.to_dict()
                list_.append(list_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if scope is not UNSET:
            field_dict["scope"] = scope
        if totals is not UNSET:
            field_dict["totals"] = totals
        if list_ is not UNSET:
            field_dict["list"] = list_

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.metrics import Metrics  # noqa: PLC0415
        from ..models.report_row import ReportRow  # noqa: PLC0415
        from ..models.report_scope import ReportScope  # noqa: PLC0415

        d = dict(src_dict)
        _scope = d.pop("scope", UNSET)
        scope: ReportScope | Unset
        if isinstance(_scope, Unset):
            scope = UNSET
        else:
            scope = ReportScope.from_dict(_scope)

        _totals = d.pop("totals", UNSET)
        totals: Metrics | Unset
        if isinstance(_totals, Unset):
            totals = UNSET
        else:
            totals = Metrics.from_dict(_totals)

        _list_ = d.pop("list", UNSET)
        list_: list[ReportRow] | Unset = UNSET
        if _list_ is not UNSET:
            list_ = []
            for list_item_data in _list_:
                list_item = ReportRow.from_dict(list_item_data)

                list_.append(list_item)

        report = cls(
            scope=scope,
            totals=totals,
            list_=list_,
        )

        report.additional_properties = d
        return report

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
