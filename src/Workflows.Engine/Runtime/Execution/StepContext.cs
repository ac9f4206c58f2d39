using Workflows.Engine.Contracts;
using Workflows.Engine.Runtime.State;

namespace Workflows.Engine.Runtime.Execution;

/// <summary>
/// One step's unit of work: the instances and tasks it loaded (with the versions to guard), everything it
/// changes, and the scheduler calls to make once the commit has succeeded.
/// </summary>
internal sealed class StepContext(IWorkflowStore store, DefinitionCache definitions, TimeProvider clock, string actor)
{
    private readonly Dictionary<Guid, InstanceContext> _instances = new();
    private readonly Dictionary<Guid, UserTaskRecord> _tasks = new();
    private readonly Dictionary<Guid, ProcessInstance> _prefetched = new();

    public StepChanges Changes { get; } = new();
    public DateTimeOffset Now { get; } = clock.GetUtcNow();
    public string Actor { get; } = actor;
    public List<(Guid Id, DateTimeOffset DueAt)> TimersToSchedule { get; } = new();
    public List<Guid> TimersToCancel { get; } = new();
    public IWorkflowStore Store => store;
    public DefinitionCache Definitions => definitions;
    public int NodeExecutions { get; set; }
    public Deferred Deferred { get; } = new();

    public IEnumerable<InstanceContext> Instances => _instances.Values;

    public async Task<InstanceContext> LoadInstanceAsync(Guid id, CancellationToken ct)
    {
        if (_instances.TryGetValue(id, out var loaded)) return loaded;
        var instance = (_prefetched.Remove(id, out var read) ? read : await store.GetInstanceAsync(id, ct)) ?? throw new NotFoundException("Instance", id);
        var process = await definitions.GetAsync(instance.DefinitionId, ct);
        var ic = new InstanceContext(instance, process, definitions.Graph(process, instance.DefinitionId), isNew: false);
        Changes.ExpectedVersions[id] = instance.Version;
        _instances[id] = ic;
        return ic;
    }

    public InstanceContext AddNewInstance(ProcessInstance instance, Model.ProcessDefinition process)
    {
        var ic = new InstanceContext(instance, process, definitions.Graph(process, instance.DefinitionId), isNew: true);
        _instances[instance.Id] = ic;
        return ic;
    }

    public async Task<UserTaskRecord> LoadTaskAsync(Guid id, CancellationToken ct)
    {
        if (_tasks.TryGetValue(id, out var loaded)) return loaded;
        var task = await store.GetTaskAsync(id, ct) ?? throw new NotFoundException("Task", id);
        Changes.ExpectedTaskVersions[id] = task.Version;
        _tasks[id] = task;
        return task;
    }

    /// <summary>An instance read together with what the step acts on: loaded from it when the step asks for the instance.</summary>
    public void Prefetch(ProcessInstance instance)
    {
        if (!_instances.ContainsKey(instance.Id)) _prefetched[instance.Id] = instance;
    }

    /// <summary>Loads a task and reads its instance in the same query (loaded as such when the step asks for it).</summary>
    public async Task<UserTaskRecord> LoadTaskWithInstanceAsync(Guid id, CancellationToken ct)
    {
        if (_tasks.TryGetValue(id, out var loaded)) return loaded;
        var (task, instance) = await store.GetTaskWithInstanceAsync(id, ct);
        if (task is null) throw new NotFoundException("Task", id);
        if (instance is not null) Prefetch(instance);
        Changes.ExpectedTaskVersions[id] = task.Version;
        _tasks[id] = task;
        return task;
    }

    /// <summary>Drops an instance that was loaded only to read it, so the commit leaves it alone.</summary>
    public void Forget(Guid id) => _instances.Remove(id);

    /// <summary>Marks a loaded task as changed (saved once, whatever the number of calls).</summary>
    public void TaskChanged(UserTaskRecord task)
    {
        if (Changes.InsertedTasks.Contains(task) || Changes.UpdatedTasks.Contains(task)) return;
        Changes.UpdatedTasks.Add(task);
    }

    public void AddTask(UserTaskRecord task)
    {
        _tasks[task.Id] = task;
        Changes.InsertedTasks.Add(task);
    }

    /// <summary>A task created in this step is in memory only; others are loaded.</summary>
    public bool TryGetLoadedTask(Guid id, out UserTaskRecord task) => _tasks.TryGetValue(id, out task!);

    public void AddBookmark(Bookmark bookmark)
    {
        Changes.InsertedBookmarks.Add(bookmark);
        if (bookmark.DueAt is { } due) TimersToSchedule.Add((bookmark.Id, due));
    }

    public void RemoveBookmark(Guid id)
    {
        var inserted = Changes.InsertedBookmarks.FindIndex(b => b.Id == id);
        if (inserted >= 0)
        {
            Changes.InsertedBookmarks.RemoveAt(inserted);
            TimersToSchedule.RemoveAll(t => t.Id == id);
            return;
        }
        if (!Changes.DeletedBookmarks.Contains(id)) Changes.DeletedBookmarks.Add(id);
        TimersToCancel.Add(id);
    }

    public void History(InstanceContext ic, HistoryEventType type, string? elementId = null, string? elementType = null,
        string? tokenId = null, string? data = null, string? actor = null) =>
        Changes.History.Add(new HistoryEntry
        {
            InstanceId = ic.Id, Event = type, ElementId = elementId, ElementType = elementType, TokenId = tokenId,
            Actor = actor ?? Actor, At = Now, Data = data,
        });

    /// <summary>Moves every loaded instance into the change set (inserted or updated).</summary>
    public void Seal()
    {
        foreach (var ic in _instances.Values)
        {
            if (ic.IsNew) Changes.InsertedInstances.Add(ic.Instance);
            else Changes.UpdatedInstances.Add(ic.Instance);
        }
    }
}
