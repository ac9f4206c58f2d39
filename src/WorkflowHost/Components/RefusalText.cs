using Microsoft.Extensions.Localization;
using WorkflowHost.Application;
using WorkflowHost.Localization;

namespace WorkflowHost.Components;

/// <summary>
/// The one mapping of a refusal (a use case's, the domain's or the engine's, read as one by <see cref="Refusal.From"/>)
/// to the text a page shows, in the reader's language. A page may word a code for its own context
/// (<c>Problem_&lt;code&gt;</c>, and <c>Problem_validation</c> with <c>Field_&lt;field&gt;</c>, in its resource);
/// otherwise the office's shared sentences (<c>ProblemText</c>, the REST API's too) say it, naming the field by its label;
/// where the language has no sentence for the code, the server's own message is kept.
/// </summary>
public static class RefusalText
{
    /// <summary>The sentence for the refusal, <paramref name="page"/>'s own wording first.</summary>
    public static string Text(this Refusal refusal, IStringLocalizer? page = null) =>
        (page is null ? null : PageText(refusal, page)) ?? SharedText(refusal);

    private static string? PageText(Refusal refusal, IStringLocalizer page)
    {
        if (refusal.Kind == RefusalKind.Rule && refusal.Field is { } field)
        {
            var label = page[$"Field_{field}"];
            var check = page["Problem_validation", label.ResourceNotFound ? ProblemMessages.Label(field) : label.Value, refusal.Message];
            if (!check.ResourceNotFound) return check.Value;
        }
        var known = page[$"Problem_{refusal.Code}"];
        return known.ResourceNotFound ? null : known.Value;
    }

    private static string SharedText(Refusal refusal)
    {
        // A use case's own words for the inputs at fault: each named by its label.
        if (refusal.Errors is { Count: > 0 } errors)
            return errors.Count == 1
                ? ProblemMessages.Sentence("Check_Field", ProblemMessages.Label(errors.Keys.First()), string.Join(" ", errors.Values.First()))
                : ProblemMessages.Sentence("Problem_invalid-fields",
                    string.Join(ProblemMessages.Sentence("List_Separator"), errors.Keys.Select(ProblemMessages.Label)));
        return ProblemMessages.Describe(refusal.Code, refusal.Message, refusal.Fields);
    }
}
