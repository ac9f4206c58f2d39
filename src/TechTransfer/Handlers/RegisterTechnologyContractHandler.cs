using System.Text.Json.Nodes;
using TechTransfer.Licensing;
using Workflows.Engine.Contracts;

namespace TechTransfer.Handlers;

/// <summary><c>tt.registerTechnologyContract</c>: the agreement <c>agreementId</c> was registered as a technology contract
/// (技术合同认定登记) as <c>registrationNumber</c> on <c>registeredOn</c>, certificate <c>registrationDocumentId</c> (an
/// attachment). Out: <c>contractRegisteredOn</c>.</summary>
public sealed class RegisterTechnologyContractHandler(AgreementService agreements) : DomainHandler
{
    public override string Name => "tt.registerTechnologyContract";

    protected override async Task<JsonObject?> RunAsync(Vars vars, ServiceTaskContext context, CancellationToken ct)
    {
        var agreement = await agreements.RecordContractRegistrationAsync(OnBehalfOfTaskCompleter(vars), vars.Guid("agreementId"),
            vars.String("registrationNumber"), vars.Date("registeredOn"), vars.Guid("registrationDocumentId"), ct);
        return Result(new { contractRegisteredOn = Iso(agreement.ContractRegisteredOn!.Value) });
    }
}
