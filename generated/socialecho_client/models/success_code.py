from typing import Literal

SuccessCode = Literal[0, 200]

SUCCESS_CODE_VALUES: set[SuccessCode] = {
    0,
    200,
}


def check_success_code(value: int) -> SuccessCode:
    if value in SUCCESS_CODE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {SUCCESS_CODE_VALUES!r}")
