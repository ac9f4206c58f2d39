using Microsoft.AspNetCore.Http.Json;
using Scalar.AspNetCore;
using WorkflowHost.Api;
using WorkflowHost.Api.Definitions;
using WorkflowHost.Api.Forms;
using WorkflowHost.Api.Incidents;
using WorkflowHost.Api.Instances;
using WorkflowHost.Api.Signals;
using WorkflowHost.Api.Tasks;
using WorkflowHost.Forms;

namespace WorkflowHost.Composition;

/// <summary>The REST API under /api/v1: its settings, error answers, OpenAPI document (/openapi/v1.json) and browsable UI (/scalar).</summary>
public static class ApiComposition
{
    public static IServiceCollection AddWorkflowApi(this IServiceCollection services, HostSettings settings, IConfiguration configuration, IHostEnvironment environment)
    {
        var formsPath = configuration["Workflows:FormsPath"] is { Length: > 0 } f
            ? Path.GetFullPath(f, environment.ContentRootPath)
            : Path.Combine(settings.WorkflowsPath, "forms");
        var maxUpload = configuration.GetValue<long?>("Workflows:MaxUploadBytes") ?? ApiSettings.DefaultMaxUploadBytes;
        services.AddSingleton(new ApiSettings(maxUpload, formsPath));
        services.AddTaskForms(formsPath);
        services.AddScoped<Application.Incidents.CaseIncidents>();
        // Binding failures (malformed JSON, wrong types, empty bodies) are thrown, so BadRequestExceptionHandler answers them.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        services.Configure<JsonOptions>(o => o.SerializerOptions.AllowTrailingCommas = false);
        services.AddOpenApi("v1", o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "WorkflowHost API";
            document.Info.Description = "Workflow definitions, instances, incidents and the task inbox of the technology-transfer workflow host. " +
                                        "Errors are RFC 9457 problem details; see doc/api.md.";
            return Task.CompletedTask;
        }));
        return services;
    }

    public static WebApplication MapWorkflowApi(this WebApplication app)
    {
        app.MapDefinitionsApi();
        app.MapInstancesApi();
        app.MapIncidentsApi();
        app.MapSignalsApi();
        app.MapTasksApi();
        app.MapFormsApi();
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapScalarApiReference("/scalar", o => o.WithTitle("WorkflowHost API").WithOpenApiRoutePattern("/openapi/{documentName}.json")
            .DisableDefaultFonts()); // no font CDN: the Content-Security-Policy admits this site only
        return app;
    }
}
