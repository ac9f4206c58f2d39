namespace WorkflowHost.Identity;

/// <summary>How a user wants their notification emails: each at once, or gathered into one a day.</summary>
public enum DigestChoice
{
    Immediate = 0,
    Daily = 1,
}
