from typing import Literal

GetReportBodyTimeType = Literal[1, 2]

GET_REPORT_BODY_TIME_TYPE_VALUES: set[GetReportBodyTimeType] = {
    1,
    2,
}


def check_get_report_body_time_type(value: int) -> GetReportBodyTimeType:
    if value in GET_REPORT_BODY_TIME_TYPE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {GET_REPORT_BODY_TIME_TYPE_VALUES!r}")
