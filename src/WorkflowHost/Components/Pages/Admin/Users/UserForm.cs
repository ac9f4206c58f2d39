using WorkflowHost.Identity;

namespace WorkflowHost.Components.Pages.Admin.Users;

/// <summary>What the create and edit dialogs collect before they call <see cref="UserAccountService"/>.</summary>
public sealed class UserForm
{
    public string? Email { get; set; }
    public string? DisplayName { get; set; }
    public string Language { get; set; } = Languages.Chinese;
    public string Digest { get; set; } = "immediate";
    public List<string> Roles { get; set; } = [];
    public bool GeneratePassword { get; set; } = true;
    public string? Password { get; set; }

    public void Toggle(string role, bool on)
    {
        if (on && !Roles.Contains(role)) Roles.Add(role);
        if (!on) Roles.Remove(role);
    }
}
