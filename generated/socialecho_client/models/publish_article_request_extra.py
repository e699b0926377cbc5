from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.publish_article_request_extra_flair import PublishArticleRequestExtraFlair
    from ..models.selected_music import SelectedMusic


T = TypeVar("T", bound="PublishArticleRequestExtra")


@_attrs_define
class PublishArticleRequestExtra:
    """Platform extras: title (YouTube, Pinterest, Reddit, TikTok Shop), category_id (Pinterest board or Reddit community),
    link (Reddit, Pinterest), draft (TikTok), flair (Reddit), product (TikTok Shop), music (TikTok, TikTok Shop).

    """

    title: str | Unset = UNSET
    """ Title: YouTube (1-100, required), Pinterest (up to 100), Reddit, TikTok Shop (required, up to 30 letters,
    digits and spaces). """
    category_id: str | Unset = UNSET
    """ Pinterest board id (required for Pinterest) or Reddit community id. """
    link: str | Unset = UNSET
    """ Link for Reddit link posts and Pinterest pins. """
    draft: bool | Unset = UNSET
    """ TikTok: save as a draft instead of publishing. """
    flair: PublishArticleRequestExtraFlair | Unset = UNSET
    """ Reddit flair: both uuid and title. """
    product: Any | Unset = UNSET
    """ TikTok Shop product (required for TikTok Shop). """
    music: SelectedMusic | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        title = self.title

        category_id = self.category_id

        link = self.link

        draft = self.draft

        flair: dict[str, Any] | Unset = UNSET
        if not isinstance(self.flair, Unset):
            flair = self.flair.to_dict()

        product = self.product

        music: dict[str, Any] | Unset = UNSET
        if not isinstance(self.music, Unset):
            music = self.music.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if title is not UNSET:
            field_dict["title"] = title
        if category_id is not UNSET:
            field_dict["category_id"] = category_id
        if link is not UNSET:
            field_dict["link"] = link
        if draft is not UNSET:
            field_dict["draft"] = draft
        if flair is not UNSET:
            field_dict["flair"] = flair
        if product is not UNSET:
            field_dict["product"] = product
        if music is not UNSET:
            field_dict["music"] = music

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.publish_article_request_extra_flair import PublishArticleRequestExtraFlair  # noqa: PLC0415
        from ..models.selected_music import SelectedMusic  # noqa: PLC0415

        d = dict(src_dict)
        title = d.pop("title", UNSET)

        category_id = d.pop("category_id", UNSET)

        link = d.pop("link", UNSET)

        draft = d.pop("draft", UNSET)

        _flair = d.pop("flair", UNSET)
        flair: PublishArticleRequestExtraFlair | Unset
        if isinstance(_flair, Unset):
            flair = UNSET
        else:
            flair = PublishArticleRequestExtraFlair.from_dict(_flair)

        product = d.pop("product", UNSET)

        _music = d.pop("music", UNSET)
        music: SelectedMusic | Unset
        if isinstance(_music, Unset):
            music = UNSET
        else:
            music = SelectedMusic.from_dict(_music)

        publish_article_request_extra = cls(
            title=title,
            category_id=category_id,
            link=link,
            draft=draft,
            flair=flair,
            product=product,
            music=music,
        )

        publish_article_request_extra.additional_properties = d
        return publish_article_request_extra

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
