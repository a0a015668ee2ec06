namespace Club.Domain.Members;

/// <summary>
/// Phone numbers as people type them ("8 (916) 123-45-67", "+7 916 1234567") reduced to one
/// E.164 form (+79161234567), so one person cannot hold two accounts by writing a number twice.
/// </summary>
public static class PhoneNumber
{
    public static bool TryNormalize(string? input, out string normalized)
    {
        normalized = "";
        if (string.IsNullOrWhiteSpace(input) || input.Length > 40)
        {
            return false;
        }

        var trimmed = input.Trim();
        if (trimmed.Any(c => !(char.IsAsciiDigit(c) || c is '+' or ' ' or '-' or '(' or ')' or '.')))
        {
            return false;
        }

        var digits = new string(trimmed.Where(char.IsAsciiDigit).ToArray());
        var international = trimmed.StartsWith('+');

        // Russian habits: a leading 8 means +7, and ten digits are a number without its country code.
        if (!international && digits.Length == 11 && digits[0] == '8')
        {
            digits = "7" + digits[1..];
        }
        else if (!international && digits.Length == 10)
        {
            digits = "7" + digits;
        }

        if (digits.Length is < 8 or > 15 || digits[0] == '0')
        {
            return false;
        }

        normalized = "+" + digits;
        return true;
    }
}
