namespace WorkflowHost.Identity;

/// <summary>
/// The first system administrator (<c>Bootstrap:AdminEmail</c>, <c>Bootstrap:AdminPassword</c>, or the
/// environment variables <c>Bootstrap__AdminEmail</c>, <c>Bootstrap__AdminPassword</c>). Never in the repository.
/// </summary>
public sealed class BootstrapOptions
{
    public const string Section = "Bootstrap";

    /// <summary>The email (user name) the administrator signs in with; created at start-up when no user has it.</summary>
    public string? AdminEmail { get; set; }

    /// <summary>Their initial password; when absent a random one is generated and printed once.</summary>
    public string? AdminPassword { get; set; }

    /// <summary>Their language (zh-CN, en); when absent the installation's default (<c>Email:DefaultLanguage</c>, zh-CN).</summary>
    public string? AdminLanguage { get; set; }

    /// <summary>Who is created when nothing is configured and the database has no user at all.</summary>
    public const string DefaultAdminEmail = "admin@localhost";
}
