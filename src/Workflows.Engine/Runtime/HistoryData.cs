using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Workflows.Engine.Runtime;

/// <summary>
/// The JSON of a history line's data, written field by field with a <see cref="Utf8JsonWriter"/> instead of serializing
/// an anonymous object (no reflection on the step's hot path). The output is what <see cref="EngineJson.Options"/>
/// would write for the same object: camelCase names given by the caller, null fields left out, text unescaped.
/// <code>HistoryData.Start().Add("taskId", id).Add("variables", variables).ToJson()</code>
/// </summary>
#pragma warning disable CA1001 // the writer holds only a managed buffer, and ToJson is its end; nothing to release
public sealed class HistoryData
#pragma warning restore CA1001
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = EngineJson.Options.Encoder };
    private readonly ArrayBufferWriter<byte> _buffer = new(256);
    private readonly Utf8JsonWriter _writer;

    private HistoryData()
    {
        _writer = new Utf8JsonWriter(_buffer, WriterOptions);
        _writer.WriteStartObject();
    }

    public static HistoryData Start() => new();

    public HistoryData Add(string name, string? value)
    {
        if (value is not null) _writer.WriteString(name, value);
        return this;
    }

    public HistoryData Add(string name, Guid? value)
    {
        if (value is { } g) _writer.WriteString(name, g);
        return this;
    }

    public HistoryData Add(string name, DateTimeOffset? value)
    {
        if (value is { } at) _writer.WriteString(name, at);
        return this;
    }

    public HistoryData Add(string name, bool value)
    {
        _writer.WriteBoolean(name, value);
        return this;
    }

    public HistoryData Add(string name, IEnumerable<string>? values)
    {
        if (values is null) return this;
        _writer.WriteStartArray(name);
        foreach (var value in values) _writer.WriteStringValue(value);
        _writer.WriteEndArray();
        return this;
    }

    public HistoryData Add(string name, JsonNode? value)
    {
        if (value is null) return this;
        _writer.WritePropertyName(name);
        value.WriteTo(_writer, EngineJson.Options);
        return this;
    }

    public string ToJson()
    {
        _writer.WriteEndObject();
        _writer.Flush();
        return Encoding.UTF8.GetString(_buffer.WrittenSpan);
    }
}
