from typing import Literal

GetReportBodyGroup = Literal["", "account", "app", "day"]

GET_REPORT_BODY_GROUP_VALUES: set[GetReportBodyGroup] = {
    "",
    "account",
    "app",
    "day",
}


def check_get_report_body_group(value: str) -> GetReportBodyGroup:
    if value in GET_REPORT_BODY_GROUP_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {GET_REPORT_BODY_GROUP_VALUES!r}")
