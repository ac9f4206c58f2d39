using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using WorkflowHost.Api;

namespace WorkflowHost.Security.RateLimiting;

/// <summary>The answer past a rate limit: 429, <c>Retry-After</c> in seconds, and problem details saying which limit.</summary>
public static class TooManyRequests
{
    public const string Code = "too-many-requests";

    /// <summary>Whole seconds, rounded up, and at least one: a client that waits that long is let through.</summary>
    public static int Seconds(TimeSpan retryAfter) => Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));

    public static ProblemDetails Problem(TimeSpan retryAfter, string what) => new()
    {
        Status = StatusCodes.Status429TooManyRequests, Title = Code, Type = ApiProblems.TypeBase + Code,
        Detail = $"Too many {what}; try again in {Seconds(retryAfter)} seconds.",
    };

    /// <summary>For an endpoint handler: sets <c>Retry-After</c> and returns the problem.</summary>
    public static ProblemHttpResult Result(HttpContext context, TimeSpan retryAfter, string what)
    {
        context.Response.Headers.RetryAfter = Seconds(retryAfter).ToString(CultureInfo.InvariantCulture);
        return TypedResults.Problem(Problem(retryAfter, what));
    }

    public static async Task WriteAsync(HttpContext context, TimeSpan retryAfter, string what)
    {
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = Seconds(retryAfter).ToString(CultureInfo.InvariantCulture);
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = Problem(retryAfter, what) });
    }
}
