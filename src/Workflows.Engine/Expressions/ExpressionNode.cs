using System.Globalization;
using System.Text;

namespace Workflows.Engine.Expressions;

/// <summary>The syntax tree of an expression. Each node evaluates itself, counting a step against the budget.</summary>
internal abstract class ExpressionNode
{
    public abstract object? Evaluate(ExpressionEvaluator e, IVariableScope scope);

    /// <summary>Writes the node in one spelling (JUEL and FEEL aliases alike), so publishing can compare conditions by structure.</summary>
    public abstract void WriteCanonical(StringBuilder b);

    public string Canonical()
    {
        var b = new StringBuilder();
        WriteCanonical(b);
        return b.ToString();
    }
}

internal sealed class LiteralNode(object? value) : ExpressionNode
{
    public override void WriteCanonical(StringBuilder b) => b.Append(Value switch
    {
        null => "null",
        string text => "\"" + text.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"",
        bool flag => flag ? "true" : "false",
        decimal d => d.ToString(CultureInfo.InvariantCulture),
        var other => other.ToString(),
    });

    public object? Value { get; } = value;
    public override object? Evaluate(ExpressionEvaluator e, IVariableScope scope)
    {
        e.Step();
        return Value;
    }
}

internal sealed class NameNode(string name) : ExpressionNode
{
    public override void WriteCanonical(StringBuilder b) => b.Append(Name);

    public string Name { get; } = name;
    public override object? Evaluate(ExpressionEvaluator e, IVariableScope scope)
    {
        e.Step();
        return scope.TryGetVariable(Name, out var value) ? value : null;
    }
}

/// <summary><c>target.field</c>; on a list, the field of each element.</summary>
internal sealed class PathNode(ExpressionNode target, string field) : ExpressionNode
{
    public override void WriteCanonical(StringBuilder b)
    {
        target.WriteCanonical(b);
        b.Append('.').Append(field);
    }

    public override object? Evaluate(ExpressionEvaluator e, IVariableScope scope)
    {
        e.Step();
        return Get(e, target.Evaluate(e, scope), field);
    }

    private static object? Get(ExpressionEvaluator e, object? value, string field) => value switch
    {
        IReadOnlyDictionary<string, object?> map => map.TryGetValue(field, out var v) ? v : null,
        IReadOnlyList<object?> list => list.Select(item => { e.Step(); return Get(e, item, field); }).ToList(),
        DateTimeOffset dt => field switch
        {
            "year" => (decimal)dt.Year, "month" => (decimal)dt.Month, "day" => (decimal)dt.Day,
            "hour" => (decimal)dt.Hour, "minute" => (decimal)dt.Minute, "second" => (decimal)dt.Second, _ => null,
        },
        DateOnly d => field switch { "year" => (decimal)d.Year, "month" => (decimal)d.Month, "day" => (decimal)d.Day, _ => null },
        TimeSpan t => field switch { "days" => (decimal)t.Days, "hours" => (decimal)t.Hours, "minutes" => (decimal)t.Minutes, "seconds" => (decimal)t.Seconds, _ => null },
        _ => null,
    };
}

/// <summary><c>list[expr]</c>: a number picks an element (1-based, negative from the end); anything else filters,
/// with the element as <c>item</c> and its fields in scope.</summary>
internal sealed class FilterNode(ExpressionNode target, ExpressionNode filter) : ExpressionNode
{
    public override void WriteCanonical(StringBuilder b)
    {
        target.WriteCanonical(b);
        b.Append('[');
        filter.WriteCanonical(b);
        b.Append(']');
    }

    public override object? Evaluate(ExpressionEvaluator e, IVariableScope scope)
    {
        e.Step();
        var value = target.Evaluate(e, scope);
        if (value is null) return null;
        var list = value as IReadOnlyList<object?> ?? [value];
        if (filter is LiteralNode { Value: decimal index })
        {
            var i = (int)index;
            var at = i > 0 ? i - 1 : list.Count + i;
            return at >= 0 && at < list.Count ? list[at] : null;
        }
        var result = new List<object?>();
        foreach (var item in list)
        {
            e.Step();
            if (filter.Evaluate(e, new ItemScope(item, scope)) is true) result.Add(item);
        }
        return result;
    }
}

internal sealed class ItemScope(object? item, IVariableScope outer) : IVariableScope
{
    public bool TryGetVariable(string name, out object? value)
    {
        if (name == "item")
        {
            value = item;
            return true;
        }
        if (item is IReadOnlyDictionary<string, object?> map && map.TryGetValue(name, out value)) return true;
        return outer.TryGetVariable(name, out value);
    }
}

