using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Workflows.Engine.Contracts;

namespace WorkflowHost.Api;

/// <summary>Turns the engine's typed failures into problem-details answers with the right status.</summary>
public sealed class WorkflowExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        if (exception is not WorkflowException e) return false;
        var status = e switch
        {
            NotFoundException => StatusCodes.Status404NotFound,
            ForbiddenException => StatusCodes.Status403Forbidden,
            ConcurrencyConflictException => StatusCodes.Status409Conflict,
            DefinitionInvalidException => StatusCodes.Status422UnprocessableEntity,
            MigrationRefusedException => StatusCodes.Status422UnprocessableEntity,
            _ => StatusCodes.Status409Conflict,
        };
        context.Response.StatusCode = status;
        var details = new ProblemDetails { Status = status, Title = e.Code, Detail = e.Message, Type = $"https://workflowhost.org/problems/{e.Code}" };
        if (e is DefinitionInvalidException invalid)
            details.Extensions["errors"] = invalid.Diagnostics.Select(d => new
            {
                d.Code, d.Message, d.ElementId, line = d.Location.Line, column = d.Location.Column,
            }).ToList();
        if (e is MigrationRefusedException refused)
            details.Extensions["problems"] = refused.Problems;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = details, Exception = e });
    }
}
