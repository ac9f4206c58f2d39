using System.Text.Json.Nodes;

namespace WorkflowHost.Forms;

/// <summary>One English text of a form (a label, description, option label, text block…), by its name in the <c>labels</c> maps.</summary>
public sealed record FormText(string Name, string English, JsonObject Owner, string Property)
{
    /// <summary>Puts another language's text in its place.</summary>
    public void Set(string text) => Owner[Property] = text;
}
