using Workflows.Engine.Contracts;
using Workflows.Engine.Model;

namespace Workflows.Engine.Runtime.Execution.Behaviors;

/// <summary>A send task puts an email on the outbox (<c>wf:template</c> to <c>wf:to</c>: users, <c>role:</c> groups or addresses) and passes on.</summary>
internal sealed class SendTaskBehavior(Executor engine) : ActivityBehavior<SendTask>(engine)
{
    protected override void Enter(NodeExecution x)
    {
        var node = Node(x);
        var view = Engine.View(x.Instance, x.Token);
        var users = new List<string>();
        var groups = new List<string>();
        var addresses = new List<string>();
        foreach (var to in Engine.Texts(node.To, view, node))
        {
            if (to.StartsWith("role:", StringComparison.OrdinalIgnoreCase) || to.StartsWith("group:", StringComparison.OrdinalIgnoreCase))
                groups.Add(to[(to.IndexOf(':') + 1)..]);
            else if (to.Contains('@')) addresses.Add(to);
            else users.Add(to);
        }
        Engine.Notify(x.Step, x.Instance, NotificationKinds.SendTask, node, null, users, groups, addresses, template: node.Template,
            variables: view.Snapshot());
        Engine.Leave(x);
    }
}
