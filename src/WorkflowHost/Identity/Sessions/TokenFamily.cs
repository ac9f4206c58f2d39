namespace WorkflowHost.Identity.Sessions;

/// <summary>
/// One bearer sign-in and every token pair refreshed from it. The access and refresh tokens carry the family's id and
/// the generation they were issued in; a refresh moves the family to the next generation, so only the newest refresh
/// token works. Times are UTC ticks, like the rest of the accounts schema.
/// </summary>
public sealed class TokenFamily
{
    public Guid Id { get; set; }
    public required string UserId { get; set; }
    public int Generation { get; set; }
    public long CreatedAt { get; set; }
    /// <summary>The family's absolute end: no refresh renews it past this (<see cref="AccountSessionOptions.TokenFamilyLifetime"/>).</summary>
    public long ExpiresAt { get; set; }
    public long? RefreshedAt { get; set; }
    public long? RevokedAt { get; set; }
    /// <summary>Why it ended (<see cref="SessionEndReasons"/>).</summary>
    public string? RevokedReason { get; set; }
}
