using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml;
using System.Xml.Linq;
using TechTransfer;
using TechTransfer.Common;
using TechTransfer.NoticeBoard;

namespace WorkflowHost.Api.NoticeBoard;

/// <summary>
/// The board as an Atom feed (RFC 4287) and a JSON Feed (1.1). Each entry's id is <c>urn:uuid:</c> the posting's id
/// (stable for ever), its link the posting's page, its content the exact text shown (Chinese, then English), with the
/// text's SHA-256 so an embedding site can show, and anyone check, what the evidence says was published.
/// </summary>
public sealed class NoticeBoardFeeds(TechTransferOptions options)
{
    /// <summary>The newest postings a feed carries.</summary>
    public const int Items = 100;

    private static readonly XNamespace A = "http://www.w3.org/2005/Atom";
    private const string Title = "公示栏 · Public notice board";

    private string Url => options.NoticeBoard.Url.TrimEnd('/');

    public string Atom(IReadOnlyList<BoardEntry> entries)
    {
        var feed = new XElement(A + "feed", new XAttribute(XNamespace.Xml + "lang", "zh-CN"),
            new XElement(A + "id", Url + "/feed.atom"),
            new XElement(A + "title", Title),
            new XElement(A + "updated", Time(Updated(entries))),
            new XElement(A + "link", new XAttribute("rel", "self"), new XAttribute("type", "application/atom+xml"), new XAttribute("href", Url + "/feed.atom")),
            new XElement(A + "link", new XAttribute("rel", "alternate"), new XAttribute("type", "text/html"), new XAttribute("href", Url)),
            new XElement(A + "author", new XElement(A + "name", Publisher)),
            entries.Select(e => new XElement(A + "entry",
                new XElement(A + "id", "urn:uuid:" + e.Id.ToString("D")),
                new XElement(A + "title", ItemTitle(e)),
                new XElement(A + "published", Time(e.ShownFrom)),
                new XElement(A + "updated", Time(e.Updated)),
                new XElement(A + "link", new XAttribute("rel", "alternate"), new XAttribute("type", "text/html"), new XAttribute("href", e.Facts.Address)),
                new XElement(A + "category", new XAttribute("term", Names.Kebab(e.Kind))),
                new XElement(A + "category", new XAttribute("term", e.Current ? "current" : "past")),
                new XElement(A + "summary", $"{Status(e)} · SHA-256 {e.Sha256}"),
                new XElement(A + "content", new XAttribute("type", "text"), e.Text))));
        var settings = new XmlWriterSettings { Encoding = new System.Text.UTF8Encoding(false), Indent = true };
        using var text = new Utf8StringWriter();
        using (var writer = XmlWriter.Create(text, settings)) new XDocument(new XDeclaration("1.0", "utf-8", null), feed).Save(writer);
        return text.ToString();
    }

    public string Json(IReadOnlyList<BoardEntry> entries)
    {
        var feed = new JsonObject
        {
            ["version"] = "https://jsonfeed.org/version/1.1",
            ["title"] = Title,
            ["home_page_url"] = Url,
            ["feed_url"] = Url + "/feed.json",
            ["language"] = "zh-CN",
            ["authors"] = new JsonArray(new JsonObject { ["name"] = Publisher }),
            ["items"] = new JsonArray(entries.Select(e => (JsonNode)new JsonObject
            {
                ["id"] = "urn:uuid:" + e.Id.ToString("D"),
                ["url"] = e.Facts.Address,
                ["title"] = ItemTitle(e),
                ["content_text"] = e.Text,
                ["summary"] = Status(e),
                ["date_published"] = Time(e.ShownFrom),
                ["date_modified"] = Time(e.Updated),
                ["tags"] = new JsonArray(Names.Kebab(e.Kind), e.Current ? "current" : "past", e.Status),
                // JSON Feed's extension convention: a key of our own, starting with an underscore.
                ["_notice_board"] = new JsonObject
                {
                    ["kind"] = Names.Kebab(e.Kind), ["case_number"] = e.CaseNumber, ["status"] = e.Status, ["current"] = e.Current,
                    ["shown_from"] = Time(e.ShownFrom), ["window_ends_at"] = e.WindowEndsAt is { } end ? Time(end) : null,
                    ["removed_at"] = e.RemovedAt is { } removed ? Time(removed) : null, ["sha256"] = e.Sha256,
                    ["patent_number"] = e.Facts.PatentNumber, ["application_number"] = e.Facts.ApplicationNumber, ["price"] = e.Facts.Price,
                    ["transfer_method"] = e.Facts.TransferMethod, ["counterparty"] = e.Facts.Counterparty, ["related_party"] = e.Facts.RelatedParty,
                    ["licence_fee"] = e.Facts.FeeZh, ["licence_term_months"] = e.Facts.LicenceTermMonths,
                },
            }).ToArray()),
        };
        return feed.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    private string Publisher => string.IsNullOrWhiteSpace(options.NoticeBoard.Publisher) ? "技术转移机构 · Technology-transfer office" : options.NoticeBoard.Publisher;

    private static string ItemTitle(BoardEntry e) => e.Kind switch
    {
        BoardPostingKind.Notice => $"协议定价公示 · Public notice: {e.Title} ({e.CaseNumber})",
        BoardPostingKind.Listing => $"挂牌交易 · Listing: {e.Title} ({e.CaseNumber})",
        _ => $"开放许可声明 · Open licence: {e.Title} ({e.CaseNumber})",
    };

    private static string Status(BoardEntry e) => (e.Current ? "current" : "past") + " · " + e.Status;

    private static DateTimeOffset Updated(IReadOnlyList<BoardEntry> entries) =>
        entries.Count == 0 ? DateTimeOffset.UnixEpoch : entries.Max(e => e.Updated);

    private static string Time(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private sealed class Utf8StringWriter : StringWriter
    {
        public override System.Text.Encoding Encoding => new System.Text.UTF8Encoding(false);
    }
}
