using System.Text.RegularExpressions;
using Microsoft.Extensions.Localization;

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

    /// <summary>Why a committee code is not acceptable, in the reader's language (<paramref name="texts"/>), or null when it is.</summary>
    public static string? CommitteeCodeProblem(string? code, IStringLocalizer texts) =>
        string.IsNullOrWhiteSpace(code) ? texts["Committee_CodeRequired"].Value
        : !CodePattern().IsMatch(code) ? texts["Committee_CodeInvalid", code].Value
        : Roles.All.Contains(code) ? texts["Committee_CodeIsRole", code].Value
        : null;
}
