namespace WorkflowHost.Tests.Documentation;

/// <summary>
/// The README's table of the documentation names every document a newcomer may look for: each file and folder under
/// <c>doc/</c>, and every other Markdown file of the tree (the migrations' and the benchmark's READMEs, ...). A document
/// added without its line there fails here.
/// </summary>
public sealed class DocumentationListTests
{
    private static readonly string[] NotSources = ["bin", "obj", "node_modules", "TestResults"];

    [Fact]
    public void The_readme_lists_every_document_of_the_tree()
    {
        var root = HostFactory.RepositoryRoot;
        var readme = File.ReadAllText(Path.Combine(root, "README.md"));
        var table = readme[readme.IndexOf("### The documentation", StringComparison.Ordinal)..];
        var documents = Directory.EnumerateFileSystemEntries(Path.Combine(root, "doc"))
            .Select(entry => "doc/" + Path.GetFileName(entry) + (Directory.Exists(entry) ? "/" : ""))
            .Concat(new[] { "src", "bench", "tests", "workflows" }.SelectMany(folder => MarkdownFiles(Path.Combine(root, folder)))
                .Select(file => Path.GetRelativePath(root, file).Replace(Path.DirectorySeparatorChar, '/')));
        var missing = documents.Where(document => !table.Contains($"`{document}`", StringComparison.Ordinal)).ToList();
        Assert.True(missing.Count == 0, "README.md, \"The documentation\", lacks: " + string.Join(", ", missing));
    }

    private static IEnumerable<string> MarkdownFiles(string folder) =>
        Directory.EnumerateFiles(folder, "*.md").Concat(Directory.EnumerateDirectories(folder)
            .Where(sub => !NotSources.Contains(Path.GetFileName(sub)) && !Path.GetFileName(sub).StartsWith('.'))
            .SelectMany(MarkdownFiles));
}
