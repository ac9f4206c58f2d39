using System.Security.Cryptography;

namespace Workflows.Persistence.Sealing.Packs;

/// <summary>SHA-256 of a stream as it is read (and copied, when writing), without holding the file in memory.</summary>
internal static class PackHashing
{
    public static async Task<(string Sha256, long Size)> HashAsync(Stream source, Stream? copyTo, CancellationToken ct)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[81920];
        long size = 0;
        int read;
        while ((read = await source.ReadAsync(buffer, ct)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            if (copyTo is not null) await copyTo.WriteAsync(buffer.AsMemory(0, read), ct);
            size += read;
        }
        return (Convert.ToHexStringLower(hash.GetHashAndReset()), size);
    }
}
