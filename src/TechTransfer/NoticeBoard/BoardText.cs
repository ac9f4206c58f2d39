using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace TechTransfer.NoticeBoard;

/// <summary>
/// The exact text a posting shows: Chinese first, then English, one fact a line, times in the institution's zone. It is
/// written once when the posting appears; the board, the feeds and the evidence carry the same text and its SHA-256,
/// so anyone can check that what was shown is what the evidence says was shown.
/// </summary>
public static class BoardText
{
    public static string Of(BoardFacts f, TimeZoneInfo zone, string contact, string exchange)
    {
        var zh = new List<string>();
        var en = new List<string>();
        var window = $"{Local(f.From, zone)} — {(f.To is { } to ? Local(to, zone) : "")} ({zone.Id}, UTC{Offset(f.From, zone)})";
        switch (f.Kind)
        {
            case BoardPostingKind.Notice:
                zh.Add("协议定价公示");
                en.Add("Public notice of a price agreed by negotiation");
                break;
            case BoardPostingKind.Listing:
                zh.Add("挂牌交易公告");
                en.Add("Listing on a technology exchange");
                break;
            default:
                zh.Add("开放许可声明");
                en.Add("Open-licence declaration");
                break;
        }
        zh.Add($"成果名称：{f.Title}");
        en.Add($"Result: {f.Title}");
        zh.Add($"成果编号：{f.CaseNumber}");
        en.Add($"Case number: {f.CaseNumber}");
        zh.Add($"专利号：{f.PatentNumber ?? "尚未授权"}" + (f.ApplicationNumber is { } a ? $"（申请号 {a}）" : ""));
        en.Add($"Patent number: {f.PatentNumber ?? "not yet granted"}" + (f.ApplicationNumber is { } b ? $" (application {b})" : ""));
        if (f.Summary is { Length: > 0 } summary)
        {
            zh.Add($"成果简介：{summary}");
            en.Add($"Summary: {summary}");
        }
        switch (f.Kind)
        {
            case BoardPostingKind.Notice:
                zh.Add($"拟定价格：人民币 {Money(f.Price)} 元");
                en.Add($"Proposed price: {Money(f.Price)} yuan (RMB)");
                zh.Add("定价方式：协议定价");
                en.Add("Pricing method: agreement (negotiation) with public notice");
                zh.Add($"转化方式：{f.TransferMethod ?? "未注明"}");
                en.Add($"Transfer method: {f.TransferMethod ?? "not stated"}");
                zh.Add($"拟交易对象：{f.Counterparty}" + (f.RelatedParty ? "（系完成人或其关联方）" : ""));
                en.Add($"Proposed counterparty: {f.Counterparty}" + (f.RelatedParty ? " (an inventor or a related party)" : ""));
                zh.Add($"公示期：{window}");
                en.Add($"Notice period: {window}");
                zh.Add($"异议方式：公示期内，任何单位或个人均可在本公示栏对本公示提出异议（请写明姓名、联系方式和异议理由）：{f.Address}" + Contact("；联系方式：", contact));
                en.Add($"How to object: during the notice period anyone may object on this board (name, contact and the reason): {f.Address}" + Contact("; contact: ", contact));
                break;
            case BoardPostingKind.Listing:
                zh.Add($"挂牌底价：人民币 {Money(f.Price)} 元");
                en.Add($"Base price: {Money(f.Price)} yuan (RMB)");
                zh.Add("定价方式：挂牌交易（仅一个意向受让方的，以不低于底价协议成交；两个以上的，进入竞价）");
                en.Add("Pricing method: listing (one qualified party: agreed at no less than the base price; two or more: auction)");
                zh.Add($"挂牌期：{window}");
                en.Add($"Listing period: {window}");
                zh.Add($"意向登记方式：挂牌期内向{exchange}或本单位技术转移机构登记受让意向：{f.Address}" + Contact("；联系方式：", contact));
                en.Add($"How to register interest: during the listing period, with {exchange} or the institution's technology-transfer office: {f.Address}" + Contact("; contact: ", contact));
                break;
            default:
                zh.Add($"许可使用费支付方式及标准：{f.FeeZh}");
                en.Add($"Licence fee: {f.FeeEn}");
                zh.Add($"许可期限：{f.LicenceTermMonths} 个月");
                en.Add($"Licence term: {f.LicenceTermMonths} months");
                zh.Add($"公告日期：{f.PublishedOn:yyyy-MM-dd}（{f.PublicationReference}）");
                en.Add($"Published: {f.PublishedOn:yyyy-MM-dd} ({f.PublicationReference})");
                zh.Add($"取得许可方式：以书面方式通知本单位并按上述标准支付许可使用费，即获得普通许可：{f.Address}" + Contact("；联系方式：", contact));
                en.Add($"How to take a licence: notify the institution in writing and pay the fee above to obtain an ordinary licence: {f.Address}" + Contact("; contact: ", contact));
                break;
        }
        return string.Join('\n', zh) + "\n\n" + string.Join('\n', en);
    }

    public static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>A time as the institution's clock shows it.</summary>
    public static string Local(DateTimeOffset at, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(at, zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static string Offset(DateTimeOffset at, TimeZoneInfo zone)
    {
        var offset = zone.GetUtcOffset(at);
        return (offset < TimeSpan.Zero ? "-" : "+") + offset.ToString("hh\\:mm", CultureInfo.InvariantCulture);
    }

    private static string Money(decimal? amount) => (amount ?? 0m).ToString("#,0.00", CultureInfo.InvariantCulture);

    private static string Contact(string prefix, string contact) => string.IsNullOrWhiteSpace(contact) ? "" : prefix + contact.Trim();
}
