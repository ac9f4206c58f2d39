using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using WorkflowHost.Identity;

namespace WorkflowHost.Localization;

/// <summary>
/// The culture of a signed-in user's requests is the language stored on their account (chosen in the UI and used
/// for their emails too), so it follows them from browser to browser. Anonymous requests fall through to the next provider.
/// </summary>
public sealed class UserLanguageCultureProvider : RequestCultureProvider
{
    public override async Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
    {
        if (httpContext.User.Identity is not { IsAuthenticated: true }) return null;
        var id = httpContext.User.FindFirstValue(ClaimTypes.NameIdentifier);
        if (id is null) return null;
        var users = httpContext.RequestServices.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByIdAsync(id);
        return Languages.Normalize(user?.Language) is { } language ? new ProviderCultureResult(language) : null;
    }
}
