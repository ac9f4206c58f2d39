using System.Globalization;

namespace Workflows.Engine.Expressions;

/// <summary>
/// Parses the expression language (FEEL-like, with Camunda 7's JUEL spellings) into a tree, once, at publish
/// time. Text wrapped in <c>${...}</c> or <c>#{...}</c>, or starting with <c>=</c>, is unwrapped first.
/// </summary>
public static class ExpressionParser
{
    /// <summary>The default longest expression text (see <c>BpmnParseOptions.MaxExpressionLength</c>).</summary>
    public const int MaxLength = 4000;
    public const int MaxDepth = 64;

    /// <summary>
    /// Parses expression text: <c>${...}</c> / <c>#{...}</c> around the whole text or a leading <c>=</c> is unwrapped;
    /// text mixing literal parts with <c>${...}</c> parts is a composite (a template giving text); anything else is one
    /// expression in the language.
    /// </summary>
    public static CompiledExpression Parse(string text) => Parse(text, MaxLength);

    public static CompiledExpression Parse(string text, int maxLength) => ParseValue(text, alwaysExpression: true, maxLength);

    public static bool TryParse(string text, out CompiledExpression? expression, out ExpressionSyntaxException? error) =>
        TryParseValue(text, alwaysExpression: true, MaxLength, out expression, out error);

    /// <summary>
    /// Parses a value as Camunda reads attribute values: plain text is a literal (or, with <paramref name="alwaysExpression"/>,
    /// an expression such as a condition <c>x &gt; 5</c>); one <c>${...}</c> is an expression keeping its type; text with
    /// <c>${...}</c> parts (<c>user-${who}</c>) is a composite expression whose parts are concatenated as text.
    /// </summary>
    public static bool TryParseValue(string text, bool alwaysExpression, int maxLength, out CompiledExpression? expression, out ExpressionSyntaxException? error)
    {
        try
        {
            expression = ParseValue(text, alwaysExpression, maxLength);
            error = null;
            return true;
        }
        catch (ExpressionSyntaxException e)
        {
            expression = null;
            error = e;
            return false;
        }
    }

    private static CompiledExpression ParseValue(string text, bool alwaysExpression, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > maxLength)
            throw new ExpressionSyntaxException($"the expression is longer than {maxLength} characters", maxLength);
        var start = 0;
        while (start < text.Length && char.IsWhiteSpace(text[start])) start++;
        if (start < text.Length && text[start] == '=')
            return new CompiledExpression(text, ParseBody(text[(start + 1)..], start + 1));

