using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Workflows.Persistence.Sealing.Packs;

/// <summary>
/// How an evidence chain is named and hashed: one rule for the host that writes it and for <c>wf evidence verify</c>,
/// which checks an exported pack offline without the domain. Each entry's hash covers the previous entry's hash, its
/// subject (the invention), place, instant, actor, action and facts exactly as written.
/// </summary>
public static class EvidenceChain
{
    /// <summary>The chain's name in signatures and in the checkpoint journal: <c>evidence/&lt;subject, 32 hex&gt;</c>.</summary>
    public static string ChainOf(Guid subject) => "evidence/" + subject.ToString("N");

    public static string HashOf(string previousHash, Guid subject, int sequence, DateTimeOffset at, string actor, string action, string payload)
    {
        var text = string.Join('\n', previousHash, subject.ToString("N"), sequence.ToString(CultureInfo.InvariantCulture),
            at.UtcTicks.ToString(CultureInfo.InvariantCulture), actor, action, payload);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    public static string HashOf(PackEntry e) => HashOf(e.PreviousHash, e.InventionId, e.Sequence, e.At, e.Actor, e.Action, e.Payload);
}
