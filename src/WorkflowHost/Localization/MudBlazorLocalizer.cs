using Microsoft.Extensions.Localization;
using MudBlazor;

namespace WorkflowHost.Localization;

/// <summary>
/// MudBlazor's built-in texts in the request's UI culture: MudBlazor's default localization interceptor asks this
/// <see cref="MudLocalizer"/> for every key outside English and falls back to its own English texts for a key not found.
/// </summary>
public sealed class MudBlazorLocalizer(IStringLocalizer<MudBlazorText> texts) : MudLocalizer
{
    public override LocalizedString this[string key] => texts[key];

    public override LocalizedString this[string key, params object[] arguments] => texts[key, arguments];
}
