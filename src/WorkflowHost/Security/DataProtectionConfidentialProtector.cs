using Microsoft.AspNetCore.DataProtection;
using Workflows.Engine.Contracts;

namespace WorkflowHost.Security;

/// <summary>
/// Seals confidential task data (a committee member's ballot before the close) with ASP.NET Core Data Protection, whose
/// key ring the host keeps in its database: a sealed value opens after a restart and on every host of a cluster.
/// </summary>
public sealed class DataProtectionConfidentialProtector(IDataProtectionProvider provider) : IConfidentialDataProtector
{
    private readonly IDataProtector _protector = provider.CreateProtector("Workflows.Engine.ConfidentialTaskData");

    public byte[] Protect(byte[] plaintext) => _protector.Protect(plaintext);

    public byte[] Unprotect(byte[] protectedData) => _protector.Unprotect(protectedData);
}
