from typing import Literal

SelectedMusicSelection = Literal["full_track", "none", "trending_clip"]

SELECTED_MUSIC_SELECTION_VALUES: set[SelectedMusicSelection] = {
    "full_track",
    "none",
    "trending_clip",
}


def check_selected_music_selection(value: str) -> SelectedMusicSelection:
    if value in SELECTED_MUSIC_SELECTION_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {SELECTED_MUSIC_SELECTION_VALUES!r}")
