namespace WorkflowHost.Identity;

/// <summary>
/// Two kinds of lock share Identity's lockout end: a short one after failed sign-ins (the user's sessions go on),
/// and an administrator's lock, which lasts "for ever" and ends every session at once.
/// </summary>
public static class AccountLocks
{
    /// <summary>A lockout ending further ahead than this is an administrator's lock.</summary>
    public const int AdministrativeYears = 100;

    public static readonly DateTimeOffset Indefinitely = new(9999, 12, 31, 0, 0, 0, TimeSpan.Zero);

    public static bool IsLockedByAdministrator(DateTimeOffset? lockoutEnd, DateTimeOffset now) =>
        lockoutEnd >= now.AddYears(AdministrativeYears);
}
