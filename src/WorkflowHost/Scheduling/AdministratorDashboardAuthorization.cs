using Hangfire.Dashboard;
using Microsoft.AspNetCore.Authorization;
using WorkflowHost.Security;

namespace WorkflowHost.Scheduling;

/// <summary>
/// The Hangfire Dashboard is for administrators only, decided by the application's own
/// <see cref="Policies.Administrator"/> policy (never the dashboard's local-requests default). Hangfire answers
/// 401 to a caller who is not signed in and 403 to one who is but is not an administrator.
/// </summary>
public sealed class AdministratorDashboardAuthorization : IDashboardAsyncAuthorizationFilter
{
    public async Task<bool> AuthorizeAsync(DashboardContext context)
    {
        var http = context.GetHttpContext();
        var authorization = http.RequestServices.GetRequiredService<IAuthorizationService>();
        return (await authorization.AuthorizeAsync(http.User, Policies.Administrator)).Succeeded;
    }
}
