namespace Workflows.Engine.Expressions;

/// <summary>Where an expression reads its free names from (instance variables, local variables of a scope).</summary>
public interface IVariableScope
{
    /// <summary>Finds a variable; values are expression values (see <see cref="ExpressionValues"/>).</summary>
    bool TryGetVariable(string name, out object? value);
}
