from typing import Literal

ListAccountsBodyType = Literal[1, 2]

LIST_ACCOUNTS_BODY_TYPE_VALUES: set[ListAccountsBodyType] = {
    1,
    2,
}


def check_list_accounts_body_type(value: int) -> ListAccountsBodyType:
    if value in LIST_ACCOUNTS_BODY_TYPE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {LIST_ACCOUNTS_BODY_TYPE_VALUES!r}")
