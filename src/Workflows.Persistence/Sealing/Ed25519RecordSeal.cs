using System.Security.Cryptography;
using System.Text;
using NSec.Cryptography;
using Workflows.Engine.Contracts;

namespace Workflows.Persistence.Sealing;

/// <summary>
/// The <see cref="IRecordSeal"/> of an installation: an Ed25519 key in a PEM file (PKCS#8, as <c>openssl genpkey
/// -algorithm ed25519</c> writes it) that is never stored in the database. On first start the file is generated with
/// mode 0600 where the configuration points (default: <c>keys/record-seal.pem</c> in the data folder); the public key
/// (<see cref="PublicKeyPem"/>) is all an auditor needs. A seal made from the public key alone verifies and cannot sign.
/// </summary>
public sealed class Ed25519RecordSeal : IRecordSeal, IDisposable
{
    private static readonly SignatureAlgorithm Algorithm = SignatureAlgorithm.Ed25519;
    private readonly Key? _privateKey;
    private readonly PublicKey _publicKey;

    private Ed25519RecordSeal(Key? privateKey, PublicKey publicKey)
    {
        _privateKey = privateKey;
        _publicKey = publicKey;
        var raw = publicKey.Export(KeyBlobFormat.RawPublicKey);
        KeyId = Convert.ToHexStringLower(SHA256.HashData(raw))[..16];
        PublicKeyPem = Encoding.ASCII.GetString(publicKey.Export(KeyBlobFormat.PkixPublicKeyText));
    }

    public string KeyId { get; }

    /// <summary>The public key as PEM (SubjectPublicKeyInfo), for auditors and <c>wf</c>'s offline checks.</summary>
    public string PublicKeyPem { get; }

    public bool CanSign => _privateKey is not null;

    /// <summary>The key in the file, or a new one written there (0600, its folder 0700) when there is none.</summary>
    public static Ed25519RecordSeal LoadOrCreate(string path)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            OwnerOnlyFiles.CreateFolder(Path.GetDirectoryName(full)!);
            using var key = Key.Create(Algorithm, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
            try
            {
                using var file = OwnerOnlyFiles.CreateNew(full);
                file.Write(key.Export(KeyBlobFormat.PkixPrivateKeyText));
                file.Flush(flushToDisk: true);
            }
            catch (IOException) when (File.Exists(full)) { } // another host of the same installation made it first
        }
        var text = File.ReadAllBytes(full);
        var privateKey = Key.Import(Algorithm, text, KeyBlobFormat.PkixPrivateKeyText)
            ?? throw new InvalidOperationException($"{full} is not an Ed25519 private key in PEM (PKCS#8).");
        return new Ed25519RecordSeal(privateKey, privateKey.PublicKey);
    }

    /// <summary>A seal that verifies only, from a public key in PEM.</summary>
    public static Ed25519RecordSeal FromPublicKey(string pem)
    {
        if (!PublicKey.TryImport(Algorithm, Encoding.ASCII.GetBytes(pem.Trim()), KeyBlobFormat.PkixPublicKeyText, out var publicKey) || publicKey is null)
            throw new FormatException("Not an Ed25519 public key in PEM (SubjectPublicKeyInfo).");
        return new Ed25519RecordSeal(null, publicKey);
    }

    public string Sign(ChainCheckpoint checkpoint)
    {
        if (_privateKey is null) throw new InvalidOperationException("This seal has the public key only: it verifies and cannot sign.");
        return Convert.ToBase64String(Algorithm.Sign(_privateKey, Encoding.UTF8.GetBytes(checkpoint.SignedText)));
    }

    public bool Verify(ChainCheckpoint checkpoint, string signature)
    {
        Span<byte> bytes = stackalloc byte[Algorithm.SignatureSize];
        return Convert.TryFromBase64String(signature, bytes, out var written) && written == Algorithm.SignatureSize
            && Algorithm.Verify(_publicKey, Encoding.UTF8.GetBytes(checkpoint.SignedText), bytes);
    }

    public void Dispose() => _privateKey?.Dispose();
}
