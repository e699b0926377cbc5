from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.selected_music_selection import SelectedMusicSelection, check_selected_music_selection

T = TypeVar("T", bound="SelectedMusic")


@_attrs_define
class SelectedMusic:
    url: str
    uuid: str
    cover: str
    title: str
    artist: str
    duration: float
    selection: SelectedMusicSelection
    music_volume: int
    original_sound_volume: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        url = self.url

        uuid = self.uuid

        cover = self.cover

        title = self.title

        artist = self.artist

        duration = self.duration

        selection: str = self.selection

        music_volume = self.music_volume

        original_sound_volume = self.original_sound_volume

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "url": url,
                "uuid": uuid,
                "cover": cover,
                "title": title,
                "artist": artist,
                "duration": duration,
                "selection": selection,
                "music_volume": music_volume,
                "original_sound_volume": original_sound_volume,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        url = d.pop("url")

        uuid = d.pop("uuid")

        cover = d.pop("cover")

        title = d.pop("title")

        artist = d.pop("artist")

        duration = d.pop("duration")

        selection = check_selected_music_selection(d.pop("selection"))

        music_volume = d.pop("music_volume")

        original_sound_volume = d.pop("original_sound_volume")

        selected_music = cls(
            url=url,
            uuid=uuid,
            cover=cover,
            title=title,
            artist=artist,
            duration=duration,
            selection=selection,
            music_volume=music_volume,
            original_sound_volume=original_sound_volume,
        )

        selected_music.additional_properties = d
        return selected_music

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
