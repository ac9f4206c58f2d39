using Workflows.Engine.Contracts;
using Workflows.Engine.Runtime.Execution;
using Workflows.Engine.Runtime.Migration;

namespace Workflows.Engine.Runtime;

/// <summary>The runtime's migration commands; the planning and moving is <see cref="InstanceMigrator"/>'s.</summary>
public sealed partial class WorkflowRuntime
{
    public async Task<MigrationPlan> PlanMigrationAsync(MigrationRequest request, CancellationToken ct = default)
    {
        // The plan is the migration itself, run on detached copies and never committed.
        var ctx = new StepContext(_store, _definitions, _clock, "plan");
        return await Migrator.MigrateInStepAsync(ctx, request, ct);
    }

    public async Task<MigrationPlan> MigrateInstancesAsync(MigrationRequest request, Actor actor, CancellationToken ct = default)
    {
        if (!actor.IsAdministrator) throw new ForbiddenException("Only administrators may migrate instances.");
        return await StepAsync(actor.UserId, async ctx =>
        {
            var plan = await Migrator.MigrateInStepAsync(ctx, request, ct);
            if (!plan.CanMigrate) throw new MigrationRefusedException(plan.Problems.ToList());
            return plan;
        }, ct);
    }

    private InstanceMigrator Migrator => new(_store, _definitions, _executor);
}
