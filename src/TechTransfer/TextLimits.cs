namespace TechTransfer;

/// <summary>
/// The longest text each field of the domain takes, in characters (<c>TechTransfer:Limits:*</c>), and how many inventors
/// a disclosure names. A longer value is refused with 400 naming the field, before anything is stored; generous for
/// real disclosures, small enough that no one fills the database or the evidence pack with megabytes of text.
/// </summary>
public sealed class TextLimits
{
    public int Title { get; set; } = 500;
    public int Field { get; set; } = 200;
    public int IpcClass { get; set; } = 100;
    public int College { get; set; } = 200;
    public int Abstract { get; set; } = 20_000;
    public int FundedProject { get; set; } = 500;
    public int Funder { get; set; } = 200;
    public int PriorArt { get; set; } = 20_000;
    public int IntendedUses { get; set; } = 20_000;
    public int InventorName { get; set; } = 100;
    /// <summary>Inventors one disclosure names.</summary>
    public int Inventors { get; set; } = 30;
    /// <summary>Names and references elsewhere: a counterparty, a bidder, an interested party, a patent or filing number.</summary>
    public int Name { get; set; } = 300;
    /// <summary>Other free text: the office's questions, an objection and its resolution, fee terms, a refusal reason.</summary>
    public int Text { get; set; } = 8_000;

    public IEnumerable<(string Name, int Value)> All() =>
    [
        (nameof(Title), Title), (nameof(Field), Field), (nameof(IpcClass), IpcClass), (nameof(College), College), (nameof(Abstract), Abstract), (nameof(FundedProject), FundedProject),
        (nameof(Funder), Funder), (nameof(PriorArt), PriorArt), (nameof(IntendedUses), IntendedUses), (nameof(InventorName), InventorName),
        (nameof(Inventors), Inventors), (nameof(Name), Name), (nameof(Text), Text),
    ];
}
