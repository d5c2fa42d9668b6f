using System.Collections;
using System.Data.Common;
using System.Globalization;
using System.Text.RegularExpressions;

namespace ScoreCockpit.Engine.Warehouse;

/// <summary>
/// The warehouse's own number for an error. Providers expose it differently: SQL Server's SqlException has
/// <c>Number</c>, Teradata's TdException a collection of errors each with a <c>Number</c>, and Teradata's message starts
/// "[Teradata Database] [3807] …". Read by reflection so no provider assembly is needed to compile this.
/// </summary>
public static partial class WarehouseErrorCodes
{
    public static int? Of(DbException error)
    {
        if (Number(error) is { } number)
        {
            return number;
        }

        if (error.GetType().GetProperty("Errors")?.GetValue(error) is IEnumerable errors)
        {
            foreach (var first in errors)
            {
                if (first is not null && Number(first) is { } inner)
                {
                    return inner;
                }

                break;
            }
        }

        var match = Bracketed().Match(error.Message);
        return match.Success ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : null;
    }

    private static int? Number(object source) =>
        source.GetType().GetProperty("Number")?.GetValue(source) switch
        {
            int value when value != 0 => value,
            short value when value != 0 => value,
            _ => null,
        };

    // The first bracketed number after the source tag: "[Teradata Database] [3807] Object 'x' does not exist."
    [GeneratedRegex(@"\[(\d{3,6})\]")]
    private static partial Regex Bracketed();
}
