using Workflows.Engine.Model;
using Workflows.Engine.Runtime.State;

namespace Workflows.Engine.Runtime.Execution.Subscriptions;

/// <summary>
/// Messages: a subscription by the message's name and a correlation key (<c>wf:correlationKey</c>, evaluated when it
/// opens; by default the instance's business key). One message reaches one subscription of an instance.
/// </summary>
internal sealed class MessageSubscription(Executor engine) : EventSubscription<MessageEventDefinition>(engine)
{
    public override string Name => "message";

    protected override void Open(NodeExecution x, MessageEventDefinition message, VariableView view, DateTimeOffset since)
    {
        var key = message.CorrelationKey is null ? null : Engine.Evaluate(message.CorrelationKey, view, x.Node)?.ToString();
        Executor.AddBookmark(x, new Bookmark
        {
            Id = Guid.NewGuid(), InstanceId = x.Instance.Id, TokenId = x.Token.Id, ElementId = x.Node.Id,
            Kind = BookmarkKind.Message, MessageName = message.MessageName, CorrelationKey = key ?? x.Instance.Instance.BusinessKey,
            CreatedAt = x.Now,
        });
    }

    public override void Received(NodeExecution x, Bookmark bookmark) =>
        x.History(HistoryEventType.MessageCorrelated, Executor.Json(new { bookmark.MessageName, bookmark.CorrelationKey }));
}
