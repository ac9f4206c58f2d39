using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Workflows.Engine.Contracts;
using WorkflowHost.Application;
using WorkflowHost.Localization;

namespace WorkflowHost.Api;

/// <summary>Turns the engine's typed failures into problem-details answers: the status by their refusal kind
/// (<see cref="RefusalProblems"/>), with the definition's diagnostics or the migration's problems beside.</summary>
public sealed class WorkflowExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        if (exception is not WorkflowException e) return false;
        ProblemMessages.UseRequestCulture(context);
        // The status by the refusal's kind, as every refusal's (a diagnostics list is not the errors of fields).
        var status = RefusalProblems.StatusOf(Refusal.KindOf(e), namesFields: false);
        context.Response.StatusCode = status;
        // The title and detail in the caller's language where ProblemText has the code; the code itself for programs.
        var details = new ProblemDetails
        {
            Status = status, Title = ProblemMessages.Title(status), Detail = ProblemMessages.Describe(e.Code, e.Message, []),
            Type = $"https://workflowhost.org/problems/{e.Code}",
        };
        details.Extensions["code"] = e.Code;
        if (e is DefinitionInvalidException invalid)
            details.Extensions["errors"] = invalid.Diagnostics.Select(d => new
            {
                d.Code, message = ProblemMessages.Diagnostic(d.Code, d.Message), d.ElementId, line = d.Location.Line, column = d.Location.Column, detail = d.Message,
            }).ToList();
        if (e is MigrationRefusedException refused)
            details.Extensions["problems"] = refused.Problems;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = details, Exception = e });
    }
}
