using System.Text.Json.Nodes;

namespace WorkflowHost.Forms;

/// <summary>One input of a form-js form: its key (the variable it fills), type, label, rules and options.</summary>
public sealed record FormField(
    string Key,
    string Type,
    string? Label,
    bool Required,
    double? Min,
    double? Max,
    int? MinLength,
    int? MaxLength,
    string? Pattern,
    /// <summary>The allowed values of a select, radio, checklist or taglist (null: not a fixed list).</summary>
    IReadOnlyList<JsonNode?>? Options,
    /// <summary>For datetime: "date", "time" or "datetime".</summary>
    string? Subtype);
