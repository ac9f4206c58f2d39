using Microsoft.AspNetCore.Identity;

namespace WorkflowHost.Identity;

/// <summary>
/// A person with an account. <see cref="IdentityUser.Id"/> is the user id everywhere (the engine's
/// <c>Actor.UserId</c>, BPMN assignees such as <c>${inventorId}</c>, email recipients); the user name is the email.
/// </summary>
public sealed class ApplicationUser : IdentityUser
{
    public string? DisplayName { get; set; }

    /// <summary>zh-CN or en (<see cref="Languages"/>): the language of their emails and screens.</summary>
    public string Language { get; set; } = Languages.Chinese;

    /// <summary>Whether they get each email at once or held for one digest a day.</summary>
    public DigestChoice Digest { get; set; } = DigestChoice.Immediate;

    /// <summary>
    /// Set for the first administrator's generated password: until they choose their own, the API answers
    /// <c>password-change-required</c> and the UI leads to the account page (<see cref="WorkflowHost.Security.PasswordChangeGate"/>).
    /// </summary>
    public bool MustChangePassword { get; set; }

    public List<CommitteeMember> Committees { get; set; } = [];
}
