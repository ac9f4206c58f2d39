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

    public List<CommitteeMember> Committees { get; set; } = [];
}
