from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.get_report_body_group import GetReportBodyGroup, check_get_report_body_group
from ..models.get_report_body_time_type import GetReportBodyTimeType, check_get_report_body_time_type
from ..types import UNSET, Unset

T = TypeVar("T", bound="GetReportBody")


@_attrs_define
class GetReportBody:
    start_date: datetime.date
    """ First day of the range, YYYY-MM-DD. """
    end_date: datetime.date
    """ Last day of the range, YYYY-MM-DD, not before start_date. """
    time_type: GetReportBodyTimeType
    """ 1 = posts created in the range, 2 = all historical posts in the range. """
    account_ids: list[int] | Unset = UNSET
    """ Account ids to restrict the report to (JSON integer array). """
    group: GetReportBodyGroup | Unset = UNSET
    """ Empty or absent = totals; day / app / account = rows grouped that way. """

    def to_dict(self) -> dict[str, Any]:
        start_date = self.start_date.isoformat()

        end_date = self.end_date.isoformat()

        time_type: int = self.time_type

        account_ids: list[int] | Unset = UNSET
        if not isinstance(self.account_ids, Unset):
            account_ids = self.account_ids

        group: str | Unset = UNSET
        if not isinstance(self.group, Unset):
            group = self.group

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "start_date": start_date,
                "end_date": end_date,
                "time_type": time_type,
            }
        )
        if account_ids is not UNSET:
            field_dict["account_ids"] = account_ids
        if group is not UNSET:
            field_dict["group"] = group

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        start_date = datetime.date.fromisoformat(d.pop("start_date"))

        end_date = datetime.date.fromisoformat(d.pop("end_date"))

        time_type = check_get_report_body_time_type(d.pop("time_type"))

        account_ids = cast(list[int], d.pop("account_ids", UNSET))

        _group = d.pop("group", UNSET)
        group: GetReportBodyGroup | Unset
        if isinstance(_group, Unset):
            group = UNSET
        else:
            group = check_get_report_body_group(_group)

        get_report_body = cls(
            start_date=start_date,
            end_date=end_date,
            time_type=time_type,
            account_ids=account_ids,
            group=group,
        )

        return get_report_body
