using Microsoft.Extensions.Localization;
using TechTransfer;
using WorkflowHost.Api;

namespace WorkflowHost.Components.Pages.Reviews;

/// <summary>
/// A refusal of a committee or pricing action as a page shows it: the same status, stable code and field as the REST
/// API's problem details, in the reader's language where the code is known (<c>Problem_&lt;code&gt;</c> in the page's
/// resource), else the server's own message.
/// </summary>
public sealed record ActionProblem(int Status, string Code, string Message, string? Field)
{
    public static ActionProblem? From(Exception e) => e switch
    {
        ApiProblemException a => new(a.Status, a.Code, a.Message, a.Errors?.Keys.FirstOrDefault()),
        TechTransferException t => new(t.Kind switch
        {
            DomainErrorKind.NotFound => 404,
            DomainErrorKind.Forbidden => 403,
            DomainErrorKind.Conflict => 409,
            _ => t.Field is null ? 422 : 400,
        }, t.Code, t.Message, t.Field),
        _ => null,
    };

    /// <summary>The text to show: a localized sentence for a known code (a field named by its label), else the server's message.</summary>
    public string Text(IStringLocalizer texts)
    {
        if (Field is not null && (Status == 400 || Code == "validation"))
        {
            var label = texts[$"Field_{Field}"];
            return texts["Problem_validation", label.ResourceNotFound ? Field : label.Value, Message];
        }
        var known = texts[$"Problem_{Code}"];
        return known.ResourceNotFound ? Message : known.Value;
    }
}
