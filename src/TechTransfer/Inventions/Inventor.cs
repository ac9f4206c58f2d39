namespace TechTransfer.Inventions;

/// <summary>
/// One inventor of an invention and their contribution share (percent; all shares sum to exactly 100). <see cref="UserId"/>
/// is the inventor's key, which the revenue splits and rewards carry: the id of their account, or for a co-inventor who has
/// no account yet an <see cref="InventorKey"/> the system gave them (with the contact the disclosure names). When such an
/// inventor later registers, the office links the key to the account (<see cref="InventionService.LinkInventorAsync"/>).
/// </summary>
public sealed class Inventor
{
    public Guid InventionId { get; set; }
    public string UserId { get; set; } = "";
    public string Name { get; set; } = "";
    public decimal Share { get; set; }
    /// <summary>Order on the disclosure; it also breaks ties when rounding the revenue split.</summary>
    public int Position { get; set; }
    /// <summary>所在学院（单位） and contact of an inventor without an account (an account holder's are their account's).</summary>
    public string? College { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }

    public bool HasAccount => InventorKey.IsAccount(UserId);
}
