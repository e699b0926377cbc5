"""Contains all the data models used in inputs/outputs"""

from .account_list_response import AccountListResponse
from .account_page import AccountPage
from .article import Article
from .article_list_response import ArticleListResponse
from .article_page import ArticlePage
from .error_response import ErrorResponse
from .get_report_body import GetReportBody
from .get_report_body_group import GetReportBodyGroup
from .get_report_body_time_type import GetReportBodyTimeType
from .get_team_body import GetTeamBody
from .get_upload_url_body import GetUploadUrlBody
from .get_upload_url_body_content_type import GetUploadUrlBodyContentType
from .lang import Lang
from .list_accounts_body import ListAccountsBody
from .list_accounts_body_type import ListAccountsBodyType
from .list_articles_body import ListArticlesBody
from .list_pinterest_boards_body import ListPinterestBoardsBody
from .list_reddit_communities_body import ListRedditCommunitiesBody
from .metrics import Metrics
from .pinterest_board import PinterestBoard
from .pinterest_boards_response import PinterestBoardsResponse
from .publish_article_request import PublishArticleRequest
from .publish_article_request_attachment import PublishArticleRequestAttachment
from .publish_article_request_extra import PublishArticleRequestExtra
from .publish_article_request_extra_flair import PublishArticleRequestExtraFlair
from .publish_article_request_status import PublishArticleRequestStatus
from .publish_article_request_type import PublishArticleRequestType
from .publish_response import PublishResponse
from .publish_result import PublishResult
from .reddit_communities_response import RedditCommunitiesResponse
from .reddit_community import RedditCommunity
from .report import Report
from .report_response import ReportResponse
from .report_row import ReportRow
from .report_scope import ReportScope
from .selected_music import SelectedMusic
from .selected_music_selection import SelectedMusicSelection
from .social_account import SocialAccount
from .success_code import SuccessCode
from .team import Team
from .team_response import TeamResponse
from .upload_ticket import UploadTicket
from .upload_ticket_response import UploadTicketResponse

__all__ = (
    "AccountListResponse",
    "AccountPage",
    "Article",
    "ArticleListResponse",
    "ArticlePage",
    "ErrorResponse",
    "GetReportBody",
    "GetReportBodyGroup",
    "GetReportBodyTimeType",
    "GetTeamBody",
    "GetUploadUrlBody",
    "GetUploadUrlBodyContentType",
    "Lang",
    "ListAccountsBody",
    "ListAccountsBodyType",
    "ListArticlesBody",
    "ListPinterestBoardsBody",
    "ListRedditCommunitiesBody",
    "Metrics",
    "PinterestBoard",
    "PinterestBoardsResponse",
    "PublishArticleRequest",
    "PublishArticleRequestAttachment",
    "PublishArticleRequestExtra",
    "PublishArticleRequestExtraFlair",
    "PublishArticleRequestStatus",
    "PublishArticleRequestType",
    "PublishResponse",
    "PublishResult",
    "RedditCommunitiesResponse",
    "RedditCommunity",
    "Report",
    "ReportResponse",
    "ReportRow",
    "ReportScope",
    "SelectedMusic",
    "SelectedMusicSelection",
    "SocialAccount",
    "SuccessCode",
    "Team",
    "TeamResponse",
    "UploadTicket",
    "UploadTicketResponse",
)
