using Microsoft.EntityFrameworkCore;

namespace WorkflowHost.Identity;

/// <summary>
/// The inbox filters each user saved (<c>user_task_filters</c>): list, save under a name (saving a name again replaces
/// its query), delete. Every call is scoped to one user id: nobody reads or deletes another user's filters.
/// </summary>
public sealed class UserTaskFilters(AccountsDbContext db, TimeProvider clock)
{
    public const int MaxNameLength = 100;
    public const int MaxQueryLength = 2000;
    /// <summary>A user keeps at most this many filters.</summary>
    public const int MaxPerUser = 50;

    public sealed record SavedFilter(Guid Id, string Name, string Query, DateTimeOffset CreatedAt);

    public async Task<IReadOnlyList<SavedFilter>> ListAsync(string userId, CancellationToken ct) =>
        (await db.TaskFilters.AsNoTracking().Where(f => f.UserId == userId).ToListAsync(ct))
            .OrderBy(f => f.Name, StringComparer.CurrentCultureIgnoreCase).Select(View).ToList();

    /// <summary>Saves the query under the name (replacing a filter of that name); the errors name the field at fault.</summary>
    public async Task<(SavedFilter? Saved, Dictionary<string, string[]> Errors)> SaveAsync(string userId, string? name, string? query, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        name = name?.Trim();
        query = query?.Trim().TrimStart('?');
        if (string.IsNullOrEmpty(name)) errors["name"] = ["Give the filter a name."];
        else if (name.Length > MaxNameLength) errors["name"] = [$"A filter's name has at most {MaxNameLength} characters."];
        if (query is null) errors["query"] = ["The filter's query string is missing (it may be empty)."];
        else if (query.Length > MaxQueryLength) errors["query"] = [$"A filter's query string has at most {MaxQueryLength} characters."];
        else if (query.Contains('#') || query.Any(char.IsControl)) errors["query"] = ["The query string holds characters a URL query cannot."];
        if (errors.Count > 0) return (null, errors);

        var existing = await db.TaskFilters.FirstOrDefaultAsync(f => f.UserId == userId && f.Name == name, ct);
        if (existing is not null)
        {
            existing.Query = query!;
        }
        else
        {
            if (await db.TaskFilters.CountAsync(f => f.UserId == userId, ct) >= MaxPerUser)
                return (null, new() { ["name"] = [$"You keep at most {MaxPerUser} filters; delete one first."] });
            existing = new UserTaskFilter { Id = Guid.NewGuid(), UserId = userId, Name = name!, Query = query!, CreatedAt = clock.GetUtcNow().UtcTicks };
            db.TaskFilters.Add(existing);
        }
        await db.SaveChangesAsync(ct);
        return (View(existing), errors);
    }

    /// <summary>False when the user has no filter of that id (another user's filter counts as none).</summary>
    public async Task<bool> DeleteAsync(string userId, Guid id, CancellationToken ct) =>
        await db.TaskFilters.Where(f => f.UserId == userId && f.Id == id).ExecuteDeleteAsync(ct) > 0;

    private static SavedFilter View(UserTaskFilter f) => new(f.Id, f.Name, f.Query, new DateTimeOffset(f.CreatedAt, TimeSpan.Zero));
}
