namespace TechTransfer.Inventions;

/// <summary>
/// The key of an inventor who has no account: the system's own, never a user id (accounts' ids are GUIDs without this
/// prefix), so no check that compares an inventor's key with the signed-in user's id can ever match it.
/// </summary>
public static class InventorKey
{
    public const string NoAccountPrefix = "no-account:";

    public static bool IsAccount(string? key) => !string.IsNullOrEmpty(key) && !key.StartsWith(NoAccountPrefix, StringComparison.Ordinal);

    public static string NewWithoutAccount() => NoAccountPrefix + Guid.NewGuid().ToString("N");
}
