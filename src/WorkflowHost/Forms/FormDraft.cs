namespace WorkflowHost.Forms;

/// <summary>The draft of a form an administrator saved in the form editor (not used by tasks until published).</summary>
public sealed record FormDraft(string Key, string SchemaJson, string SavedBy, DateTimeOffset SavedAt);