internal sealed class ListNode(IReadOnlyList<ExpressionNode> items) : ExpressionNode
{
    public override void WriteCanonical(StringBuilder b)
    {
        b.Append('[');
        for (var i = 0; i < items.Count; i++)
        {
            if (i > 0) b.Append(',');
            items[i].WriteCanonical(b);
        }
        b.Append(']');
    }

    public override object? Evaluate(ExpressionEvaluator e, IVariableScope scope)
    {
        e.Step();
        var list = new List<object?>(items.Count);
        foreach (var item in items) list.Add(item.Evaluate(e, scope));
        return list;
    }
}

internal sealed class ContextNode(IReadOnlyList<(string Key, ExpressionNode Value)> entries) : ExpressionNode
{
    public override void WriteCanonical(StringBuilder b)
    {
        b.Append('{');
        for (var i = 0; i < entries.Count; i++)
        {
            if (i > 0) b.Append(',');
            b.Append('"').Append(entries[i].Key).Append("\":");
            entries[i].Value.WriteCanonical(b);
        }
        b.Append('}');
    }

    public override object? Evaluate(ExpressionEvaluator e, IVariableScope scope)
    {
        e.Step();
        var map = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in entries) map[key] = value.Evaluate(e, scope);
        return map;
    }
}

internal sealed class UnaryNode(string op, ExpressionNode operand) : ExpressionNode
{
    public string Op { get; } = op;
    public ExpressionNode Operand { get; } = operand;

    public override void WriteCanonical(StringBuilder b)
    {
        b.Append(Op).Append('(');
        Operand.WriteCanonical(b);
        b.Append(')');
    }

    public override object? Evaluate(ExpressionEvaluator e, IVariableScope scope)
    {
        e.Step();
        var value = Operand.Evaluate(e, scope);
        return Op switch
        {
            "-" => value switch { decimal d => -d, TimeSpan t => -t, _ => null },
            // Null is false in a boolean context (JUEL's rule, as Camunda 7 evaluates `!approved` with approved unset).
            "not" => value switch { bool b => !b, null => true, _ => null },
            "empty" => value switch
            {
                null => true, string s => s.Length == 0, IReadOnlyList<object?> l => l.Count == 0,
                IReadOnlyDictionary<string, object?> m => m.Count == 0, _ => false,
            },
            _ => throw new ExpressionEvaluationException($"unknown operator {Op}"),
        };
    }
}

internal sealed class BinaryNode(string op, ExpressionNode left, ExpressionNode right) : ExpressionNode
{
    public string Op { get; } = op;
    public ExpressionNode Left { get; } = left;
    public ExpressionNode Right { get; } = right;

    public override void WriteCanonical(StringBuilder b)
    {
        b.Append('(');
        Left.WriteCanonical(b);
        b.Append(' ').Append(Op).Append(' ');
        Right.WriteCanonical(b);
        b.Append(')');
    }

    public override object? Evaluate(ExpressionEvaluator e, IVariableScope scope)
    {
        e.Step();
        switch (Op)
        {
            case "and":
            {
                var l = Left.Evaluate(e, scope);
                if (l is false or null) return false;
                var r = Right.Evaluate(e, scope);
                if (r is false or null) return false;
                return l is true && r is true ? true : null;
            }
            case "or":
            {
                var l = Left.Evaluate(e, scope);
                if (l is true) return true;
                var r = Right.Evaluate(e, scope);
                if (r is true) return true;
                return l is false or null && r is false or null ? false : null;
            }
        }
        var a = Left.Evaluate(e, scope);
        var b = Right.Evaluate(e, scope);
        if (Op == "+") return e.Limit(Concatenate(e, a, b));
        return Op switch
        {
            "=" => ValueOps.AreEqual(a, b),
            "!=" => !ValueOps.AreEqual(a, b),
            "<" => ValueOps.Compare(a, b) is { } c1 ? c1 < 0 : null,
            "<=" => ValueOps.Compare(a, b) is { } c2 ? c2 <= 0 : null,
            ">" => ValueOps.Compare(a, b) is { } c3 ? c3 > 0 : null,
            ">=" => ValueOps.Compare(a, b) is { } c4 ? c4 >= 0 : null,
            "-" => ValueOps.Subtract(a, b),
            "*" => ValueOps.Multiply(a, b),
            "/" => ValueOps.Divide(a, b),
            "%" => a is decimal x && b is decimal y && y != 0 ? x % y : null,
            "in" => b switch
            {
                IReadOnlyList<object?> list => list.Any(item => ValueOps.AreEqual(a, item)),
                _ => ValueOps.AreEqual(a, b),
            },
            _ => throw new ExpressionEvaluationException($"unknown operator {Op}"),
        };
    }

