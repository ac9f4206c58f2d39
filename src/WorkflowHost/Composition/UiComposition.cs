using Microsoft.AspNetCore.Localization;
using MudBlazor.Services;
using WorkflowHost.Components;
using WorkflowHost.Components.Pages.Account;
using WorkflowHost.Identity;
using WorkflowHost.Localization;

namespace WorkflowHost.Composition;

/// <summary>The web UI (doc/adr/0004-web-ui.md): Blazor components with server interactivity, MudBlazor, zh-CN/en resources.</summary>
public static class UiComposition
{
    public static IServiceCollection AddWebUi(this IServiceCollection services)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddCascadingAuthenticationState();
        services.AddMudServices();
        services.AddScoped<UserNames>();
        // The office's zone as the calendar holds it (Calendar:TimeZone, read once at start-up).
        services.AddSingleton(sp => new TimeDisplay(sp.GetRequiredService<Workflows.Engine.Contracts.IBusinessCalendar>().TimeZone));
        services.AddLocalization();
        services.Configure<RequestLocalizationOptions>(o =>
        {
            string[] cultures = [.. Languages.All];
            o.SetDefaultCulture(Languages.Chinese).AddSupportedCultures(cultures).AddSupportedUICultures(cultures);
            o.FallBackToParentUICultures = true;
            // The signed-in user's own choice first, then a page's language link (?culture=en: the public board), then the
            // sign-in page's switch (a cookie), then the browser's.
            o.RequestCultureProviders = [new UserLanguageCultureProvider(), new QueryStringRequestCultureProvider(),
                new CookieRequestCultureProvider(), new AcceptLanguageHeaderRequestCultureProvider()];
        });
        return services;
    }

    /// <summary>After authentication (the culture comes from the signed-in user) and authorization.</summary>
    public static WebApplication UseWebUi(this WebApplication app)
    {
        app.UseRequestLocalization();
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapAccountEndpoints();
        return app;
    }
}
