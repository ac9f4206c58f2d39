namespace TechTransfer.OpenLicences;

/// <summary>
/// An open-licence declaration (开放许可声明, Patent Law arts. 50-52) of a granted patent: the fee method and rate and
/// the term of each licence. In force once published and until withdrawn; while it is, no exclusive or sole licence is
/// granted, and anyone who notifies in writing and pays the declared fee takes an ordinary licence at these terms.
/// </summary>
public sealed class OpenLicenceDeclaration
{
    public Guid Id { get; set; }
    public Guid InventionId { get; set; }
    /// <summary>The granted patent the declaration is made for, as it was at the declaration.</summary>
    public string PatentNumber { get; set; } = "";
    public OpenLicenceFeeMethod FeeMethod { get; set; }
    /// <summary>Lump sum methods: the fee each licensee pays before the licence takes effect (yuan).</summary>
    public decimal? LumpSum { get; set; }
    /// <summary>Royalty methods: the rate in percent of <see cref="RoyaltyBase"/>.</summary>
    public decimal? RoyaltyRate { get; set; }
    public string? RoyaltyBase { get; set; }
    /// <summary>When and how the fee is paid (e.g. royalties yearly by 31 March).</summary>
    public string? PaymentTerms { get; set; }
    /// <summary>The term of each licence taken under the declaration (许可期限), in months from its effective date.</summary>
    public int LicenceTermMonths { get; set; }
    public OpenLicenceDeclarationStatus Status { get; set; }
    public DateTimeOffset DeclaredAt { get; set; }
    public string DeclaredBy { get; set; } = "";
    /// <summary>The day it was published, and where (the announcement's reference): the seam for the public notice board.</summary>
    public DateOnly? PublishedOn { get; set; }
    public string? PublicationReference { get; set; }
    public DateTimeOffset? WithdrawnAt { get; set; }
    public string? WithdrawnBy { get; set; }
    public string? WithdrawalReason { get; set; }
    public int Version { get; set; }

    /// <summary>The declared fee as one line (the licence's fee terms): 许可使用费支付方式及标准.</summary>
    public string FeeSummary()
    {
        var lump = LumpSum is { } l ? $"lump sum {l:0.00} yuan" : null;
        var royalty = RoyaltyRate is { } r ? $"royalty {r:0.####}% of {RoyaltyBase}" : null;
        var fee = string.Join(" + ", new[] { lump, royalty }.Where(x => x is not null));
        return PaymentTerms is { Length: > 0 } terms ? $"{fee}; {terms}" : fee;
    }
}
