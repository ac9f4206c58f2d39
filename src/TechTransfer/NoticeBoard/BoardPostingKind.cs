namespace TechTransfer.NoticeBoard;

/// <summary>What the public notice board shows: an agreement-pricing notice (协议定价公示), a listing (挂牌) or an open-licence declaration (开放许可声明).</summary>
public enum BoardPostingKind { Notice, Listing, OpenLicence }
