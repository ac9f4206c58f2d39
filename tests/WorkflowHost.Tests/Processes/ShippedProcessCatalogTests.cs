using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using TechTransfer;
using TechTransfer.Processes;
using Workflows.Engine.Contracts;
using Workflows.Engine.Model;
using Workflows.Engine.Parsing;
using Workflows.Persistence;
using WorkflowHost.Forms;

namespace WorkflowHost.Tests.Processes;

/// <summary>
/// The shipped files (<c>workflows/*.bpmn</c> and <c>workflows/forms</c> of the repository), read by the engine's parser,
/// against what the code refers to: the catalog (<see cref="ShippedProcesses"/>), the called stages, the domain's
/// service-task handlers and the shipped forms. Each failure names the file, the element and what is missing, all at once.
/// </summary>
public sealed class ShippedProcessCatalogTests
{
    private static readonly string Workflows = Path.Combine(HostFactory.RepositoryRoot, "workflows");

    private sealed record ShippedFile(string Name, BpmnModel Model);

    private static IReadOnlyList<ShippedFile> ShippedFiles()
    {
        var files = Directory.GetFiles(Workflows, "*.bpmn").Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(files);
        var parsed = new List<ShippedFile>();
        foreach (var file in files)
        {
            var name = Path.GetFileName(file);
            var result = BpmnParser.Parse(File.ReadAllText(file));
            Assert.True(result.IsValid, $"{name} is not valid BPMN for the engine:\n" + string.Join("\n", result.Errors.Select(d => d.Format(name))));
            parsed.Add(new ShippedFile(name, result.Model!));
        }
        return parsed;
    }

    private static IEnumerable<(ShippedFile File, FlowNode Node)> Nodes(IReadOnlyList<ShippedFile> files) =>
        files.SelectMany(f => f.Model.Processes.SelectMany(p => p.NodesById.Values.Select(n => (f, n))));

    private static void NothingMissing(List<string> missing, string what) =>
        Assert.True(missing.Count == 0, $"{missing.Count} {what}:\n" + string.Join("\n", missing));

    [Fact]
    public void Every_catalog_process_step_message_and_stage_is_in_the_shipped_files_with_its_kind()
    {
        var files = ShippedFiles();
        var missing = new List<string>();
        foreach (var processId in ShippedProcesses.All)
        {
            var defining = files.Where(f => f.Model.FindProcess(processId) is not null).ToList();
            if (defining.Count != 1)
                missing.Add($"workflows/: process '{processId}' is defined in {defining.Count} files ({string.Join(", ", defining.Select(f => f.Name))}), expected exactly one");
        }
        foreach (var file in files)
            missing.AddRange(ShippedProcessCheck.Check(file.Model).Select(d => $"{d.Format(file.Name)} [element '{d.ElementId}']"));
        NothingMissing(missing, "catalog entries missing from the shipped processes");
    }

    [Fact]
    public void Every_called_stage_is_a_shipped_process()
    {
        var files = ShippedFiles();
        var shipped = files.SelectMany(f => f.Model.Processes.Select(p => p.Id)).ToHashSet(StringComparer.Ordinal);
        var missing = Nodes(files)
            .Where(x => x.Node is CallActivity call && !shipped.Contains(call.CalledElement))
            .Select(x => $"{x.File.Name}({x.Node.Location.Line},{x.Node.Location.Column}): callActivity '{x.Node.Id}' calls '{((CallActivity)x.Node).CalledElement}', which no shipped file defines")
            .ToList();
        NothingMissing(missing, "called processes missing");
    }

    [Fact]
    public void Every_service_task_handler_is_registered_by_the_domain()
    {
        var files = ShippedFiles();
        var registered = RegisteredHandlers();
        var missing = Nodes(files)
            .Where(x => x.Node is ServiceTask task && !registered.Contains(task.HandlerName))
            .Select(x => $"{x.File.Name}({x.Node.Location.Line},{x.Node.Location.Column}): serviceTask '{x.Node.Id}' uses the handler '{((ServiceTask)x.Node).HandlerName}', which the domain does not register (known: {string.Join(", ", registered.Order())})")
            .ToList();
        NothingMissing(missing, "service-task handlers not registered");
    }

    [Fact]
    public async Task Every_form_key_resolves_to_a_shipped_form()
    {
        var files = ShippedFiles();
        var forms = new FormCatalog(Path.Combine(Workflows, "forms"));
        var missing = new List<string>();
        foreach (var (file, node) in Nodes(files))
        {
            if (node is not UserTask { FormKey: { } formKey } task) continue;
            var at = $"{file.Name}({node.Location.Line},{node.Location.Column}): userTask '{node.Id}'";
            if (task.FormKeyExpression is not null) { missing.Add($"{at} has the form key '{formKey}', an expression; a shipped form is named as it is"); continue; }
            if (FormCatalog.KeyOf(formKey) is not { } key) { missing.Add($"{at} has the form key '{formKey}', which names no form"); continue; }
            if (await forms.ReadShippedAsync(key, CancellationToken.None) is not { } json) { missing.Add($"{at} has the form key '{formKey}', but workflows/forms/{key}.form.json does not exist"); continue; }
            try { FormSchema.Parse(json); }
            catch (Exception e) { missing.Add($"{at}: its form workflows/forms/{key}.form.json does not read: {e.Message}"); }
        }
        NothingMissing(missing, "form keys without a shipped form");
    }

    [Fact]
    public void Every_stage_has_a_label_in_both_languages()
    {
        var missing = new List<string>();
        foreach (var resx in new[] { "InventionsText.resx", "InventionsText.zh-CN.resx", "AdminText.resx", "AdminText.zh-CN.resx" })
        {
            var path = Path.Combine(HostFactory.RepositoryRoot, "src", "WorkflowHost", "Localization", resx);
            var names = XDocument.Load(path).Root!.Elements("data").Select(d => (string?)d.Attribute("name")).ToHashSet(StringComparer.Ordinal);
            missing.AddRange(ShippedProcesses.Stages.Where(s => !names.Contains($"Stage_{s}")).Select(s => $"src/WorkflowHost/Localization/{resx}: no Stage_{s}"));
        }
        NothingMissing(missing, "stage labels missing");
    }

    /// <summary>The names of the <see cref="IServiceTaskHandler"/>s the domain registers, as the host composes it.</summary>
    private static HashSet<string> RegisteredHandlers()
    {
        var data = Path.Combine(Path.GetTempPath(), "wf-catalog-tests", Guid.NewGuid().ToString("N"));
        using var services = new ServiceCollection().AddLogging()
            .AddTechTransfer(new TechTransferSettings(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(data, "unused.db")}", data))
            .BuildServiceProvider();
        return services.GetServices<IServiceTaskHandler>().Select(h => h.Name).ToHashSet(StringComparer.Ordinal);
    }
}
