using System.Globalization;
using Workflows.Engine.Expressions;
using Workflows.Engine.Model;

namespace Workflows.Engine.Runtime.Execution;

/// <summary>Evaluating the expressions of a definition into the values the runtime needs.</summary>
internal sealed partial class Executor
{
    internal object? Evaluate(CompiledExpression expression, IVariableScope view, FlowNode node)
    {
        try
        {
            return expression.Evaluate(view, _evaluation);
        }
        catch (ExpressionEvaluationException e)
        {
            throw new ExpressionFailedException(node, expression.Text, e.Message);
        }
    }

    internal string? Text(CompiledExpression? expression, IVariableScope view, FlowNode node) =>
        expression is null ? null : Evaluate(expression, view, node) switch
        {
            null => null,
            string s => string.IsNullOrWhiteSpace(s) ? null : s.Trim(),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            var other => other.ToString(),
        };

    /// <summary>A list of ids: a list value, or a comma-separated string.</summary>
    internal List<string> Texts(CompiledExpression? expression, IVariableScope view, FlowNode node)
    {
        var result = new List<string>();
        if (expression is null) return result;
        switch (Evaluate(expression, view, node))
        {
            case null: break;
            case string s:
                result.AddRange(s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                break;
            case IReadOnlyList<object?> list:
                foreach (var item in list)
                    if (item is not null) result.Add(Convert.ToString(item, CultureInfo.InvariantCulture)!);
                break;
            case var other:
                result.Add(Convert.ToString(other, CultureInfo.InvariantCulture)!);
                break;
        }
        return result;
    }

    internal int? Number(CompiledExpression? expression, IVariableScope view, FlowNode node) =>
        expression is null ? null : Evaluate(expression, view, node) switch
        {
            null => null,
            decimal d => (int)d,
            string s when int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) => i,
            var other => throw new ExpressionFailedException(node, expression.Text, $"'{other}' is not a number"),
        };

    /// <summary>A due or follow-up date: a date-time, or a duration from now (days counted as working days if asked).</summary>
    internal DateTimeOffset? Date(CompiledExpression? expression, IVariableScope view, FlowNode node, bool workingDays)
    {
        if (expression is null) return null;
        var now = Clock.GetUtcNow();
        var value = Evaluate(expression, view, node);
        if (value is string text)
        {
            text = text.Trim();
            if (text.Length == 0) return null;
            if (Iso8601.TryParseDuration(text, out var d)) value = d;
            else if (LocalDate(text) is { } localDay) value = localDay;
            else if (Iso8601.TryParseDateTime(text, out var at)) value = at;
        }
        return value switch
        {
            null => null,
            DateTimeOffset at => at,
            DateOnly day => Calendar.StartOfDay(day),
            TimeSpan span => workingDays ? Calendar.AddWorkingDays(now, span.Days) + (span - TimeSpan.FromDays(span.Days)) : now + span,
            IsoDuration iso => workingDays && iso.Years == 0 && iso.Months == 0
                ? Calendar.AddWorkingDays(now, iso.Days) + iso.Time
                : iso.AddTo(now),
            _ => throw new ExpressionFailedException(node, expression.Text, $"'{value}' is neither a date nor an ISO 8601 duration"),
        };
    }

    /// <summary>A date without a time ("2026-10-09"): a local date of the calendar's zone.</summary>
    internal static DateOnly? LocalDate(string text) =>
        text.Trim() is { Length: 10 } t && DateOnly.TryParseExact(t, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.None, out var day) ? day : null;
}
