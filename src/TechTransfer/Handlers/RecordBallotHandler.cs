using System.Text.Json.Nodes;
using TechTransfer.Committees;
using TechTransfer.Common;
using Workflows.Engine.Contracts;

namespace TechTransfer.Handlers;

/// <summary>
/// <c>tt.recordBallot</c>: right after a member's review task (in the vote's multi-instance sub-process), records what the
/// member said: a declared conflict (<c>conflict</c>, <c>conflictStatement</c>) recuses them and no vote is taken;
/// otherwise their <c>vote</c> (approve / reject / abstain) and <c>reason</c>. The member is the item's <c>member</c>, to
/// whom the engine assigned the task. The ballot's fields are cleared from the variables again, so nobody reads
/// another member's vote from the process before the close. Out: <c>recused</c>.
/// </summary>
public sealed class RecordBallotHandler(CommitteeService committees) : DomainHandler
{
    public override string Name => "tt.recordBallot";

    protected override async Task<JsonObject?> RunAsync(Vars vars, ServiceTaskContext context, CancellationToken ct)
    {
        var reviewId = vars.Guid("reviewId");
        var member = ActingUser.Process(vars.String("member"));
        var mine = await committees.GetAsync(member, reviewId, ct);
        var recused = mine.Recused.Contains(member.UserId);
        if (vars.Bool("conflict"))
        {
            if (!recused) await committees.DeclareConflictAsync(member, reviewId, vars.OptionalString("conflictStatement") ?? "", ct);
            recused = true;
        }
        else if (!recused && mine.MyVote is null)
            await committees.CastVoteAsync(member, reviewId, Names.Parse<VoteChoice>(vars.String("vote"), "vote"), vars.OptionalString("reason"), ct);
        return new JsonObject
        {
            ["recused"] = recused,
            ["vote"] = null, ["reason"] = null, ["conflict"] = null, ["conflictStatement"] = null,
        };
    }
}
