using System.Text.Json.Nodes;
using TechTransfer.Common;
using TechTransfer.Licensing;
using TechTransfer.Evidence;
using Workflows.Engine.Contracts;

namespace TechTransfer.Handlers;

/// <summary>
/// <c>tt.signAgreement</c>: records the agreement signed on the concluded pricing <c>pricingId</c>. In: <c>agreementKind</c>
/// (assignment, exclusive-licence, sole-licence, ordinary-licence, equity; an open licence is refused: it is taken under a declaration), <c>counterparty</c>, <c>consideration</c>, <c>effectiveDate</c>,
/// <c>termStart</c>, <c>termEnd</c>, <c>feeTerms</c>, <c>pricingId</c>. A refusal (notice running, objection open, another
/// counterparty, a lower price, an open licence...) throws its code as a BPMN error. Out: <c>agreementId</c>, <c>filingId</c>, <c>filingKind</c>, <c>incomeDue</c>.
/// </summary>
public sealed class SignAgreementHandler(AgreementService agreements, StaffStatementService statements, TechTransferOptions options) : DomainHandler
{
    public override string Name => "tt.signAgreement";

    protected override async Task<JsonObject?> RunAsync(Vars vars, ServiceTaskContext context, CancellationToken ct)
    {
        var inventionId = vars.Guid("inventionId");
        var kind = Names.Parse<AgreementKind>(vars.String("agreementKind"), "agreementKind");
        var pricingId = vars.OptionalGuid("pricingId");
        var existing = (await agreements.ListAsync(AsProcess(), inventionId, ct)).FirstOrDefault(a => pricingId is not null && a.PricingId == pricingId);
        var agreement = existing;
        if (agreement is null)
        {
            agreement = await agreements.SignAsync(OnBehalfOfTaskCompleter(vars), inventionId, new AgreementTerms(
                kind, vars.String("counterparty"), vars.Decimal("consideration"), vars.Date("effectiveDate"), pricingId,
                vars.OptionalDate("termStart"), vars.OptionalDate("termEnd"), vars.OptionalString("feeTerms")), ct);
            // Who signed states they have no conflict and sought no gain (noConflict from the signing form).
            await statements.RecordAsync(OnBehalfOfTaskCompleter(vars), inventionId, Processes.ShippedProcesses.Transfer.Sign, vars.Bool(StaffStatementService.Variable), ct);
        }
        var filing = (await agreements.ListFilingsAsync(AsProcess(), agreement.Id, ct)).First();
        return Result(new { agreementId = agreement.Id, filingId = filing.Id, filingKind = Names.Kebab(filing.Kind), effectiveDate = Iso(agreement.EffectiveDate),
            incomeDue = Iso(options.Revenue.IncomeRecordingTime) });
    }
}
