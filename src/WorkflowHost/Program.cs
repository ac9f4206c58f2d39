using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Quartz;
using WorkflowHost.Api;
using WorkflowHost.Api.Accounts;
using WorkflowHost.Api.Admin;
using WorkflowHost.Composition;
using WorkflowHost.Health;
using WorkflowHost.Startup;

var builder = WebApplication.CreateBuilder(args);
var settings = HostSettings.From(builder.Configuration, builder.Environment);

builder.Services.AddProblemDetails();
builder.Services.AddHostSecurity();
builder.Services.AddAccounts(settings, builder.Configuration);
builder.Services.AddExceptionHandler<WorkflowExceptionHandler>();
builder.Services.AddWorkflowApi(settings, builder.Configuration, builder.Environment);
builder.Services.AddWorkflowEngine(settings, builder.Configuration);
// Before the workflow start-up: the domain's tables exist before any of its service tasks runs.
builder.Services.AddTechTransferDomain(settings, builder.Configuration);
// Registered before Quartz's hosted service, so the schema and the shipped workflows are ready when timers start firing.
builder.Services.AddHostedService<WorkflowStartup>();
builder.Services.AddQuartzScheduling(settings, builder.Configuration);
builder.Services.AddNotifications(builder.Configuration);
builder.Services.AddHealthChecks()
    .AddCheck<DatabaseHealthCheck>("database")
    .AddQuartz(o => o.Name = "scheduler");

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAuthentication();
app.UseAuthorization();
app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = HealthResponse.WriteAsync });
app.MapGet("/", () => Results.Redirect("/health")).ExcludeFromDescription();
app.MapAccountsApi();
app.MapEmailAdminApi();
app.MapWorkflowApi();
app.MapDomainApi();
app.Run();

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
