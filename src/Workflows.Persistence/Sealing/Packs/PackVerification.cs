namespace Workflows.Persistence.Sealing.Packs;

/// <summary>
/// The result of checking a pack offline: intact (how many entries and attachments, as sealed when), or the first problem,
/// with the file of the pack and the entry sequence it concerns where there is one.
/// </summary>
public sealed record PackVerification(bool Intact, int Entries, int Attachments, string? File, int? Entry, string? Problem, PackManifest? Manifest)
{
    public static PackVerification Refused(string file, int? entry, string problem) => new(false, 0, 0, file, entry, problem, null);

    /// <summary>One line naming the problem: <c>file, entry N: what is wrong</c>.</summary>
    public override string ToString() => Intact
        ? $"intact: {Entries} entries, {Attachments} attachments"
        : $"{File}{(Entry is { } n ? $", entry {n}" : "")}: {Problem}";
}
