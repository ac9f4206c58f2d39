using System.Text;

namespace TechTransfer.Common;

/// <summary>Enum values as the kebab-case words processes and forms use (<c>TradeSecret</c> = <c>trade-secret</c>).</summary>
public static class Names
{
    public static string Kebab<T>(T value) where T : struct, Enum
    {
        var name = value.ToString();
        var sb = new StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0) sb.Append('-');
            sb.Append(char.ToLowerInvariant(name[i]));
        }
        return sb.ToString();
    }

    public static T Parse<T>(string? text, string field) where T : struct, Enum
    {
        var compact = (text ?? "").Replace("-", "").Replace("_", "").Trim();
        if (compact.Length > 0 && !char.IsDigit(compact[0]) && Enum.TryParse<T>(compact, ignoreCase: true, out var value) && Enum.IsDefined(value))
            return value;
        throw TechTransferException.Rule("invalid-value",
            $"'{text}' is not one of: {string.Join(", ", Enum.GetValues<T>().Select(Kebab))}.", field);
    }
}
