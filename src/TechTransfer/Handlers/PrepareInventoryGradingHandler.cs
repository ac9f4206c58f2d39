using System.Text.Json.Nodes;
using TechTransfer.Portfolio.Campaigns;
using Workflows.Engine.Contracts;

namespace TechTransfer.Handlers;

/// <summary>
/// <c>tt.prepareInventoryGrading</c>: opens the grading of patent <c>patentId</c> in campaign <c>campaignId</c> (its
/// evidence once). Out: <c>patentNumber</c>, <c>patentTitle</c>, <c>college</c>, <c>ipcClasses</c>, <c>inventorNames</c>,
/// <c>inventorUsers</c> and <c>hasInventorAccounts</c>, <c>collegeGroup</c> (the college's reviewer group, or the office's
/// where it has none), the deadlines as ISO instants at the end of their day: <c>gradingDeadline</c> (the inventors'),
/// <c>collegeGradingDeadline</c> and <c>officeGradingDeadline</c> (the escalation levels'), <c>reviewDeadline</c> and
/// <c>idleActionDeadline</c>; <c>idleFunded</c> (the seeds' rule) and <c>criteriaText</c>, <c>tiersText</c> for the form.
/// </summary>
public sealed class PrepareInventoryGradingHandler(CampaignService campaigns, TechTransferOptions options, TimeProvider clock) : DomainHandler
{
    public override string Name => "tt.prepareInventoryGrading";

    protected override async Task<JsonObject?> RunAsync(Vars vars, ServiceTaskContext context, CancellationToken ct)
    {
        var (campaign, entry, patent, group) = await campaigns.OpenGradingAsync(AsProcess(vars), vars.Guid("campaignId"), vars.Guid("patentId"), ct);
        var config = options.Portfolio.Campaign;
        var offset = options.Licensing.DeadlineUtcOffset;
        DateTimeOffset EndOf(DateOnly day) => new(day.ToDateTime(new TimeOnly(23, 59, 59)), offset);
        var now = clock.GetUtcNow();
        var grading = EndOf(campaign.GradingDeadline);
        if (grading < now) grading = now + TimeSpan.FromDays(1); // a grading reopened after its deadline: a day, then escalation
        var college = grading + config.EscalationWindow;
        var office = college + config.EscalationWindow;
        var review = EndOf(campaign.ReviewDeadline);
        if (review < office) review = office + config.EscalationWindow;
        var users = patent.Inventors.Where(i => i.UserId is not null).Select(i => i.UserId!).Distinct().ToList();
        return Result(new
        {
            patentNumber = patent.Number, patentTitle = patent.Title, college = patent.College ?? "", ipcClasses = patent.IpcClasses ?? "",
            campaignTitle = campaign.Title, inventorNames = string.Join("、", patent.Inventors.Select(i => i.Name)),
            inventorUsers = users, hasInventorAccounts = users.Count > 0, collegeGroup = group,
            gradingDeadline = Iso(grading), collegeGradingDeadline = Iso(college), officeGradingDeadline = Iso(office), reviewDeadline = Iso(review),
            idleActionDeadline = Iso(review + config.IdleActionWindow), idleFunded = entry.IdleFunded,
            criteriaText = string.Join("; ", config.Criteria.Select(c => $"{c.Label} ×{c.Weight:0.##}")),
            tiersText = string.Join("; ", config.Tiers.OrderByDescending(t => t.MinScore).Select(t => $"{t.Label} ≥ {t.MinScore:0.##}")),
        });
    }
}
