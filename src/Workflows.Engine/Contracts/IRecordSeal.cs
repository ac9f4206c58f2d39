namespace Workflows.Engine.Contracts;

/// <summary>
/// Signs the head of an append-only chain (the engine's history of an instance, a case's evidence) with a key kept
/// outside the database, so that whoever can write the database still cannot rewrite a chain and sign it again.
/// Verifying needs the public key alone.
/// </summary>
public interface IRecordSeal
{
    /// <summary>A short name of the public key (its fingerprint), written beside each signature.</summary>
    string KeyId { get; }

    /// <summary>The signature of the checkpoint's text, in base64.</summary>
    string Sign(ChainCheckpoint checkpoint);

    /// <summary>True when the signature is this key's over exactly this checkpoint.</summary>
    bool Verify(ChainCheckpoint checkpoint, string signature);
}

/// <summary>The head of a chain: how many entries it had and the hash of the last one. <paramref name="Chain"/> names it
/// (<c>history/{instance}</c>, <c>evidence/{invention}</c>).</summary>
public sealed record ChainCheckpoint(string Chain, long Entries, string Head)
{
    /// <summary>What is signed: a fixed prefix, so that a signature over anything else is never taken for a checkpoint.</summary>
    public string SignedText => $"wf-checkpoint-v1\n{Chain}\n{Entries.ToString(System.Globalization.CultureInfo.InvariantCulture)}\n{Head}";
}
