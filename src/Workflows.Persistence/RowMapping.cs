using System.Text.Json;
using System.Text.Json.Nodes;
using Workflows.Engine.Runtime;
using Workflows.Engine.Runtime.State;
using Workflows.Persistence.Rows;

namespace Workflows.Persistence;

/// <summary>Between the engine's records and the table rows.</summary>
internal static class RowMapping
{
    public static long Ticks(DateTimeOffset at) => at.UtcTicks;
    public static long? Ticks(DateTimeOffset? at) => at?.UtcTicks;
    public static DateTimeOffset Time(long ticks) => new(ticks, TimeSpan.Zero);
    public static DateTimeOffset? Time(long? ticks) => ticks is { } t ? new DateTimeOffset(t, TimeSpan.Zero) : null;

    public static string Delimited(IEnumerable<string> values, bool lower)
    {
        var list = values.Select(v => lower ? v.ToLowerInvariant() : v).ToList();
        return list.Count == 0 ? "" : "|" + string.Join("|", list) + "|";
    }

    public static List<string> Split(string delimited) =>
        delimited.Split('|', StringSplitOptions.RemoveEmptyEntries).ToList();

    private static string? Json(JsonObject? value) => value?.ToJsonString(EngineJson.Options);
    private static JsonObject? Object(string? json) => json is null ? null : JsonNode.Parse(json)!.AsObject();

    public static DefinitionRow ToRow(WorkflowDefinitionRecord d) => new()
    {
        Id = d.Id, ProcessId = d.ProcessId, Version = d.Version, Status = (int)d.Status, Name = d.Name, BpmnXml = d.BpmnXml,
        ContentHash = d.ContentHash, CreatedAt = Ticks(d.CreatedAt), PublishedAt = Ticks(d.PublishedAt), CreatedBy = d.CreatedBy,
    };

    public static WorkflowDefinitionRecord ToRecord(DefinitionRow r) => new()
    {
        Id = r.Id, ProcessId = r.ProcessId, Version = r.Version, Status = (DefinitionStatus)r.Status, Name = r.Name, BpmnXml = r.BpmnXml,
        ContentHash = r.ContentHash, CreatedAt = Time(r.CreatedAt), PublishedAt = Time(r.PublishedAt), CreatedBy = r.CreatedBy,
    };

    public static InstanceRow ToRow(ProcessInstance i) => new()
    {
        Id = i.Id, DefinitionId = i.DefinitionId, ProcessId = i.ProcessId, DefinitionVersion = i.DefinitionVersion, BusinessKey = i.BusinessKey,
        Status = (int)i.Status, State = JsonSerializer.Serialize(i.State, EngineJson.Options), Version = i.Version,
        ParentInstanceId = i.ParentInstanceId, ParentTokenId = i.ParentTokenId, RootInstanceId = i.RootInstanceId,
        StartedAt = Ticks(i.StartedAt), EndedAt = Ticks(i.EndedAt), StartedBy = i.StartedBy, OpenIncidents = i.OpenIncidents,
    };

    public static ProcessInstance ToRecord(InstanceRow r) => new()
    {
        Id = r.Id, DefinitionId = r.DefinitionId, ProcessId = r.ProcessId, DefinitionVersion = r.DefinitionVersion, BusinessKey = r.BusinessKey,
        Status = (InstanceStatus)r.Status, State = JsonSerializer.Deserialize<InstanceState>(r.State, EngineJson.Options)!, Version = r.Version,
        ParentInstanceId = r.ParentInstanceId, ParentTokenId = r.ParentTokenId, RootInstanceId = r.RootInstanceId,
        StartedAt = Time(r.StartedAt), EndedAt = Time(r.EndedAt), StartedBy = r.StartedBy, OpenIncidents = r.OpenIncidents,
    };

    public static TaskRow ToRow(UserTaskRecord t) => new()
    {
        Id = t.Id, InstanceId = t.InstanceId, TokenId = t.TokenId, ElementId = t.ElementId, Name = t.Name, ProcessId = t.ProcessId,
        BusinessKey = t.BusinessKey, Status = (int)t.Status, Assignee = t.Assignee, Owner = t.Owner,
        CandidateUsers = Delimited(t.CandidateUsers, lower: false), CandidateGroups = Delimited(t.CandidateGroups, lower: true),
        CreatedAt = Ticks(t.CreatedAt), DueAt = Ticks(t.DueAt), FollowUpAt = Ticks(t.FollowUpAt), Priority = t.Priority, FormKey = t.FormKey,
        LocalVariables = Json(t.LocalVariables), CompletedAt = Ticks(t.CompletedAt), CompletedBy = t.CompletedBy, Result = Json(t.Result),
        Version = t.Version,
    };

