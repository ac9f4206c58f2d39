using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Workflows.Engine.Contracts;

namespace TechTransfer.Handlers;

/// <summary>
/// Base of the service tasks the shipped processes call. Reads typed variables (a missing or wrong one names itself);
/// turns a domain refusal of a rule or state into a <see cref="BpmnErrorException"/> with the refusal's code, so a
/// boundary error event can route it, while a missing thing or a technical fault stays a failure (retried, then an
/// incident). Handlers act as the process on behalf of the user who completed the task before them
/// (<see cref="CompletedBy"/>), whom the engine has already checked against the task's assignee and candidates.
/// </summary>
public abstract class DomainHandler : IServiceTaskHandler
{
    /// <summary>The variable the host sets, server-side, to the user completing a task (never taken from the client).</summary>
    public const string CompletedBy = "completedBy";

    /// <summary>The codes of a handler's faults (<see cref="ServiceTaskFailedException"/>): a variable missing or of the wrong
    /// kind (its name the argument), a record the variables point to not found.</summary>
    public const string MissingVariable = "missing-variable", WrongVariable = "wrong-variable", RecordNotFound = "record-not-found";

    public abstract string Name { get; }

    public async Task<JsonObject?> ExecuteAsync(ServiceTaskContext context, CancellationToken ct)
    {
        try
        {
            var step = context.Definition is { } definition ? new Evidence.ProcessStep(definition, context.ElementId, context.InstanceId) : null;
            return await RunAsync(new Vars(context.Variables, Name, step), context, ct);
        }
        catch (TechTransferException e) when (e.Kind is DomainErrorKind.Rule or DomainErrorKind.Conflict or DomainErrorKind.Forbidden)
        {
            throw new BpmnErrorException(e.Code, e.Message);
        }
        catch (TechTransferException e) when (e.Kind is DomainErrorKind.NotFound)
        {
            throw new ServiceTaskFailedException(RecordNotFound, e.Message);
        }
    }

    protected abstract Task<JsonObject?> RunAsync(Vars vars, ServiceTaskContext context, CancellationToken ct);

    protected static ActingUser OnBehalfOfTaskCompleter(Vars vars) => ActingUser.Process(vars.OptionalString(CompletedBy)) with { Step = vars.Step };

    /// <summary>The process itself; given the step's <paramref name="vars"/>, what it writes records the step it ran in.</summary>
    protected static ActingUser AsProcess(Vars? vars = null) => ActingUser.Process(null) with { Step = vars?.Step };

    /// <summary>An instant as the ISO 8601 text timers and due dates read.</summary>
    protected static string Iso(DateTimeOffset at) => at.ToString("yyyy-MM-dd'T'HH:mm:ss.fffK", CultureInfo.InvariantCulture);

    protected static string Iso(TimeSpan span) => System.Xml.XmlConvert.ToString(span);

    protected static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Typed access to a service task's variables.</summary>
    protected sealed class Vars(JsonObject variables, string handler, Evidence.ProcessStep? step = null)
    {
        public JsonObject All => variables;

        /// <summary>The process step the handler runs in (what its evidence records it ran under).</summary>
        public Evidence.ProcessStep? Step => step;

        public JsonNode? this[string name] => variables[name];

        public string String(string name) => OptionalString(name) ?? throw Missing(name, "text");

        // Values may be backed by JSON (from the store) or by CLR values (from the caller): read them by their JSON kind.
        public string? OptionalString(string name) => variables[name] switch
        {
            null => null,
            JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>() is { } s && !string.IsNullOrWhiteSpace(s) ? s : null,
            JsonValue v => v.ToJsonString(),
            _ => throw Wrong(name, "text"),
        };

        public Guid Guid(string name) =>
            System.Guid.TryParse(OptionalString(name), out var g) ? g : throw Missing(name, "an id");

        public Guid? OptionalGuid(string name) =>
            OptionalString(name) is { } s ? System.Guid.TryParse(s, out var g) ? g : throw Wrong(name, "an id") : null;

        public decimal Decimal(string name) => OptionalDecimal(name) ?? throw Missing(name, "a number");

        public decimal? OptionalDecimal(string name)
        {
            var node = variables[name];
            if (node is null) return null;
            var text = node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>().Trim()
                : node is JsonValue n && n.GetValueKind() == JsonValueKind.Number ? n.ToJsonString()
                : throw Wrong(name, "a number");
            if (text.Length == 0) return null;
            return decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : throw Wrong(name, "a number");
        }

        public int Int(string name) => (int)Decimal(name);

        public bool Bool(string name) => variables[name] switch
        {
            null => false,
            JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => v.GetValueKind() == JsonValueKind.True,
            JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>().Trim().ToLowerInvariant() is "true" or "yes" or "on" or "1",
            _ => throw Wrong(name, "true or false"),
        };

        public DateOnly Date(string name) => OptionalDate(name) ?? throw Missing(name, "a date");

        public DateOnly? OptionalDate(string name)
        {
            var s = OptionalString(name);
            if (s is null) return null;
            if (DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
            if (DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)) return DateOnly.FromDateTime(at.Date);
            throw Wrong(name, "a date (yyyy-MM-dd)");
        }

        public List<string> Strings(string name) => variables[name] switch
        {
            null => [],
            JsonArray a => a.Where(x => x is not null).Select(x => x!.GetValueKind() == JsonValueKind.String ? x.GetValue<string>() : x.ToJsonString()).ToList(),
            JsonValue v when v.GetValueKind() == JsonValueKind.String && v.GetValue<string>() is { } s => s.Split([',', ';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList(),
            _ => throw Wrong(name, "a list"),
        };

        // Coded, so that the incident reads in the reader's language ("缺少流程数据：价格"), the variable named by its label.
        private ServiceTaskFailedException Missing(string name, string what) =>
            new(MissingVariable, $"{handler}: the variable '{name}' ({what}) is missing.", name);
        private ServiceTaskFailedException Wrong(string name, string what) =>
            new(WrongVariable, $"{handler}: the variable '{name}' is not {what}.", name);
    }

    /// <summary>
    /// Scores by criterion key from a <c>scores</c> object keyed by criterion, or from one variable per criterion named in
    /// camelCase (<c>technical-value</c> -> <c>technicalValue</c>); a missing or non-integer score is left out (the service refuses it, naming it).
    /// </summary>
    protected static Dictionary<string, int> CriterionScores(Vars vars, IEnumerable<string> keys)
    {
        var scores = new Dictionary<string, int>(StringComparer.Ordinal);
        var given = vars["scores"] as JsonObject;
        foreach (var key in keys)
        {
            var node = given?[key] ?? vars[CamelCase(key)];
            var text = node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : node?.ToJsonString();
            if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n == decimal.Truncate(n) && n is >= int.MinValue and <= int.MaxValue)
                scores[key] = (int)n;
        }
        return scores;
    }

    private static string CamelCase(string key)
    {
        var parts = key.Split('-', StringSplitOptions.RemoveEmptyEntries);
        return parts[0] + string.Concat(parts.Skip(1).Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
    }

    protected static JsonObject Result(object values) => JsonSerializer.SerializeToNode(values, Evidence.EvidenceLog.Json)!.AsObject();
}
