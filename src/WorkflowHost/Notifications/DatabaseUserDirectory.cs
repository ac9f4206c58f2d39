namespace WorkflowHost.Notifications;

/// <summary>Contacts and group membership from the user_contacts and user_groups tables.</summary>
public sealed class DatabaseUserDirectory(NotificationDatabase db) : IUserDirectory
{
    private static UserContact Read(System.Data.Common.DbDataReader r) =>
        new(r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1), r.GetString(2), r.GetString(3), Convert.ToInt32(r.GetValue(4)) != 0);

    public async Task<UserContact?> FindAsync(string userId, CancellationToken ct) =>
        (await db.QueryAsync("SELECT user_id, display_name, email, language, digest FROM user_contacts WHERE user_id = @p0", Read, ct, userId))
        .FirstOrDefault();

    public async Task<IReadOnlyList<UserContact>> MembersOfAsync(string group, CancellationToken ct) =>
        await db.QueryAsync("""
            SELECT c.user_id, c.display_name, c.email, c.language, c.digest FROM user_contacts c
            JOIN user_groups g ON g.user_id = c.user_id WHERE g.group_name = @p0 ORDER BY c.user_id
            """, Read, ct, group.ToLowerInvariant());

    public async Task SaveAsync(UserContact contact, IEnumerable<string> groups, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        async Task Run(string sql, params object?[] values)
        {
            await using var command = NotificationDatabase.Command(connection, sql, values);
            command.Transaction = tx;
            await command.ExecuteNonQueryAsync(ct);
        }
        await Run("DELETE FROM user_groups WHERE user_id = @p0", contact.UserId);
        await Run("DELETE FROM user_contacts WHERE user_id = @p0", contact.UserId);
        await Run("INSERT INTO user_contacts (user_id, display_name, email, language, digest) VALUES (@p0, @p1, @p2, @p3, @p4)",
            contact.UserId, contact.DisplayName, contact.Email, contact.Language, contact.Digest ? 1 : 0);
        foreach (var group in groups.Select(g => g.ToLowerInvariant()).Distinct())
            await Run("INSERT INTO user_groups (user_id, group_name) VALUES (@p0, @p1)", contact.UserId, group);
        await tx.CommitAsync(ct);
    }
}