    public static UserTaskRecord ToRecord(TaskRow r) => new()
    {
        Id = r.Id, InstanceId = r.InstanceId, TokenId = r.TokenId, ElementId = r.ElementId, Name = r.Name, ProcessId = r.ProcessId,
        BusinessKey = r.BusinessKey, Status = (UserTaskStatus)r.Status, Assignee = r.Assignee, Owner = r.Owner,
        CandidateUsers = Split(r.CandidateUsers), CandidateGroups = Split(r.CandidateGroups),
        CreatedAt = Time(r.CreatedAt), DueAt = Time(r.DueAt), FollowUpAt = Time(r.FollowUpAt), Priority = r.Priority, FormKey = r.FormKey,
        LocalVariables = Object(r.LocalVariables), CompletedAt = Time(r.CompletedAt), CompletedBy = r.CompletedBy, Result = Object(r.Result),
        Version = r.Version,
    };

    public static BookmarkRow ToRow(Bookmark b) => new()
    {
        Id = b.Id, InstanceId = b.InstanceId, TokenId = b.TokenId, ElementId = b.ElementId, Kind = (int)b.Kind, DueAt = Ticks(b.DueAt),
        MessageName = b.MessageName, CorrelationKey = b.CorrelationKey, Data = b.Data, CreatedAt = Ticks(b.CreatedAt),
    };

    public static Bookmark ToRecord(BookmarkRow r) => new()
    {
        Id = r.Id, InstanceId = r.InstanceId, TokenId = r.TokenId, ElementId = r.ElementId, Kind = (BookmarkKind)r.Kind, DueAt = Time(r.DueAt),
        MessageName = r.MessageName, CorrelationKey = r.CorrelationKey, Data = r.Data, CreatedAt = Time(r.CreatedAt),
    };

    public static HistoryRow ToRow(HistoryEntry h) => new()
    {
        InstanceId = h.InstanceId, Event = (int)h.Event, ElementId = h.ElementId, ElementType = h.ElementType, TokenId = h.TokenId,
        Actor = h.Actor, At = Ticks(h.At), Data = h.Data, Seq = h.Sequence, PreviousHash = h.PreviousHash, Hash = h.Hash, Signature = h.Signature,
    };

    public static HistoryEntry ToRecord(HistoryRow r) => new()
    {
        Id = r.Id, InstanceId = r.InstanceId, Event = (HistoryEventType)r.Event, ElementId = r.ElementId, ElementType = r.ElementType,
        TokenId = r.TokenId, Actor = r.Actor, At = Time(r.At), Data = r.Data, Sequence = r.Seq, PreviousHash = r.PreviousHash, Hash = r.Hash,
        Signature = r.Signature,
    };

    public static IncidentRow ToRow(Incident i) => new()
    {
        Id = i.Id, InstanceId = i.InstanceId, TokenId = i.TokenId, ElementId = i.ElementId, Message = i.Message, Details = i.Details,
        Attempts = i.Attempts, CreatedAt = Ticks(i.CreatedAt), ResolvedAt = Ticks(i.ResolvedAt), ResolvedBy = i.ResolvedBy,
    };

    public static Incident ToRecord(IncidentRow r) => new()
    {
        Id = r.Id, InstanceId = r.InstanceId, TokenId = r.TokenId, ElementId = r.ElementId, Message = r.Message, Details = r.Details,
        Attempts = r.Attempts, CreatedAt = Time(r.CreatedAt), ResolvedAt = Time(r.ResolvedAt), ResolvedBy = r.ResolvedBy,
    };

    public static OutboxRow ToRow(OutboxMessage m) => new()
    {
        Id = m.Id, Kind = m.Kind, Payload = m.Payload, CreatedAt = Ticks(m.CreatedAt), ProcessedAt = Ticks(m.ProcessedAt),
        Attempts = m.Attempts, NextAttemptAt = Ticks(m.NextAttemptAt), LastError = m.LastError,
    };

    public static OutboxMessage ToRecord(OutboxRow r) => new()
    {
        Id = r.Id, Kind = r.Kind, Payload = r.Payload, CreatedAt = Time(r.CreatedAt), ProcessedAt = Time(r.ProcessedAt),
        Attempts = r.Attempts, NextAttemptAt = Time(r.NextAttemptAt), LastError = r.LastError,
    };
}
