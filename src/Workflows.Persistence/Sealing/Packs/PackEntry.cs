namespace Workflows.Persistence.Sealing.Packs;

/// <summary>
/// One evidence entry in a pack's <c>entries.json</c>, exactly as it was hashed and signed (the same fields, in the same
/// JSON, as the host's evidence API answers): <see cref="Payload"/> is the facts' JSON text as written, never re-encoded.
/// </summary>
public sealed record PackEntry(Guid InventionId, int Sequence, DateTimeOffset At, string Actor, string Action, string Payload,
    string PreviousHash, string Hash, string Signature);
