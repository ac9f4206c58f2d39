using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using WorkflowHost.Identity.Sessions;
using TechTransfer.Common;
using WorkflowHost.Localization;
using WorkflowHost.Security.RateLimiting;

namespace WorkflowHost.Identity;

/// <summary>
/// What the account endpoints do with users, over Identity's <see cref="UserManager{TUser}"/>: every input is
/// checked here and answered as <see cref="AccountErrors"/> naming the field. Only system administrators reach
/// the create / roles / lock / password-reset methods (the endpoints' policy); users change their own profile.
/// A password change or reset, a lock and a role change end every session of the user (<see cref="AccountSessions"/>).
/// </summary>
public sealed class UserAccountService(
    UserManager<ApplicationUser> users, AccountsDbContext db, AccountSessions sessions, AccountRateLimits limits,
    TimeProvider clock, IStringLocalizer<AccountText> text)
{
    public sealed record NewUser(string? Email, string? Password, string? DisplayName, string? Language, string? Digest, IReadOnlyList<string>? Roles);
    public sealed record Profile(string? DisplayName, string? Language, string? Digest);
    /// <summary>What an administrator may change about a user: their profile and their email (which is also their user name).</summary>
    public sealed record Update(string? Email, string? DisplayName, string? Language, string? Digest);

    public async Task<IReadOnlyList<UserView>> ListAsync(string? search, int skip, int take, CancellationToken ct)
    {
        var page = await Matching(search).OrderBy(u => u.NormalizedEmail).Skip(skip).Take(take).ToListAsync(ct);
        return await ViewsAsync(page, ct);
    }

    /// <summary>How many users <see cref="ListAsync"/> pages through for this search (the users screen's pager).</summary>
    public Task<int> CountAsync(string? search, CancellationToken ct) => Matching(search).CountAsync(ct);

    private IQueryable<ApplicationUser> Matching(string? search)
    {
        var query = db.Users.AsNoTracking();
        if (string.IsNullOrWhiteSpace(search)) return query;
        var s = search.Trim().ToUpperInvariant();
        // Translated to SQL upper(): the database compares, so no culture or StringComparison applies here.
#pragma warning disable CA1304, CA1311, CA1862
        return query.Where(u => u.NormalizedEmail!.Contains(s) || (u.DisplayName != null && u.DisplayName.ToUpper().Contains(s)));
#pragma warning restore CA1304, CA1311, CA1862
    }

    public async Task<UserView?> GetAsync(string id, CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, ct);
        return user is null ? null : (await ViewsAsync([user], ct))[0];
    }

    public async Task<(UserView? Created, AccountErrors Errors)> CreateAsync(NewUser request, CancellationToken ct)
    {
        var errors = new AccountErrors();
        var email = request.Email?.Trim();
        if (string.IsNullOrEmpty(email)) errors.Add("email", text["Account_EmailRequired"]);
        if (string.IsNullOrEmpty(request.Password)) errors.Add("password", text["Account_InitialPasswordRequired"]);
        var language = CheckLanguage(request.Language ?? Languages.Chinese, errors);
        var digest = CheckDigest(request.Digest ?? "immediate", errors);
        var roles = CheckRoles(request.Roles ?? [], errors);
        CheckDisplayName(request.DisplayName, errors);
        CheckCharacters(email, "email", errors);
        var user = new ApplicationUser
        {
            UserName = email, Email = email, EmailConfirmed = true, DisplayName = request.DisplayName?.Trim(),
            Language = language ?? Languages.Chinese, Digest = digest ?? DigestChoice.Immediate,
        };
        // Every field's problems in one answer: the password rules too, before anything is written.
        if (!string.IsNullOrEmpty(request.Password))
            foreach (var validator in users.PasswordValidators)
                if (await validator.ValidateAsync(users, user, request.Password) is { Succeeded: false } weak) errors.Add(weak);
        if (errors.Any) return (null, errors);

        var created = await users.CreateAsync(user, request.Password!);
        if (!created.Succeeded) return (null, errors.Add(created));
        var added = await users.AddToRolesAsync(user, roles);
        if (!added.Succeeded) return (null, errors.Add(added));
        return (await GetAsync(user.Id, ct), errors);
    }

    /// <summary>A user changes their own profile: what is given (null leaves a field as it is).</summary>
    public Task<(UserView? Updated, AccountErrors Errors)> UpdateProfileAsync(string id, Profile request, CancellationToken ct) =>
        UpdateAsync(id, new Update(null, request.DisplayName, request.Language, request.Digest), ct);

    /// <summary>An administrator changes a user: what is given (null leaves a field as it is).</summary>
    public async Task<(UserView? Updated, AccountErrors Errors)> UpdateAsync(string id, Update request, CancellationToken ct)
    {
        var errors = new AccountErrors();
        var user = await users.FindByIdAsync(id);
        if (user is null) return (null, errors);
        var email = request.Email?.Trim();
        if (email is { Length: 0 }) errors.Add("email", text["Account_EmailEmpty"]);
        var language = request.Language is null ? null : CheckLanguage(request.Language, errors);
        var digest = request.Digest is null ? null : CheckDigest(request.Digest, errors);
        if (request.DisplayName is not null) CheckDisplayName(request.DisplayName, errors);
        CheckCharacters(email, "email", errors);
        if (errors.Any) return (null, errors);
        if (email is not null && !string.Equals(email, user.Email, StringComparison.Ordinal))
        {
            // The email is the user name people sign in with: both change together, or neither.
            var byEmail = await users.SetEmailAsync(user, email);
            if (!byEmail.Succeeded) return (null, errors.Add(byEmail));
            var byName = await users.SetUserNameAsync(user, email);
            if (!byName.Succeeded) return (null, errors.Add(byName));
            user.EmailConfirmed = true;
        }
        if (request.DisplayName is not null) user.DisplayName = request.DisplayName.Trim().Length == 0 ? null : request.DisplayName.Trim();
        if (language is not null) user.Language = language;
        if (digest is not null) user.Digest = digest.Value;
        var updated = await users.UpdateAsync(user);
        if (!updated.Succeeded) return (null, errors.Add(updated));
        return (await GetAsync(id, ct), errors);
    }

    /// <summary>The user's roles become exactly these.</summary>
    public async Task<(UserView? Updated, AccountErrors Errors)> SetRolesAsync(string id, IReadOnlyList<string>? requested, CancellationToken ct)
    {
        var errors = new AccountErrors();
        if (requested is null) return (null, errors.Add("roles", text["Account_RolesRequired"]));
        var roles = CheckRoles(requested, errors);
        var user = await users.FindByIdAsync(id);
        if (user is null || errors.Any) return (null, errors);
        var current = await users.GetRolesAsync(user);
        if (current.Contains(Roles.SystemAdministrator) && !roles.Contains(Roles.SystemAdministrator) && await IsLastAdministratorAsync(user, ct))
            return (null, errors.Add("roles", text["Account_LastAdministrator"]));
        var removed = await users.RemoveFromRolesAsync(user, current.Except(roles));
        if (!removed.Succeeded) return (null, errors.Add(removed));
        var added = await users.AddToRolesAsync(user, roles.Except(current));
        if (!added.Succeeded) return (null, errors.Add(added));
        if (!roles.Intersect(CommitteeService.SeatRoles).Any())
            await db.CommitteeMembers.Where(m => m.UserId == user.Id).ExecuteDeleteAsync(ct); // no committee role, no seat
        // What the user may do changed: every session ends, so nobody goes on with a page or token of the old roles.
        if (!current.Order().SequenceEqual(roles.Order(), StringComparer.Ordinal)) await sessions.EndAllAsync(user, SessionEndReasons.RolesChanged, ct);
        return (await GetAsync(id, ct), errors);
    }

    /// <summary>An administrator's lock: the user cannot sign in and their sessions end at once, until unlocked.</summary>
    public async Task<(UserView? Updated, AccountErrors Errors)> LockAsync(string id, string callerId, CancellationToken ct)
    {
        var errors = new AccountErrors();
        var user = await users.FindByIdAsync(id);
        if (user is null) return (null, errors);
        if (user.Id == callerId) return (null, errors.Add("id", text["Account_CannotLockYourself"]));
        if (await users.IsInRoleAsync(user, Roles.SystemAdministrator) && await IsLastAdministratorAsync(user, ct))
            return (null, errors.Add("id", text["Account_LastAdministratorLock"]));
        await users.SetLockoutEnabledAsync(user, true);
        var locked = await users.SetLockoutEndDateAsync(user, AccountLocks.Indefinitely);
        if (!locked.Succeeded) return (null, errors.Add(locked));
        await sessions.EndAllAsync(user, SessionEndReasons.Locked, ct); // cookies, bearer and refresh tokens stop working too
        return (await GetAsync(id, ct), errors);
    }

    /// <summary>Ends an administrator's lock or a lockout after failed sign-ins, and forgets the failed attempts.</summary>
    public async Task<UserView?> UnlockAsync(string id, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null) return null;
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        return await GetAsync(id, ct);
    }

    /// <summary>An administrator sets a new password (a forgotten one, or a user moved from the old contact table).</summary>
    public async Task<AccountErrors?> ResetPasswordAsync(string id, string? newPassword, CancellationToken ct)
    {
        var errors = new AccountErrors();
        var user = await users.FindByIdAsync(id);
        if (user is null) return null;
        if (string.IsNullOrEmpty(newPassword)) return errors.Add("newPassword", text["Account_NewPasswordRequired"]);
        foreach (var validator in users.PasswordValidators)
        {
            var valid = await validator.ValidateAsync(users, user, newPassword);
            if (!valid.Succeeded) return errors.Add(valid, "newPassword");
        }
        if (await users.HasPasswordAsync(user)) await users.RemovePasswordAsync(user);
        var set = await users.AddPasswordAsync(user, newPassword);
        if (!set.Succeeded) return errors.Add(set, "newPassword");
        // The remedy for a stolen password: whoever held a session with the old one is out at once.
        await sessions.EndAllAsync(user, SessionEndReasons.PasswordReset, ct);
        return errors;
    }

    /// <summary>
    /// A user changes their own password, proving the current one (within the sign-in budget per account, so a stolen
    /// session cannot guess it fast). Every session of the user ends, this one too: they sign in again with the new one.
    /// <paramref name="confirmation"/> is the new password typed a second time: the page always sends it (empty when left
    /// blank), an API client may; when sent, it must equal the new one (<c>confirmPassword</c>).
    /// </summary>
    public async Task<AccountErrors> ChangePasswordAsync(string id, string? currentPassword, string? newPassword, CancellationToken ct, string? confirmation = null)
    {
        var errors = new AccountErrors();
        if (string.IsNullOrEmpty(currentPassword)) errors.Add("currentPassword", text["Account_CurrentPasswordRequired"]);
        if (string.IsNullOrEmpty(newPassword)) errors.Add("newPassword", text["Account_NewPasswordRequired"]);
        else if (newPassword == currentPassword) errors.Add("newPassword", text["Account_NewPasswordSameAsCurrent"]);
        if (confirmation is not null && !string.IsNullOrEmpty(newPassword) && confirmation != newPassword)
            errors.Add("confirmPassword", text[confirmation.Length == 0 ? "Account_ConfirmPasswordRequired" : "Account_ConfirmPasswordDiffers"]);
        if (errors.Any) return errors;
        if (limits.TryAcquire(AccountRateLimits.Limit.SignInPerAccount, "password-change:" + id) is { } wait)
            return errors.Throttled(wait, "currentPassword", text["Account_TooManyPasswordAttempts", Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes))]);
        var user = await users.FindByIdAsync(id) ?? throw new InvalidOperationException($"Signed-in user {id} does not exist.");
        var changed = await users.ChangePasswordAsync(user, currentPassword!, newPassword!);
        if (changed.Succeeded)
        {
            user.MustChangePassword = false;
            await sessions.EndAllAsync(user, SessionEndReasons.PasswordChanged, ct); // saves the user, mark included
            return errors;
        }
        foreach (var e in changed.Errors)
            errors.Add(e.Code == "PasswordMismatch" ? "currentPassword" : e.Code.StartsWith("Password", StringComparison.Ordinal) ? "newPassword" : "user",
                e.Code == "PasswordMismatch" ? text["Account_CurrentPasswordWrong"] : e.Description);
        return errors;
    }

    private async Task<bool> IsLastAdministratorAsync(ApplicationUser user, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var admins = await users.GetUsersInRoleAsync(Roles.SystemAdministrator);
        return !admins.Any(a => a.Id != user.Id && !AccountLocks.IsLockedByAdministrator(a.LockoutEnd, now));
    }

    private async Task<List<UserView>> ViewsAsync(IReadOnlyList<ApplicationUser> page, CancellationToken ct)
    {
        var ids = page.Select(u => u.Id).ToList();
        var roles = await (from ur in db.UserRoles
                           join r in db.Roles on ur.RoleId equals r.Id
                           where ids.Contains(ur.UserId)
                           select new { ur.UserId, r.Name }).ToListAsync(ct);
        var seats = await db.CommitteeMembers.AsNoTracking().Where(m => ids.Contains(m.UserId)).ToListAsync(ct);
        var now = clock.GetUtcNow();
        return page.Select(u => new UserView(
            u.Id, u.Email ?? u.UserName ?? "", u.DisplayName, u.Language, DigestName(u.Digest),
            roles.Where(r => r.UserId == u.Id).Select(r => r.Name!).Order(StringComparer.Ordinal).ToList(),
            seats.Where(s => s.UserId == u.Id).OrderBy(s => s.CommitteeCode, StringComparer.Ordinal).Select(s => new CommitteeSeat(s.CommitteeCode, s.IsChair)).ToList(),
            u.LockoutEnd > now, u.LockoutEnd > now ? u.LockoutEnd : null)).ToList();
    }

    public static string DigestName(DigestChoice digest) => digest == DigestChoice.Daily ? "daily" : "immediate";

    private string? CheckLanguage(string language, AccountErrors errors)
    {
        var normalized = Languages.Normalize(language);
        if (normalized is null) errors.Add("language", text["Account_UnknownLanguage", language ?? "", string.Join(", ", Languages.All)]);
        return normalized;
    }

    private DigestChoice? CheckDigest(string digest, AccountErrors errors)
    {
        switch (digest.Trim().ToLowerInvariant())
        {
            case "immediate": return DigestChoice.Immediate;
            case "daily": return DigestChoice.Daily;
            default:
                errors.Add("digest", text["Account_UnknownDigest", digest ?? ""]);
                return null;
        }
    }

    private List<string> CheckRoles(IReadOnlyList<string> requested, AccountErrors errors)
    {
        var roles = new List<string>();
        foreach (var role in requested)
        {
            var known = Roles.All.FirstOrDefault(r => string.Equals(r, role?.Trim(), StringComparison.OrdinalIgnoreCase));
            if (known is null) errors.Add("roles", text["Account_UnknownRole", role ?? "", string.Join(", ", Roles.All)]);
            else if (!roles.Contains(known)) roles.Add(known);
        }
        return roles;
    }

    private void CheckDisplayName(string? name, AccountErrors errors)
    {
        if (name is { Length: > 200 }) errors.Add("displayName", text["Account_DisplayNameTooLong"]);
        else CheckCharacters(name, "displayName", errors);
    }

    /// <summary>
    /// One line, without NUL, control characters or bidirectional overrides (<see cref="TextRules"/>): names and emails are
    /// shown in lists, email headers and the evidence, where a line break or an override would forge what people read.
    /// </summary>
    private void CheckCharacters(string? value, string field, AccountErrors errors)
    {
        if (TextRules.Problem(value, field, int.MaxValue, singleLine: true) is { } problem)
            errors.Add(field, problem.Code == "line-break" ? text["Account_OneLine"] : text["Account_ForbiddenCharacter"]);
    }
}
