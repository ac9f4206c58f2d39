using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using WorkflowHost.Localization;

namespace WorkflowHost.Identity;

/// <summary>
/// Identity's error messages (password rules, taken addresses, ...) in the current request's or circuit's language,
/// which is the signed-in user's. The codes stay Identity's, so <see cref="AccountErrors"/> still files each under its field.
/// </summary>
public sealed class LocalizedIdentityErrorDescriber(IStringLocalizer<AccountText> text) : IdentityErrorDescriber
{
    private IdentityError Error(string code, params object[] arguments) =>
        new() { Code = code, Description = text["Identity_" + code, arguments] };

    public override IdentityError DefaultError() => Error(nameof(DefaultError));
    public override IdentityError ConcurrencyFailure() => Error(nameof(ConcurrencyFailure));
    public override IdentityError PasswordMismatch() => Error(nameof(PasswordMismatch));
    public override IdentityError InvalidToken() => Error(nameof(InvalidToken));
    public override IdentityError RecoveryCodeRedemptionFailed() => Error(nameof(RecoveryCodeRedemptionFailed));
    public override IdentityError LoginAlreadyAssociated() => Error(nameof(LoginAlreadyAssociated));
    public override IdentityError InvalidUserName(string? userName) => Error(nameof(InvalidUserName), userName ?? "");
    public override IdentityError InvalidEmail(string? email) => Error(nameof(InvalidEmail), email ?? "");
    public override IdentityError DuplicateUserName(string userName) => Error(nameof(DuplicateUserName), userName);
    public override IdentityError DuplicateEmail(string email) => Error(nameof(DuplicateEmail), email);
    public override IdentityError InvalidRoleName(string? role) => Error(nameof(InvalidRoleName), role ?? "");
    public override IdentityError DuplicateRoleName(string role) => Error(nameof(DuplicateRoleName), role);
    public override IdentityError UserAlreadyHasPassword() => Error(nameof(UserAlreadyHasPassword));
    public override IdentityError UserLockoutNotEnabled() => Error(nameof(UserLockoutNotEnabled));
    public override IdentityError UserAlreadyInRole(string role) => Error(nameof(UserAlreadyInRole), role);
    public override IdentityError UserNotInRole(string role) => Error(nameof(UserNotInRole), role);
    public override IdentityError PasswordTooShort(int length) => Error(nameof(PasswordTooShort), length);
    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => Error(nameof(PasswordRequiresUniqueChars), uniqueChars);
    public override IdentityError PasswordRequiresNonAlphanumeric() => Error(nameof(PasswordRequiresNonAlphanumeric));
    public override IdentityError PasswordRequiresDigit() => Error(nameof(PasswordRequiresDigit));
    public override IdentityError PasswordRequiresLower() => Error(nameof(PasswordRequiresLower));
    public override IdentityError PasswordRequiresUpper() => Error(nameof(PasswordRequiresUpper));
}
