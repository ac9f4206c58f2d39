namespace TechTransfer.NoticeBoard;

/// <summary>The public notice board (<c>TechTransfer:NoticeBoard:*</c>): where it is, and how the public reaches the office.</summary>
public sealed class NoticeBoardOptions
{
    /// <summary>The board's public address; a posting's address is this plus <c>/{id}</c>. The host defaults it to <c>Email:BaseUrl</c> + <c>/board</c>.</summary>
    public string Url { get; set; } = "http://localhost:5080/board";

    /// <summary>How to reach the office (address, telephone, email), shown in every posting's "how to object / register"; none when empty.</summary>
    public string Contact { get; set; } = "";

    /// <summary>Who publishes the board (the feeds' author), e.g. the institution and its office; a generic name when empty.</summary>
    public string Publisher { get; set; } = "";

    /// <summary>The technology exchange listings are made on (shown in a listing).</summary>
    public string Exchange { get; set; } = "技术交易市场 (the technology exchange)";

    /// <summary>
    /// Who is told by email when a public notice or a listing opens (publication inside the unit): user ids, <c>role:NAME</c>
    /// or addresses (an institution's all-staff list). Empty: nobody.
    /// </summary>
    public List<string> AnnounceTo { get; set; } = ["role:technology-manager", "role:office-head", "role:committee-member", "role:inventor"];

    public string AddressOf(Guid postingId) => Url.TrimEnd('/') + "/" + postingId.ToString("D");
}
