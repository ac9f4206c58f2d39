using System.Text.Json.Nodes;
using TechTransfer.Committees;
using TechTransfer.Evidence;
using Workflows.Engine.Contracts;

namespace TechTransfer.Handlers;

/// <summary><c>tt.openCommitteeReview</c>: opens a review round of <c>committeeId</c> (or the configured default) on
/// <c>reviewSubject</c>, recusing at once the members who are inventors on the case or among <c>relatedPersons</c> (user ids
/// the office declared related to the proposed <c>counterparty</c>). Out: <c>reviewId</c>, <c>committeeMembers</c> (the
/// vote's collection: the members not recused), <c>committeeChair</c>, <c>voteDue</c> and <c>closeDue</c> (ISO instants from
/// the configured times), <c>quorum</c>.</summary>
public sealed class OpenCommitteeReviewHandler(CommitteeService committees, StaffStatementService statements, TechTransferOptions options, TimeProvider clock) : DomainHandler
{
    public override string Name => "tt.openCommitteeReview";

    protected override async Task<JsonObject?> RunAsync(Vars vars, ServiceTaskContext context, CancellationToken ct)
    {
        var ties = new CounterpartyTies(vars.OptionalString("counterparty"), vars.Strings("relatedPersons"));
        var review = await committees.OpenReviewAsync(AsProcess(vars), vars.Guid("inventionId"), vars.OptionalString("committeeId"),
            vars.OptionalString("reviewSubject"), ties, ct);
        var view = await committees.GetAsync(AsProcess(), review.Id, ct);
        // The staff member who prepared the file (its price, counterparty and method) states they have no conflict.
        if (vars.OptionalString(CompletedBy) is not null)
            await statements.RecordAsync(OnBehalfOfTaskCompleter(vars), review.InventionId, Processes.ShippedProcesses.Transfer.Prepare, vars.Bool(StaffStatementService.Variable), ct);
        return Result(new
        {
            reviewId = review.Id,
            committeeMembers = view.Members.Except(view.Recused, StringComparer.Ordinal).ToList(),
            committeeChair = review.ChairId,
            voteDue = Iso(review.VotingEndsAt),
            closeDue = Iso(review.VotingEndsAt + options.Committee.ClosingTime),
            quorum = review.Quorum,
            reviewOpenedAt = Iso(clock.GetUtcNow()),
        });
    }
}
