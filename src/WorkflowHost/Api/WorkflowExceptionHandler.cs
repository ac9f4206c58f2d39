using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Workflows.Engine.Contracts;
using WorkflowHost.Localization;

namespace WorkflowHost.Api;

/// <summary>Turns the engine's typed failures into problem-details answers with the right status.</summary>
public sealed class WorkflowExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        if (exception is not WorkflowException e) return false;
        ProblemMessages.UseRequestCulture(context);
        var status = e switch
        {
            NotFoundException => StatusCodes.Status404NotFound,
            ForbiddenException => StatusCodes.Status403Forbidden,
            ConcurrencyConflictException => StatusCodes.Status409Conflict,
            DefinitionInvalidException => StatusCodes.Status422UnprocessableEntity,
            MigrationRefusedException => StatusCodes.Status422UnprocessableEntity,
            TokenMoveRefusedException => StatusCodes.Status422UnprocessableEntity,
            _ => StatusCodes.Status409Conflict,
        };
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
