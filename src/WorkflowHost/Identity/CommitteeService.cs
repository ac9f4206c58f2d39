using Microsoft.EntityFrameworkCore;
using TechTransfer.Common;

namespace WorkflowHost.Identity;

/// <summary>
/// Committees and their seats, for the system administrators' API. Each method answers what went wrong as
/// (field, message) so the endpoint can name the field; the one-chair rule is also a unique index.
/// </summary>
public sealed class CommitteeService(AccountsDbContext db, TimeProvider clock)
{
    public sealed record MemberView(string UserId, string? Email, string? DisplayName, bool IsChair);
    public sealed record CommitteeView(string Code, string Name, IReadOnlyList<MemberView> Members);

    /// <summary>What went wrong: the field to name, and the message; NotFound when the committee or user is missing.</summary>
    public sealed record Failure(string Field, string Message, bool NotFound = false);

    public async Task<IReadOnlyList<CommitteeView>> ListAsync(CancellationToken ct)
    {
        var committees = await db.Committees.AsNoTracking().OrderBy(c => c.Code).ToListAsync(ct);
        var members = await Members(null, ct);
        return committees.Select(c => new CommitteeView(c.Code, c.Name, members.Where(m => m.Code == c.Code).Select(m => m.View).ToList())).ToList();
    }

    public async Task<CommitteeView?> GetAsync(string code, CancellationToken ct)
    {
        var committee = await db.Committees.AsNoTracking().FirstOrDefaultAsync(c => c.Code == code, ct);
        return committee is null ? null : new CommitteeView(committee.Code, committee.Name, (await Members(code, ct)).Select(m => m.View).ToList());
    }

    public async Task<(CommitteeView? Created, Failure? Failure)> CreateAsync(string? code, string? name, CancellationToken ct)
    {
        if (GroupNames.CommitteeCodeProblem(code) is { } problem) return (null, new Failure("code", problem));
        if (NameProblem(name) is { } badName) return (null, badName);
        if (await db.Committees.AnyAsync(c => c.Code == code, ct)) return (null, new Failure("code", $"A committee '{code}' exists already."));
        db.Committees.Add(new Committee { Code = code!, Name = name!.Trim(), CreatedAt = clock.GetUtcNow().UtcTicks });
        await db.SaveChangesAsync(ct);
        return (new CommitteeView(code!, name.Trim(), []), null);
    }

    public async Task<Failure?> RenameAsync(string code, string? name, CancellationToken ct)
    {
        if (NameProblem(name) is { } badName) return badName;
        var committee = await db.Committees.FirstOrDefaultAsync(c => c.Code == code, ct);
        if (committee is null) return new Failure("code", $"No committee '{code}'.", NotFound: true);
        committee.Name = name!.Trim();
        await db.SaveChangesAsync(ct);
        return null;
    }

    /// <summary>Adds a member (or changes nothing if they sit already); with <paramref name="chair"/>, they also take the chair.</summary>
    public async Task<Failure?> AddMemberAsync(string code, string? userId, bool chair, CancellationToken ct)
    {
        if (await Check(code, userId, ct) is { } failure) return failure;
        if (await db.CommitteeMembers.FindAsync([code, userId!], ct) is null)
            db.CommitteeMembers.Add(new CommitteeMember { CommitteeCode = code, UserId = userId! });
        await db.SaveChangesAsync(ct);
        return chair ? await SetChairAsync(code, userId, ct) : null;
    }

    public async Task<Failure?> RemoveMemberAsync(string code, string userId, CancellationToken ct)
    {
        if (!await db.Committees.AnyAsync(c => c.Code == code, ct)) return new Failure("code", $"No committee '{code}'.", NotFound: true);
        var seat = await db.CommitteeMembers.FindAsync([code, userId], ct);
        if (seat is null) return new Failure("userId", $"User '{userId}' is not a member of '{code}'.", NotFound: true);
        db.CommitteeMembers.Remove(seat);
        await db.SaveChangesAsync(ct);
        return null;
    }

    /// <summary>Makes a member the chair; the previous chair stays a member. One transaction, so there is never a second chair.</summary>
    public async Task<Failure?> SetChairAsync(string code, string? userId, CancellationToken ct)
    {
        if (await Check(code, userId, ct) is { } failure) return failure;
        var seats = await db.CommitteeMembers.Where(m => m.CommitteeCode == code).ToListAsync(ct);
        var seat = seats.FirstOrDefault(m => m.UserId == userId);
        if (seat is null) return new Failure("userId", $"User '{userId}' is not a member of '{code}'; add them first.");
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        foreach (var other in seats.Where(m => m.IsChair && m != seat)) other.IsChair = false;
        await db.SaveChangesAsync(ct); // the old chair steps down before the new one sits (the unique index)
        seat.IsChair = true;
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return null;
    }

    private async Task<Failure?> Check(string code, string? userId, CancellationToken ct)
    {
        if (!await db.Committees.AnyAsync(c => c.Code == code, ct)) return new Failure("code", $"No committee '{code}'.", NotFound: true);
        if (string.IsNullOrWhiteSpace(userId)) return new Failure("userId", "A user id is required.");
        if (!await db.Users.AnyAsync(u => u.Id == userId, ct)) return new Failure("userId", $"No user '{userId}'.");
        // Only holders of a committee role sit: anyone else would get a vote task they cannot open and count as a seat.
        if (!await IsEligibleAsync(userId, ct))
            return new Failure("userId", $"User '{userId}' holds neither the {Roles.CommitteeMember} nor the {Roles.CommitteeChair} role; give them one first.");
        return null;
    }

    /// <summary>The roles that may sit on a committee.</summary>
    public static readonly IReadOnlyList<string> SeatRoles = [Roles.CommitteeMember, Roles.CommitteeChair];

    private Task<bool> IsEligibleAsync(string userId, CancellationToken ct) =>
        (from ur in db.UserRoles
         join r in db.Roles on ur.RoleId equals r.Id
         where ur.UserId == userId && SeatRoles.Contains(r.Name!)
         select ur).AnyAsync(ct);

    private async Task<List<(string Code, MemberView View)>> Members(string? code, CancellationToken ct) =>
        (await db.CommitteeMembers.AsNoTracking()
            .Where(m => code == null || m.CommitteeCode == code)
            .OrderBy(m => m.CommitteeCode).ThenByDescending(m => m.IsChair).ThenBy(m => m.User!.Email)
            .Select(m => new { m.CommitteeCode, m.UserId, m.User!.Email, m.User.DisplayName, m.IsChair })
            .ToListAsync(ct))
        .Select(m => (m.CommitteeCode, new MemberView(m.UserId, m.Email, m.DisplayName, m.IsChair))).ToList();

    /// <summary>1 to 200 characters on one line, without control characters or bidirectional overrides (<see cref="TextRules"/>).</summary>
    private static Failure? NameProblem(string? name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 200) return new Failure("name", "A name of 1 to 200 characters is required.");
        return TextRules.Problem(name, "name", 200, singleLine: true) is { } problem ? new Failure("name", problem.Message) : null;
    }
}
