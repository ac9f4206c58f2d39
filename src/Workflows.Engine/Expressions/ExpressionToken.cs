namespace Workflows.Engine.Expressions;

internal enum TokenKind { Number, String, Name, Symbol, End }

/// <summary>One lexical token: its kind, its text (a string literal's value unescaped) and where it starts.</summary>
internal readonly record struct ExpressionToken(TokenKind Kind, string Text, int Position, decimal Number = 0)
{
    public bool Is(string symbol) => Kind is TokenKind.Symbol or TokenKind.Name && Text == symbol;
}
