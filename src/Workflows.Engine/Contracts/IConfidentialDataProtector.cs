namespace Workflows.Engine.Contracts;

/// <summary>
/// Encrypts and authenticates what a confidential user task's completer submitted (<c>wf:confidential</c>), so that it is
/// never stored in clear. The host gives one backed by its data-protection key ring (sealed values survive a restart and
/// every host of a cluster opens them); without one the runtime keeps a random key in memory, which suits the memory
/// store and the command line (sealed values of a run are lost with the process).
/// </summary>
public interface IConfidentialDataProtector
{
    byte[] Protect(byte[] plaintext);

    /// <summary>The plaintext; throws <see cref="System.Security.Cryptography.CryptographicException"/> when the data was
    /// changed or was sealed under another key.</summary>
    byte[] Unprotect(byte[] protectedData);
}
