using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using WorkflowHost.Localization;

namespace WorkflowHost.Identity.Passwords;

/// <summary>
/// Our rules on top of Identity's character rules, for every password set (a new user, a reset, a change, the first
/// administrator): at most <see cref="MaxLength"/> characters, not a common or breached password
/// (<see cref="CommonPasswords"/>), and not containing the local part of the user's email address. Messages in the
/// user's language (<c>Localization/AccountText*.resx</c>); the codes start with "Password", so
/// <see cref="AccountErrors"/> files them under the password field.
/// </summary>
public sealed class PasswordPolicyValidator(CommonPasswords common, IStringLocalizer<AccountText> text) : IPasswordValidator<ApplicationUser>
{
    public const int MaxLength = 128;
    /// <summary>A shorter local part ("li@...") is not looked for.</summary>
    private const int MinNameLength = 3;
    /// <summary>Pieces of a local part ("zhang.wei" gives "zhang") shorter than this are not looked for ("wei" is in "weird").</summary>
    private const int MinPieceLength = 4;

    public Task<IdentityResult> ValidateAsync(UserManager<ApplicationUser> manager, ApplicationUser user, string? password)
    {
        password ??= "";
        var errors = new List<IdentityError>();
        if (password.Length > MaxLength) errors.Add(Error("PasswordTooLong", MaxLength));
        else if (common.Contains(password)) errors.Add(Error("PasswordCommon"));
        if (ContainsEmailName(user.Email ?? user.UserName, password)) errors.Add(Error("PasswordContainsEmail"));
        return Task.FromResult(errors.Count == 0 ? IdentityResult.Success : IdentityResult.Failed([.. errors]));
    }

    private static bool ContainsEmailName(string? email, string password)
    {
        var local = email?.Split('@')[0].ToLowerInvariant() ?? "";
        if (local.Length < MinNameLength) return false;
        var lower = password.ToLowerInvariant();
        return lower.Contains(local, StringComparison.Ordinal)
               || local.Split(['.', '_', '-', '+']).Any(piece => piece.Length >= MinPieceLength && lower.Contains(piece, StringComparison.Ordinal));
    }

    private IdentityError Error(string code, params object[] arguments) => new() { Code = code, Description = text["Identity_" + code, arguments] };
}
