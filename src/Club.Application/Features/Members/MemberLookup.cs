using Club.Application.Abstractions;
using Club.Domain.Members;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Members;

/// <summary>Finds one member by what staff are told on the phone: an email or a phone number.</summary>
public static class MemberLookup
{
    /// <summary>The member whose email (any case) or phone (any usual spelling) this is, or null.</summary>
    public static async Task<Guid?> ByEmailOrPhoneAsync(IClubDb db, string? emailOrPhone, CancellationToken cancellationToken)
    {
        var text = emailOrPhone?.Trim() ?? "";
        if (text.Length is 0 or > 256)
        {
            return null;
        }

        // Identity stores the upper-cased email in normalized_email and the E.164 phone in phone_number.
        var rows = text.Contains('@')
            ? await db.Database.SqlQuery<Guid>($"SELECT u.id AS \"Value\" FROM users u JOIN members m ON m.id = u.id WHERE u.normalized_email = {text.ToUpperInvariant()}")
                .ToListAsync(cancellationToken)
            : PhoneNumber.TryNormalize(text, out var phone)
                ? await db.Database.SqlQuery<Guid>($"SELECT u.id AS \"Value\" FROM users u JOIN members m ON m.id = u.id WHERE u.phone_number = {phone}")
                    .ToListAsync(cancellationToken)
                : [];
        return rows.Count == 1 ? rows[0] : null;
    }
}