    /// <summary>'+', refusing before it builds a text or list longer than the limits allow.</summary>
    private static object? Concatenate(ExpressionEvaluator e, object? a, object? b)
    {
        if (a is string or IReadOnlyList<object?> || b is string or IReadOnlyList<object?>)
        {
            long size = Size(a) + Size(b);
            var max = a is IReadOnlyList<object?> && b is IReadOnlyList<object?> ? e.Context.MaxListLength : e.Context.MaxTextLength;
            if (size > max)
                throw new ExpressionEvaluationException($"'+' would produce {(max == e.Context.MaxListLength ? "a list" : "a text")} of {size} {(max == e.Context.MaxListLength ? "items" : "characters")}; at most {max} are allowed");
        }
        return ValueOps.Add(a, b);
    }

    private static long Size(object? value) => value switch
    {
        string s => s.Length,
        IReadOnlyList<object?> l => l.Count,
        null => 0,
        _ => 32, // a number, date or duration as text
    };
}

/// <summary>A composite expression (<c>Hello ${who}!</c>): literal and expression parts concatenated as text; null parts add nothing, as in JUEL.</summary>
internal sealed class TemplateNode(IReadOnlyList<ExpressionNode> parts) : ExpressionNode
{
    public override void WriteCanonical(StringBuilder b)
    {
        b.Append("template(");
        foreach (var part in Parts)
        {
            part.WriteCanonical(b);
            b.Append(',');
        }
        b.Append(')');
    }

    public IReadOnlyList<ExpressionNode> Parts { get; } = parts;

    public override object? Evaluate(ExpressionEvaluator e, IVariableScope scope)
    {
        e.Step();
        var text = new System.Text.StringBuilder();
        foreach (var part in Parts)
        {
            var value = part is LiteralNode { Value: string literal } ? literal : ValueOps.Text(part.Evaluate(e, scope));
            if (value is null) continue;
            if (text.Length + value.Length > e.Context.MaxTextLength)
                throw new ExpressionEvaluationException($"the expression produced a text of more than {e.Context.MaxTextLength} characters");
            text.Append(value);
        }
        return text.ToString();
    }
}

internal sealed class BetweenNode(ExpressionNode value, ExpressionNode low, ExpressionNode high) : ExpressionNode
{
    public override void WriteCanonical(StringBuilder b)
    {
        b.Append("between(");
        value.WriteCanonical(b);
        b.Append(',');
        low.WriteCanonical(b);
        b.Append(',');
        high.WriteCanonical(b);
        b.Append(')');
    }

    public override object? Evaluate(ExpressionEvaluator e, IVariableScope scope)
    {
        e.Step();
        var v = value.Evaluate(e, scope);
        var lo = ValueOps.Compare(v, low.Evaluate(e, scope));
        var hi = ValueOps.Compare(v, high.Evaluate(e, scope));
        return lo is null || hi is null ? null : lo >= 0 && hi <= 0;
    }
}

internal sealed class IfNode(ExpressionNode condition, ExpressionNode then, ExpressionNode otherwise) : ExpressionNode
{
    public override void WriteCanonical(StringBuilder b)
    {
        b.Append("if(");
        condition.WriteCanonical(b);
        b.Append(',');
        then.WriteCanonical(b);
        b.Append(',');
        otherwise.WriteCanonical(b);
        b.Append(')');
    }

    public override object? Evaluate(ExpressionEvaluator e, IVariableScope scope)
    {
        e.Step();
        return condition.Evaluate(e, scope) is true ? then.Evaluate(e, scope) : otherwise.Evaluate(e, scope);
    }
}

internal sealed class CallNode(string name, BuiltInFunction function, IReadOnlyList<ExpressionNode> arguments) : ExpressionNode
{
    public IReadOnlyList<ExpressionNode> Arguments { get; } = arguments;

    public override void WriteCanonical(StringBuilder b)
    {
        b.Append(Name).Append('(');
        for (var i = 0; i < Arguments.Count; i++)
        {
            if (i > 0) b.Append(',');
            Arguments[i].WriteCanonical(b);
        }
        b.Append(')');
    }

    public string Name { get; } = name;
    public override object? Evaluate(ExpressionEvaluator e, IVariableScope scope)
    {
        e.Step();
        var args = new object?[Arguments.Count];
        for (var i = 0; i < args.Length; i++) args[i] = Arguments[i].Evaluate(e, scope);
        return e.Limit(function.Invoke(e, Name, args));
    }
}
