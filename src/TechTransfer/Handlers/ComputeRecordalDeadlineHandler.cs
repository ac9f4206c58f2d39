using System.Text.Json.Nodes;
using TechTransfer.Common;
using TechTransfer.Licensing;
using Workflows.Engine.Contracts;

namespace TechTransfer.Handlers;

/// <summary>
/// <c>tt.computeRecordalDeadline</c>: for <c>agreementId</c>, the filing's deadline as the timer's date: the end of the day
/// the configured months after the contract took effect (licence recordal: 3 months). An assignment registration has
/// no legal deadline; its task is due after the configured office-decision time. Out: <c>filingId</c>,
/// <c>filingKind</c>, <c>recordalDue</c> (the date), <c>recordalDeadline</c> (ISO instant), <c>recordalReminders</c>.
/// </summary>
public sealed class ComputeRecordalDeadlineHandler(AgreementService agreements, TechTransferOptions options) : DomainHandler
{
    public override string Name => "tt.computeRecordalDeadline";

    protected override async Task<JsonObject?> RunAsync(Vars vars, ServiceTaskContext context, CancellationToken ct)
    {
        var agreement = await agreements.GetAsync(AsProcess(), vars.Guid("agreementId"), ct);
        var filing = (await agreements.ListFilingsAsync(AsProcess(), agreement.Id, ct)).First();
        var due = filing.DueDate ?? agreements.RecordalDeadline(agreement.EffectiveDate);
        var offset = options.Licensing.DeadlineUtcOffset;
        var endOfDay = new DateTimeOffset(due.ToDateTime(new TimeOnly(23, 59, 59)), offset);
        return Result(new
        {
            filingId = filing.Id,
            filingKind = Names.Kebab(filing.Kind),
            recordalDue = Iso(due),
            recordalDeadline = Iso(endOfDay),
            recordalReminders = options.Licensing.RecordalReminders,
        });
    }
}
