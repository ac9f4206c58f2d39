namespace WorkflowHost.Forms;

/// <summary>A published version of a form with its form-js schema (JSON text, as it was published).</summary>
public sealed record FormVersion(FormVersionInfo Info, string SchemaJson);
