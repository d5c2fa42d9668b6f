using System.Globalization;
using System.Text;

namespace ScoreCockpit.Engine.Warehouse.Import;

/// <summary>
/// Column names from a header row: accents dropped, lower case, every run of other characters an underscore
/// (none at either end), "c_" before a leading digit, "column_N" when nothing is left, cut to 56 characters, and
/// "_2", "_3"… after a name already taken. Every header that changed is reported.
/// </summary>
public static class CsvHeader
{
    /// <summary>PostgreSQL cuts identifiers at 63 characters; room is kept under that for a de-duplicating suffix.</summary>
    public const int MaxNameLength = 56;

    public static (IReadOnlyList<string> Names, IReadOnlyList<CsvColumnRename> Renames) Sanitise(IReadOnlyList<string?> headers)
    {
        var names = new List<string>(headers.Count);
        var renames = new List<CsvColumnRename>();
        var taken = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < headers.Count; i++)
        {
            var header = headers[i] ?? "";
            var name = Unique(Clean(header, i + 1), taken);
            names.Add(name);
            if (name != header)
            {
                renames.Add(new CsvColumnRename(i + 1, header, name));
            }
        }

        return (names, renames);
    }

    public static string Clean(string header, int position)
    {
        var text = new StringBuilder(header.Length);
        foreach (var c in Decompose(header.Trim()))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            var lower = char.ToLowerInvariant(c);
            var keep = lower is (>= 'a' and <= 'z') or (>= '0' and <= '9');
            if (keep)
            {
                text.Append(lower);
            }
            else if (text.Length > 0 && text[^1] != '_')
            {
                text.Append('_');
            }
        }

        var name = text.ToString().TrimEnd('_');
        if (name.Length == 0)
        {
            return string.Create(CultureInfo.InvariantCulture, $"column_{position}");
        }

        if (char.IsAsciiDigit(name[0]))
        {
            name = "c_" + name;
        }

        return name.Length <= MaxNameLength ? name : name[..MaxNameLength].TrimEnd('_');
    }

    // A lone surrogate cannot be normalised (it can only come from a caller, never from a decoded file):
    // it counts as a separator, like any other symbol.
    private static string Decompose(string text)
    {
        try
        {
            return text.Normalize(NormalizationForm.FormD);
        }
        catch (ArgumentException)
        {
            var valid = string.Concat(text.EnumerateRunes().Select(r => r == Rune.ReplacementChar ? " " : r.ToString()));
            return valid.Normalize(NormalizationForm.FormD);
        }
    }

    private static string Unique(string name, HashSet<string> taken)
    {
        var candidate = name;
        for (var n = 2; !taken.Add(candidate); n++)
        {
            candidate = string.Create(CultureInfo.InvariantCulture, $"{name}_{n}");
        }

        return candidate;
    }
}
