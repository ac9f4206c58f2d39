namespace Workflows.Engine.Contracts;

/// <summary>A token cannot move as asked (see <see cref="TokenMoveRefusals"/> for the codes); nothing changed. HTTP 422.</summary>
public sealed class TokenMoveRefusedException(string code, string message) : WorkflowException(code, message);

/// <summary>Why a token move was refused.</summary>
public static class TokenMoveRefusals
{
    public const string InstanceEnded = "move-instance-ended";
    public const string NoToken = "move-no-token";
    public const string SeveralTokens = "move-several-tokens";
    public const string UnknownTarget = "move-unknown-target";
    public const string AttachedTarget = "move-attached-target";
    public const string OtherScope = "move-other-scope";
    public const string MultiInstanceItem = "move-multi-instance-item";
}
