using System.Text.Json;
using Workflows.Persistence.Sealing;
using Workflows.Persistence.Sealing.Packs;

namespace Workflows.Cli.Commands;

/// <summary>
/// <c>wf evidence verify PACK.zip --key PUBLIC.pem</c>: checks an exported evidence pack offline with the record seal's
/// public key alone (<see cref="SealedPackVerifier"/>). Exit 0 when intact; 1 naming the first problem (file, entry, what).
/// </summary>
public static class EvidenceVerifyCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        if (args.Length == 0 || args[0] != "verify") throw new UsageException("evidence needs a subcommand: verify PACK.zip --key PUBLIC.pem");
        string? pack = null, keyFile = null;
        for (var i = 1; i < args.Length; i++)
        {
            if (args[i] == "--key")
            {
                if (i + 1 >= args.Length) throw new UsageException("--key needs the record seal's public key file (PEM)");
                keyFile = args[++i];
            }
            else if (args[i].StartsWith("--", StringComparison.Ordinal)) throw new UsageException($"unknown option '{args[i]}'");
            else if (pack is null) pack = args[i];
            else throw new UsageException("evidence verify checks one pack at a time");
        }
        if (pack is null) throw new UsageException("evidence verify needs the pack (a .zip file)");
        // The key the auditor holds (from the office's daily report or GET /api/v1/record-seal), never the one inside the pack.
        if (keyFile is null) throw new UsageException("evidence verify needs --key PUBLIC.pem: the key inside the pack proves nothing");

        Ed25519RecordSeal key;
        try { key = Ed25519RecordSeal.FromPublicKey(PemOf(await File.ReadAllTextAsync(keyFile))); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"wf: cannot read the key {keyFile}: {e.Message}");
            return CliApp.Invalid;
        }
        catch (Exception e) when (e is FormatException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            await error.WriteLineAsync($"wf: {keyFile}: not an Ed25519 public key in PEM (or the JSON of GET /api/v1/record-seal)");
            return CliApp.Invalid;
        }

        PackVerification result;
        try
        {
            await using var file = File.OpenRead(pack);
            result = await SealedPackVerifier.VerifyAsync(file, key);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"wf: cannot read the pack {pack}: {e.Message}");
            return CliApp.Invalid;
        }
        if (!result.Intact)
        {
            await error.WriteLineAsync($"wf: {pack}: REFUSED: {result}");
            return CliApp.Invalid;
        }
        var m = result.Manifest!;
        await output.WriteLineAsync($"{pack}: intact. Case {m.Reference} ({m.Subject:D}): {result.Entries} entries, head {m.Head}; "
            + $"{result.Attachments} attachment(s); sealed at export {m.ExportedAt:u} with key {key.KeyId}.");
        return CliApp.Ok;
    }

    /// <summary>The PEM itself, or the <c>publicKeyPem</c> of the record-seal endpoint's JSON saved as it is.</summary>
    private static string PemOf(string text) =>
        text.TrimStart().StartsWith('{')
            ? JsonDocument.Parse(text).RootElement.GetProperty("publicKeyPem").GetString() ?? throw new FormatException()
            : text;
}
