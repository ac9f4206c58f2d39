using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.OpenApi;
using WorkflowHost.Forms;
using WorkflowHost.Security;

namespace WorkflowHost.Api.Forms;

/// <summary>
/// Task forms (form-js schemas): list, read the version tasks use, check, keep a draft and publish new versions
/// (workflow administrators). A published version is used at once by the task page and by the server's check of
/// completions; a form never published here is its shipped file. Bodies are the raw form-js schema JSON.
/// </summary>
public static class FormsApi
{
    public sealed record FormVersionView(string Key, int Version, string PublishedBy, DateTimeOffset PublishedAt);
    public sealed record CheckView(bool Valid, IReadOnlyDictionary<string, string[]> Errors);

    public static IEndpointRouteBuilder MapFormsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/forms").WithTags("Forms").RequireAuthorization(Policies.SignedIn)
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        group.MapGet("/", List).WithName("ListForms")
            .WithSummary("Every task form: shipped files and forms published or drafted in the designer, with the latest version, who published it and when.");
        group.MapGet("/{key}", Get).WithName("GetForm")
            .WithSummary("The form-js schema tasks with this form key use now: the newest published version, else the shipped file.")
            .Produces<object>(StatusCodes.Status200OK, "application/json").ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{key}/versions", Versions).WithName("ListFormVersions")
            .WithSummary("Every published version of a form, newest first, with who published it and when (empty for a form only shipped as a file).")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{key}/versions/{version:int}", GetVersion).WithName("GetFormVersion")
            .WithSummary("One published version's form-js schema.")
            .Produces<object>(StatusCodes.Status200OK, "application/json").ProducesProblem(StatusCodes.Status404NotFound);

        var write = group.MapGroup("").RequireAuthorization(Policies.WorkflowAdministrator).ProducesProblem(StatusCodes.Status403Forbidden);
        write.MapPost("/{key}/validate", Validate).WithName("ValidateForm")
            .WithSummary("Checks a form-js schema as publishing does (readable, ids and keys unique, field types the server checks), storing nothing.")
            .AcceptsFormSchema().ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        write.MapPut("/{key}", Publish).WithName("PublishForm")
            .WithSummary("Publishes a form-js schema as the form's next version (201); tasks use it from now on. 400 names each problem.")
            .AcceptsFormSchema().ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        write.MapGet("/{key}/draft", GetDraft).WithName("GetFormDraft")
            .WithSummary("The form's saved draft (404 when none).")
            .Produces<object>(StatusCodes.Status200OK, "application/json").ProducesProblem(StatusCodes.Status404NotFound);
        write.MapPut("/{key}/draft", SaveDraft).WithName("SaveFormDraft")
            .WithSummary("Saves a form-js schema as the form's draft (tasks keep the published version); it must be readable JSON.")
            .AcceptsFormSchema().ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        return app;
    }

    private static async Task<Ok<IReadOnlyList<FormAdministration.FormSummary>>> List(FormAdministration forms, CancellationToken ct) =>
        TypedResults.Ok(await forms.ListAsync(ct));

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> Get(string key, FormAdministration forms, CancellationToken ct) =>
        await forms.CurrentAsync(key, ct) is { } json ? TypedResults.Content(json, "application/json") : ApiProblems.NotFound("Form", key);

    private static async Task<Results<Ok<List<FormVersionView>>, ProblemHttpResult>> Versions(string key, FormAdministration forms, CancellationToken ct)
    {
        if (!await forms.ExistsAsync(key, ct)) return ApiProblems.NotFound("Form", key);
        return TypedResults.Ok((await forms.VersionsAsync(key, ct)).Select(v => new FormVersionView(v.Key, v.Version, v.PublishedBy, v.PublishedAt)).ToList());
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> GetVersion(string key, int version, FormAdministration forms, CancellationToken ct) =>
        await forms.VersionAsync(key, version, ct) is { } v ? TypedResults.Content(v.SchemaJson, "application/json") : ApiProblems.NotFound("Form version", $"{key}:{version}");

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> GetDraft(string key, FormStore store, CancellationToken ct) =>
        await store.DraftAsync(key, ct) is { } d ? TypedResults.Content(d.SchemaJson, "application/json") : ApiProblems.NotFound("Draft of form", key);

    private static async Task<IResult> Validate(string key, HttpRequest request, CancellationToken ct)
    {
        var (json, problem) = await ReadSchemaAsync(request, ct);
        if (problem is not null) return problem;
        var outcome = FormAdministration.Validate(json);
        return TypedResults.Ok(new CheckView(outcome.Ok, outcome.Errors));
    }

    private static async Task<IResult> Publish(string key, HttpRequest request, HttpContext http, FormAdministration forms, CancellationToken ct)
    {
        var (json, problem) = await ReadSchemaAsync(request, ct);
        if (problem is not null) return problem;
        var outcome = await forms.PublishAsync(key, json, http.User.ToActor().UserId, ct);
        if (!outcome.Ok) return ApiProblems.Invalid(new Dictionary<string, string[]>(outcome.Errors), $"The form '{key}' was not published: {string.Join(", ", outcome.Errors.Keys)}.");
        var v = outcome.Version!;
        return TypedResults.Created($"/api/v1/forms/{Uri.EscapeDataString(key)}/versions/{v.Version}", new FormVersionView(v.Key, v.Version, v.PublishedBy, v.PublishedAt));
    }

    private static async Task<IResult> SaveDraft(string key, HttpRequest request, HttpContext http, FormAdministration forms, CancellationToken ct)
    {
        var (json, problem) = await ReadSchemaAsync(request, ct);
        if (problem is not null) return problem;
        var outcome = await forms.SaveDraftAsync(key, json, http.User.ToActor().UserId, ct);
        if (!outcome.Ok) return ApiProblems.Invalid(new Dictionary<string, string[]>(outcome.Errors), $"The draft of '{key}' was not saved: {string.Join(", ", outcome.Errors.Keys)}.");
        return TypedResults.Ok(new CheckView(outcome.Errors.Count == 0, outcome.Errors));
    }

    /// <summary>The raw JSON body (at most <see cref="FormSchemaCheck.MaxSchemaChars"/> bytes), kept as sent.</summary>
    private static async Task<(string? Json, IResult? Problem)> ReadSchemaAsync(HttpRequest request, CancellationToken ct)
    {
        var type = request.ContentType?.Split(';')[0].Trim();
        if (type is not null && !type.Equals("application/json", StringComparison.OrdinalIgnoreCase) && !type.EndsWith("+json", StringComparison.OrdinalIgnoreCase))
            return (null, ApiProblems.Status(StatusCodes.Status415UnsupportedMediaType, "unsupported-media-type",
                $"A form is sent as application/json, not {type}."));
        var max = FormSchemaCheck.MaxSchemaChars;
        if (request.ContentLength > max) return (null, TooLarge(max));
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > max) return (null, TooLarge(max));
            buffer.Write(chunk, 0, read);
        }
        return (Encoding.UTF8.GetString(buffer.ToArray()), null);
    }

    private static ProblemHttpResult TooLarge(int max) => ApiProblems.Status(StatusCodes.Status413PayloadTooLarge, "too-large", $"A form has at most {max / 1024} KB.");

    private static RouteHandlerBuilder AcceptsFormSchema(this RouteHandlerBuilder builder) =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Description = "The form-js schema: a JSON object with a \"components\" array, as the form editor writes it.",
                Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.Object } } },
            };
            return Task.CompletedTask;
        });
}
