using System.Text.Json.Nodes;
using TechTransfer.Licensing;
using Workflows.Engine.Contracts;

namespace TechTransfer.Handlers;

/// <summary><c>tt.submitFiling</c>: the filing was submitted to the patent office on <c>submittedOn</c> with
/// <c>filingReference</c>. Out: <c>officeDecisionDue</c> (ISO duration in working days, from configuration).</summary>
public sealed class SubmitFilingHandler(AgreementService agreements, TechTransferOptions options) : DomainHandler
{
    public override string Name => "tt.submitFiling";

    protected override async Task<JsonObject?> RunAsync(Vars vars, ServiceTaskContext context, CancellationToken ct)
    {
        var filingId = vars.Guid("filingId");
        var filing = await agreements.GetFilingAsync(AsProcess(), filingId, ct);
        if (filing.Status is FilingStatus.Due or FilingStatus.Refused)
            await agreements.SubmitFilingAsync(OnBehalfOfTaskCompleter(vars), filingId, vars.Date("submittedOn"), vars.String("filingReference"), ct);
        return Result(new { officeDecisionDue = $"P{options.Licensing.OfficeDecisionWorkingDays}D" });
    }
}
