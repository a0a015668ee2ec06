using Npgsql;

namespace Club.Testing;

/// <summary>A member to create without the account machinery (no password hashing): many in one statement.</summary>
public sealed record TestMember(Guid Id, string Role, DateOnly? Birthday, DateTimeOffset? BirthdayChangedAt = null, string? SellerStatus = "Active")
{
    public static TestMember Buyer(DateOnly? birthday, DateTimeOffset? changedAt = null) => new(Guid.NewGuid(), "Buyer", birthday, changedAt, null);

    public static TestMember Seller(DateOnly? birthday, string status = "Active") => new(Guid.NewGuid(), "Seller", birthday, null, status);
}

public static class TestMembers
{
    /// <summary>Inserts the accounts, profiles and roles in one statement; sellers work at the first demo shop.</summary>
    public static async Task SeedAsync(string connectionString, IReadOnlyList<TestMember> members)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            WITH input AS (
                SELECT * FROM unnest(@ids, @roles, @birthdays, @changed, @statuses) AS i(id, role, birthday, changed_at, seller_status)),
            account AS (
                INSERT INTO users (id, user_name, normalized_user_name, email, normalized_email, email_confirmed,
                                   phone_number_confirmed, two_factor_enabled, lockout_enabled, access_failed_count, security_stamp)
                SELECT id, id || '@members.test', upper(id || '@members.test'), id || '@members.test', upper(id || '@members.test'),
                       true, false, false, true, 0, md5(id::text)
                FROM input),
            profile AS (
                INSERT INTO members (id, full_name, birthday, birthday_changed_at, culture, joined_at, seller_status, partner_id, shop_id)
                SELECT id, 'Member ' || left(id::text, 8), birthday, changed_at, 'ru', now(), seller_status,
                       CASE WHEN role = 'Seller' THEN (SELECT min(id) FROM partners) END,
                       CASE WHEN role = 'Seller' THEN (SELECT min(s.id) FROM shops s WHERE s.partner_id = (SELECT min(id) FROM partners)) END
                FROM input)
            INSERT INTO user_roles (user_id, role_id)
            SELECT i.id, r.id FROM input i JOIN roles r ON r.name = i.role
            """, connection);
        command.Parameters.AddWithValue("ids", members.Select(m => m.Id).ToArray());
        command.Parameters.AddWithValue("roles", members.Select(m => m.Role).ToArray());
        command.Parameters.AddWithValue("birthdays", members.Select(m => m.Birthday).ToArray());
        command.Parameters.AddWithValue("changed", members.Select(m => m.BirthdayChangedAt?.ToUniversalTime()).ToArray());
        command.Parameters.AddWithValue("statuses", members.Select(m => m.SellerStatus).ToArray());
        await command.ExecuteNonQueryAsync();
    }
}
