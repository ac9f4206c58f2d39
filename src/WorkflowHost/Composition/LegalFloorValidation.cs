using Microsoft.Extensions.Options;
using TechTransfer;

namespace WorkflowHost.Composition;

/// <summary>
/// Refuses to start a host whose figures are below their legal floor (<see cref="LegalFloors"/>), naming each key and the
/// rule it breaks: a 2-day public notice or a 30% inventors' share is a misconfiguration, never a choice. A trial
/// (<see cref="TrialMode"/>) may go below them, because every one of its pages and emails says it is a trial. The
/// environment named <c>Testing</c> (the automated tests' hosts, which walk cases on windows of minutes) is the only
/// other exception; it is never an installation's.
/// </summary>
public sealed class LegalFloorValidation(TrialMode trial, IHostEnvironment environment) : IValidateOptions<TechTransferOptions>
{
    public const string TestingEnvironment = "Testing";

    public ValidateOptionsResult Validate(string? name, TechTransferOptions options)
    {
        if (trial.Enabled || environment.IsEnvironment(TestingEnvironment)) return ValidateOptionsResult.Success;
        var breaches = LegalFloors.Check(options);
        return breaches.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(breaches.Select(b =>
                $"{b} Set it within the rule, or run a trial (--trial), whose every page says so."));
    }
}
