namespace TechTransfer.Inventions;

/// <summary>What an inventor writes in a disclosure (create or edit while a draft or returned).</summary>
public sealed record InventionDraft
{
    public string Title { get; init; } = "";
    public string? Field { get; init; }
    public string? IpcClass { get; init; }
    public string? College { get; init; }
    public string? Abstract { get; init; }
    public string? FundedProject { get; init; }
    public string? Funder { get; init; }
    public bool FiscallyFunded { get; init; }
    public string? PriorArt { get; init; }
    public string? IntendedUses { get; init; }
    public IReadOnlyList<InventorShare> Inventors { get; init; } = [];
}

/// <summary>
/// An inventor and their contribution share in percent (two decimals at most). <see cref="UserId"/> is an account's id; empty
/// for a co-inventor without an account (then <see cref="Name"/> and an email or a phone are required, the college
/// optional), who gets an <see cref="InventorKey"/> that later drafts send back.
/// </summary>
public sealed record InventorShare(string UserId, string Name, decimal Share)
{
    public string? College { get; init; }
    public string? Email { get; init; }
    public string? Phone { get; init; }

    public bool HasAccount => InventorKey.IsAccount(UserId);
}
