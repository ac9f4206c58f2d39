using System.Text.RegularExpressions;

namespace WorkflowHost.Identity;

/// <summary>
/// The group names a user can be in, as BPMN <c>candidateGroups</c> and the engine's <c>Actor.Groups</c> spell
/// them: every role (<see cref="Roles"/>), every committee code, and <c>chair:CODE</c> for the chair of a committee.
/// </summary>
public static partial class GroupNames
{
    public const string ChairPrefix = "chair:";

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,49}$")]
    private static partial Regex CodePattern();

    public static string ChairOf(string committeeCode) => ChairPrefix + committeeCode;

    /// <summary>Why a committee code is not acceptable, or null when it is.</summary>
    public static string? CommitteeCodeProblem(string? code) =>
        string.IsNullOrWhiteSpace(code) ? "A code is required."
        : !CodePattern().IsMatch(code) ? $"'{code}' is not a code: 2 to 50 lower-case letters, digits and dashes, starting with a letter or digit."
        : Roles.All.Contains(code) ? $"'{code}' is a role's name; a committee needs a name of its own."
        : null;
}
