using System.Text.Json.Nodes;
using TechTransfer.Licensing;
using Workflows.Engine.Contracts;

namespace TechTransfer.Handlers;

/// <summary><c>tt.recordFilingDecision</c>: the patent office's answer: <c>filingAccepted</c>, <c>decidedOn</c>,
/// <c>refusalReason</c>. Out: <c>filingAccepted</c>, <c>registeredOn</c> (an assignment's effective date).</summary>
public sealed class RecordFilingDecisionHandler(AgreementService agreements) : DomainHandler
{
    public override string Name => "tt.recordFilingDecision";

    protected override async Task<JsonObject?> RunAsync(Vars vars, ServiceTaskContext context, CancellationToken ct)
    {
        var filingId = vars.Guid("filingId");
        var filing = await agreements.GetFilingAsync(AsProcess(), filingId, ct);
        if (filing.Status == FilingStatus.Submitted)
            filing = await agreements.RecordFilingDecisionAsync(OnBehalfOfTaskCompleter(vars), filingId, vars.Bool("filingAccepted"), vars.Date("decidedOn"),
                vars.OptionalString("refusalReason"), ct);
        var agreement = await agreements.GetAsync(AsProcess(), filing.AgreementId, ct);
        return Result(new
        {
            filingAccepted = filing.Status == FilingStatus.Accepted,
            registeredOn = agreement.RegisteredOn is { } d ? Iso(d) : null,
        });
    }
}
