namespace WorkflowHost.Forms;

/// <summary>One published version of a form: its key, number (from 1), who published it and when.</summary>
public sealed record FormVersionInfo(string Key, int Version, string PublishedBy, DateTimeOffset PublishedAt);
