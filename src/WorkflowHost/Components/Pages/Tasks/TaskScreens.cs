using TechTransfer.Processes;

namespace WorkflowHost.Components.Pages.Tasks;

/// <summary>
/// Steps of the shipped tech-transfer workflows that have a screen of their own (the committee room, the pricing
/// screens, the inventor's answer on the invention's page) rather than only a generic task form. The inbox and the task
/// page offer that screen; the screen finds the case by its number (the task's business key).
/// </summary>
public static class TaskScreens
{
    /// <summary>The page for this step of this case, or null when the generic task form is the place to do it.</summary>
    public static string? ScreenFor(string elementId, string? businessKey)
    {
        if (string.IsNullOrEmpty(businessKey)) return null;
        var key = Uri.EscapeDataString(businessKey);
        return elementId switch
        {
            ShippedProcesses.Disclosure.Revise => $"inventions/case/{key}",
            ShippedProcesses.Committee.Vote or ShippedProcesses.Committee.Close => $"reviews/case/{key}",
            ShippedProcesses.PricingAgreement.Investigate or ShippedProcesses.PricingListing.Negotiate => $"pricing/case/{key}",
            _ => null,
        };
    }
}
