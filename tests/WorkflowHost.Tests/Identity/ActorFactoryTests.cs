using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using WorkflowHost.Identity;
using WorkflowHost.Security;

namespace WorkflowHost.Tests.Identity;

public sealed class ActorFactoryTests
{
    private static ClaimsPrincipal Principal(params Claim[] claims) =>
        new(new ClaimsIdentity(claims, IdentityConstants.ApplicationScheme));

    [Fact]
    public void The_actor_is_the_user_id_with_roles_committees_and_chairs_as_groups()
    {
        var actor = Principal(
            new Claim(ClaimTypes.NameIdentifier, "5f0c"), new Claim(ClaimTypes.Name, "zhao@example.edu"),
            new Claim(ClaimTypes.Role, Roles.CommitteeMember), new Claim(AccountClaims.Committee, "expert-panel"),
            new Claim(AccountClaims.Committee, "pricing-board"), new Claim(AccountClaims.CommitteeChair, "pricing-board")).ToActor();

        Assert.Equal("5f0c", actor.UserId);
        Assert.Equal([Roles.CommitteeMember, "expert-panel", "pricing-board", "chair:pricing-board"], actor.Groups);
        Assert.False(actor.IsAdministrator);
    }

    [Theory]
    [InlineData(Roles.WorkflowAdministrator, true)]
    [InlineData(Roles.SystemAdministrator, true)]
    [InlineData(Roles.OfficeHead, false)]
    public void Workflow_and_system_administrators_administer_the_engine(string role, bool administrator) =>
        Assert.Equal(administrator, Principal(new Claim(ClaimTypes.NameIdentifier, "u1"), new Claim(ClaimTypes.Role, role)).ToActor().IsAdministrator);

    [Fact]
    public void Nobody_signed_in_is_not_an_actor() =>
        Assert.Throws<InvalidOperationException>(() => new ClaimsPrincipal(new ClaimsIdentity()).ToActor());
}
