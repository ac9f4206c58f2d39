using System.Text.Json.Nodes;
using TechTransfer.Portfolio;
using Workflows.Engine.Contracts;

namespace TechTransfer.Handlers;

/// <summary>
/// <c>tt.prepareFeeDecision</c>: opens the keep-or-abandon decision of the annual fee of patent <c>patentId</c> due on
/// <c>feeDue</c> (once per due; into its evidence). Out: <c>patentNumber</c>, <c>patentTitle</c>, <c>college</c>,
/// <c>inventorNames</c>, <c>inventorUsers</c> (the inventors with an account, asked for their view) and
/// <c>hasInventorAccounts</c>, <c>feeDueAt</c> (the end of the due day), <c>graceEnds</c>, <c>viewDeadline</c> (ISO instant: the view window from now, at the latest the
/// decision deadline) and <c>decisionDeadline</c> (the end of the day the configured margin before the due date).
/// </summary>
public sealed class PrepareFeeDecisionHandler(PortfolioService portfolio, TechTransferOptions options, TimeProvider clock) : DomainHandler
{
    public override string Name => "tt.prepareFeeDecision";

    protected override async Task<JsonObject?> RunAsync(Vars vars, ServiceTaskContext context, CancellationToken ct)
    {
        var due = vars.Date("feeDue");
        var patent = await portfolio.OpenFeeDecisionAsync(AsProcess(vars), vars.Guid("patentId"), due, ct);
        var offset = options.Licensing.DeadlineUtcOffset;
        var decisionDay = due.AddDays(-(int)Math.Ceiling(options.Portfolio.DecisionMargin.TotalDays));
        var decisionDeadline = new DateTimeOffset(decisionDay.ToDateTime(new TimeOnly(23, 59, 59)), offset);
        var now = clock.GetUtcNow();
        if (decisionDeadline < now) decisionDeadline = now + TimeSpan.FromDays(1); // opened late (an import close to the due date): a day to decide
        var viewDeadline = now + options.Portfolio.ViewWindow;
        if (viewDeadline > decisionDeadline) viewDeadline = decisionDeadline - TimeSpan.FromHours(1) > now ? decisionDeadline - TimeSpan.FromHours(1) : decisionDeadline;
        var users = patent.Inventors.Where(i => i.UserId is not null).Select(i => i.UserId!).Distinct().ToList();
        return Result(new
        {
            patentNumber = patent.Number, patentTitle = patent.Title, college = patent.College ?? "",
            inventorNames = string.Join("、", patent.Inventors.OrderBy(i => i.Position).Select(i => i.Name)),
            inventorUsers = users, hasInventorAccounts = users.Count > 0,
            feeDue = Iso(due), feeDueAt = Iso(new DateTimeOffset(due.ToDateTime(new TimeOnly(23, 59, 59)), offset)), graceEnds = Iso(FeeCalendar.GraceEnds(due)), viewDeadline = Iso(viewDeadline), decisionDeadline = Iso(decisionDeadline),
        });
    }
}
