using Hangfire;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using WorkflowHost.Api;
using WorkflowHost.Api.Accounts;
using WorkflowHost.Api.Admin;
using WorkflowHost.Application;
using WorkflowHost.Components.Pages.Tasks;
using WorkflowHost.Components.Pages.Admin;
using WorkflowHost.Composition;
using WorkflowHost.Health;
using WorkflowHost.Scheduling;
using WorkflowHost.Startup;

var builder = WebApplication.CreateBuilder(TrialMode.ExpandSwitch(args));
builder.Configuration.AddShippedSettings();
// The one-person trial only when asked for (--trial): the national rules otherwise, whatever the environment.
builder.Services.AddSingleton(TrialMode.AddTrialSettings(builder.Configuration, builder.Environment));
var settings = HostSettings.From(builder.Configuration, builder.Environment);
// The address links in emails and on the notice board start with: configured, or this machine's own; else no start.
var publicAddress = PublicAddress.Apply(builder.Configuration, builder.Environment);
// Package assets (MudBlazor, blazor.web.js) from the build output in every environment, not only Development (no-op when published).
builder.WebHost.UseStaticWebAssets();

// The first hosted service: every schema module in its declared order, then the areas' seeds (Startup/HostStartup).
builder.Services.AddHostedService<HostStartup>();
builder.Services.AddProblemDetails();
builder.Services.AddWebProtection(builder.Configuration);
builder.Services.AddHostSecurity();
builder.Services.AddAccounts(settings, builder.Configuration);
builder.Services.AddHostRateLimits(builder.Configuration);
builder.Services.AddKeyProtection(builder.Configuration);
builder.Services.AddExceptionHandler<WorkflowExceptionHandler>();
builder.Services.AddWorkflowApi(settings, builder.Configuration, builder.Environment);
builder.Services.AddWorkflowEngine(settings, builder.Configuration);
builder.Services.AddTechTransferDomain(settings, builder.Configuration);
builder.Services.AddNotifications(builder.Configuration);
builder.Services.AddScheduling(settings, builder.Configuration);
builder.Services.AddWebUi();
builder.Services.AddTaskInbox();
builder.Services.AddApplicationLayer();
builder.Services.AddAdminScreens();
builder.Services.AddHealthChecks()
    .AddCheck<DatabaseHealthCheck>("database")
    .AddCheck<SchedulerHealthCheck>("scheduler");

var app = builder.Build();
app.Logger.LogInformation("Links in emails and on the notice board start with {PublicAddress}{How}.", publicAddress.Address,
    publicAddress.Derived ? " (the address this host listens on; set Email:BaseUrl for a server that others reach)" : "");
app.UseWebProtection();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAuthentication();
app.UseRateLimiter(); // after authentication: signed-in callers are not counted as anonymous
app.UseAuthorization();
app.UseMiddleware<WorkflowHost.Security.PasswordChangeGate>();
app.UseMiddleware<JsonTextCheck>(); // after authorization: a stranger learns nothing from a 400
app.UseWebUi();
app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = HealthResponse.WriteAsync });
app.MapAccountsApi();
app.UseHangfireDashboard("/hangfire", new DashboardOptions
{
    Authorization = [], // never the local-requests default
    AsyncAuthorization = [new AdministratorDashboardAuthorization()],
    DashboardTitle = "Workflow host: background jobs",
});
app.MapEmailAdminApi();
app.MapStatisticsApi();
app.MapWorkflowApi();
app.MapDomainApi();
app.Run();

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
