using System.Data.Common;
using Workflows.Engine.Contracts;
using Workflows.Engine.Runtime;
using Workflows.Engine.Runtime.State;
using Workflows.Persistence.Sealing;

namespace Workflows.Persistence.Commits;

/// <summary>
/// Group commit. Steps that are ready at the same moment are written in one transaction and reach the disk with one
/// sync: the first step that finds no batch being written starts the writer, which takes every waiting step (up to
/// <see cref="WorkflowStoreOptions.MaxStepsPerCommit"/>), writes each inside a savepoint of its own, commits once, and
/// goes on while steps keep arriving. Each step is still atomic and its conflicts are still its own: a step whose
/// guarded update finds a moved version (or that fails in any other way) is rolled back to its savepoint and fails
/// alone; its batch mates commit. One writer, one connection: on SQLite that is the one connection that takes the
/// write lock, instead of every request queueing on it.
/// </summary>
internal sealed class CommitQueue(DatabaseProvider provider, string connectionString, WorkflowStoreOptions options) : IAsyncDisposable
{
    private const string Savepoint = "wf_step";
    private readonly object _gate = new();
    private readonly Queue<PendingStep> _waiting = new();
    private bool _writing;
    private Task _writer = Task.CompletedTask;
    private WriterConnection? _connection;
    private bool _disposed;

    /// <summary>The variable values of the instances the store handed out, as the index rows hold them.</summary>
    public VariableIndex Variables { get; } = new();

    /// <summary>Transactions committed (for tests and the benchmark: fewer than steps when steps were grouped).</summary>
    public long Commits => Interlocked.Read(ref _commits);
    private long _commits;

    /// <summary>Queues the step and completes when its batch is committed; throws what failed the step.</summary>
    public Task CommitAsync(StepChanges changes, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var step = new PendingStep(changes);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _waiting.Enqueue(step);
            if (!_writing)
            {
                _writing = true;
                _writer = Task.Run(WriteWhileWaitingAsync, CancellationToken.None);
            }
        }
        if (ct.CanBeCanceled)
        {
            // A step still waiting when its caller gives up is left out; once in a batch, the batch decides.
            var registration = ct.Register(() =>
            {
                lock (_gate)
                {
                    if (!step.Taken) step.Done.TrySetCanceled(ct);
                }
            });
            step.Done.Task.ContinueWith(_ => registration.Dispose(), TaskScheduler.Default);
        }
        return step.Done.Task;
    }

    private async Task WriteWhileWaitingAsync()
    {
        while (true)
        {
            var batch = new List<PendingStep>();
            lock (_gate)
            {
                while (_waiting.Count > 0 && batch.Count < Math.Max(1, options.MaxStepsPerCommit))
                {
                    var step = _waiting.Dequeue();
                    if (step.Done.Task.IsCompleted) continue; // cancelled while waiting
                    step.Taken = true;
                    batch.Add(step);
                }
                if (batch.Count == 0)
                {
                    _writing = false;
                    return;
                }
            }
            await WriteBatchAsync(batch);
        }
    }

    private async Task WriteBatchAsync(List<PendingStep> batch)
    {
        var ct = CancellationToken.None; // a batch is finished whatever its callers do meanwhile
        var failed = new Dictionary<PendingStep, Exception>();
        var heads = new List<HistoryEntry>();
        try
        {
            _connection ??= await WriterConnection.OpenAsync(provider, connectionString, ct);
            var connection = _connection;
            await connection.BeginAsync(ct);
            // Alone in its batch, a step needs no savepoint: its failure rolls the transaction back.
            var alone = batch.Count == 1;
            foreach (var step in batch)
            {
                if (!alone) await connection.SaveAsync(Savepoint, ct);
                try
                {
                    step.Heads = await new CommitWriter(connection, Variables, options.Seal).WriteAsync(step.Changes, ct);
                }
                catch (Exception e)
                {
                    failed[step] = Translate(e);
                    if (alone) await connection.RollbackAsync(ct);
                    else await connection.RollbackToAsync(Savepoint, ct);
                    continue;
                }
                if (!alone) await connection.ReleaseAsync(Savepoint, ct);
            }
            if (failed.Count < batch.Count)
            {
                await connection.CommitAsync(ct);
                Interlocked.Increment(ref _commits);
                heads.AddRange(batch.Where(s => !failed.ContainsKey(s)).SelectMany(s => s.Heads));
            }
            else await connection.RollbackAsync(ct);
        }
        catch (Exception e)
        {
            // The connection or the commit failed: nothing of the batch is written. A fresh connection next time.
            await DropConnectionAsync();
            foreach (var step in batch) failed.TryAdd(step, Translate(e));
        }
        // The committed heads, signed, go outside the database (never a rolled-back step's). Not synced to disk per batch:
        // a crash may lose the last lines, which only weakens the check, and never makes an honest history look tampered.
        if (heads.Count > 0 && options.Journal is { } journal && options.Seal is { } seal)
        {
            try
            {
                journal.Append(heads.Where(h => h.Signature is not null)
                    .Select(h => new SignedCheckpoint(HistoryChain.ChainOf(h.InstanceId), h.Sequence, h.Hash, h.At, seal.KeyId, h.Signature!)), durable: false);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The steps are committed: a journal that cannot be written (full disk) costs the outside copy, not the step.
            }
        }
        // Told only now, so that a loser re-run on fresh state reads its batch mates' committed rows.
        foreach (var step in batch)
        {
            if (failed.TryGetValue(step, out var error)) step.Done.TrySetException(error);
            else step.Done.TrySetResult();
        }
    }

    private async Task DropConnectionAsync()
    {
        if (_connection is null) return;
        try
        {
            await _connection.DisposeAsync();
        }
        catch (Exception)
        {
            // Closing a broken connection may fail too; it is dropped either way.
        }
        _connection = null;
    }

    /// <summary>Database errors that mean "another step got there first" become conflicts, which the runtime re-runs.</summary>
    private static Exception Translate(Exception e) => e switch
    {
        DbException d when IsUniqueViolation(d) =>
            // A unique key hit by a concurrent step (the same instance id, a duplicate insert): nothing is written.
            new ConcurrencyConflictException($"The step collided with another: {d.Message}"),
        DbException d when IsTransientConflict(d) =>
            // PostgreSQL chose this step as the victim of a deadlock or a serialization failure: nothing is
            // written, and the runtime re-runs the step on fresh state like any other lost race.
            new ConcurrencyConflictException($"The step lost a lock race with another: {d.Message}"),
        _ => e,
    };

    /// <summary>40P01 deadlock_detected, 40001 serialization_failure.</summary>
    private static bool IsTransientConflict(DbException e) => e is Npgsql.PostgresException { SqlState: "40P01" or "40001" };

    private static bool IsUniqueViolation(DbException e) => e switch
    {
        Microsoft.Data.Sqlite.SqliteException s => s.SqliteErrorCode == 19, // SQLITE_CONSTRAINT
        Npgsql.PostgresException p => p.SqlState == "23505",
        _ => false,
    };

    public async ValueTask DisposeAsync()
    {
        Task writer;
        lock (_gate)
        {
            _disposed = true;
            writer = _writer;
        }
        await writer;
        await DropConnectionAsync();
    }

    private sealed class PendingStep(StepChanges changes)
    {
        public StepChanges Changes { get; } = changes;
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        /// <summary>Set under the queue's lock when a batch takes the step: from then on it is no longer cancelled.</summary>
        public bool Taken { get; set; }
        /// <summary>The heads of the histories the step extended, once written.</summary>
        public IReadOnlyList<HistoryEntry> Heads { get; set; } = [];
    }
}