        var parts = TemplateScanner.Split(text);
        var expressions = 0;
        var onlyWhitespaceBeside = true;
        foreach (var part in parts)
        {
            if (part.IsExpression) expressions++;
            else if (!string.IsNullOrWhiteSpace(part.Literal)) onlyWhitespaceBeside = false;
        }
        if (expressions == 0)
            return alwaysExpression ? new CompiledExpression(text, ParseBody(text, 0))
                : new CompiledExpression(text, new LiteralNode(parts.Count == 1 ? parts[0].Literal : text)); // "\${" unescaped
        if (expressions == 1 && onlyWhitespaceBeside)
        {
            var single = parts.First(p => p.IsExpression);
            return new CompiledExpression(text, ParseBody(text.Substring(single.Start, single.Length), single.Start));
        }
        var nodes = new List<ExpressionNode>(parts.Count);
        foreach (var part in parts)
            nodes.Add(part.IsExpression ? ParseBody(text.Substring(part.Start, part.Length), part.Start) : new LiteralNode(part.Literal));
        return new CompiledExpression(text, new TemplateNode(nodes));
    }

    private static ExpressionNode ParseBody(string body, int offset)
    {
        if (body.Trim().Length == 0) throw new ExpressionSyntaxException("the expression is empty", offset);
        var parser = new Parser(ExpressionLexer.Tokenize(body, offset));
        var root = parser.ParseExpression(0);
        parser.ExpectEnd();
        return root;
    }

    /// <summary>An expression that yields the given text as it is (a literal attribute such as <c>tech-manager</c>).</summary>
    public static CompiledExpression Literal(string text) => new(text, new LiteralNode(text));

    /// <summary>Whether the whole text is written as one expression (<c>${...}</c>, <c>#{...}</c> or <c>=...</c>) rather than a literal or a composite.</summary>
    public static bool IsExpression(string text)
    {
        var t = text.Trim();
        if (t.StartsWith('=')) return true;
        if (!(t.StartsWith("${", StringComparison.Ordinal) || t.StartsWith("#{", StringComparison.Ordinal)) || !t.EndsWith('}')) return false;
        try
        {
            var parts = TemplateScanner.Split(t);
            return parts.Count == 1 && parts[0].IsExpression;
        }
        catch (ExpressionSyntaxException)
        {
            return false;
        }
    }

    /// <summary>Whether the text holds a <c>${...}</c> or <c>#{...}</c> part anywhere (an expression or a composite), or starts with <c>=</c>.</summary>
    public static bool HasTemplateParts(string text) =>
        text.Contains("${", StringComparison.Ordinal) || text.Contains("#{", StringComparison.Ordinal) || text.TrimStart().StartsWith('=');

    private sealed class Parser(List<ExpressionToken> tokens)
    {
        private int _at;
        private int _depth;

        private ExpressionToken Peek => tokens[_at];
        private ExpressionToken Next() => tokens[_at++];

        public void ExpectEnd()
        {
            if (Peek.Kind != TokenKind.End)
                throw new ExpressionSyntaxException($"unexpected '{Peek.Text}' after the end of the expression", Peek.Position);
        }

        private void Expect(string symbol, string context)
        {
            if (!Peek.Is(symbol))
                throw new ExpressionSyntaxException(
                    $"expected '{symbol}' {context}, found {(Peek.Kind == TokenKind.End ? "the end" : $"'{Peek.Text}'")}", Peek.Position);
            _at++;
        }

        // Binding powers, loosest first: ternary 1, or 2, and 3, comparison 4, additive 5, multiplicative 6.
        private static (int Power, string Op)? Infix(ExpressionToken t) => t.Kind is not (TokenKind.Symbol or TokenKind.Name) ? null : t.Text switch
        {
            "or" or "||" when t.Kind is TokenKind.Name or TokenKind.Symbol => (2, "or"),
            "and" or "&&" when t.Kind is TokenKind.Name or TokenKind.Symbol => (3, "and"),
            "=" or "==" or "eq" => (4, "="),
            "!=" or "<>" or "ne" => (4, "!="),
            "<" or "lt" => (4, "<"),
            "<=" or "le" => (4, "<="),
            ">" or "gt" => (4, ">"),
            ">=" or "ge" => (4, ">="),
            "in" when t.Kind == TokenKind.Name => (4, "in"),
            "between" when t.Kind == TokenKind.Name => (4, "between"),
            "+" => (5, "+"),
            "-" => (5, "-"),
            "*" => (6, "*"),
            "/" or "div" => (6, "/"),
            "%" or "mod" => (6, "%"),
            _ => null,
        };

        public ExpressionNode ParseExpression(int minPower)
        {
            if (++_depth > MaxDepth) throw new ExpressionSyntaxException($"the expression is nested more than {MaxDepth} deep", Peek.Position);
            var left = ParseUnary();
            while (true)
            {
                if (Peek.Is("?") && minPower < 1)
                {
                    _at++;
                    var then = ParseExpression(1);
                    Expect(":", "between the branches of '? :'");
                    var otherwise = ParseExpression(1);
                    left = new IfNode(left, then, otherwise);
                    continue;
                }
                if (Infix(Peek) is not { } infix || infix.Power <= minPower) break;
                var opToken = Next();
                if (infix.Op == "between")
                {
                    var low = ParseExpression(4);
                    if (!Peek.Is("and")) throw new ExpressionSyntaxException("expected 'and' in 'between ... and ...'", Peek.Position);
                    _at++;
                    var high = ParseExpression(4);
                    left = new BetweenNode(left, low, high);
                    continue;
                }
                if (Peek.Kind == TokenKind.End)
                    throw new ExpressionSyntaxException($"the operator '{opToken.Text}' needs a right-hand side", opToken.Position);
                var right = ParseExpression(infix.Power);
                left = new BinaryNode(infix.Op, left, right);
            }
            _depth--;
            return left;
        }

        private ExpressionNode ParseUnary()
        {
            var t = Peek;
            if (t.Is("-"))
            {
                _at++;
                var operand = Operand(t);
                return operand is LiteralNode { Value: decimal d } ? new LiteralNode(-d) : new UnaryNode("-", operand);
            }
            if (t.Is("!") || (t.Kind == TokenKind.Name && t.Text == "not" && !tokens[_at + 1].Is("(")))
            {
                _at++;
                return new UnaryNode("not", Operand(t));
            }
            if (t.Kind == TokenKind.Name && t.Text == "empty")
            {
                _at++;
                return new UnaryNode("empty", Operand(t));
            }
            return ParsePostfix(ParsePrimary());
        }

        /// <summary>The operand of a prefix operator, counted against the nesting limit (<c>!!!!...x</c> cannot recurse without bound).</summary>
        private ExpressionNode Operand(ExpressionToken op)
        {
            if (++_depth > MaxDepth) throw new ExpressionSyntaxException($"the expression is nested more than {MaxDepth} deep", op.Position);
            var operand = ParseUnary();
            _depth--;
            return operand;
        }

        private ExpressionNode ParsePostfix(ExpressionNode node)
        {
            for (var links = 0; ; links++)
            {
                if (links > MaxDepth)
                    throw new ExpressionSyntaxException($"the expression has more than {MaxDepth} '.' or '[...]' in a row", Peek.Position);
                if (Peek.Is("."))
                {
                    _at++;
                    var name = Next();
                    if (name.Kind is not (TokenKind.Name or TokenKind.String))
                        throw new ExpressionSyntaxException("expected a field name after '.'", name.Position);
                    if (Peek.Is("("))
                        throw new ExpressionSyntaxException($"method calls are not supported: '.{name.Text}(...)'; use a built-in function", name.Position);
                    node = new PathNode(node, name.Text);
                    continue;
                }
                if (Peek.Is("["))
                {
                    _at++;
                    var filter = ParseExpression(0);
                    Expect("]", "to close the filter");
                    node = new FilterNode(node, filter);
                    continue;
                }
                return node;
            }
        }

        private ExpressionNode ParsePrimary()
        {
            var t = Next();
            switch (t.Kind)
            {
                case TokenKind.Number: return new LiteralNode(t.Number);
                case TokenKind.String: return new LiteralNode(t.Text);
                case TokenKind.End: throw new ExpressionSyntaxException("the expression ends too early", t.Position);
                case TokenKind.Name:
                    switch (t.Text)
                    {
                        case "true": return new LiteralNode(true);
                        case "false": return new LiteralNode(false);
                        case "null": return new LiteralNode(null);
                        case "if": return ParseIf();
                    }
                    if (Peek.Is("(")) return ParseCall(t);
                    if (IsKeyword(t.Text)) throw new ExpressionSyntaxException($"unexpected '{t.Text}'", t.Position);
                    return new NameNode(t.Text);
            }
            if (t.Is("("))
            {
                var inner = ParseExpression(0);
                Expect(")", "to close the parenthesis");
                return inner;
            }
            if (t.Is("[")) return ParseList();
            if (t.Is("{")) return ParseContext();
            throw new ExpressionSyntaxException($"unexpected '{t.Text}'", t.Position);
        }

        private static bool IsKeyword(string name) => name is "and" or "or" or "then" or "else" or "in" or "between";

        private ExpressionNode ParseIf()
        {
            var condition = ParseExpression(0);
            if (!Peek.Is("then")) throw new ExpressionSyntaxException("expected 'then' after the condition of 'if'", Peek.Position);
            _at++;
            var then = ParseExpression(0);
            if (!Peek.Is("else")) throw new ExpressionSyntaxException("expected 'else' in 'if ... then ... else ...'", Peek.Position);
            _at++;
            return new IfNode(condition, then, ParseExpression(0));
        }

        private ExpressionNode ParseCall(ExpressionToken name)
        {
            if (!BuiltInFunctions.TryGet(name.Text, out var function))
                throw new ExpressionSyntaxException($"unknown function '{name.Text}'", name.Position);
            _at++; // (
            var args = new List<ExpressionNode>();
            if (!Peek.Is(")"))
            {
                do args.Add(ParseExpression(0));
                while (Peek.Is(",") && Next().Kind == TokenKind.Symbol);
            }
            Expect(")", $"after the arguments of '{name.Text}'");
            if (args.Count < function.MinArgs || args.Count > function.MaxArgs)
                throw new ExpressionSyntaxException(
                    $"'{name.Text}' takes {(function.MinArgs == function.MaxArgs ? function.MinArgs.ToString(CultureInfo.InvariantCulture) : $"{function.MinArgs} to {function.MaxArgs}")} argument(s), not {args.Count}",
                    name.Position);
            return new CallNode(name.Text, function, args);
        }

        private ExpressionNode ParseList()
        {
            var items = new List<ExpressionNode>();
            if (!Peek.Is("]"))
            {
                do items.Add(ParseExpression(0));
                while (Peek.Is(",") && Next().Kind == TokenKind.Symbol);
            }
            Expect("]", "to close the list");
            return new ListNode(items);
        }

        private ExpressionNode ParseContext()
        {
            var entries = new List<(string, ExpressionNode)>();
            if (!Peek.Is("}"))
            {
                do
                {
                    var key = Next();
                    if (key.Kind is not (TokenKind.Name or TokenKind.String))
                        throw new ExpressionSyntaxException("expected a key in the context", key.Position);
                    Expect(":", $"after the key '{key.Text}'");
                    entries.Add((key.Text, ParseExpression(0)));
                } while (Peek.Is(",") && Next().Kind == TokenKind.Symbol);
            }
            Expect("}", "to close the context");
            return new ContextNode(entries);
        }
    }
}
