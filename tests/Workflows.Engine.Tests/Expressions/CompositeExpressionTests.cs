using System.Text.Json.Nodes;
using Workflows.Engine.Expressions;

namespace Workflows.Engine.Tests.Expressions;

/// <summary>Text mixed with <c>${...}</c> parts, evaluated as Camunda's composite expressions; and the size limits on what
/// an expression may produce.</summary>
public sealed class CompositeExpressionTests
{
    private sealed class Vars(JsonObject json) : IVariableScope
    {
        public bool TryGetVariable(string name, out object? value)
        {
            var found = json.TryGetPropertyValue(name, out var node);
            value = ExpressionValues.FromJson(node);
            return found;
        }
    }

    private static readonly JsonObject Sample = JsonNode.Parse("""{ "who": "bob", "title": "Patent 42", "n": 3, "price": 12.5, "ok": true, "list": [1, 2] }""")!.AsObject();

    private static CompiledExpression Value(string text)
    {
        Assert.True(ExpressionParser.TryParseValue(text, alwaysExpression: false, ExpressionParser.MaxLength, out var e, out var error), error?.Message);
        return e!;
    }

    [Theory]
    [InlineData("user-${who}", "user-bob")]
    [InlineData("Hello ${who}!", "Hello bob!")]
    [InlineData("Review ${title}", "Review Patent 42")]
    [InlineData("${who}-${n}", "bob-3")]
    [InlineData("#{who}/${n + 1}", "bob/4")]
    [InlineData("cost: ${price} (${ok})", "cost: 12.5 (true)")]
    [InlineData("missing:${nobody}.", "missing:.")]
    [InlineData("braces ${ {a: \"}\"}.a }", "braces }")]
    [InlineData("escaped \\${who}", "escaped ${who}")]
    [InlineData("P${n}D", "P3D")]
    public void Text_with_expression_parts_is_concatenated_as_text(string text, string expected)
    {
        var expression = Value(text);
        Assert.Equal(expected, expression.Evaluate(new Vars(Sample)));
    }

    [Fact]
    public void One_expression_keeps_its_type_and_plain_text_stays_literal()
    {
        Assert.Equal(3m, Value("${n}").Evaluate(new Vars(Sample)));
        Assert.Equal(3m, Value("  ${n} ").Evaluate(new Vars(Sample)));
        Assert.False(Value("${n}").IsComposite);
        Assert.Equal("tech-manager", Value("tech-manager").Evaluate(new Vars(Sample)));
    }

    [Theory]
    [InlineData("user-${who", "not closed", 5)]
    [InlineData("user-${}", "empty", 7)]
    [InlineData("a ${who +} b", "right-hand side", 8)]
    public void Syntax_errors_in_a_part_give_the_position_in_the_whole_text(string text, string message, int position)
    {
        Assert.False(ExpressionParser.TryParseValue(text, alwaysExpression: false, ExpressionParser.MaxLength, out _, out var error));
        Assert.Contains(message, error!.Message);
        Assert.Equal(position, error.Position);
    }

    [Fact]
    public void Doubling_a_text_in_a_loop_stops_at_the_text_limit_with_an_evaluation_error()
    {
        var context = new EvaluationContext { MaxTextLength = 1000 };
        var doubling = ExpressionParser.Parse("${s + s}");
        var vars = new JsonObject { ["s"] = "x" };
        var error = Assert.Throws<ExpressionEvaluationException>(() =>
        {
            for (var i = 0; i < 64; i++) vars["s"] = (string)doubling.Evaluate(new Vars(vars), context)!;
        });
        Assert.Contains("at most 1000", error.Message);
        Assert.Equal(512, vars["s"]!.GetValue<string>().Length);
    }

    [Fact]
    public void Composites_and_lists_stop_at_their_limits_too()
    {
        var context = new EvaluationContext { MaxTextLength = 10, MaxListLength = 3 };
        var vars = new Vars(new JsonObject { ["s"] = "123456", ["l"] = new JsonArray(1, 2) });
        Assert.Throws<ExpressionEvaluationException>(() => Value("${s}${s}").Evaluate(vars, context));
        Assert.Throws<ExpressionEvaluationException>(() => ExpressionParser.Parse("l + l").Evaluate(vars, context));
        Assert.Throws<ExpressionEvaluationException>(() => ExpressionParser.Parse("append(l, 3, 4)").Evaluate(vars, context));
        Assert.Equal(3m, ExpressionParser.Parse("count(append(l, 3))").Evaluate(vars, context));
    }

    [Fact]
    public void Matches_runs_without_backtracking_so_a_hostile_pattern_cannot_hang()
    {
        var vars = new Vars(new JsonObject { ["s"] = new string('a', 50_000) + "!" });
        Assert.Equal(false, ExpressionParser.Parse("matches(s, \"^(a+)+$\")").Evaluate(vars));
        Assert.Throws<ExpressionEvaluationException>(() => ExpressionParser.Parse("matches(s, \"(a)\\\\1\")").Evaluate(vars));
    }
}
