using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;

namespace WorkflowHost.Composition;

/// <summary>
/// The data-protection keys (they sign every cookie and bearer token) live in the database; with
/// <c>DataProtection:Certificate</c> set they are stored encrypted with that X.509 certificate, so a copy of the database
/// or of a backup alone cannot forge a session. <c>Path</c> is a PKCS#12 file (<c>.pfx</c>/<c>.p12</c>, with
/// <c>Password</c>) or a PEM certificate (with <c>KeyPath</c>, its private key, unless the same file holds both).
/// After a certificate is replaced, keys written under the old one stay readable while it is listed under
/// <c>DataProtection:PreviousCertificates</c> (the same fields each).
/// </summary>
public static class KeyProtectionComposition
{
    public const string Section = "DataProtection:Certificate";

    public static IServiceCollection AddKeyProtection(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        if (!section.Exists()) return services;
        var certificate = Load(section);
        var previous = configuration.GetSection("DataProtection:PreviousCertificates").GetChildren().Select(Load);
        services.AddDataProtection().ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate([certificate, .. previous]);
        return services;
    }

    private static X509Certificate2 Load(IConfigurationSection section)
    {
        var path = section["Path"] is { Length: > 0 } p ? p : throw new InvalidOperationException($"{section.Path}:Path is required (a .pfx or PEM file).");
        if (!File.Exists(path)) throw new InvalidOperationException($"{section.Path}:Path = '{path}' does not exist.");
        X509Certificate2 certificate;
        try
        {
            certificate = Path.GetExtension(path).ToLowerInvariant() is ".pfx" or ".p12"
                ? X509CertificateLoader.LoadPkcs12FromFile(path, section["Password"])
                : string.IsNullOrEmpty(section["Password"])
                    ? X509Certificate2.CreateFromPemFile(path, section["KeyPath"] is { Length: > 0 } k ? k : null)
                    : X509Certificate2.CreateFromEncryptedPemFile(path, section["Password"], section["KeyPath"] is { Length: > 0 } ek ? ek : null);
        }
        catch (System.Security.Cryptography.CryptographicException e)
        {
            throw new InvalidOperationException($"{section.Path}: the certificate '{path}' cannot be read: {e.Message}", e);
        }
        if (!certificate.HasPrivateKey)
            throw new InvalidOperationException($"{section.Path}: the certificate '{path}' has no private key; the host needs it to read its keys back.");
        return certificate;
    }
}
