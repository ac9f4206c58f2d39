using System.Text.Json.Nodes;
using TechTransfer.Committees;
using TechTransfer.Common;
using Workflows.Engine.Contracts;

namespace TechTransfer.Handlers;

/// <summary>
/// <c>tt.recordBallot</c>: right after a member's review task (in the vote's multi-instance sub-process), records what the
/// member said: a declared conflict (<c>conflict</c>, <c>conflictStatement</c>) recuses them and no vote is taken;
/// otherwise their <c>vote</c> (approve / reject / abstain) and <c>reason</c>. The ballot is recorded for the user who
/// completed the task (<c>completedBy</c>), and only when that is the item's <c>member</c>, to whom the engine assigned
/// the task (a personal one: nobody else can complete it): anything else is refused and nothing is recorded. The task is
/// confidential, so its data reaches this handler sealed from everyone else; the ballot's fields are cleared from the
/// variables again. Out: <c>recused</c>.
/// </summary>
public sealed class RecordBallotHandler(CommitteeService committees) : DomainHandler
{
    public override string Name => "tt.recordBallot";

    protected override async Task<JsonObject?> RunAsync(Vars vars, ServiceTaskContext context, CancellationToken ct)
    {
        var reviewId = vars.Guid("reviewId");
        var member = vars.String("member");
        var completedBy = vars.OptionalString(CompletedBy);
        // Not a business error a diagram could route: a ballot cast by anyone but its member is refused as a fault (an incident).
        if (completedBy != member)
            throw new InvalidOperationException(
                $"{Name}: the ballot of {member} was submitted by {completedBy ?? "nobody named"}; a ballot is recorded only for the member who cast it.");
        var voter = ActingUser.Process(completedBy) with { Step = vars.Step };
        var mine = await committees.GetAsync(voter, reviewId, ct);
        var recused = mine.Recused.Contains(voter.UserId);
        if (vars.Bool("conflict"))
        {
            if (!recused) await committees.DeclareConflictAsync(voter, reviewId, vars.OptionalString("conflictStatement") ?? "", ct);
            recused = true;
        }
        else if (!recused && mine.MyVote is null)
            await committees.CastVoteAsync(voter, reviewId, Names.Parse<VoteChoice>(vars.String("vote"), "vote"), vars.OptionalString("reason"), ct);
        return new JsonObject
        {
            ["recused"] = recused,
            ["vote"] = null, ["reason"] = null, ["conflict"] = null, ["conflictStatement"] = null, [CompletedBy] = null,
        };
    }
}
