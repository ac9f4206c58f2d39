using Microsoft.Extensions.Time.Testing;
using System.Text.Json.Nodes;
using Workflows.Engine.Expressions;

namespace Workflows.Engine.Tests.Expressions;

public sealed class ExpressionTests
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

    private static readonly JsonObject Sample = JsonNode.Parse("""
        {
          "amount": 250000, "approved": true, "decision": "file", "priority": "high",
          "nrOfCompletedInstances": 2, "nrOfInstances": 3, "quorum": 2,
          "members": ["wang", "li", "zhang"],
          "votes": [{"vote": "approve"}, {"vote": "reject"}, {"vote": "approve"}, null],
          "inventors": [{"name": "王伟", "share": 60}, {"name": "Li Na", "share": 40}, {"name": "Zhao", "share": 0}],
          "shares": [60, 40]
        }
        """)!.AsObject();

    private static object? Eval(string text, JsonObject? vars = null, EvaluationContext? context = null) =>
        ExpressionParser.Parse(text).Evaluate(new Vars(vars ?? Sample), context);

    [Theory]
    [InlineData("${amount > 100000}", true)]
    [InlineData("${approved}", true)]
    [InlineData("${!approved}", false)]
    [InlineData("${decision == 'file'}", true)]
    [InlineData("decision = \"file\" or decision = \"publish\"", true)]
    [InlineData("${nrOfCompletedInstances / nrOfInstances >= 0.6}", true)]
    [InlineData("count(votes[item.vote = \"approve\"]) >= quorum", true)]
    [InlineData("count(votes[vote = \"approve\"]) > count(votes) / 2", false)]
    [InlineData("sum(shares) = 100", true)]
    [InlineData("count(inventors[share > 0]) = 2", true)]
    [InlineData("${amount gt 1000 && decision eq 'file'}", true)]
    [InlineData("not(approved)", false)]
    [InlineData("amount between 100000 and 300000", true)]
    [InlineData("decision in [\"file\", \"publish\"]", true)]
    [InlineData("${empty missing}", true)]
    [InlineData("list contains(members, \"li\")", true)]
    [InlineData("listContains(members, \"nobody\")", false)]
    [InlineData("starts with(decision, \"fi\") and string length(decision) = 4", true)]
    public void Conditions_evaluate_as_Camunda_and_FEEL_users_write_them(string text, bool expected) =>
        Assert.Equal(expected, Eval(text));

    [Fact]
    public void Unknown_variable_is_null_and_a_condition_on_it_is_false()
    {
        Assert.Null(Eval("${missing}"));
        Assert.False(ExpressionParser.Parse("missing > 3").EvaluateCondition(new Vars(Sample)));
        Assert.Null(Eval("missing.field"));
    }

    [Theory]
    [InlineData("${!missing}", true)]
    [InlineData("not(missing)", true)]
    [InlineData("${missing && true}", false)]
    [InlineData("${missing || true}", true)]
    [InlineData("${missing || false}", false)]
    [InlineData("${!(missing > 3)}", true)]
    public void Null_is_false_in_a_boolean_context(string text, bool expected) =>
        Assert.Equal(expected, Eval(text));

    [Fact]
    public void Paths_over_lists_collect_the_field_of_each_element()
    {
        var names = Assert.IsAssignableFrom<IReadOnlyList<object?>>(Eval("inventors.name"));
        Assert.Equal(["王伟", "Li Na", "Zhao"], names);
        Assert.Equal("li", Eval("members[2]"));
        Assert.Equal("zhang", Eval("members[-1]"));
        Assert.Null(Eval("members[9]"));
    }

    [Fact]
    public void If_then_else_and_ternary_choose_a_branch()
    {
        Assert.Equal("P1D", Eval("if priority = \"high\" then \"P1D\" else \"P5D\""));
        Assert.Equal("small", Eval("${amount < 10 ? 'tiny' : amount < 1000000 ? 'small' : 'large'}"));
    }

    [Fact]
    public void Dates_and_durations_add_up()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
        var context = new EvaluationContext { Clock = clock };
        Assert.Equal(new DateTimeOffset(2026, 12, 16, 9, 0, 0, TimeSpan.Zero), Eval("now() + duration(\"P15D\")", context: context));
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 11, 0, 0, TimeSpan.Zero), Eval("date and time(\"2026-12-01T09:00:00Z\") + duration(\"PT2H\")"));
        Assert.Equal(TimeSpan.FromDays(30), Eval("date(\"2026-12-31\") - date(\"2026-12-01\")"));
        Assert.Equal(true, Eval("today() < date(\"2027-01-01\")", context: context));
        Assert.Equal(new IsoDuration(0, 1, 0, TimeSpan.Zero), Eval("duration(\"P1M\")"));
    }

    [Fact]
    public void Arithmetic_is_decimal_and_division_by_zero_is_null()
    {
        Assert.Equal(0.3m, Eval("0.1 + 0.2"));
        Assert.Equal(-7m, Eval("-(3 + 4)"));
        Assert.Null(Eval("1 / 0"));
        Assert.Equal("a-1", Eval("\"a-\" + 1"));
    }

    [Fact]
    public void Literal_lists_and_contexts_build_values()
    {
        var context = Assert.IsAssignableFrom<IReadOnlyDictionary<string, object?>>(Eval("{name: \"x\", \"total\": 1 + 2, items: [1, 2]}"));
        Assert.Equal(3m, context["total"]);
        Assert.Equal(2m, Eval("count([1, 2])"));
    }

    [Theory]
    [InlineData("${amount >}", "needs a right-hand side")]
    [InlineData("a = (1", "expected ')'")]
    [InlineData("execution.getVariable('x')", "method calls are not supported")]
    [InlineData("nosuch(1)", "unknown function 'nosuch'")]
    [InlineData("count(1, 2)", "'count' takes 1 argument(s), not 2")]
    [InlineData("if a then b", "expected 'else'")]
    [InlineData("\"open", "the string is not closed")]
    [InlineData("a # b", "unexpected character '#'")]
    [InlineData("", "empty")]
    public void Syntax_errors_say_what_and_where(string text, string message)
    {
        var error = Assert.Throws<ExpressionSyntaxException>(() => ExpressionParser.Parse(text));
        Assert.Contains(message, error.Message);
        Assert.InRange(error.Position, 0, Math.Max(0, text.Length));
    }

    [Fact]
    public void Syntax_error_position_points_into_the_wrapped_text()
    {
        var error = Assert.Throws<ExpressionSyntaxException>(() => ExpressionParser.Parse("${amount > }"));
        Assert.Equal(9, error.Position);
    }

    [Fact]
    public void Step_budget_stops_a_pathological_evaluation()
    {
        var big = new JsonObject { ["xs"] = new JsonArray(Enumerable.Range(0, 2000).Select(i => (JsonNode?)JsonValue.Create(i)).ToArray()) };
        var expression = ExpressionParser.Parse("count(xs[count(xs[item > 1]) > 0])");
        var error = Assert.Throws<ExpressionEvaluationException>(() => expression.Evaluate(new Vars(big)));
        Assert.Contains("steps", error.Message);
    }

    [Fact]
    public void Nesting_and_length_are_bounded()
    {
        Assert.Throws<ExpressionSyntaxException>(() => ExpressionParser.Parse(new string('(', 100) + "1" + new string(')', 100)));
        Assert.Throws<ExpressionSyntaxException>(() => ExpressionParser.Parse(string.Join(" + ", Enumerable.Repeat("1", 2000))));
    }

    [Fact]
    public void Values_round_trip_through_json()
    {
        var json = ExpressionValues.ToJson(new Dictionary<string, object?> { ["a"] = 1.5m, ["b"] = new List<object?> { "x", true, null } });
        Assert.Equal("""{"a":1.5,"b":["x",true,null]}""", json!.ToJsonString());
        Assert.Equal(1.5m, ((IReadOnlyDictionary<string, object?>)ExpressionValues.FromJson(json)!)["a"]);
    }
}
