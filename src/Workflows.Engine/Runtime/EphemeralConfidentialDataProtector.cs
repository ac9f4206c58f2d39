using System.Security.Cryptography;
using Workflows.Engine.Contracts;

namespace Workflows.Engine.Runtime;

/// <summary>
/// The runtime's own <see cref="IConfidentialDataProtector"/> when the host gives none: AES-256-GCM under a random key
/// that lives as long as the object (nonce, tag and ciphertext in one array).
/// </summary>
public sealed class EphemeralConfidentialDataProtector : IConfidentialDataProtector
{
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);

    public byte[] Protect(byte[] plaintext)
    {
        var output = new byte[NonceSize + TagSize + plaintext.Length];
        var nonce = output.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagSize);
        aes.Encrypt(nonce, plaintext, output.AsSpan(NonceSize + TagSize), output.AsSpan(NonceSize, TagSize));
        return output;
    }

    public byte[] Unprotect(byte[] protectedData)
    {
        if (protectedData.Length < NonceSize + TagSize) throw new CryptographicException("The sealed value is too short.");
        var plaintext = new byte[protectedData.Length - NonceSize - TagSize];
        using var aes = new AesGcm(_key, TagSize);
        aes.Decrypt(protectedData.AsSpan(0, NonceSize), protectedData.AsSpan(NonceSize + TagSize), protectedData.AsSpan(NonceSize, TagSize), plaintext);
        return plaintext;
    }
}
