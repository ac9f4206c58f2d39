using System.Security.Claims;
using TechTransfer;

namespace WorkflowHost.Security;

/// <summary>
/// The one place a signed-in user becomes the domain's <see cref="ActingUser"/>: the same user id as the engine's
/// <see cref="ActorFactory"/> (the Identity id), the user's current roles, and the committees they sit on and chair.
/// </summary>
public static class ActingUserFactory
{
    public static ActingUser FromPrincipal(ClaimsPrincipal user)
    {
        var actor = ActorFactory.FromPrincipal(user);
        var roles = ActorFactory.RolesOf(user).ToArray();
        var chairs = user.FindAll(AccountClaims.CommitteeChair).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        var seats = user.FindAll(AccountClaims.Committee).Select(c => c.Value).Distinct(StringComparer.Ordinal)
            .Select(code => new CommitteeSeat(code, chairs.Contains(code))).ToList();
        return ActingUser.Create(actor.UserId, roles) with { Committees = seats };
    }

    /// <summary><c>http.User.ToActingUser()</c> in endpoint handlers.</summary>
    public static ActingUser ToActingUser(this ClaimsPrincipal user) => FromPrincipal(user);
}
