using Workflows.Engine.Expressions;
using Workflows.Engine.Model;

namespace Workflows.Engine.Parsing;

/// <summary>
/// Decides, without running anything, whether at least one of a gateway's conditions always holds: a literal
/// <c>true</c>, or two conditions that are each other's negation, compared by their parsed structure:
/// <c>x</c> / <c>not(x)</c> / <c>!x</c>, <c>a == v</c> / <c>a != v</c> (either side first), <c>a &lt; b</c> / <c>a &gt;= b</c>
/// / <c>b &lt;= a</c>. Linear in the number of flows (a set of canonical forms). Anything cleverer needs a default flow.
/// </summary>
internal static class GatewayConditions
{
    public static bool AlwaysOneHolds(IReadOnlyList<SequenceFlow> flows)
    {
        var forms = new HashSet<string>(StringComparer.Ordinal);
        var negations = new List<string>(flows.Count);
        foreach (var flow in flows)
        {
            if (flow.Condition is null) return true; // unparsable: reported already (BPMN018), so BPMN012 would only repeat it
            var root = flow.Condition.Root;
            if (root is LiteralNode { Value: true }) return true;
            var form = Canonical(root);
            forms.Add(form);
            negations.Add("not(" + form + ")");
            if (Negation(root) is { } negation) negations.Add(negation);
        }
        foreach (var negation in negations)
            if (forms.Contains(negation)) return true;
        return false;
    }

    /// <summary>The canonical form, with comparisons turned one way: <c>a &gt; b</c> is written <c>b &lt; a</c>, and the sides of
    /// <c>=</c> / <c>!=</c> are ordered, so that a condition and its mirror image compare equal.</summary>
    private static string Canonical(ExpressionNode node)
    {
        switch (node)
        {
            case BinaryNode { Op: ">" or ">=" } b:
                return Compare(b.Op == ">" ? "<" : "<=", b.Right.Canonical(), b.Left.Canonical());
            case BinaryNode { Op: "<" or "<=" } b:
                return Compare(b.Op, b.Left.Canonical(), b.Right.Canonical());
            case BinaryNode { Op: "=" or "!=" } b:
                return Symmetric(b.Op, b.Left.Canonical(), b.Right.Canonical());
            case CallNode { Name: "not", Arguments.Count: 1 } call:
                return "not(" + Canonical(call.Arguments[0]) + ")";
            case UnaryNode { Op: "not" } u:
                return "not(" + Canonical(u.Operand) + ")";
            default:
                return node.Canonical();
        }
    }

    /// <summary>The canonical form of the condition's negation, where it has a plain one.</summary>
    private static string? Negation(ExpressionNode node) => node switch
    {
        BinaryNode { Op: "<" } b => Compare("<=", b.Right.Canonical(), b.Left.Canonical()),   // not(a < b)  is  b <= a
        BinaryNode { Op: "<=" } b => Compare("<", b.Right.Canonical(), b.Left.Canonical()),   // not(a <= b) is  b < a
        BinaryNode { Op: ">" } b => Compare("<=", b.Left.Canonical(), b.Right.Canonical()),   // not(a > b)  is  a <= b
        BinaryNode { Op: ">=" } b => Compare("<", b.Left.Canonical(), b.Right.Canonical()),   // not(a >= b) is  a < b
        BinaryNode { Op: "=" } b => Symmetric("!=", b.Left.Canonical(), b.Right.Canonical()),
        BinaryNode { Op: "!=" } b => Symmetric("=", b.Left.Canonical(), b.Right.Canonical()),
        CallNode { Name: "not", Arguments.Count: 1 } call => Canonical(call.Arguments[0]),
        UnaryNode { Op: "not" } u => Canonical(u.Operand),
        _ => null,
    };

    private static string Compare(string op, string left, string right) => $"({left} {op} {right})";

    private static string Symmetric(string op, string a, string b) =>
        string.CompareOrdinal(a, b) <= 0 ? $"({a} {op} {b})" : $"({b} {op} {a})";
}
