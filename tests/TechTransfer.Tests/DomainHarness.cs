using Microsoft.Extensions.Time.Testing;
using Microsoft.Extensions.DependencyInjection;
using TechTransfer.Assessments;
using TechTransfer.Committees;
using TechTransfer.Disclosures;
using TechTransfer.Evidence;
using TechTransfer.Inventions;
using TechTransfer.Licensing;
using TechTransfer.Persistence;
using TechTransfer.Pricing;
using TechTransfer.Rewards;
using Workflows.Engine.Contracts;
using Workflows.Engine.Runtime;
using Workflows.Persistence;
using Workflows.Testing;

namespace TechTransfer.Tests;

/// <summary>
/// The domain as the host composes it, over a real database (a SQLite file or a PostgreSQL database made for the test,
/// both schemas migrated), on a manual clock, with the engine's runtime over its EF store and the real handlers.
/// </summary>
public sealed class DomainHarness : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 1, 0, 0, TimeSpan.Zero); // a Monday, 09:00 in Beijing

    public static IEnumerable<object[]> Providers => TestDatabase.Providers.Select(p => new object[] { p });

    public static readonly ActingUser Alice = ActingUser.Create("alice", DomainRoles.Inventor);
    public static readonly ActingUser Bob = ActingUser.Create("bob", DomainRoles.Inventor);
    public static readonly ActingUser Carol = ActingUser.Create("carol", DomainRoles.Inventor);
    public static readonly ActingUser Tom = ActingUser.Create("tom", DomainRoles.TechnologyManager);
    public static readonly ActingUser Chair = ActingUser.Create("chen", DomainRoles.CommitteeChair, DomainRoles.CommitteeMember);
    public static ActingUser Member(string id) => ActingUser.Create(id, DomainRoles.CommitteeMember);

    private readonly TestDatabase _database;
    private readonly ServiceProvider _services;
    private readonly string _dataPath;

    private DomainHarness(TestDatabase database, ServiceProvider services, string dataPath, FakeTimeProvider clock)
    {
        Clock = clock;
        _database = database;
        _services = services;
        _dataPath = dataPath;
        Store = database.CreateStore();
        Runtime = new WorkflowRuntime(Store, Scheduler, services.GetServices<IServiceTaskHandler>(),
            new WorkflowRuntimeOptions(), Clock, services.GetRequiredService<IBusinessCalendar>());
    }

    public FakeTimeProvider Clock { get; }
    public ManualTimerScheduler Scheduler { get; } = new();
    public WorkflowRuntime Runtime { get; }
    public IWorkflowStore Store { get; }
    public DatabaseProvider Provider => _database.Provider;
    public string ConnectionString => _database.ConnectionString;
    public string DataPath => _dataPath;
    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();
    public InventionService Inventions => Get<InventionService>();
    public AttachmentService Attachments => Get<AttachmentService>();
    public AssessmentService Assessments => Get<AssessmentService>();
    public CommitteeService Committees => Get<CommitteeService>();
    public PricingService Pricing => Get<PricingService>();
    public AgreementService Agreements => Get<AgreementService>();
    public RevenueService Revenue => Get<RevenueService>();
    public EvidenceLog Evidence => Get<EvidenceLog>();
    public TechTransferOptions Options => Get<TechTransferOptions>();

    public static async Task<DomainHarness> CreateAsync(DatabaseProvider provider, Action<TechTransferOptions>? configure = null)
    {
        var database = await TestDatabase.CreateAsync(provider);
        await new TechTransferDatabase(provider, database.ConnectionString).MigrateAsync();
        var options = new TechTransferOptions();
        options.Committee.Committees.Add(new CommitteeDefinition
        {
            Id = "transfer-committee", Chair = "chen", Members = ["chen", "m1", "m2", "m3", "m4"],
        });
        configure?.Invoke(options);
        var dataPath = Path.Combine(Path.GetTempPath(), "tt-tests", Guid.NewGuid().ToString("N"));
        var services = new ServiceCollection();
        var clock = new FakeTimeProvider(Start);
        services.AddSingleton<TimeProvider>(clock);
        services.AddTechTransfer(new TechTransferSettings(provider, database.ConnectionString, dataPath), options);
        return new DomainHarness(database, services.BuildServiceProvider(), dataPath, clock);
    }

    /// <summary>A submitted invention by alice (60%), bob (30%) and carol (10%).</summary>
    public async Task<Invention> SubmittedInventionAsync(string title = "Low-power sensor")
    {
        var draft = await Inventions.CreateDraftAsync(Alice, CompleteDraft(title));
        return await Inventions.SubmitAsync(Alice, draft.Id);
    }

    public static InventionDraft CompleteDraft(string title = "Low-power sensor", params InventorShare[] inventors) => new()
    {
        Title = title, Field = "Electronics", IpcClass = "G01D", Abstract = "A sensor that sleeps between readings.",
        FundedProject = "NSFC 62371234", Funder = "National Natural Science Foundation", FiscallyFunded = true,
        PriorArt = "CN112345678A", IntendedUses = "Environmental monitoring",
        Inventors = inventors.Length > 0 ? inventors : [new("alice", "Alice", 60m), new("bob", "Bob", 30m), new("carol", "Carol", 10m)],
    };

    /// <summary>An invention accepted by the office, ready for assessment, committee and pricing.</summary>
    public async Task<Invention> AcceptedInventionAsync()
    {
        var invention = await SubmittedInventionAsync();
        return await Inventions.AcceptAsync(Tom, invention.Id);
    }

    public async Task<int> AdvanceAsync(TimeSpan by)
    {
        Clock.Advance(by);
        return await Scheduler.FireDueAsync(Runtime, Clock.GetUtcNow());
    }

    /// <summary>Runs SQL on the test's database behind the domain's back (a dishonest insider), with values as <c>@p0</c>, <c>@p1</c>, ...</summary>
    public Task<int> ExecuteAsync(string sql, params object?[] values) => _database.ExecuteAsync(sql, values);

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await _database.DisposeAsync();
        try { if (Directory.Exists(_dataPath)) Directory.Delete(_dataPath, recursive: true); }
        catch (IOException) { /* a file still open on a slow runner; the temp folder is cleaned later */ }
    }
}
