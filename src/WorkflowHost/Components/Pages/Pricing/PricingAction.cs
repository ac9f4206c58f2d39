namespace WorkflowHost.Components.Pages.Pricing;

/// <summary>
/// How a pricing screen acts: the page runs <paramref name="action"/> (busy meanwhile), says <paramref name="done"/> or
/// the refusal, and reads the record again. The screen's own fields are emptied inside the action, so only on success.
/// </summary>
public delegate Task PricingAction(Func<Task> action, string done);
