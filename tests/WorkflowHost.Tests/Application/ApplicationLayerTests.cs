using System.Reflection;
using System.Text.RegularExpressions;
using WorkflowHost.Application;

namespace WorkflowHost.Tests.Application;

/// <summary>
/// The use cases the REST API and the pages share live in <c>src/WorkflowHost/Application/</c>, which neither
/// <c>Api/</c> nor <c>Components/</c> owns: a page reaches a use case without any of the API's types (14 page files
/// once imported <c>WorkflowHost.Api.*</c>), and a use case speaks no HTTP (it refuses with <see cref="Refusal"/>, not a
/// status code). Pinned twice: in the source tree, and in the compiled types' members (fields, properties, signatures,
/// and the closures and state machines that hold a method's locals).
/// </summary>
public sealed partial class ApplicationLayerTests
{
    private static readonly string HostSource = Path.Combine(HostFactory.RepositoryRoot, "src", "WorkflowHost");

    [GeneratedRegex(@"\bWorkflowHost\.Api\b|\b[A-Z][A-Za-z]*Api\.[A-Z]|(?<![\w.])Api\.[A-Z]")]
    private static partial Regex ApiReference();

    [GeneratedRegex(@"\bWorkflowHost\.(Api|Components)\b|\b[A-Z][A-Za-z]*Api\b|\bStatusCodes\b|\bHttpContext\b|\bHttpRequest\b|\bIResult\b|\bTypedResults\b|\bProblemDetails\b|Microsoft\.AspNetCore")]
    private static partial Regex HttpOrOtherLayers();

    [Fact]
    public void No_page_file_refers_to_the_api()
    {
        var found = Matches("Components", ApiReference());
        Assert.True(found.Count == 0, "A page calls a use case of Application/, never a type of Api/:\n" + string.Join("\n", found));
    }

    [Fact]
    public void The_use_cases_speak_no_http_and_know_neither_the_api_nor_the_pages()
    {
        var found = Matches("Application", HttpOrOtherLayers());
        Assert.True(found.Count == 0, "A use case refuses with Refusal and knows neither Api/ nor Components/:\n" + string.Join("\n", found));
    }

    [Fact]
    public void No_compiled_page_type_holds_an_api_type()
    {
        var found = Offenders("WorkflowHost.Components", ["WorkflowHost.Api"]);
        Assert.True(found.Count == 0, "Page types reach the API's types:\n" + string.Join("\n", found));
    }

    [Fact]
    public void No_compiled_use_case_holds_an_http_api_or_page_type()
    {
        var found = Offenders("WorkflowHost.Application", ["WorkflowHost.Api", "WorkflowHost.Components", "Microsoft.AspNetCore"]);
        Assert.True(found.Count == 0, "Use cases reach HTTP, the API or the pages:\n" + string.Join("\n", found));
        // The check sees the use cases at all.
        Assert.Contains(typeof(Refusal).Assembly.GetTypes(), t => t.Namespace == "WorkflowHost.Application.Reviews");
    }

    /// <summary>Lines of the folder's .cs and .razor files (comments after // aside) that match.</summary>
    private static List<string> Matches(string folder, Regex pattern)
    {
        var root = Path.Combine(HostSource, folder);
        Assert.True(Directory.Exists(root), root);
        var found = new List<string>();
        foreach (var file in Directory.EnumerateFiles(root, "*.*", SearchOption.AllDirectories).Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal)))
        {
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
                if (pattern.IsMatch(lines[i].Split("//")[0]))
                    found.Add($"{Path.GetRelativePath(HostSource, file)}:{i + 1}: {lines[i].Trim()}");
        }
        return found;
    }

    /// <summary>Every type of <paramref name="area"/> (nested ones included) whose members name a type of a forbidden namespace.</summary>
    private static List<string> Offenders(string area, string[] forbidden)
    {
        const BindingFlags all = BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;
        var found = new List<string>();
        foreach (var type in typeof(Refusal).Assembly.GetTypes().Where(t => t.Namespace?.StartsWith(area, StringComparison.Ordinal) == true))
        {
            var used = new List<Type>();
            if (type.BaseType is { } baseType) used.Add(baseType);
            used.AddRange(type.GetInterfaces());
            foreach (var member in type.GetMembers(all))
                switch (member)
                {
                    case FieldInfo f: used.Add(f.FieldType); break;
                    case PropertyInfo p: used.Add(p.PropertyType); break;
                    case MethodBase m:
                        used.AddRange(m.GetParameters().Select(p => p.ParameterType));
                        if (m is MethodInfo method) used.Add(method.ReturnType);
                        break;
                }
            foreach (var t in used.SelectMany(Unwrap).Distinct())
                if (t.Namespace is { } ns && forbidden.Any(f => ns == f || ns.StartsWith(f + ".", StringComparison.Ordinal)))
                    found.Add($"{type.FullName} uses {t.FullName}");
        }
        return found;
    }

    /// <summary>A type and the types it is made of (elements, references, generic arguments).</summary>
    private static IEnumerable<Type> Unwrap(Type type)
    {
        yield return type;
        if ((type.HasElementType ? type.GetElementType() : null) is { } element)
            foreach (var t in Unwrap(element)) yield return t;
        if (type.IsGenericType)
            foreach (var t in type.GetGenericArguments().SelectMany(Unwrap)) yield return t;
    }
}
