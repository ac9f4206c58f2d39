using System.Globalization;
using Microsoft.Extensions.Localization;
using WorkflowHost.Localization;

namespace WorkflowHost.Components.Pages.Pricing;

/// <summary>An amount as the pricing screens show it, in the reader's format ("¥1,234.00 元" / "CNY 1,234.00").</summary>
public static class PricingMoney
{
    public static string Money(this IStringLocalizer<PricingText> text, decimal amount) =>
        text["Money", amount.ToString("N2", CultureInfo.CurrentCulture)];
}
